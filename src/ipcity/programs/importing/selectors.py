"""Reads of the import workflow: which drafts a user may see, and the review screen's content."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db.models import Q
from django.http import Http404
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ipcity.core.access import access_require_office, user_role
from ipcity.core.models import Department, Role
from ipcity.core.regions import region_find
from ipcity.core.templatetags.punctuation import list_comma, parenthesised
from ipcity.programs.access import access_programs
from ipcity.programs.importing.diff import PairView, PlanDiff, plan_diff
from ipcity.programs.importing.matching import fold
from ipcity.programs.importing.preview import ImportPreview, import_preview
from ipcity.programs.importing.services import department_map, edited_plan, pairing_overrides
from ipcity.programs.importing.validation import plan_problems
from ipcity.programs.models import PlanImport, Program
from ipcity.programs.plan_export import program_to_plan
from ipcity.programs.revision import Loss, revision_losses, revision_pairing

CONTEXT_CHARS = 80


def visible_imports(user):
    """Drafts an office user may review: its own uploads and revisions of programmes it sees."""
    access_require_office(user)
    qs = PlanImport.objects.select_related("target_program", "created_by")
    if user_role(user) == Role.ADMIN:
        return qs
    return qs.filter(Q(created_by=user) | Q(target_program__in=access_programs(user)))


def plan_import_for(user, import_id: int) -> PlanImport:
    plan_import = visible_imports(user).filter(pk=import_id).first()
    if plan_import is None:
        raise Http404(_("导入记录不存在或无权查看"))
    return plan_import


@dataclass
class EvidenceView:
    before: str
    passage: str
    after: str


def evidence_view(source_text: str, evidence: dict | None) -> EvidenceView | None:
    """The passage an item was read from, with a little of the text around it.

    The offsets point into the extracted text; when they do not (an edited or hand-made plan),
    the passage is shown alone.
    """
    if not evidence or not evidence.get("text"):
        return None
    start, end = evidence.get("start"), evidence.get("end")
    if isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(source_text):
        return EvidenceView(source_text[max(0, start - CONTEXT_CHARS):start], source_text[start:end],
                            source_text[end:end + CONTEXT_CHARS])
    return EvidenceView("", evidence["text"], "")


@dataclass
class ItemView:
    index: int
    item: dict
    evidence: EvidenceView | None
    problems: list[str] = field(default_factory=list)  # this item's own, shown on its card


def item_views(plan_import: PlanImport, kind: str, problems: list[str] | None = None) -> list[ItemView]:
    """Every item of ``kind``; with the review's ``problems``, each carries its own."""
    by_item = problems_by_item(problems or [], kind)
    return [ItemView(i, item, evidence_view(plan_import.source_text, item.get("evidence")), by_item.get(i, []))
            for i, item in enumerate(plan_import.edited[kind])]


def item_view(plan_import: PlanImport, kind: str, index: int, problems: list[str] | None = None) -> ItemView:
    items = plan_import.edited[kind]
    if not 0 <= index < len(items):
        raise Http404(_("条目不存在"))
    return ItemView(index, items[index], evidence_view(plan_import.source_text, items[index].get("evidence")),
                    problems_by_item(problems or [], kind).get(index, []))


def units_preview(plan_import: PlanImport) -> ImportPreview:
    plan = edited_plan(plan_import)
    region = plan_import.target_program.region if plan_import.target_program_id else None
    return import_preview(plan, region=region, department_map=department_map(plan_import))


def unit_choice_options(preview: ImportPreview, departments: list[Department]) -> dict[str, str]:
    """Per unit name, the <option>s of its department choice, built here rather than in a
    template loop: units × departments options make up most of a large review page."""
    everyone = format_html_join("", '<option value="{}" lang="zh">{}</option>', ((d.pk, d.name) for d in departments))
    options = {}
    for unit in preview.units:
        auto = unit.match.name if (unit.how != "chosen" and unit.match) else ("" if unit.how == "chosen" else _("新建"))
        # Options naming a department are data (Chinese by nature): lang="zh", for screen readers.
        parts = [format_html('<option value=""{}{}>{}{}</option>', _selected(unit.chosen == ""),
                             mark_safe(' lang="zh"') if unit.match and unit.how != "chosen" else "", _("自动"),
                             parenthesised(auto) if auto else ""),
                 format_html('<option value="new"{} lang="zh">{}</option>', _selected(unit.chosen is None),
                             _("新建部门“%(name)s”") % {"name": unit.name})]
        if unit.suggestions:
            parts.append(format_html('<optgroup label="{}">{}</optgroup>', _("建议"), format_html_join(
                "", '<option value="{}"{} lang="zh">{}</option>',
                ((d.pk, _selected(unit.chosen == d.pk), d.name) for d in unit.suggestions))))
        if departments:
            listed = unit.chosen if isinstance(unit.chosen, int) and unit.chosen not in {d.pk for d in unit.suggestions} else None
            group = everyone if listed is None else format_html_join(
                "", '<option value="{}"{} lang="zh">{}</option>', ((d.pk, _selected(d.pk == listed), d.name) for d in departments))
            parts.append(format_html('<optgroup label="{}">{}</optgroup>', _("本地区全部部门"), group))
        options[unit.name] = mark_safe("".join(parts))  # noqa: S308 - every part is format_html output
    return options


def _selected(flag: bool) -> str:
    return mark_safe(" selected") if flag else ""  # noqa: S308 - a constant


def region_departments(preview: ImportPreview) -> list[Department]:
    """Every department of the plan's region, for the "other department" choice."""
    code = preview.region.get("code")
    if not code or not preview.region.get("exists"):
        return []
    return list(Department.objects.filter(region__code=code, is_active=True).order_by("name"))


def revision_diff(plan_import: PlanImport) -> PlanDiff | None:
    """The diff of a revision, paired as confirming would pair it, with what would be lost."""
    if not plan_import.target_program_id:
        return None
    program = plan_import.target_program
    plan = edited_plan(plan_import)
    lined_up = revision_pairing(program, plan, pairing_overrides(plan_import))
    diff = plan_diff(program_to_plan(program), plan,
                     {kind: lined_up.of(kind).pairs for kind in ("indicators", "tasks")})
    for loss in revision_losses(lined_up):
        # The item's name is the plan's own words: lang="zh" (an English page reads the rest).
        diff.data_warnings.append(mark_safe(conditional_escape(_("%(kind)s“%(name)s”已有%(what)s，应用修订将一并删除")) % {  # noqa: S308 - every part escaped
            "kind": conditional_escape(loss.kind), "name": format_html('<span lang="zh">{}</span>', loss.name),
            "what": conditional_escape(list_comma()).join(loss.what_html())}))
    for kind in ("indicators", "tasks"):
        side = lined_up.of(kind)
        for j, i in side.renames():
            diff.renames.append(PairView(kind, j, side.rows[i].pk, _label(kind, side.old[i]), _label(kind, side.new[j]),
                                         manual=j in side.manual))
        new_free = [PairView(kind, j, None, "", _label(kind, item), manual=j in side.manual)
                    for j, item in enumerate(side.new) if j not in side.pairs]
        diff.unpaired_new[kind] = new_free
        paired_old = set(side.pairs.values())
        diff.unpaired_old += [PairView(kind, None, row.pk, _label(kind, side.old[i]), "", choices=new_free)
                              for i, row in enumerate(side.rows) if i not in paired_old]
    return diff


def _label(kind: str, item: dict) -> str:
    return item["name"] if kind == "indicators" else f"{item['ref']} {item['title']}"


def revision_losses_for(plan_import: PlanImport) -> list[Loss]:
    """What confirming this revision would delete together with its data (the confirmation page)."""
    if not plan_import.target_program_id:
        return []
    lined_up = revision_pairing(plan_import.target_program, edited_plan(plan_import), pairing_overrides(plan_import))
    return revision_losses(lined_up)


def duplicate_programs(plan_import: PlanImport, user) -> list[Program]:
    """Programmes the user sees with the same region, period and title as a new draft.

    Importing the same plan twice is usually a mistake; the review screen names them (the office
    may still go on). A revision is never a duplicate of the programme it revises. Titles are
    compared with white space and bracket widths folded; the region by what the plan names
    (read-only: ``region_find`` creates nothing).
    """
    if plan_import.target_program_id:
        return []
    plan = edited_plan(plan_import)
    region = region_find(plan.get("region", ""))
    same_region = Q(region_name=plan.get("region", "")) | Q(region__name=plan.get("region", ""))
    if region is not None:
        same_region |= Q(region=region)
    period = plan.get("period") or {}
    start, end = period.get("start"), period.get("end")
    if not isinstance(start, int) or not isinstance(end, int):
        return []  # a programme always has both years, so a plan without them matches none
    candidates = access_programs(user).filter(same_region, start_year=start, end_year=end)
    title = fold(plan.get("title"))
    return [p for p in candidates.select_related("region").order_by("pk") if fold(p.title) == title]


def pending_twins(plan_import: PlanImport, user) -> list[PlanImport]:
    """Other pending imports of the very same file (its sha256) that the user sees.

    Uploading a file again while its first review is open is usually a slip; the programmes they
    would make are only found duplicates once one of them is confirmed, so the review names them.
    """
    return list(visible_imports(user).filter(status=PlanImport.Status.PENDING, sha256=plan_import.sha256)
                .exclude(pk=plan_import.pk).order_by("pk"))


def review_problems(plan_import: PlanImport) -> list[str]:
    return plan_problems(edited_plan(plan_import))


_KIND_LABELS = {"indicators": gettext_lazy("指标"), "tasks": gettext_lazy("任务")}


def problems_of(problems: list[str], kind: str) -> list[str]:
    """The problems about one list (they start with its label and the item number)."""
    return [p for p in problems if p.startswith(str(_KIND_LABELS[kind]))]


def problems_by_item(problems: list[str], kind: str) -> dict[int, list[str]]:
    """Item index → the problems about that item (validation writes them 「指标3：…」, numbered from 1)."""
    number = re.compile(re.escape(str(_KIND_LABELS[kind])) + r" ?(\d+) ?[：:]")  # English: "Task 3: …"
    found: dict[int, list[str]] = {}
    for problem in problems:
        if match := number.match(problem):
            found.setdefault(int(match.group(1)) - 1, []).append(problem)
    return found



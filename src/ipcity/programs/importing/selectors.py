"""Reads of the import workflow: which drafts a user may see, and the review screen's content."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.db.models.deletion import Collector
from django.http import Http404
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from ipcity.core.access import access_programs, access_require_office, user_role
from ipcity.core.models import Department, Role
from ipcity.programs.importing.diff import PlanDiff, plan_diff
from ipcity.programs.importing.preview import ImportPreview, import_preview
from ipcity.programs.importing.services import department_map, edited_plan
from ipcity.programs.importing.validation import plan_problems
from ipcity.programs.models import PlanImport
from ipcity.programs.plan_export import program_to_plan

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
        raise Http404("导入记录不存在或无权查看")
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


def item_views(plan_import: PlanImport, kind: str) -> list[ItemView]:
    return [ItemView(i, item, evidence_view(plan_import.source_text, item.get("evidence")))
            for i, item in enumerate(plan_import.edited[kind])]


def item_view(plan_import: PlanImport, kind: str, index: int) -> ItemView:
    items = plan_import.edited[kind]
    if not 0 <= index < len(items):
        raise Http404("条目不存在")
    return ItemView(index, items[index], evidence_view(plan_import.source_text, items[index].get("evidence")))


def units_preview(plan_import: PlanImport) -> ImportPreview:
    plan = edited_plan(plan_import)
    region = plan_import.target_program.region if plan_import.target_program_id else None
    return import_preview(plan, region=region, department_map=department_map(plan_import))


def unit_choice_options(preview: ImportPreview, departments: list[Department]) -> dict[str, str]:
    """Per unit name, the <option>s of its department choice, built here rather than in a
    template loop: units × departments options make up most of a large review page."""
    everyone = format_html_join("", '<option value="{}">{}</option>', ((d.pk, d.name) for d in departments))
    options = {}
    for unit in preview.units:
        auto = unit.match.name if (unit.how != "chosen" and unit.match) else ("" if unit.how == "chosen" else _("新建"))
        parts = [format_html('<option value=""{}>{}{}</option>', _selected(unit.chosen == ""), _("自动"),
                             f"（{auto}）" if auto else ""),
                 format_html('<option value="new"{}>{}“{}”</option>', _selected(unit.chosen is None),
                             _("新建部门"), unit.name)]
        if unit.suggestions:
            parts.append(format_html('<optgroup label="{}">{}</optgroup>', _("建议"), format_html_join(
                "", '<option value="{}"{}>{}</option>',
                ((d.pk, _selected(unit.chosen == d.pk), d.name) for d in unit.suggestions))))
        if departments:
            listed = unit.chosen if isinstance(unit.chosen, int) and unit.chosen not in {d.pk for d in unit.suggestions} else None
            group = everyone if listed is None else format_html_join(
                "", '<option value="{}"{}>{}</option>', ((d.pk, _selected(d.pk == listed), d.name) for d in departments))
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
    if not plan_import.target_program_id:
        return None
    program = plan_import.target_program
    old = program_to_plan(program)
    diff = plan_diff(old, edited_plan(plan_import))
    removed = [(program.indicators.order_by("order", "id"), old["indicators"], diff.indicators_removed, "指标"),
               (program.tasks.order_by("order", "id"), old["tasks"], diff.tasks_removed, "任务")]
    for rows, old_items, removed_items, label in removed:
        if not removed_items:
            continue
        rows = list(rows)
        for item in removed_items:
            row = rows[old_items.index(item)]
            lost = data_lost_with(row)
            if lost:
                name = item.get("name") or item.get("title")
                diff.data_warnings.append(f"{label}“{name}”已有{'、'.join(lost)}，应用修订将一并删除")
    return diff


def data_lost_with(obj) -> list[str]:
    """What other apps hold on an object that deleting it would take along ("3 条实际值")."""
    collector = Collector(using="default")
    collector.collect([obj])
    counts: dict[str, int] = {}
    for model, instances in collector.data.items():
        if model._meta.app_label not in ("programs", "core", "audit"):
            counts[str(model._meta.verbose_name)] = counts.get(str(model._meta.verbose_name), 0) + len(instances)
    for queryset in collector.fast_deletes:
        model = queryset.model
        if model._meta.app_label not in ("programs", "core", "audit"):
            count = queryset.count()
            if count:
                counts[str(model._meta.verbose_name)] = counts.get(str(model._meta.verbose_name), 0) + count
    return [f"{count} 条{name}" for name, count in counts.items() if count]


def review_problems(plan_import: PlanImport) -> list[str]:
    return plan_problems(edited_plan(plan_import))


_KIND_LABELS = {"indicators": "指标", "tasks": "任务"}


def problems_of(problems: list[str], kind: str) -> list[str]:
    """The problems about one list (they start with its label and the item number)."""
    return [p for p in problems if p.startswith(_KIND_LABELS[kind])]



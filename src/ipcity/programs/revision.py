"""How a revised plan lines up with a stored programme: which item continues which, what is lost.

Shared by the review screen (the diff and the confirmation page, before) and by
``program_apply_revision`` (after), so the office confirms exactly what is applied. An item
that is not continued by any item of the revised plan is deleted; when it carries data (actual
values, report lines, cross-programme links, a data owner) the revision refuses to run unless
the caller passes the digest of the very list of losses the office was shown.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model, Prefetch
from django.db.models.deletion import Collector
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from ipcity.programs.importing.matching import fold, pair_with_overrides
from ipcity.programs.models import Indicator, IndicatorTarget, Program, Task, TaskAssignment, TaskTarget
from ipcity.programs.plan_export import indicator_to_plan, task_to_plan

KINDS = ("indicators", "tasks")


@dataclass
class KindPairing:
    """One list (indicators or tasks): the stored rows, the plan's items and {new index: old index}."""

    kind: str
    rows: list
    old: list[dict]
    new: list[dict]
    pairs: dict[int, int]
    manual: set[int] = field(default_factory=set)  # new indices paired (or unpaired) by the office

    def removed_rows(self) -> list:
        kept = set(self.pairs.values())
        return [row for i, row in enumerate(self.rows) if i not in kept]

    def renames(self) -> list[tuple[int, int]]:
        """(new index, old index) of pairs whose name or title differs."""
        key = "name" if self.kind == "indicators" else "title"
        return [(j, i) for j, i in sorted(self.pairs.items()) if fold(self.old[i][key]) != fold(self.new[j][key])]


@dataclass
class RevisionPairing:
    indicators: KindPairing
    tasks: KindPairing

    def of(self, kind: str) -> KindPairing:
        return self.indicators if kind == "indicators" else self.tasks


def overrides_from_json(raw: dict | None) -> dict[str, dict[int, int | None]]:
    """The office's pairing choices as stored in a draft ({"indicators": {"3": 17, "5": null}})."""
    result: dict[str, dict[int, int | None]] = {}
    for kind in KINDS:
        result[kind] = {int(j): (int(pk) if pk is not None else None) for j, pk in ((raw or {}).get(kind) or {}).items()}
    return result


def revision_pairing(program: Program, plan: dict, overrides: dict | None = None) -> RevisionPairing:
    overrides = overrides_from_json(overrides)
    indicators = list(Indicator.objects.filter(program=program).order_by("order", "id").prefetch_related(
        Prefetch("targets", queryset=IndicatorTarget.objects.order_by("id"))).select_related("owner_department"))
    tasks = list(Task.objects.filter(program=program).order_by("order", "id").prefetch_related(
        Prefetch("assignments", queryset=TaskAssignment.objects.order_by("order", "id")),
        Prefetch("targets", queryset=TaskTarget.objects.order_by("order", "id"))))
    kinds = []
    for kind, rows, to_plan in (("indicators", indicators, indicator_to_plan), ("tasks", tasks, task_to_plan)):
        old = [to_plan(row) for row in rows]
        new = plan[kind]
        pairs = pair_with_overrides(old, new, [row.pk for row in rows], kind, overrides[kind])
        kinds.append(KindPairing(kind, rows, old, new, pairs, manual=set(overrides[kind])))
    return RevisionPairing(*kinds)


# --- losses --------------------------------------------------------------------------------

@dataclass
class Loss:
    kind: str  # "指标" or "任务"
    name: str
    what: list[str]  # "4 条指标实际值", "数据责任部门：市科技局"
    data_names: list[str] = field(default_factory=list)  # the names inside ``what`` (a department's)

    def what_html(self) -> list[str]:
        """``what`` for a page: the names in it are data, marked ``lang="zh"`` (an English page
        reads the rest)."""
        marked: list[str] = []
        for text in self.what:
            html = str(conditional_escape(text))
            for name in self.data_names:
                html = html.replace(str(conditional_escape(name)), format_html('<span lang="zh">{}</span>', name))
            marked.append(mark_safe(html))  # noqa: S308 - escaped above, spans built by format_html
        return marked


def revision_losses(pairing: RevisionPairing) -> list[Loss]:
    """Every removed item that carries data, with exactly what deleting it takes along."""
    losses = []
    for row in pairing.indicators.removed_rows():
        what = data_lost_with(row)
        names = []
        if row.owner_department_id:
            names.append(row.owner_department.name)
            what.append(_("数据责任部门：%(name)s") % {"name": row.owner_department.name})
        if what:
            losses.append(Loss(_("指标"), row.name, what, names))
    for row in pairing.tasks.removed_rows():
        what = data_lost_with(row)
        if what:
            losses.append(Loss(_("任务"), f"{row.ref} {row.title}", what))
    return losses


def loss_digest(losses: list[Loss]) -> str:
    """A short fingerprint of a list of losses: confirming one list does not confirm another."""
    body = json.dumps([(loss.kind, loss.name, loss.what) for loss in losses], ensure_ascii=False)
    return hashlib.sha256(body.encode()).hexdigest()[:16]


class DataLossUnconfirmed(Exception):
    """A revision would delete items with data, and the office has not confirmed this list."""

    def __init__(self, losses: list[Loss]):
        self.losses = losses
        self.digest = loss_digest(losses)
        super().__init__(f"{len(losses)} items with data would be deleted")


def data_lost_with(obj) -> list[str]:
    """What other apps hold on an object that deleting it would take along ("3 条指标实际值").

    A model whose rows are created blank (a report's task lines and indicator values, made when a
    round opens) narrows them with its ``written_only``: only the rows someone wrote count
    ("1 条已填写的任务进展记录"), not every department's still empty line."""
    collector = Collector(using="default")
    collector.collect([obj])
    counts: dict[type[Model], int] = {}
    collected: list[tuple[type[Model], Any]] = [(model, model._base_manager.filter(pk__in=[o.pk for o in instances]))
                 if hasattr(model, "written_only") else (model, len(instances))
                 for model, instances in collector.data.items()]
    for model, rows in [*collected, *((queryset.model, queryset) for queryset in collector.fast_deletes)]:
        if model._meta.app_label in ("programs", "core", "audit"):
            continue
        if isinstance(rows, int):
            count = rows
        else:
            count = (model.written_only(rows) if hasattr(model, "written_only") else rows).count()
        if count:
            counts[model] = counts.get(model, 0) + count
    return [(_("%(count)s 条已填写的%(name)s") if hasattr(model, "written_only") else _("%(count)s 条%(name)s"))
            % {"count": count, "name": model._meta.verbose_name} for model, count in counts.items()]

"""Writes to programme data. Each function is one transaction that also writes the audit trail.

``program_create_from_plan`` turns a plan (``ipcity-plan/1`` dict, from the parser, a JSON file
or the review screen) into a programme; ``program_apply_revision`` updates a programme from a
revised plan in place, keeping the ids of what is still there. Neither writes anything when
the plan is invalid or any step fails.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from ipcity.audit.services import audit_record, snapshot
from ipcity.core.contributions import program_work_changed
from ipcity.core.departments import DepartmentIndex
from ipcity.core.models import Department, Region
from ipcity.core.services import department_alias_add, region_resolve
from ipcity.programs.importing.matching import fold, pair_items
from ipcity.programs.importing.validation import PlanInvalid, plan_validate
from ipcity.programs.lifecycle import require_not_archived
from ipcity.programs.models import (
    Indicator,
    IndicatorTarget,
    Phase,
    Program,
    ReportingDuty,
    Task,
    TaskAssignment,
    TaskTarget,
)
from ipcity.programs.reform.selectors import department_successor
from ipcity.programs.revision import (
    DataLossUnconfirmed,
    KindPairing,
    loss_digest,
    revision_losses,
    revision_pairing,
)

__all__ = ["DataLossUnconfirmed", "PlanInvalid", "program_apply_revision", "program_create_from_plan",
           "program_mark_sample", "plan_department_names"]


@transaction.atomic
def program_create_from_plan(
    *,
    plan: dict,
    user: User | None,
    region: Region | None = None,
    department_map: dict[str, int | None] | None = None,
    source_name: str = "",
    source_text: str = "",
) -> Program:
    """Create a programme with everything the plan holds, in one transaction, audited.

    ``department_map`` is the reviewer's choice per unit name as written: a department id, or
    None for "create a new department". Names it does not mention are matched by alias and
    abbreviation rules (``ipcity.core.departments``), else created.
    """
    plan_validate(plan)
    region = region or region_resolve(plan["region"])
    program = Program(source_name=source_name[:255], source_text=source_text, created_by=_user_or_none(user))
    _set_program_fields(program, plan, region)
    program.save()
    audit_record(actor=user, action="program.create", obj=program, program_id=program.pk,
                 note=f"从计划导入：{len(plan['indicators'])} 项指标，{len(plan['tasks'])} 项任务")
    resolver = DepartmentResolver(region=region, user=user, program_id=program.pk, department_map=department_map)
    _sync_phases_and_duties(program, plan)
    for order, item in enumerate(plan["indicators"]):
        indicator = Indicator(program=program, order=order)
        _set_indicator_fields(indicator, item)
        indicator.save()
        _sync_indicator_targets(indicator, item, program.end_year)
        audit_record(actor=user, action="indicator.create", obj=indicator, program_id=program.pk)
    for order, item in enumerate(plan["tasks"]):
        task = Task(program=program, order=order)
        _set_task_fields(task, item)
        task.save()
        _sync_task_assignments(task, item, resolver)
        _sync_task_targets(task, item)
        audit_record(actor=user, action="task.create", obj=task, program_id=program.pk)
    return program


@transaction.atomic
def program_mark_sample(*, program: Program, user: User | None) -> Program:
    """Mark a programme as the demo's sample (``ipcity demo``), audited."""
    program.is_sample = True
    program.save(update_fields=["is_sample"])
    audit_record(actor=user, action="program.mark_sample", obj=program, program_id=program.pk,
                 before={"is_sample": False}, after={"is_sample": True})
    return program


@dataclass
class RevisionSummary:
    """What a revision changed, by kind: counts of created, updated and deleted items."""

    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    deleted: dict[str, int] = field(default_factory=dict)

    def count(self, bucket: str, kind: str) -> None:
        counts = getattr(self, bucket)
        counts[kind] = counts.get(kind, 0) + 1


@transaction.atomic
def program_apply_revision(
    *,
    program: Program,
    plan: dict,
    user: User | None,
    department_map: dict[str, int | None] | None = None,
    source_name: str = "",
    source_text: str = "",
    pairing: dict | None = None,
    accept_loss: str | None = None,
) -> Program:
    """Update ``program`` from a revised plan in place, keeping ids of matching items, audited.

    Items pair as ``ipcity.programs.revision`` pairs them: the office's ``pairing`` choices,
    then names, then proposed renames; a paired item keeps its id and everything hanging on
    it. What no longer appears is deleted, what is new is created. When a deleted item carries
    data, nothing is written unless ``accept_loss`` is the digest of that list of losses
    (``DataLossUnconfirmed`` tells the caller what to show).
    """
    plan_validate(plan)
    # Lock the row, then work on the caller's instance so it reflects the revision.
    Program.objects.select_for_update().filter(pk=program.pk).values_list("pk", flat=True).get()
    program.refresh_from_db()
    require_not_archived(program)
    lined_up = revision_pairing(program, plan, pairing)
    losses = revision_losses(lined_up)
    if losses and accept_loss != loss_digest(losses):
        raise DataLossUnconfirmed(losses)
    before = snapshot(program)
    _set_program_fields(program, plan, program.region)
    if source_name:
        program.source_name = source_name[:255]
    if source_text:
        program.source_text = source_text
    program.save()
    summary = RevisionSummary()
    resolver = DepartmentResolver(region=program.region, user=user, program_id=program.pk, department_map=department_map)
    _sync_phases_and_duties(program, plan)
    _revise_indicators(program, lined_up.indicators, user, summary)
    _revise_tasks(program, lined_up.tasks, user, resolver, summary)
    audit_record(actor=user, action="program.revise", obj=program, before=before, after=snapshot(program),
                 program_id=program.pk, note=_summary_note(summary))
    program_work_changed(program)  # open rounds get the new tasks' and departments' reports and lines
    return program


def plan_department_names(plan: dict) -> list[str]:
    """Every unit name the plan's tasks write, once, in order of first appearance."""
    seen: dict[str, None] = {}
    for task in plan.get("tasks", []):
        for name in [*task.get("departments", []), *task.get("lead", [])]:
            seen.setdefault(name, None)
    return list(seen)


def _successor_or_self(department: Department | None) -> Department | None:
    """机构改革: a merged unit's successor, following merges one after another (a loop, which only
    a hand edit could make, ends where it closes)."""
    if department is None or department.merged_into_id is None:
        return department
    return department_successor(department) or department


class DepartmentResolver:
    """Written unit name → Department, for one import: reviewer's map, then alias rules, then new."""

    def __init__(self, *, region: Region, user: User | None, program_id: int, department_map: dict[str, int | None] | None):
        self.region = region
        self.user = user
        self.program_id = program_id
        self.department_map = department_map or {}
        self.index = DepartmentIndex.for_region(region)
        self.cache: dict[str, Department] = {}

    def resolve(self, name: str) -> Department:
        if name not in self.cache:
            self.cache[name] = self._resolve_uncached(name)
        return self.cache[name]

    def _resolve_uncached(self, name: str) -> Department:
        if name in self.department_map:
            chosen = self.department_map[name]
            if chosen is None:
                return self.resolve_strictly(name)
            department = _successor_or_self(Department.objects.filter(pk=chosen).first())  # merged since the review
            if department is None:
                raise PlanInvalid([_("单位“%(name)s”对应的部门不存在（id=%(id)s）") % {"name": name, "id": chosen}])
        else:
            department = self.index.resolve(name)
            if department is None:
                return self._create(name)
        if department_alias_add(department, name) is not None:
            self.index.add_alias(department, name)
        return department

    def resolve_strictly(self, name: str) -> Department:
        """The department named exactly so (as written), created when there is none.

        Used when the reviewer asks for a new unit, and when two names of one task fold to the
        same department: the document lists them apart, so they are two units.
        """
        department = Department.objects.filter(region=self.region, name=name.strip()).first()
        return _successor_or_self(department) or self._create(name)

    def _create(self, name: str) -> Department:
        department = Department.objects.create(region=self.region, name=name.strip()[:128])
        audit_record(actor=self.user, action="department.create", obj=department, program_id=self.program_id)
        self.index.add(department)
        return department


# --- fields --------------------------------------------------------------------------------

def _set_program_fields(program: Program, plan: dict, region: Region) -> None:
    program.title = plan["title"].strip()
    program.region = region
    program.region_name = plan["region"]
    program.issuer = plan.get("issuer")
    program.doc_number = plan.get("doc_number")
    program.issued_on = datetime.date.fromisoformat(plan["issued_on"]) if plan.get("issued_on") else None
    program.start_year = plan["period"]["start"]
    program.end_year = plan["period"]["end"]


def _set_indicator_fields(indicator: Indicator, item: dict) -> None:
    baseline = item.get("baseline") or {}
    indicator.name = item["name"]
    indicator.unit = item.get("unit")
    indicator.baseline_year = baseline.get("year")
    indicator.baseline_value = baseline.get("value")
    indicator.qualitative_target = item.get("qualitative_target")
    indicator.tags = list(item.get("tags") or [])
    indicator.source = item.get("source") or Indicator.Source.TABLE
    indicator.evidence = item.get("evidence")


def _set_task_fields(task: Task, item: dict) -> None:
    task.ref = item["ref"]
    task.title = item["title"]
    task.evidence = item.get("evidence")


# --- children of indicators and tasks ------------------------------------------------------

def _sync_indicator_targets(indicator: Indicator, item: dict, end_year: int) -> bool:
    """Make the stored targets those of the plan (kept rows per year); True when anything changed."""
    # A target without a year is a goal for the plan's end (the convention of the gold files).
    wanted = [(t["year"] if t["year"] is not None else end_year, float(t["value"]), t["comparator"])
              for t in item["targets"]]
    existing = list(indicator.targets.order_by("id"))
    if [(t.year, t.value, t.comparator) for t in existing] == wanted:
        return False
    # Recreate in the plan's order: the export returns targets in insertion order.
    indicator.targets.all().delete()
    IndicatorTarget.objects.bulk_create(
        [IndicatorTarget(indicator=indicator, year=y, value=v, comparator=c) for y, v, c in wanted]
    )
    return True


def _sync_task_targets(task: Task, item: dict) -> bool:
    wanted = [(t["name"], t["year"], float(t["value"]), t.get("unit"), t["comparator"]) for t in item["targets"]]
    existing = list(task.targets.order_by("order", "id"))
    if [(t.name, t.year, t.value, t.unit, t.comparator) for t in existing] == wanted:
        return False
    task.targets.all().delete()
    TaskTarget.objects.bulk_create([
        TaskTarget(task=task, order=order, name=name, year=year, value=value, unit=unit, comparator=comparator)
        for order, (name, year, value, unit, comparator) in enumerate(wanted)
    ])
    return True


def _sync_task_assignments(task: Task, item: dict, resolver: DepartmentResolver) -> bool:
    """Assignments as the plan lists them; an unchanged department keeps its row (and id)."""
    leads = set(item["lead"])
    wanted: list[tuple[Department, str, bool]] = []
    taken: set[int] = set()
    for name in item["departments"]:
        department = resolver.resolve(name)
        if department.pk in taken:
            department = resolver.resolve_strictly(name)
            if department.pk in taken:  # the very same unit written twice in one list
                continue
        taken.add(department.pk)
        wanted.append((department, name, name in leads))
    existing = {a.department_id: a for a in task.assignments.all()}
    current = sorted(existing.values(), key=lambda a: (a.order, a.pk))
    if [(a.department_id, a.name_as_written, a.is_lead) for a in current] == [(d.pk, n, lead) for d, n, lead in wanted]:
        return False
    task.assignments.exclude(department_id__in=taken).delete()
    for order, (department, name, is_lead) in enumerate(wanted):
        row = existing.get(department.pk) or TaskAssignment(task=task, department=department)
        row.order, row.name_as_written, row.is_lead = order, name, is_lead
        row.save()
    return True


def _sync_phases_and_duties(program: Program, plan: dict) -> None:
    """Phases and reporting duties as listed; one that is still there keeps its row, because
    other apps hang data on them (a supervision round points at its duty)."""
    old_phases = list(program.phases.order_by("order", "id"))
    pairs = pair_items(old_phases, plan["phases"], [(lambda o: fold(o.name), lambda n: fold(n["name"]))])
    program.phases.exclude(pk__in=[old_phases[i].pk for i in pairs.values()]).delete()
    for order, item in enumerate(plan["phases"]):
        phase = old_phases[pairs[order]] if order in pairs else Phase(program=program)
        phase.order, phase.name, phase.start, phase.end = order, item["name"], item["start"], item["end"]
        phase.save()
    old_duties = list(program.reporting_duties.order_by("order", "id"))
    pairs = pair_items(old_duties, plan["reporting"], [(lambda o: fold(o.what), lambda n: fold(n["what"]))])
    program.reporting_duties.exclude(pk__in=[old_duties[i].pk for i in pairs.values()]).delete()
    for order, item in enumerate(plan["reporting"]):
        duty = old_duties[pairs[order]] if order in pairs else ReportingDuty(program=program)
        _set_duty_fields(duty, order, item)
        duty.save()


def _set_duty_fields(duty: ReportingDuty, order: int, item: dict) -> None:
    due = item["due"]
    duty.order, duty.what, duty.who = order, item["what"], item.get("who")
    duty.due_month, duty.due_day = due.get("month"), due.get("day")
    duty.due_date, duty.every_months = due.get("date"), due.get("every_months")


# --- revision ------------------------------------------------------------------------------

def _revise_indicators(program: Program, lined_up: KindPairing, user: User | None, summary: RevisionSummary) -> None:
    old, pairs = lined_up.rows, lined_up.pairs
    kept = set(pairs.values())
    for i, indicator in enumerate(old):
        if i not in kept:
            audit_record(actor=user, action="indicator.delete", obj=indicator, before=snapshot(indicator),
                         program_id=program.pk)
            indicator.delete()
            summary.count("deleted", "indicator")
    for order, item in enumerate(lined_up.new):
        if order in pairs:
            indicator = old[pairs[order]]
            before = snapshot(indicator)
            indicator.order = order
            _set_indicator_fields(indicator, item)
            indicator.save()
            targets_changed = _sync_indicator_targets(indicator, item, program.end_year)
            after = snapshot(indicator)
            if _changed(before, after, ignore=("order",)) or targets_changed:
                audit_record(actor=user, action="indicator.update", obj=indicator, before=before, after=after,
                             program_id=program.pk, note="目标值已更新" if targets_changed else "")
                summary.count("updated", "indicator")
        else:
            indicator = Indicator(program=program, order=order)
            _set_indicator_fields(indicator, item)
            indicator.save()
            _sync_indicator_targets(indicator, item, program.end_year)
            audit_record(actor=user, action="indicator.create", obj=indicator, program_id=program.pk)
            summary.count("created", "indicator")


def _revise_tasks(program: Program, lined_up: KindPairing, user: User | None, resolver: DepartmentResolver,
                  summary: RevisionSummary) -> None:
    old, pairs = lined_up.rows, lined_up.pairs
    kept = set(pairs.values())
    for i, task in enumerate(old):
        if i not in kept:
            audit_record(actor=user, action="task.delete", obj=task, before=snapshot(task), program_id=program.pk)
            task.delete()
            summary.count("deleted", "task")
    for order, item in enumerate(lined_up.new):
        if order in pairs:
            task = old[pairs[order]]
            before = snapshot(task)
            task.order = order
            _set_task_fields(task, item)
            task.save()
            assignments_changed = _sync_task_assignments(task, item, resolver)
            targets_changed = _sync_task_targets(task, item)
            after = snapshot(task)
            if _changed(before, after, ignore=("order",)) or assignments_changed or targets_changed:
                notes = [n for n, hit in (("责任单位已更新", assignments_changed), ("任务目标已更新", targets_changed)) if hit]
                audit_record(actor=user, action="task.update", obj=task, before=before, after=after,
                             program_id=program.pk, note="；".join(notes))
                summary.count("updated", "task")
        else:
            task = Task(program=program, order=order)
            _set_task_fields(task, item)
            task.save()
            _sync_task_assignments(task, item, resolver)
            _sync_task_targets(task, item)
            audit_record(actor=user, action="task.create", obj=task, program_id=program.pk)
            summary.count("created", "task")


def _changed(before: dict, after: dict, ignore: tuple[str, ...] = ()) -> bool:
    return any(before.get(k) != after.get(k) for k in set(before) | set(after) if k not in ignore)


def _summary_note(summary: RevisionSummary) -> str:
    labels = {"indicator": "指标", "task": "任务"}
    parts = []
    for bucket, verb in (("created", "新增"), ("updated", "修改"), ("deleted", "删除")):
        for kind, count in getattr(summary, bucket).items():
            parts.append(f"{verb}{labels[kind]} {count} 项")
    return "按修订文件更新：" + ("，".join(parts) if parts else "无变化")


def _user_or_none(user: User | None) -> User | None:
    return user if getattr(user, "is_authenticated", False) else None

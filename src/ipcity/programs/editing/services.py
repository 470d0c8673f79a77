"""Direct edits of a saved programme, outside any plan document. Each is one atomic, audited write.

An edit keeps the edited row (and its id), so values, reports and links hanging on an
indicator or task stay where they are. A revision imported later sees the edited state.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from ipcity.audit.services import audit_record, snapshot
from ipcity.core.contributions import program_work_changed
from ipcity.core.edit_stamps import require_unchanged
from ipcity.core.models import Department
from ipcity.programs.importing.validation import PlanInvalid
from ipcity.programs.lifecycle import require_not_archived
from ipcity.programs.models import Indicator, IndicatorTarget, Program, Task, TaskAssignment
from ipcity.programs.selectors import indicator_edit_state, program_schedule, task_edit_state
from ipcity.programs.services import _sync_phases_and_duties


@transaction.atomic
def indicator_update(*, indicator: Indicator, user: User, unit: str | None, baseline_year: int | None,
                     baseline_value: float | None, targets: list[dict], seen: str | None = None) -> Indicator:
    """Unit, baseline and targets (``[{year, value, comparator}]``, a year at most once)."""
    require_not_archived(indicator.program)  # first: lifecycle's lock order
    indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
    program = indicator.program
    years = [t["year"] if t["year"] is not None else program.end_year for t in targets]
    if len(set(years)) != len(years):
        raise PlanInvalid([_("同一年份有多个目标值")])
    if baseline_year is not None and baseline_value is None:
        raise PlanInvalid([_("填写了基期年，请同时填写基期值")])
    before = indicator_edit_state(indicator)
    require_unchanged(before, seen)
    indicator.unit = (unit or "").strip() or None
    indicator.baseline_year, indicator.baseline_value = baseline_year, baseline_value
    indicator.save()
    indicator.targets.all().delete()
    IndicatorTarget.objects.bulk_create([
        IndicatorTarget(indicator=indicator, year=year, value=float(t["value"]), comparator=t["comparator"])
        for year, t in zip(years, targets, strict=True)
    ])
    after = indicator_edit_state(indicator)
    if after == before:  # saving the form unchanged is no change (and no history row)
        return indicator
    audit_record(actor=user, action="indicator.update", obj=indicator, before=before, after=after,
                 program_id=program.pk, note="直接修改：单位、基期值或目标值")
    return indicator


@transaction.atomic
def indicator_owner_set(*, indicator: Indicator, department: Department | None, user: User) -> Indicator:
    """The department that answers for the indicator's values (None: nobody yet)."""
    require_not_archived(indicator.program)  # first: lifecycle's lock order
    indicator = Indicator.objects.select_for_update(of=("self",)).select_related("program").get(pk=indicator.pk)
    if department is not None and department.region_id != indicator.program.region_id:
        raise PlanInvalid([_("数据责任部门应属于项目所在地区")])
    if indicator.owner_department_id == (department.pk if department else None):
        return indicator
    before = snapshot(indicator)
    indicator.owner_department = department
    indicator.save(update_fields=["owner_department"])
    audit_record(actor=user, action="indicator.owner", obj=indicator, before=before, program_id=indicator.program_id,
                 note=f"数据责任部门：{department.name if department else '（未指定）'}")
    program_work_changed(indicator.program)  # an open round's reports ask the new owner for the value
    return indicator


@transaction.atomic
def indicator_edit_save(*, indicator: Indicator, user: User, unit: str | None, targets: list[dict],
                   baseline_year: int | None, baseline_value: float | None,
                   owner: Department | None, seen: str | None = None) -> Indicator:
    """The indicator form in one change: its figures and, when it changed, its data owner; both
    written or neither; ``seen`` covers both (the owner is a field of the row)."""
    indicator_update(indicator=indicator, user=user, unit=unit, targets=targets,
                     baseline_year=baseline_year, baseline_value=baseline_value, seen=seen)
    if owner != indicator.owner_department:
        indicator_owner_set(indicator=indicator, department=owner, user=user)
    return indicator


@transaction.atomic
def task_departments_set(*, task: Task, user: User, leads: list[Department], partners: list[Department],
                         seen: str | None = None) -> Task:
    """The task's lead and co-responsible departments, in the order given (leads first).

    A department that stays keeps its row and the name the document wrote for it.
    """
    require_not_archived(task.program)  # first: lifecycle's lock order
    task = Task.objects.select_for_update(of=("self",)).select_related("program").get(pk=task.pk)
    require_unchanged(task_edit_state(task), seen)
    wanted = [(d, True) for d in leads] + [(d, False) for d in partners]
    ids = [d.pk for d, _lead in wanted]
    if len(set(ids)) != len(ids):
        raise PlanInvalid([_("同一部门不能既牵头又配合")])
    if partners and not leads:
        raise PlanInvalid([_("有配合单位时请至少指定一个牵头单位")])
    if any(d.region_id != task.program.region_id for d, _lead in wanted):
        raise PlanInvalid([_("责任单位应属于项目所在地区")])
    before = task_edit_state(task)
    existing = {a.department_id: a for a in task.assignments.all()}
    task.assignments.exclude(department_id__in=ids).delete()
    for order, (department, is_lead) in enumerate(wanted):
        row = existing.get(department.pk) or TaskAssignment(task=task, department=department,
                                                            name_as_written=department.name)
        row.order, row.is_lead = order, is_lead
        row.save()
    after = task_edit_state(task)
    if after == before:
        return task
    audit_record(actor=user, action="task.update", obj=task, before=before, after=after,
                 program_id=task.program_id, note="直接修改：责任单位")
    program_work_changed(task.program)  # an open round's reports get the task's line
    return task


@transaction.atomic
def program_schedule_set(*, program: Program, user: User, phases: list[dict], reporting: list[dict],
                         seen: str | None = None) -> Program:
    """Phases and reporting duties as listed; one still listed (same name / same duty) keeps its row,
    so supervision rounds stay attached to their duty."""
    program = Program.objects.select_for_update().get(pk=program.pk)
    require_not_archived(program)
    require_unchanged(program_schedule(program), seen)
    for phase in phases:
        if phase["start"] > phase["end"]:
            raise PlanInvalid([_("阶段“%(name)s”的开始晚于结束") % {"name": phase["name"]}])
    before = program_schedule(program)
    _sync_phases_and_duties(program, {"phases": phases, "reporting": reporting})
    after = program_schedule(program)
    if after == before:
        return program
    audit_record(actor=user, action="program.schedule", obj=program, before=before, after=after,
                 program_id=program.pk, note=f"直接修改：{len(phases)} 个阶段，{len(reporting)} 项报送事项")
    return program

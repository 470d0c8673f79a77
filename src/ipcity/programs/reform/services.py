"""机构改革 writes: ``department_rename``, ``department_merge``, ``department_retire``.

Each is one transaction with its audit records. Work other apps keep under a department moves
through the hooks they registered in ``core.contributions``.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ipcity.audit.services import audit_record, snapshot
from ipcity.core.contributions import DEPARTMENT_REFERENCES, program_work_changed
from ipcity.core.edit_stamps import require_unchanged
from ipcity.core.models import Department, DepartmentAlias, Profile
from ipcity.core.naming import normalise_unit_name
from ipcity.core.services import department_alias_add
from ipcity.core.templatetags.punctuation import list_comma
from ipcity.core.typed_text import typed_text
from ipcity.programs.models import Indicator, Program, TaskAssignment
from ipcity.programs.reform.selectors import (
    department_edit_state,
    department_live_work,
    department_merge_state,
    department_successor,
)

# --- 机构改革: a unit renamed, merged into another, retired ----------------------------------------
# Each is one transaction with its audit records. ``seen`` is the edit stamp the form was opened at
# (``selectors.department_edit_state`` / ``department_merge_state``): a change since raises
# ``StaleEdit`` and writes nothing (None: no check, as for the command line).


def _locked(*department_ids: int) -> list[Department]:
    """The departments, locked in id order (two merges crossing each other cannot deadlock)."""
    rows = {d.pk: d for d in Department.objects.select_for_update().filter(pk__in=department_ids).order_by("pk")}
    missing = [pk for pk in department_ids if pk not in rows]
    if missing:
        raise ValidationError(_("部门不存在（id=%(id)s）"), params={"id": missing[0]})
    return [rows[pk] for pk in department_ids]


NAME_MAX_CHARS = 128  # core.Department.name's column


def unit_name_cleaned(name: str | None) -> str:
    """A unit's name as typed, made one line: white space runs become one space, and invisible
    characters (zero-width spaces, joiners, byte-order marks, direction overrides: Unicode's format
    characters) are dropped — they make a name look like another's, or display reversed. Then the
    one rule for typed text (``core.typed_text``): a control character, or a name longer than its
    column, is refused with a message rather than stored or cut."""
    visible = "".join(ch for ch in (name or "") if unicodedata.category(ch) != "Cf")
    return typed_text(" ".join(visible.split()), label=_("新名称"), limit=NAME_MAX_CHARS)


@transaction.atomic
def department_rename(*, actor: User | None, department_id: int, name: str, seen: str | None = None) -> Department:
    """The unit's new name becomes its name; the old one is kept as an alias, so that a plan or a
    revision still writing it resolves to the same unit. Renaming to the present name changes nothing."""
    (department,) = _locked(department_id)
    require_unchanged(department_edit_state(department), seen)
    new = unit_name_cleaned(name)
    if not new:
        raise ValidationError(_("请填写新名称"))
    successor = department.merged_into
    if successor is not None:
        raise ValidationError(_("“%(name)s”已并入“%(target)s”，不能再改名"), params={
            "name": department.name, "target": successor.name})
    if new == department.name:
        return department
    # Another unit's name however written (spaces, full-width brackets): one unit, one name. A merged
    # unit's names are its successor's aliases, which the check below finds, naming the successor.
    key = normalise_unit_name(new)
    clash = next((other for other in Department.objects.filter(region_id=department.region_id, merged_into__isnull=True)
                  .exclude(pk=department.pk).only("pk", "name").order_by("pk")
                  if normalise_unit_name(other.name) == key), None)
    if clash is not None:
        raise ValidationError(_("%(region)s已有名为“%(name)s”的部门。如两者是同一单位，请把本部门合并到该部门。"), params={
            "region": department.region.name, "name": clash.name})
    alias_of = (DepartmentAlias.objects.filter(department__region_id=department.region_id, normalised=key,
                                               department__merged_into__isnull=True)
                .exclude(department=department).select_related("department").first())
    if alias_of is not None:
        raise ValidationError(_("“%(name)s”是“%(other)s”的别名。如两者是同一单位，请把本部门合并到该部门。"), params={
            "name": new, "other": alias_of.department.name})
    old = department.name
    department.name = new
    department.save(update_fields=["name"])
    DepartmentAlias.objects.filter(department=department, normalised=key).delete()
    department_alias_add(department, old)
    audit_record(actor=actor, action="department.rename", obj=department, before={"name": old}, after={"name": new},
                 note=f"old name kept as alias: {old}")
    return department


@dataclass
class MergeResult:
    """What a merge moved, by kind (the keys of ``selectors.department_live_work``)."""

    source: Department
    target: Department
    moved: dict[str, int] = field(default_factory=dict)
    already_done: bool = False


BATCH = 500  # ids per statement: well under SQLite's bound on a statement's parameters


def _batches(ids: list[int]) -> list[list[int]]:
    return [ids[start:start + BATCH] for start in range(0, len(ids), BATCH)]


@transaction.atomic
def department_merge(*, actor: User | None, source_id: int, target_id: int, seen: str | None = None) -> MergeResult:
    """Merge unit ``source`` into ``target`` (same region): every live reference moves to the target —
    task assignments of active programmes (a task both had keeps one, the lead's part wins), the
    indicators they own, the accounts bound to the source, and what the higher apps registered
    (outstanding reports in open rounds, pending value imports, open protection cases). Reports
    already handed in stay with the source, under the name they were written under. The source's
    name and aliases become the target's aliases; the source is retired and points at the target.

    Asking again for a merge already made changes nothing (``already_done``)."""
    if source_id == target_id:
        raise ValidationError(_("不能把部门合并到它自己"))
    source, target = _locked(source_id, target_id)
    if source.merged_into_id == target.pk:
        return MergeResult(source=source, target=target, already_done=True)
    require_unchanged(department_merge_state(source, target), seen)
    if source.region_id != target.region_id:
        raise ValidationError(_("只能合并同一地区的部门：“%(source)s”属于%(a)s，“%(target)s”属于%(b)s"), params={
            "source": source.name, "a": source.region.name, "target": target.name, "b": target.region.name})
    merged_elsewhere, target_successor = source.merged_into, target.merged_into
    if merged_elsewhere is not None:
        raise ValidationError(_("“%(name)s”已并入“%(other)s”"), params={"name": source.name, "other": merged_elsewhere.name})
    if not target.is_active:
        if target_successor is not None:
            last = department_successor(target) or target_successor  # after merges one after another
            if last.pk == source.pk:
                raise ValidationError(_("“%(target)s”已并入“%(source)s”，不能再把“%(source)s”合并到它"), params={
                    "target": target.name, "source": source.name})
            raise ValidationError(_("“%(target)s”已并入“%(other)s”，请合并到“%(other)s”"), params={
                "target": target.name, "other": last.name})
        raise ValidationError(_("“%(target)s”已撤销，不能作为合并的目标部门"), params={"target": target.name})

    result = MergeResult(source=source, target=target)
    active = Program.Status.ACTIVE
    # Task assignments, in a bounded number of queries however many there are (a bureau may carry
    # thousands of tasks across programmes): a task both units had keeps the target's row, which
    # becomes the lead when the source led it; the source's other rows move.
    # The rows are read once and written by id in batches: an UPDATE whose WHERE holds a subquery
    # joining tasks and programmes ran for minutes on PostgreSQL over 10,000 freshly written rows
    # (no statistics yet, so the planner nested its loops).
    rows = list(TaskAssignment.objects.select_for_update(of=("self",))
                .filter(department=source, task__program__status=active)
                .values_list("pk", "task_id", "is_lead", "task__program_id"))
    programs: set[int] = {program_id for _pk, _task, _lead, program_id in rows}
    theirs = {task_id: (pk, is_lead) for pk, task_id, is_lead
              in TaskAssignment.objects.filter(department=target).values_list("pk", "task_id", "is_lead")}
    promote = [theirs[task][0] for _pk, task, is_lead, _p in rows if is_lead and task in theirs and not theirs[task][1]]
    for ids in _batches(promote):
        TaskAssignment.objects.filter(pk__in=ids).update(is_lead=True)
    for ids in _batches([pk for pk, task, _lead, _p in rows if task in theirs]):
        TaskAssignment.objects.filter(pk__in=ids).delete()
    for ids in _batches([pk for pk, task, _lead, _p in rows if task not in theirs]):
        TaskAssignment.objects.filter(pk__in=ids).update(department=target)
    lead = sum(1 for _pk, _task, is_lead, _p in rows if is_lead)
    result.moved["programs.lead_tasks"], result.moved["programs.partner_tasks"] = lead, len(rows) - lead

    owned = Indicator.objects.filter(owner_department=source, program__status=active)
    programs.update(owned.values_list("program_id", flat=True))
    result.moved["programs.indicators"] = owned.update(owner_department=target)
    result.moved["accounts.reporters"] = Profile.objects.filter(department=source).update(department=target)
    for reference in DEPARTMENT_REFERENCES:
        result.moved[reference.key] = reference.move(source, target, actor)

    for written in [source.name, *source.aliases.values_list("alias", flat=True)]:
        department_alias_add(target, written)
    before = snapshot(source, ["is_active", "merged_into", "retired_at"])
    source.is_active, source.merged_into, source.retired_at = False, target, timezone.now()
    source.save(update_fields=["is_active", "merged_into", "retired_at"])
    for program in Program.objects.filter(pk__in=programs).order_by("pk"):
        program_work_changed(program)  # open rounds: the target's report gets the moved tasks' lines
    moved = ", ".join(f"{key}={n}" for key, n in result.moved.items())
    audit_record(actor=actor, action="department.merge", obj=source, before=before,
                 after=snapshot(source, ["is_active", "merged_into", "retired_at"]),
                 note=f"merged into {target.name} (id {target.pk}): {moved}")
    audit_record(actor=actor, action="department.merge_in", obj=target, before=None, after={"merged_from": source.pk},
                 note=f"{source.name} (id {source.pk}) merged in: {moved}")
    return result


class DepartmentBusy(ValidationError):
    """A unit with live work cannot be retired: ``work`` lists what is still assigned to it."""

    def __init__(self, department: Department, work: list):
        self.department, self.work = department, work
        listed = list_comma().join(_("%(label)s（%(count)s）") % {"label": w.label, "count": w.count} for w in work)
        super().__init__(_("“%(name)s”还有未完成的工作，不能撤销：%(work)s。请先把这些工作交给其他部门，"
                           "或把“%(name)s”合并到接手的部门（合并会把它们一并转过去）。") % {
                               "name": department.name, "work": listed})


@transaction.atomic
def department_retire(*, actor: User | None, department_id: int, seen: str | None = None) -> Department:
    """Retire (停用) a unit with no live work; refused with ``DepartmentBusy`` while it has some.
    A unit already retired is left as it is."""
    (department,) = _locked(department_id)
    if not department.is_active:
        return department
    live = department_live_work(department)  # read once: the edit stamp and the refusal both use it
    require_unchanged(department_edit_state(department, live), seen)
    work = [w for w in live if w.count and w.blocks_retire]
    if work:
        raise DepartmentBusy(department, work)
    department.is_active, department.retired_at = False, timezone.now()
    department.save(update_fields=["is_active", "retired_at"])
    audit_record(actor=actor, action="department.retire", obj=department, before={"is_active": True},
                 after=snapshot(department, ["is_active", "retired_at"]))
    return department

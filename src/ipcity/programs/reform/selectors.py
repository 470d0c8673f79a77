"""机构改革 reads: the live work a merge moves and a retirement counts, the edit stamps of the
forms, the units a department may be merged into, and where a merged unit lives on."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from ipcity.audit.services import snapshot
from ipcity.core.contributions import DEPARTMENT_REFERENCES
from ipcity.core.models import Department, Profile
from ipcity.programs.models import Indicator, Program, TaskAssignment

# ---------------------------------------------------------------- 机构改革: rename, merge, retire


@dataclass(frozen=True)
class DepartmentWork:
    """One kind of live work kept under a department, and how much of it."""

    key: str
    label: str  # in the page's language
    count: int
    blocks_retire: bool = True


def department_live_work(department: Department) -> list[DepartmentWork]:
    """What a merge would move and what stops a retirement, by kind: tasks and data-owned
    indicators of active programmes, active accounts bound to it, and what the higher apps
    registered (``core.contributions.DEPARTMENT_REFERENCES``: outstanding reports in open rounds,
    pending value imports, open protection cases). Archived programmes are history and stay."""
    active = Q(task__program__status=Program.Status.ACTIVE)
    assignments = TaskAssignment.objects.filter(active, department=department)
    rows = [
        DepartmentWork("programs.lead_tasks", _("牵头任务"), assignments.filter(is_lead=True).count()),
        DepartmentWork("programs.partner_tasks", _("配合任务"), assignments.filter(is_lead=False).count()),
        DepartmentWork("programs.indicators", _("数据责任指标"), Indicator.objects.filter(
            owner_department=department, program__status=Program.Status.ACTIVE).count()),
        DepartmentWork("accounts.reporters", _("填报员账号"), Profile.objects.filter(
            department=department, user__is_active=True).count()),
    ]
    rows += [DepartmentWork(ref.key, str(ref.label), ref.count(department), ref.blocks_retire)
             for ref in DEPARTMENT_REFERENCES]
    return rows


def department_edit_state(department: Department, live: list[DepartmentWork] | None = None) -> dict:
    """What a rename, merge or retirement form was opened on (its edit stamp, ``core.edit_stamps``):
    the name, aliases and standing, and the live work the page counted (``live``, when the caller
    has already read it)."""
    return {
        **snapshot(department, ["name", "is_active", "merged_into"]),
        "aliases": sorted(department.aliases.values_list("alias", flat=True)),
        "work": {w.key: w.count for w in (live if live is not None else department_live_work(department))},
    }


def department_merge_state(source: Department, target: Department) -> dict:
    """A merge's form covers both units: either one changed since means the counts shown are stale."""
    return {"source": department_edit_state(source), "target": department_edit_state(target)}


def department_merge_targets(department: Department) -> QuerySet[Department]:
    """The units ``department`` may be merged into: the other active units of its region."""
    return (Department.objects.filter(region_id=department.region_id, is_active=True)
            .exclude(pk=department.pk).order_by("name"))


def department_successor(department: Department) -> Department | None:
    """The unit a merged one lives on in, following merges made one after another."""
    seen = {department.pk}
    current = department.merged_into
    while current is not None and current.merged_into_id is not None and current.pk not in seen:
        seen.add(current.pk)
        current = current.merged_into
    return current


def department_merged_from(department: Department) -> list[Department]:
    """The units merged into this one, newest first."""
    return list(Department.objects.filter(merged_into=department).order_by("-retired_at", "name"))

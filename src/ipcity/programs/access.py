"""Programme-scoped access: which programmes, indicators and departments a user may open.

Every view, API route, download and template tag of the programme apps gets its objects through
these helpers (the apps' ``permissions.py`` build on them). They live in the programs layer because
they query programmes; the rules that need only the user — roles, a reporter's department, an
office's region, ``access_require_office`` — stay in ``ipcity.core.access`` below.

The rules, the same in every app:
- programmes: ``access_programs`` (a reporter: those it has a task or an indicator in; an office
  or leader: its region and the regions below it).
- indicators: ``access_indicators`` — a reporter sees only the indicators its department owns,
  as the programme pages always did; the dashboard, the indicator page with its history, the
  API's actuals and verdicts and the evidence downloads all go through it.
- departments: ``access_departments`` — an office or leader those of its region and below (and
  any unit working on one of its programmes); a reporter only its own. Renaming, merging and
  retiring one (``access_department_edit``): the office of its region, or a site admin.
- Objects are fetched through the scoped query, never fetched and then checked: an object outside
  the user's view answers 404 (no hint that it exists); a reader trying to write gets 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from ipcity.core.access import (
    access_require_office,
    is_office,
    region_prefix_of,
    user_department_id,
    user_role,
)
from ipcity.core.models import Department, Role
from ipcity.programs.models import Indicator, Program


def access_programs(user) -> QuerySet[Program]:
    """The programmes the user may see, as a queryset."""
    role = user_role(user)
    qs = Program.objects.all()
    if role is None:
        return qs.none()
    if role == Role.ADMIN:
        return qs
    if role == Role.REPORTER:
        dept = user_department_id(user)
        if dept is None:
            return qs.none()
        return qs.filter(Q(tasks__assignments__department_id=dept) | Q(indicators__owner_department_id=dept)).distinct()
    prefix = region_prefix_of(user)
    if prefix:
        # An office or leader of a city sees that city's programmes and those of its districts.
        return qs.filter(region__code__startswith=prefix)
    return qs


def access_program(user, program_id: int) -> Program:
    """The programme, or 404 when the user may not see it (no hint that it exists)."""
    program = access_programs(user).filter(pk=program_id).first()
    if program is None:
        raise Http404(_("项目不存在或无权查看"))
    return program


def access_program_edit(user, program_id: int) -> Program:
    """The programme, for a change; 403 for a reader, 404 when it is not visible at all."""
    program = access_program(user, program_id)
    if not is_office(user):
        raise PermissionDenied(_("只有知识产权办公室可以修改项目"))
    return program


def access_departments(user) -> QuerySet[Department]:
    """The departments the user may open: all for a site admin (or an office/leader bound to no
    region); for an office or leader those of its region and the regions below, and any that
    works on one of its programmes; its own for a reporter."""
    role = user_role(user)
    qs = Department.objects.select_related("region")
    if role is None:
        return qs.none()
    if role == Role.ADMIN:
        return qs
    if role == Role.REPORTER:
        department_id = user_department_id(user)
        return qs.filter(pk=department_id) if department_id else qs.none()
    prefix = region_prefix_of(user)
    if not prefix:
        return qs
    # Its region and the regions below; also a unit elsewhere (a provincial bureau) that answers
    # for a task or an indicator of a programme the user sees.
    visible = access_programs(user).values("pk")
    return qs.filter(Q(region__code__startswith=prefix) | Q(assignments__task__program__in=visible)
                     | Q(owned_indicators__program__in=visible)).distinct()


def access_department(user, department_id: int | None) -> Department:
    """A department page or template: 404 unless ``access_departments`` holds it."""
    department = access_departments(user).filter(pk=department_id).first() if department_id else None
    if department is None:
        raise Http404(_("部门不存在或无权查看"))
    return department


def access_department_edit(user, department_id: int | None) -> Department:
    """A department to rename, merge or retire (机构改革): 404 unless the user may open it, 403 for a
    reader, and 403 for an office whose region the unit is not in (a provincial bureau working on
    a city's programme is the province's to change)."""
    department = access_department(user, department_id)
    if not is_office(user):
        raise PermissionDenied(_("只有知识产权办公室可以调整部门"))
    prefix = region_prefix_of(user) if user_role(user) == Role.OFFICE else None
    if prefix and not department.region.code.startswith(prefix):
        raise PermissionDenied(_("只能调整本地区的部门"))
    return department


def may_edit_department(user, department: Department) -> bool:
    """For pages that offer the changes: the same rule as ``access_department_edit``."""
    if not is_office(user):
        return False
    prefix = region_prefix_of(user) if user_role(user) == Role.OFFICE else None
    return prefix is None or department.region.code.startswith(prefix)


def access_indicators(user, program: Program | None = None) -> QuerySet[Indicator]:
    """The indicators the user may see, of one programme or of every visible one.

    A reporter sees those its department owns (the programme pages' rule since the start); the
    office, leaders and site admins every indicator of the programmes they see. ``program`` must
    come from ``access_program``; it is checked again here so that no caller can forget it.
    """
    visible = access_programs(user).values("pk")
    qs = Indicator.objects.filter(program__in=visible)
    if program is not None:
        qs = qs.filter(program=program)
    if user_role(user) == Role.REPORTER:
        qs = qs.filter(owner_department_id=user_department_id(user))
    return qs


def access_indicator(user, indicator_id: int, *, program: Program | None = None) -> Indicator:
    """One indicator (with its programme), or 404 when the user may not see it."""
    indicator = access_indicators(user, program).select_related("program", "owner_department").filter(
        pk=indicator_id).first()
    if indicator is None:
        raise Http404(_("指标不存在或无权查看"))
    return indicator


def access_indicator_edit(user, indicator_id: int, *, program: Program | None = None) -> Indicator:
    """An indicator for a change by the office (reference values, owner, computed values):
    404 when it is not visible at all, 403 for a reader."""
    indicator = access_indicator(user, indicator_id, program=program)
    access_require_office(user)
    return indicator


def may_edit_indicator(user, indicator: Indicator) -> bool:
    """For template tags that offer a change on a page: the same rule as ``access_indicator_edit``
    (an office may change the indicators of its region's programmes), decided without a query
    when the indicator comes with its programme's region, as the monitoring selectors load it."""
    if not is_office(user):
        return False
    prefix = region_prefix_of(user) if user_role(user) == Role.OFFICE else None
    return prefix is None or indicator.program.region.code.startswith(prefix)


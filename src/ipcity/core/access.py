"""Who may see and change what. Every view and API endpoint goes through these helpers.

Roles (``core.Role``): the office administers programmes of its region (or all, without one);
a leader reads them; a reporter sees its own department's work only; a site administrator
(``is_superuser`` or role ``admin``) may do anything.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from ipcity.core.models import Role

if TYPE_CHECKING:  # pragma: no cover
    from ipcity.core.models import Department
    from ipcity.programs.models import Program


def user_role(user) -> str | None:
    if user is None or not user.is_authenticated:
        return None
    if user.is_superuser:
        return Role.ADMIN
    profile = getattr(user, "profile", None)
    return profile.role if profile else None


def user_department_id(user) -> int | None:
    profile = getattr(user, "profile", None)
    return profile.department_id if profile and user_role(user) == Role.REPORTER else None


def is_office(user) -> bool:
    """May change programme data (import plans, edit, review reports)."""
    return user_role(user) in (Role.OFFICE, Role.ADMIN)


def access_programs(user):
    """The programmes the user may see, as a queryset."""
    from ipcity.programs.models import Program

    role = user_role(user)
    qs = Program.objects.all()
    if role is None:
        return qs.none()
    if role == Role.ADMIN:
        return qs
    profile = user.profile
    if role == Role.REPORTER:
        if profile.department_id is None:
            return qs.none()
        dept = profile.department_id
        return qs.filter(Q(tasks__assignments__department_id=dept) | Q(indicators__owner_department_id=dept)).distinct()
    if profile.region_id:
        # An office or leader of a city sees that city's programmes and those of its districts.
        return qs.filter(region__code__startswith=_region_prefix(profile.region.code))
    return qs


def _region_prefix(code: str) -> str:
    """GB/T 2260: 340000 a province, 340700 a city, 340705 a district. Strip trailing zero pairs."""
    prefix = code
    while prefix.endswith("00") and len(prefix) > 2:
        prefix = prefix[:-2]
    return prefix


def access_program(user, program_id: int) -> Program:
    """The programme, or 404 when the user may not see it (no hint that it exists)."""
    program = access_programs(user).filter(pk=program_id).first()
    if program is None:
        raise Http404("项目不存在或无权查看")
    return program


def access_program_edit(user, program_id: int) -> Program:
    """The programme, for a change; 403 for a reader, 404 when it is not visible at all."""
    program = access_program(user, program_id)
    if not is_office(user):
        raise PermissionDenied("只有知识产权办公室可以修改项目")
    return program


def access_department(user, department_id: int) -> Department:
    """A department page: the office and leaders see all; a reporter only its own."""
    from ipcity.core.models import Department

    role = user_role(user)
    if role is None:
        raise Http404
    if role == Role.REPORTER and user_department_id(user) != department_id:
        raise Http404("部门不存在或无权查看")
    department = Department.objects.filter(pk=department_id).select_related("region").first()
    if department is None:
        raise Http404("部门不存在")
    return department


def access_require_office(user) -> None:
    if not is_office(user):
        raise PermissionDenied("此功能仅限知识产权办公室")

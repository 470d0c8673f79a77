"""Who may do what, decided from the user alone: the role, a reporter's department, the region an
office or leader is bound to, and ``access_require_office``.

Roles (``core.Role``): the office administers programmes of its region (or all, without one);
a leader reads them; a reporter sees its own department's work only; a site administrator
(``is_superuser`` or role ``admin``) may do anything.

What a user may open — programmes, indicators, departments — is decided by the helpers of
``ipcity.programs.access``, built on these: they query programmes, which live a layer above core.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from ipcity.core.models import Role
from ipcity.divisions import region_prefix


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


def region_code_of(user) -> str:
    """The code of the region the user is bound to ("" when none): the default region of what an
    office records (a case, a need, a declaration)."""
    profile = getattr(user, "profile", None)
    region = getattr(profile, "region", None) if profile else None
    return region.code if region is not None else ""


def region_prefix_of(user) -> str | None:
    """The region code prefix an office or leader is bound to; None when bound to none (all)."""
    code = region_code_of(user)
    return region_prefix(code) if code else None


def access_require_office(user) -> None:
    if not is_office(user):
        raise PermissionDenied(_("此功能仅限知识产权办公室"))

"""Who sees which need, declaration and match, and who may change them.

- The office (and the site administrator) manages everything of its region: a need's and a
  declaration's ``region_code`` under the office's region (an office bound to no region sees all).
- Leaders read the same scope; they change nothing (403).
- Department reporters have no part in matching: a need is an enterprise's, not a department's,
  and no department owns a region's needs, so there is no clean rule that would give a reporter
  some needs and not others. They see nothing (the pages answer 403, an object 404).
- The public sees published match lists and in-force declarations on the public pages
  (``transfer.selectors.public_*``), never personal data.
- Contact details (a need's contact person and phone, a declaration's contact) are personal data:
  unmasked only for the office (``may_see_contacts``).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from ipcity.core.access import access_require_office, is_office, region_prefix_of, user_role
from ipcity.core.models import Role
from ipcity.transfer.models import LicenceDeclaration, Match, TechNeed

READERS = (Role.OFFICE, Role.ADMIN, Role.LEADER)


def may_read_transfer(user) -> bool:
    return user_role(user) in READERS


def access_require_transfer_reader(user) -> None:
    if not may_read_transfer(user):
        raise PermissionDenied(_("供需对接仅限知识产权办公室和领导查看"))


# The office-only check is core's (same rule, same message).
access_require_transfer_office = access_require_office


def _region_scope(user) -> str | None:
    """'' for everything, a prefix for a region, None for nothing."""
    role = user_role(user)
    if role == Role.ADMIN:
        return ""
    if role in (Role.OFFICE, Role.LEADER):
        return region_prefix_of(user) or ""
    return None


def needs_visible_to(user) -> QuerySet[TechNeed]:
    prefix = _region_scope(user)
    if prefix is None:
        return TechNeed.objects.none()
    return TechNeed.objects.filter(region_code__startswith=prefix) if prefix else TechNeed.objects.all()


def declarations_visible_to(user) -> QuerySet[LicenceDeclaration]:
    prefix = _region_scope(user)
    if prefix is None:
        return LicenceDeclaration.objects.none()
    declarations = LicenceDeclaration.objects.all()
    return declarations.filter(region_code__startswith=prefix) if prefix else declarations


def matches_visible_to(user) -> QuerySet[Match]:
    return Match.objects.filter(need__in=needs_visible_to(user))


def need_for(user, pk: int) -> TechNeed:
    """The need if the user sees it; 404 otherwise (another region's need does not exist for it)."""
    need = needs_visible_to(user).filter(pk=pk).first()
    if need is None:
        raise Http404(_("需求不存在"))
    return need


def need_edit_for(user, pk: int) -> TechNeed:
    need = need_for(user, pk)
    access_require_transfer_office(user)
    return need


def declaration_for(user, pk: int) -> LicenceDeclaration:
    declaration = declarations_visible_to(user).filter(pk=pk).first()
    if declaration is None:
        raise Http404(_("开放许可声明不存在"))
    return declaration


def match_for(user, pk: int) -> Match:
    match = matches_visible_to(user).select_related("need").filter(pk=pk).first()
    if match is None:
        raise Http404(_("匹配不存在"))
    return match


def may_see_contacts(user) -> bool:
    return is_office(user)


def need_object_access(user, pk: int) -> TechNeed:
    """For the audit trail (``core.contributions.register_object_access("transfer.techneed", …)``)."""
    return need_for(user, pk)


def declaration_object_access(user, pk: int) -> LicenceDeclaration:
    return declaration_for(user, pk)


def match_object_access(user, pk: int) -> Match:
    return match_for(user, pk)

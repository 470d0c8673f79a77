"""Who sees which case and who may do which step.

- A case is seen by office users of its region (``Case.region_code`` under the office's region;
  an office bound to no region, and the site administrator, see all) and by the users of its
  handling department. Leaders and the public see only the masked statistics (cases-ledger's pages).
- The office runs every step. The handling department records what it does itself: the referral
  receipt, suspension and resumption, an extension, the closure.
- Party contact details (personal data) are shown to the office users who see the case and to
  the case's handler; every showing is audited (``services.case_personal_data_view``).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from ipcity.core.access import is_office, region_prefix_of, user_department_id, user_role
from ipcity.core.models import Role
from ipcity.protection.models import Case

# The steps the handling department may do on its own cases (the office may do all).
DEPARTMENT_STEPS = frozenset({"receipt", "suspend", "resume", "extend", "close"})
STEPS = frozenset({"review", "assign", "refer", "receipt", "suspend", "resume", "extend", "close",
                   "follow_up", "archive"})


def cases_visible_to(user) -> QuerySet[Case]:
    role = user_role(user)
    cases = Case.objects.all()
    if role == Role.ADMIN:
        return cases
    if role == Role.OFFICE:
        prefix = region_prefix_of(user)
        return cases.filter(region_code__startswith=prefix) if prefix else cases
    department_id = user_department_id(user)
    if department_id is not None:
        return cases.filter(handling_department_id=department_id)
    return cases.none()


def may_use_cases(user) -> bool:
    """Office, site administrator, or a department user: who has a case list at all."""
    return user_role(user) in (Role.OFFICE, Role.ADMIN, Role.REPORTER)


def access_require_case_user(user) -> None:
    if not may_use_cases(user):
        raise PermissionDenied(_("维权援助案件仅限知识产权办公室和承办部门"))


def access_require_case_office(user) -> None:
    if not is_office(user):
        raise PermissionDenied(_("此功能仅限知识产权办公室"))


def may_edit_case_types(user) -> bool:
    """Case types and their limits are shared by every region of the site: the site administrator
    and an office bound to no region edit them; a city's office reads them."""
    return user_role(user) == Role.ADMIN or (is_office(user) and region_prefix_of(user) is None)


def access_require_case_types_editor(user) -> None:
    if not may_edit_case_types(user):
        raise PermissionDenied(_("案件类型与期限由系统管理员或未限定地区的知识产权办公室修改"))


def may_load_holiday_notices(user) -> bool:
    """The holiday calendar (节假日安排) is the whole server's: every region's due dates are counted
    with it, so only the site administrator loads a year's notice; the office reads the page."""
    return user_role(user) == Role.ADMIN


def access_require_holiday_notice_loader(user) -> None:
    if not may_load_holiday_notices(user):
        raise PermissionDenied(_("节假日安排是全平台共用的基础数据，只有系统管理员可以载入"))


def case_for(user, pk: int) -> Case:
    """The case if the user sees it; 404 otherwise (another region's case does not exist for it)."""
    case = cases_visible_to(user).select_related("case_type", "handling_department", "handler").filter(pk=pk).first()
    if case is None:
        raise Http404(_("案件不存在"))
    return case


def may_do(user, case: Case, step: str) -> bool:
    """May this user (who sees the case) do ``step`` on it?"""
    if step not in STEPS:
        return False
    if is_office(user):
        return True
    return (step in DEPARTMENT_STEPS and case.handling_department_id is not None
            and case.handling_department_id == user_department_id(user))


def access_require_step(user, case: Case, step: str) -> None:
    if not may_do(user, case, step):
        raise PermissionDenied(_("您无权办理此案件的这一步骤"))


def may_see_personal_data(user, case: Case) -> bool:
    if is_office(user):
        return cases_visible_to(user).filter(pk=case.pk).exists()
    return user is not None and user.is_authenticated and case.handler_id == user.pk


def case_object_access(user, pk: int) -> Case:
    """For the audit trail (``core.contributions.register_object_access("protection.case", …)``)."""
    return case_for(user, pk)

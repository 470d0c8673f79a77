"""Who may see and write monitoring data, built on ``ipcity.programs.access`` (the one place for scoping).

- A recorded value (and its evidence file) is seen through its indicator (``access_indicator_actual``).

- The office (and site admins) may record any value of a programme it can see.
- A reporter may record values only of the indicators its own department owns.
- A leader reads only.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from ipcity.core.access import is_office, user_department_id
from ipcity.monitoring.models import IndicatorActual
from ipcity.programs.access import access_indicators, access_program
from ipcity.programs.models import Program


def access_indicator_actual(user, actual_id: int, *, program: Program | None = None) -> IndicatorActual:
    """A recorded value (and its evidence file): only of an indicator the user may see."""
    actual = (IndicatorActual.objects.select_related("indicator")
              .filter(pk=actual_id, indicator__in=access_indicators(user, program).values("pk")).first())
    if actual is None:
        raise Http404(_("数据不存在或无权查看"))
    return actual


def can_record(user, indicator) -> bool:
    if user is None or not user.is_authenticated:
        return False
    if is_office(user):
        return True
    department_id = user_department_id(user)
    return department_id is not None and indicator.owner_department_id == department_id


def require_record(user, indicator) -> None:
    """403 unless the user may record values of this indicator (which it must be able to see)."""
    access_program(user, indicator.program_id)
    if not can_record(user, indicator):
        raise PermissionDenied(_("只有知识产权办公室或该指标的数据责任部门可以填报"))


def recordable_department_id(user) -> int | None:
    """None for the office (every indicator), else the reporter's department (its own only)."""
    if is_office(user):
        return None
    department_id = user_department_id(user)
    if department_id is None:
        raise PermissionDenied(_("只读用户不能填报数据"))
    return department_id


def access_actual_import(user, import_id: int, *, program=None, department=None):
    """A value upload awaiting review: only its uploader's, and only in the scope (the programme
    or the department) the URL names. Anyone else gets 404; a draft is personal."""
    from ipcity.monitoring.models import ActualImport

    if user is None or not user.is_authenticated:
        raise Http404
    scope = {"program": program} if program is not None else {"department": department}
    actual_import = ActualImport.objects.filter(pk=import_id, created_by=user, **scope).first()
    if actual_import is None:
        raise Http404(_("上传记录不存在或无权查看"))
    return actual_import

"""Suspension (中止), resumption and extension (延期): the steps that move a case's clocks."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ipcity.protection.deadlines import RECEIPT_STATUSES, REVIEW_STATUSES, STATUTORY_STATUSES
from ipcity.protection.models import Case, CaseSuspension
from ipcity.protection.services._common import (
    case_snapshot,
    locked_case,
    record,
    refresh_deadlines,
    require_day,
    require_not_suspended,
    typed_reason,
)

# A case can be suspended while one of its clocks runs.
_RUNNING = REVIEW_STATUSES | STATUTORY_STATUSES | RECEIPT_STATUSES

# An extension longer than the statutory limit again is a new case, not an extension.
MAX_EXTENSION_DAYS = 120


@transaction.atomic
def case_suspend(*, user: User, case_id: int, start: dt.date, reason: str) -> Case:
    """中止: every clock stops from ``start`` until the case resumes."""
    case = locked_case(user=user, case_id=case_id, step="suspend")
    require_not_suspended(case)
    if case.status not in _RUNNING:
        raise ValidationError(_("只有办理中的案件可以中止"))
    reason = typed_reason(reason, _("中止原因"))
    if not reason:
        raise ValidationError(_("请填写中止原因"))
    last = case.suspensions.order_by("-end").values_list("end", flat=True).first()
    require_day(start, _("中止日期"), not_before=last or case.received_on,
                not_before_label=_("上次恢复日期") if last else _("收到日期"))
    before = case_snapshot(case)
    CaseSuspension.objects.create(case=case, start=start, reason=reason, created_by=user)
    case.suspended = True
    record(user=user, case=case, step="suspend", before=before, note=reason, data={"start": start.isoformat()})
    return case


@transaction.atomic
def case_resume(*, user: User, case_id: int, on: dt.date) -> Case:
    """恢复: the open suspension ends; its days (``start`` to the day before ``on``) move every due date."""
    case = locked_case(user=user, case_id=case_id, step="resume")
    suspension = case.suspensions.select_for_update().filter(end__isnull=True).first()
    if not case.suspended or suspension is None:
        raise ValidationError(_("案件未处于中止状态"))
    require_day(on, _("恢复日期"), not_before=suspension.start, not_before_label=_("中止日期"))
    before = case_snapshot(case)
    suspension.end = on
    suspension.save(update_fields=["end"])
    case.suspended = False
    refresh_deadlines(case)
    record(user=user, case=case, step="resume", before=before,
           data={"start": suspension.start.isoformat(), "end": on.isoformat()})
    return case


@transaction.atomic
def case_extend(*, user: User, case_id: int, days: int, reason: str) -> Case:
    """延期: add working days to the statutory limit; a reason is required."""
    case = locked_case(user=user, case_id=case_id, step="extend")
    if case.status not in STATUTORY_STATUSES:
        raise ValidationError(_("只有已受理、未结案的案件可以延期"))
    reason = typed_reason(reason, _("延期理由"))
    if not reason:
        raise ValidationError(_("延期须说明理由"))
    if not isinstance(days, int) or days < 1:
        raise ValidationError(_("延长的工作日须为正整数"))
    if case.extension_days + days > MAX_EXTENSION_DAYS:
        raise ValidationError(_("累计延长不能超过 %(days)s 个工作日") % {"days": MAX_EXTENSION_DAYS})
    before = case_snapshot(case)
    case.extension_days += days
    case.extension_reason = "；".join(filter(None, [case.extension_reason, reason]))
    refresh_deadlines(case)
    record(user=user, case=case, step="extend", before=before, note=reason, data={"days": days})
    return case

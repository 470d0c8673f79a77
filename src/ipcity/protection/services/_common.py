"""What every step shares: the lock, the checks, the timeline event and the audit record."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from ipcity.audit.services import audit_record, snapshot
from ipcity.casework.calendar import CalendarRangeError, counting_range
from ipcity.casework.workflow import TRANSITIONS, WorkflowError, check_transition
from ipcity.core.templatetags.punctuation import list_comma
from ipcity.core.typed_text import typed_text
from ipcity.protection import labels
from ipcity.protection.access import access_require_step, case_for
from ipcity.protection.deadlines import case_deadlines_refresh
from ipcity.protection.models import Case, CaseEvent

# The fields an audit record of a step keeps (the case's own fields; parties are never copied
# into the trail: they hold personal data).
AUDITED_FIELDS = [
    "number", "case_type", "channel", "ip_kind", "region_code", "subject", "received_on", "status", "suspended",
    "review_due", "accepted_on", "rejected_reason", "statutory_due", "handling_department", "handler", "expert",
    "partner_org", "referral_body", "referred_on", "receipt_due", "receipt_on", "closed_on", "result",
    "closure_note", "review_days", "referral_receipt_days", "statutory_days", "extension_days", "extension_reason",
    "satisfaction", "followed_up_on", "archived_on",
]


# A step's reason or note (中止原因, 结案说明…): a paragraph or two; a name (移送机关, 专家) its column.
REASON_MAX_CHARS = 2_000
NAME_MAX_CHARS = 128


def typed_reason(raw: object, label: str) -> str:
    """A step's reason or note as saved (``core.typed_text``): refused beyond 2,000 characters."""
    return typed_text(raw, label=label, limit=REASON_MAX_CHARS)


def typed_name(raw: object, label: str) -> str:
    return typed_text(raw, label=label, limit=NAME_MAX_CHARS)


def case_snapshot(case: Case) -> dict[str, Any]:
    return snapshot(case, AUDITED_FIELDS)


def locked_case(*, user: User, case_id: int, step: str) -> Case:
    """The case, re-read under a row lock, if the user sees it (404) and may do ``step`` (403)."""
    case_for(user, case_id)
    case = Case.objects.select_for_update().select_related("case_type").get(pk=case_id)
    access_require_step(user, case, step)
    return case


def require_transition(case: Case, target: str) -> None:
    """The workflow's refusal worded in the user's language (the library words it in Chinese
    only: an English client read 案件状态不能从“已指派”变为“已回访”)."""
    try:
        check_transition(case.status, target)
    except WorkflowError as exc:
        if case.status not in TRANSITIONS or target not in labels.STATUSES:
            raise ValidationError(str(exc)) from exc
        allowed = [str(labels.STATUSES[status]) for status in sorted(TRANSITIONS[case.status])]
        raise ValidationError(_("案件状态不能从“%(current)s”变为“%(target)s”（可变为：%(allowed)s）") % {
            "current": labels.STATUSES[case.status], "target": labels.STATUSES[target],
            "allowed": list_comma().join(allowed) or pgettext("no case statuses", "无")}) from exc


def require_not_suspended(case: Case) -> None:
    if case.suspended:
        raise ValidationError(_("案件处于中止状态，请先恢复办理"))


def require_day(day: dt.date | None, label: str, *, not_before: dt.date | None = None,
                not_before_label: str = "") -> dt.date:
    """A date the steps accept: given, inside the calendar's counting range, not in the future,
    not before the step it follows."""
    if day is None:
        raise ValidationError(_("请填写%(label)s") % {"label": label})
    # A future date is refused as such first: beyond the calendar's range it would otherwise be
    # refused for a reason the user cannot act on.
    if day > timezone.localdate():
        raise ValidationError(_("%(label)s不能晚于今天") % {"label": label})
    first, last = counting_range()  # the known years and the provisional year after them
    if not first <= day <= last:
        raise ValidationError(calendar_range_message(CalendarRangeError(day, first, last)))
    if not_before is not None and day < not_before:
        raise ValidationError(_("%(label)s不能早于%(before)s（%(day)s）") % {
            "label": label, "before": not_before_label, "day": not_before.isoformat()})
    return day


def calendar_range_message(exc: CalendarRangeError) -> str:
    """The library's refusal (Chinese) worded again in the page's language."""
    return _("日期 %(day)s 超出节假日历的范围（%(first)s 至 %(last)s），无法计算工作日") % {
        "day": exc.day.isoformat(), "first": exc.first.isoformat(), "last": exc.last.isoformat()}


def refresh_deadlines(case: Case) -> None:
    try:
        case_deadlines_refresh(case)
    except CalendarRangeError as exc:
        raise ValidationError(calendar_range_message(exc)) from exc


def record(*, user: User, case: Case, step: str, before: dict[str, Any] | None, note: str = "",
           data: dict[str, Any] | None = None) -> CaseEvent:
    """Save the case, add the timeline event and the audit record (in the caller's transaction)."""
    case.save()
    event = CaseEvent.objects.create(case=case, step=step, actor=user if getattr(user, "is_authenticated", False)
                                     else None, note=note, data=data or {})
    audit_record(actor=user, action=f"protection.case.{step}", obj=case, before=before,
                 after=case_snapshot(case), note=note[:500])
    return event

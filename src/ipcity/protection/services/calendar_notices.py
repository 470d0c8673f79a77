"""Recomputing the stored due dates after a holiday notice is loaded (``ipcity cases calendar load``).

Due dates counted into a year without a notice are provisional (Monday–Friday,
``casework.calendar.is_provisional``); once the year's notice is loaded they become exact and may
move by the notice's holidays and make-up workdays. The stored dates (filters, board, reminders,
the on-time rate) are recomputed for every case that is not archived, in batches, and each changed
case gets an audit record with its old and new dates and the run's count.
"""

from __future__ import annotations

import logging

from django.contrib.auth.models import User
from django.db import transaction

from ipcity.audit.services import audit_record
from ipcity.casework.calendar import CalendarRangeError, supported_range
from ipcity.protection.access import access_require_case_office, cases_visible_to
from ipcity.protection.deadlines import case_deadlines_refresh
from ipcity.protection.models import Case

logger = logging.getLogger(__name__)

BATCH_SIZE = 500
DUE_FIELDS = ("review_due", "statutory_due", "receipt_due")


def _dates(case: Case) -> dict[str, str | None]:
    return {field: (value.isoformat() if (value := getattr(case, field)) else None) for field in DUE_FIELDS}


def case_deadlines_recompute(*, user: User | None = None) -> int:
    """Recompute review_due, statutory_due and receipt_due of every case not archived; the number
    of cases whose stored dates changed. ``user`` None is the command line (every case); a user
    must be of the office and recomputes the cases it sees. A case whose dates cannot be counted (beyond the provisional year)
    keeps its stored dates and is logged."""
    cases = Case.objects.all()
    if user is not None:  # an office user: the cases it sees (the command line: every case)
        access_require_case_office(user)
        cases = cases_visible_to(user)
    known_last = supported_range()[1].isoformat()
    ids = list(cases.exclude(status="archived").order_by("pk").values_list("pk", flat=True))
    changed = 0
    for offset in range(0, len(ids), BATCH_SIZE):
        changed += _recompute_batch(user, ids[offset:offset + BATCH_SIZE], known_last)
    return changed


@transaction.atomic
def _recompute_batch(user: User | None, ids: list[int], known_last: str) -> int:
    cases = (Case.objects.select_for_update().filter(pk__in=ids).exclude(status="archived")
             .select_related("case_type").prefetch_related("suspensions").order_by("pk"))
    updated: list[Case] = []
    for case in cases:
        before = _dates(case)
        try:
            case_deadlines_refresh(case)
        except CalendarRangeError as exc:
            logger.warning("case %s: due dates not recomputed: %s", case.number, exc)
            continue
        after = _dates(case)
        if after != before:
            updated.append(case)
            audit_record(actor=user, action="protection.case.deadlines_recompute", obj=case, before=before,
                         after=after, note=f"节假日安排更新（已知至 {known_last}），重算办理期限")
    if updated:
        Case.objects.bulk_update(updated, list(DUE_FIELDS))
    return len(updated)

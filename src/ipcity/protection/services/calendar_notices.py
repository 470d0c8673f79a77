"""Loading a year's holiday notice (节假日安排) and recomputing the stored due dates after it: the
site admin's page 节假日安排 and ``ipcity cases calendar load`` both call ``holiday_notice_load``.

Due dates counted into a year without a notice are provisional (Monday–Friday,
``casework.calendar.is_provisional``); once the year's notice is loaded they become exact and may
move by the notice's holidays and make-up workdays. The stored dates (filters, board, reminders,
the on-time rate) are recomputed for every case that is not archived, in batches, and each changed
case gets an audit record with its old and new dates and the run's count.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from ipcity.audit.services import audit_record
from ipcity.casework import calendar, holiday_notices
from ipcity.casework.calendar import CalendarRangeError, YearNotice, supported_range
from ipcity.protection.access import (
    access_require_case_office,
    access_require_holiday_notice_loader,
    cases_visible_to,
)
from ipcity.protection.deadlines import case_deadlines_refresh
from ipcity.protection.models import Case, HolidayNoticeLoad
from ipcity.supervision.services.rounds import round_due_dates_recompute

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


# How the page asks for a replacement (the command line's words are the library's default).
WEB_REPLACE_HINT = "确需覆盖请勾选“覆盖已有年份”"


def notice_directory() -> Path:
    """Where the notices live: ``<data dir>/reference/holidays`` (read when called: tests move it)."""
    return Path(settings.DATA_DIR) / "reference" / "holidays"


def holiday_notice_load(*, user: User | None, notice: YearNotice, replace: bool = False,
                        directory: Path | None = None, recompute_now: bool = False) -> HolidayNoticeLoad:
    """Store a checked year's notice, record it (a ``HolidayNoticeLoad`` and its audit record
    ``protection.holiday_notice.load``) and, with ``recompute_now`` (the command line), recompute
    every stored due date before returning. Otherwise the caller queues the recompute
    (``tasks.holiday_notice_recompute_job``, as the page does: some 3 ms a case, 15 s for 5,000
    cases on the 2-core machine), as the datasets app's views queue an import: the job calls this
    module, so this module does not call the job.

    The record and its audit record are written in one transaction with the file last: a notice
    refused by the library's check (``NoticeError``, the year against the known ones) or a failed
    write rolls them back; the file itself is replaced atomically (a temporary file renamed)."""
    if user is not None:
        access_require_holiday_notice_loader(user)
    directory = directory or notice_directory()
    with transaction.atomic():
        record = HolidayNoticeLoad.objects.create(
            year=notice.year, source=notice.source[:255], replaced=replace,
            holidays=sorted(day.isoformat() for day in notice.holidays),
            workdays=sorted(day.isoformat() for day in notice.workdays),
            via=HolidayNoticeLoad.Via.WEB if user is not None else HolidayNoticeLoad.Via.CLI,
            created_by=user if user is not None and user.is_authenticated else None)
        audit_record(actor=user, action="protection.holiday_notice.load", obj=record,
                     note=f"{notice.year}年：放假 {len(notice.holidays)} 天，调休上班 {len(notice.workdays)} 天"
                          + ("（覆盖已有安排）" if replace else ""))
        holiday_notices.store_notice(notice, directory, replace=replace,
                                     replace_hint=WEB_REPLACE_HINT if user is not None else "确需覆盖请加 --replace")
    return holiday_notice_recompute(record.pk) if recompute_now else record


# The last day of the known years when the stored due dates were last recomputed, beside the notices.
RECOMPUTED_MARKER = ".recomputed-through"


def _marker(directory: Path | None = None) -> Path:
    return (directory or calendar.notice_dir() or notice_directory()) / RECOMPUTED_MARKER


def recomputed_through(directory: Path | None = None) -> dt.date | None:
    """The known range's last day at the last recompute (None: never recorded)."""
    try:
        return dt.date.fromisoformat(_marker(directory).read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return None


def _mark_recomputed(known_last: dt.date, directory: Path | None = None) -> None:
    path = _marker(directory)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(known_last.isoformat() + "\n", encoding="utf-8")
    temporary.replace(path)


def calendar_catch_up(today: dt.date | None = None) -> dict[str, int]:
    """Recompute the stored due dates when the known years grew without a load: an upgraded
    ``chinese_calendar`` that publishes 2027 makes 2027 known (and refuses loading it), so cases and
    rounds whose dates were counted Monday–Friday into 2027 would keep them, now unmarked. Run by
    the daily scan (a hook, before the cases' reminders); does nothing while the known range's last
    day is the one recorded at the last recompute (``RECOMPUTED_MARKER``, written by every load's
    recompute too). Where nothing was recorded yet (a new installation, or one from before this
    check) it records the present range and moves nothing: the stored dates are taken as counted
    with it. ``today`` is the scan's day, unused: the calendar, not the day, decides."""
    known_last = supported_range()[1]
    through = recomputed_through()
    if through is None or through >= known_last:
        if through is None:
            _mark_recomputed(known_last)
        return {"cases_moved": 0, "rounds_moved": 0}
    cases = case_deadlines_recompute(user=None)
    rounds = round_due_dates_recompute(since=dt.date(through.year + 1, 1, 1))
    _mark_recomputed(known_last)
    if cases or rounds:
        logger.warning("holiday calendar now known to %s (was %s): %s case(s) and %s round(s) had their due dates "
                       "recomputed", known_last, through, cases, rounds)
    return {"cases_moved": cases, "rounds_moved": rounds}


def holiday_notice_recompute(load_id: int) -> HolidayNoticeLoad:
    """The recompute after a load (``case_deadlines_recompute`` by its loader: every case for the
    site admin or the command line, then the open supervision rounds due in the notice's year,
    ``round_due_dates_recompute``); the cases' count, or the error, kept on the load's record."""
    record = HolidayNoticeLoad.objects.select_related("created_by").get(pk=load_id)
    try:
        moved = case_deadlines_recompute(user=record.created_by)
        # The supervision rounds' due dates in that year follow the notice too (not stored on the
        # record: the audit trail has each move; the command line prints the count).
        record.rounds_moved = round_due_dates_recompute(since=dt.date(record.year, 1, 1), user=record.created_by)
    except Exception as exc:
        HolidayNoticeLoad.objects.filter(pk=record.pk).update(recompute_error=str(exc)[:2000])
        raise
    _mark_recomputed(supported_range()[1])
    record.cases_moved, record.recomputed_at, record.recompute_error = moved, timezone.now(), ""
    record.save(update_fields=["cases_moved", "recomputed_at", "recompute_error"])
    return record

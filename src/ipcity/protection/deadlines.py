"""A case's clocks (审查、办结、移送回执) in working days, from ``ipcity.casework.calendar``.

- review:    ``received_on`` + review_days, running while the case is registered;
- statutory: ``accepted_on`` + statutory_days + the case's extension, running from
  acceptance to closure;
- receipt:   ``referred_on`` + referral_receipt_days, running until the receipt is recorded.

The limits are the case's own (its type's, copied at registration or ledger import:
``case_limits_snapshot``), so editing a type changes no existing case's dates; a case without
them (bulk-created outside the services) reads its type's.

A suspension (中止) stops every clock: its days, from ``start`` up to the day before ``end`` (the
day work resumed), are skipped by every count. The stored due dates (filters, board, reminders)
count the closed suspensions; an open suspension is counted up to today for display only, and
resuming closes it and stores the moved dates (``case_deadlines_refresh``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy

from ipcity.casework.calendar import CalendarRangeError, add_working_days, due_date, working_days_between
from ipcity.protection.models import Case

_ONE_DAY = dt.timedelta(days=1)

# Statuses in which each clock runs.
REVIEW_STATUSES = frozenset({"registered"})
STATUTORY_STATUSES = frozenset({"accepted", "assigned", "referred"})
RECEIPT_STATUSES = frozenset({"referred"})

# A clock is "due soon" when at most this many working days are left (the board and reminders).
DUE_SOON_WORKING_DAYS = 3

# When each clock runs: the statuses, and the field that stops it once filled in (the receipt
# clock stops when the receipt is recorded). With the stored due date ``<clock>_due`` this is the
# one statement of the rule, read for a loaded case (``_runs``, ``due_state``) and turned into a
# query (``overdue_q``, ``due_soon_q``); a suspension stops every clock, in both.
CLOCK_RUNS: dict[str, tuple[frozenset[str], str | None]] = {
    "review": (REVIEW_STATUSES, None),
    "statutory": (STATUTORY_STATUSES, None),
    "receipt": (RECEIPT_STATUSES, "receipt_on"),
}

# Lazy: shown in the reader's language (pages, to-do list); the scan runs in Chinese.
CLOCK_LABELS = {"review": gettext_lazy("审查期限"), "statutory": gettext_lazy("办结期限"),
                "receipt": gettext_lazy("移送回执期限")}


def suspension_ranges(case: Case, *, today: dt.date | None = None) -> list[tuple[dt.date, dt.date]]:
    """The suspended days as inclusive (first, last) ranges; an open suspension counts up to
    ``today`` when given and is left out otherwise (the stored dates move only on resume)."""
    ranges: list[tuple[dt.date, dt.date]] = []
    if case.pk is None:  # a case being registered has no suspension yet
        return ranges
    for suspension in case.suspensions.all():
        if suspension.end is None:
            if today is not None and today >= suspension.start:
                ranges.append((suspension.start, today))
        elif suspension.end > suspension.start:
            ranges.append((suspension.start, suspension.end - _ONE_DAY))
    return ranges


LIMIT_FIELDS = ("review_days", "referral_receipt_days", "statutory_days")


def case_limits_snapshot(case: Case) -> None:
    """Copy the type's present limits onto the case (set, not saved): done once, at registration
    and at ledger import."""
    for field in LIMIT_FIELDS:
        setattr(case, field, getattr(case.case_type, field))


def case_limit(case: Case, field: str) -> int:
    """The case's own limit in working days; its type's when it has none stored."""
    own = getattr(case, field)
    return own if own is not None else getattr(case.case_type, field)


def _due(case: Case, key: str, ranges: list[tuple[dt.date, dt.date]]) -> dt.date | None:
    if key == "review":
        return due_date(case.received_on, case_limit(case, "review_days"), suspensions=ranges)
    if key == "statutory":
        return (due_date(case.accepted_on, case_limit(case, "statutory_days"), suspensions=ranges,
                         extension=case.extension_days) if case.accepted_on else None)
    return (due_date(case.referred_on, case_limit(case, "referral_receipt_days"), suspensions=ranges)
            if case.referred_on else None)


def _computed(case: Case, ranges: list[tuple[dt.date, dt.date]]) -> dict[str, dt.date | None]:
    return {key: _due(case, key, ranges) for key in CLOCK_LABELS}


def case_deadlines_refresh(case: Case) -> None:
    """Recompute and set (not save) review_due, statutory_due and receipt_due.

    Raises ``CalendarRangeError`` (a ValueError with a Chinese message) for a date outside the
    holiday calendar's published years."""
    dates = _computed(case, suspension_ranges(case))
    case.review_due, case.statutory_due, case.receipt_due = dates["review"], dates["statutory"], dates["receipt"]


@dataclass(frozen=True)
class Clock:
    key: str  # review | statutory | receipt
    label: Any  # a lazy translation
    due: dt.date
    running: bool  # the clock applies in the case's present state
    working_days_left: int  # negative: working days overdue
    done_on: dt.date | None = None  # the day the step it times was done
    beyond_calendar: bool = False  # the suspension-moved date lies past the holiday calendar's years

    @property
    def overdue(self) -> bool:
        return self.running and self.working_days_left < 0

    @property
    def working_days_overdue(self) -> int:
        return max(0, -self.working_days_left)

    @property
    def due_soon(self) -> bool:
        return self.running and 0 <= self.working_days_left <= DUE_SOON_WORKING_DAYS


def working_days_left(today: dt.date, due: dt.date) -> int:
    if due >= today:
        return working_days_between(today, due)
    return -working_days_between(due, today)


def case_clocks(case: Case, *, today: dt.date) -> list[Clock]:
    """Every clock of the case as shown today (an open suspension counted up to today)."""
    ranges = suspension_ranges(case, today=today)
    dates: dict[str, dt.date | None] = {}
    beyond: set[str] = set()
    for key in CLOCK_LABELS:
        try:
            dates[key] = _due(case, key, ranges)
        except CalendarRangeError:
            # A long open suspension pushed the date past the published calendar: show the
            # stored date (suspension not counted) and say it will move.
            dates[key] = getattr(case, f"{key}_due")
            beyond.add(key)
    done = {"review": case.accepted_on,
            "statutory": case.closed_on, "receipt": case.receipt_on}
    running = {key: _runs(case, key) for key in CLOCK_RUNS}
    clocks = []
    for key, due in dates.items():
        if due is None:
            continue
        clocks.append(Clock(key, CLOCK_LABELS[key], due, running[key] and not case.suspended,
                            working_days_left(today, due), done[key], beyond_calendar=key in beyond))
    return clocks


def _runs(case: Case, key: str) -> bool:
    """The clock applies in the case's state (a suspension aside)."""
    statuses, stopped_by = CLOCK_RUNS[key]
    return case.status in statuses and (stopped_by is None or getattr(case, stopped_by) is None)


def running_due_dates(case: Case) -> list[dt.date]:
    """The stored due dates of the clocks running in the case's state (none while suspended: a
    suspension stops every clock). The rule ``overdue_q`` and ``due_soon_q`` query."""
    if case.suspended:
        return []
    return [due for key in CLOCK_RUNS if _runs(case, key) and (due := getattr(case, f"{key}_due"))]


def running_clock_q(**due_lookups: dt.date) -> Q:
    """Cases with a clock running in their state whose stored due date passes ``due_lookups``
    (``lt=today``…), suspended or not."""
    running = Q()
    for key, (statuses, stopped_by) in CLOCK_RUNS.items():
        clock = Q(status__in=statuses, **{f"{key}_due__{lookup}": day for lookup, day in due_lookups.items()})
        if stopped_by is not None:
            clock &= Q(**{f"{stopped_by}__isnull": True})
        running |= clock
    return running


def overdue_q(today: dt.date) -> Q:
    """Running clocks whose stored due date has passed: the cases ``due_state`` calls overdue."""
    return ~Q(suspended=True) & running_clock_q(lt=today)


def due_soon_q(today: dt.date) -> Q:
    """Running clocks due within DUE_SOON_WORKING_DAYS working days (an overdue case may also have
    one; ``due_state`` calls those overdue)."""
    return ~Q(suspended=True) & running_clock_q(gte=today, lte=add_working_days(today, DUE_SOON_WORKING_DAYS))


def due_state(case: Case, *, today: dt.date) -> str:
    """"overdue" when a running clock has passed its date, "due_soon" when one falls within
    DUE_SOON_WORKING_DAYS working days, else ""."""
    dues = running_due_dates(case)
    if any(due < today for due in dues):
        return "overdue"
    if dues and min(dues) <= add_working_days(today, DUE_SOON_WORKING_DAYS):
        return "due_soon"
    return ""

"""Reads about the holiday notices: the open cases whose running due date is provisional, what
loading a notice would move (the preview, nothing written), the loads so far."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from ipcity.casework.calendar import YearNotice, supported_range
from ipcity.protection.access import cases_visible_to
from ipcity.protection.deadlines import CLOCK_LABELS, running_clock_q
from ipcity.protection.models import Case, HolidayNoticeLoad


def provisional_open_cases(user) -> int:
    """How many cases the user sees have a running clock due after the known years."""
    known_last = supported_range()[1]
    return cases_visible_to(user).filter(running_clock_q(gt=known_last)).count()


@dataclass(frozen=True)
class DueDateMove:
    """One case whose stored due dates a notice would move (the preview of a load)."""

    case_id: int
    number: str
    before: dict[str, dt.date | None]
    after: dict[str, dt.date | None]

    @property
    def changes(self) -> list[tuple[str, dt.date | None, dt.date | None]]:
        return [(key, self.before[key], self.after[key]) for key in CLOCK_LABELS
                if self.before[key] != self.after[key]]


def holiday_notice_effect(notice: YearNotice) -> list[DueDateMove]:
    """The cases (not archived) whose stored due dates loading ``notice`` would move, computed under
    ``calendar.notice_in_effect`` with nothing written (the recompute's own rule,
    ``case_deadlines_refresh``, on unsaved objects). Only a case with a stored date in the notice's
    year or later can move: the working days before 1 January of that year do not change."""
    from ipcity.casework.calendar import CalendarRangeError, notice_in_effect
    from ipcity.protection.deadlines import case_deadlines_refresh

    first = dt.date(notice.year, 1, 1)
    reaching = Q(review_due__gte=first) | Q(statutory_due__gte=first) | Q(receipt_due__gte=first)
    cases = (Case.objects.exclude(status="archived").filter(reaching).select_related("case_type")
             .prefetch_related("suspensions").order_by("pk"))
    moves: list[DueDateMove] = []
    with notice_in_effect(notice):
        for case in cases.iterator(chunk_size=500):
            before = {key: getattr(case, f"{key}_due") for key in CLOCK_LABELS}
            try:
                case_deadlines_refresh(case)
            except CalendarRangeError:  # the recompute keeps such a case's dates too
                continue
            after = {key: getattr(case, f"{key}_due") for key in CLOCK_LABELS}
            if after != before:
                moves.append(DueDateMove(case.pk, case.number, before, after))
    return moves


def holiday_notice_loads(limit: int = 20) -> list[HolidayNoticeLoad]:
    """The latest loads of a notice, newest first (the page's history)."""
    return list(HolidayNoticeLoad.objects.select_related("created_by")[:limit])

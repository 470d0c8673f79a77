"""Working days by the official calendar, from ``ipcity.casework.calendar`` (the one home).

A due date that falls on a weekend or a public holiday moves to the next working day; a
weekend that is a make-up working day (调休上班) is a working day. Casework counts the known
years (``chinese_calendar`` and the office-loaded notices) exactly and the year after them
provisionally, Monday–Friday (docs/protection.md, "Deadlines"), so supervision uses the same rule.
Only a date casework cannot count at all (past the provisional year, e.g. a round scheduled years
ahead) falls back here to the same Monday–Friday rule, because a reporting round must still get
a due date (a case deadline there is refused instead).
"""

from __future__ import annotations

import datetime as dt

from ipcity.casework import calendar as casework_calendar


def is_working_day(day: dt.date) -> bool:
    try:
        return casework_calendar.is_working_day(day)
    except casework_calendar.CalendarRangeError:  # beyond casework's provisional year
        return day.weekday() < 5


def next_working_day(day: dt.date) -> dt.date:
    """The day itself when it is a working day, otherwise the first working day after it."""
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days in (start, end]; 0 when end is not after start."""
    try:
        return casework_calendar.working_days_between(start, end)
    except casework_calendar.CalendarRangeError:  # beyond the provisional year: the same fallback
        pass
    count = 0
    day = start
    while day < end:
        day += dt.timedelta(days=1)
        count += is_working_day(day)
    return count

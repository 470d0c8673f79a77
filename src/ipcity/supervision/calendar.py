"""Working days by the official calendar (国务院办公厅 holiday notices, via ``chinese_calendar``).

A due date that falls on a weekend or a public holiday moves to the next working day; a
weekend that is a make-up working day (调休上班) is a working day. Years the library does not
cover yet (it is updated each December) fall back to Monday–Friday, which is the best
anyone can know before the State Council publishes that year's notice.
"""

from __future__ import annotations

import datetime as dt

import chinese_calendar


def is_working_day(day: dt.date) -> bool:
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:  # year not yet published
        return day.weekday() < 5


def next_working_day(day: dt.date) -> dt.date:
    """The day itself when it is a working day, otherwise the first working day after it."""
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days in (start, end]; 0 when end is not after start."""
    count = 0
    day = start
    while day < end:
        day += dt.timedelta(days=1)
        count += is_working_day(day)
    return count

"""casework.calendar against an independent count made day by day with chinese_calendar itself.

The reference below walks the calendar one day at a time and asks ``chinese_calendar.is_workday``
directly; the library under test uses a prefix count and a binary search, so the two share only
the published holiday data. Past the published years the reference applies the provisional rule
on its own (docs/protection.md, "Deadlines"): Monday–Friday up to 31 December of the following
year (``PROVISIONAL_UNTIL``, written here from chinese_calendar's last year, not read from the
library), and nothing after it.
"""

from __future__ import annotations

import datetime as dt

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ipcity.casework import calendar

FIRST = dt.date(2022, 1, 1)
LAST = dt.date(2026, 12, 31)
ONE_DAY = dt.timedelta(days=1)
PUBLISHED_LAST_YEAR = max(day.year for day in chinese_calendar.holidays)
PROVISIONAL_UNTIL = dt.date(PUBLISHED_LAST_YEAR + 1, 12, 31)


@pytest.fixture(autouse=True, scope="module")
def _package_years_only():
    """No office-loaded notice: the reference knows only the package's years."""
    previous = calendar.notice_dir()
    calendar.set_notice_dir(None)
    yield
    calendar.set_notice_dir(previous)


def reference_is_workday(day: dt.date) -> bool | None:
    """chinese_calendar's answer; Monday–Friday in the provisional year; None past it."""
    if day.year <= PUBLISHED_LAST_YEAR:
        return bool(chinese_calendar.is_workday(day))
    if day <= PROVISIONAL_UNTIL:
        return day.weekday() < 5
    return None


def _suspended(day: dt.date, suspensions) -> bool:
    return any(first <= day <= last for first, last in suspensions)


def reference_add(start: dt.date, n: int, suspensions) -> dt.date | None:
    """The n-th working, unsuspended day after start; None when it falls past the provisional year."""
    day, counted = start, 0
    while counted < n:
        day += ONE_DAY
        working = reference_is_workday(day)
        if working is None:
            return None
        if working and not _suspended(day, suspensions):
            counted += 1
    return day


def reference_between(start: dt.date, end: dt.date, suspensions) -> int:
    count, day = 0, start
    while day < end:
        day += ONE_DAY
        count += bool(reference_is_workday(day)) and not _suspended(day, suspensions)
    return count


days = st.dates(min_value=FIRST, max_value=LAST)


@st.composite
def suspensions_near(draw, around: dt.date):
    """Up to three closed suspensions (possibly overlapping) starting near ``around``."""
    result = []
    for _ in range(draw(st.integers(0, 3))):
        first = around + dt.timedelta(days=draw(st.integers(-10, 250)))
        last = first + dt.timedelta(days=draw(st.integers(0, 40)))
        result.append((first, last))
    return result


@settings(max_examples=300, deadline=None)
@given(data=st.data(), start=days, n=st.integers(0, 300))
def test_add_working_days_matches_the_day_by_day_count(data, start, n):
    suspensions = data.draw(suspensions_near(start))
    expected = reference_add(start, n, suspensions)
    if expected is None:
        with pytest.raises(calendar.CalendarRangeError):
            calendar.add_working_days(start, n, suspensions)
        return
    due = calendar.add_working_days(start, n, suspensions)
    assert due == expected
    # Inverse consistency: counting back from the due date gives n.
    assert calendar.working_days_between(start, due, suspensions) == n


@settings(max_examples=300, deadline=None)
@given(data=st.data(), start=days, span=st.integers(-20, 500))
def test_working_days_between_matches_the_day_by_day_count(data, start, span):
    end = min(start + dt.timedelta(days=span), LAST)
    suspensions = data.draw(suspensions_near(start))
    assert calendar.working_days_between(start, end, suspensions) == reference_between(start, end, suspensions)


@settings(max_examples=300, deadline=None)
@given(data=st.data(), start=days, limit=st.sampled_from([5, 15, 90, 120]), extension=st.integers(0, 60))
def test_due_date_is_the_limit_plus_extension_skipping_suspensions(data, start, limit, extension):
    suspensions = data.draw(suspensions_near(start))
    expected = reference_add(start, limit + extension, suspensions)
    if expected is None:
        with pytest.raises(calendar.CalendarRangeError):
            calendar.due_date(start, limit, suspensions=suspensions, extension=extension)
        return
    assert calendar.due_date(start, limit, suspensions=suspensions, extension=extension) == expected


def test_every_day_of_the_published_range_is_classified_as_chinese_calendar_does():
    day, last = calendar.supported_range()
    assert day == dt.date(2004, 1, 1) and last >= LAST
    while day <= last:
        assert calendar.is_working_day(day) == chinese_calendar.is_workday(day), day
        assert calendar.is_working_day(day) != chinese_calendar.is_holiday(day), day
        day += ONE_DAY


# The provisional part: starts from the last published year into the provisional one.
late_days = st.dates(min_value=dt.date(PUBLISHED_LAST_YEAR, 6, 1), max_value=PROVISIONAL_UNTIL)


@settings(max_examples=300, deadline=None)
@given(data=st.data(), start=late_days, n=st.integers(0, 300))
def test_add_working_days_across_into_the_provisional_year(data, start, n):
    suspensions = data.draw(suspensions_near(start))
    expected = reference_add(start, n, suspensions)
    if expected is None:
        with pytest.raises(calendar.CalendarRangeError):
            calendar.add_working_days(start, n, suspensions)
        return
    due = calendar.add_working_days(start, n, suspensions)
    assert due == expected
    assert calendar.is_provisional(due) == (due.year > PUBLISHED_LAST_YEAR)
    assert calendar.working_days_between(start, due, suspensions) == n


@settings(max_examples=300, deadline=None)
@given(data=st.data(), start=late_days, span=st.integers(-20, 500))
def test_working_days_between_across_into_the_provisional_year(data, start, span):
    end = min(start + dt.timedelta(days=span), PROVISIONAL_UNTIL)
    suspensions = data.draw(suspensions_near(start))
    assert calendar.working_days_between(start, end, suspensions) == reference_between(start, end, suspensions)


def test_every_day_of_the_provisional_year_is_monday_to_friday():
    day = dt.date(PUBLISHED_LAST_YEAR + 1, 1, 1)
    assert calendar.provisional_until() == PROVISIONAL_UNTIL
    while day <= PROVISIONAL_UNTIL:
        assert calendar.is_working_day(day) == (day.weekday() < 5), day
        assert calendar.is_provisional(day)
        day += ONE_DAY
    assert not calendar.is_provisional(dt.date(PUBLISHED_LAST_YEAR, 12, 31))

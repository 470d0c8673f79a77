"""The Spring Festival and National Day of 2022–2026 with their 调休 working weekends.

Dates written by hand from the State Council General Office's annual notices on public holidays
(国务院办公厅关于20XX年部分节假日安排的通知), not read from chinese_calendar.
"""

from __future__ import annotations

import datetime as dt

import pytest

from ipcity.casework import calendar

D = dt.date

# (name, first holiday day, last holiday day, weekend days worked in exchange)
HOLIDAYS = [
    ("2022 春节", D(2022, 1, 31), D(2022, 2, 6), [D(2022, 1, 29), D(2022, 1, 30)]),
    ("2022 国庆节", D(2022, 10, 1), D(2022, 10, 7), [D(2022, 10, 8), D(2022, 10, 9)]),
    ("2023 春节", D(2023, 1, 21), D(2023, 1, 27), [D(2023, 1, 28), D(2023, 1, 29)]),
    # Mid-Autumn Festival (9/29) and National Day taken together, 8 days.
    ("2023 中秋节、国庆节", D(2023, 9, 29), D(2023, 10, 6), [D(2023, 10, 7), D(2023, 10, 8)]),
    ("2024 春节", D(2024, 2, 10), D(2024, 2, 17), [D(2024, 2, 4), D(2024, 2, 18)]),
    ("2024 国庆节", D(2024, 10, 1), D(2024, 10, 7), [D(2024, 9, 29), D(2024, 10, 12)]),
    ("2025 春节", D(2025, 1, 28), D(2025, 2, 4), [D(2025, 1, 26), D(2025, 2, 8)]),
    ("2025 国庆节、中秋节", D(2025, 10, 1), D(2025, 10, 8), [D(2025, 9, 28), D(2025, 10, 11)]),
    ("2026 春节", D(2026, 2, 15), D(2026, 2, 23), [D(2026, 2, 14), D(2026, 2, 28)]),
    ("2026 国庆节", D(2026, 10, 1), D(2026, 10, 7), [D(2026, 9, 20), D(2026, 10, 10)]),
]


def _days(first: dt.date, last: dt.date):
    day = first
    while day <= last:
        yield day
        day += dt.timedelta(days=1)


@pytest.mark.parametrize("name,first,last,worked", HOLIDAYS, ids=[h[0] for h in HOLIDAYS])
def test_holiday_days_are_off_and_make_up_weekends_are_worked(name, first, last, worked):
    assert all(not calendar.is_working_day(day) for day in _days(first, last))
    for day in worked:
        assert day.weekday() >= 5, f"{day} should be a weekend day"
        assert calendar.is_working_day(day)


@pytest.mark.parametrize("name,first,last,worked", HOLIDAYS, ids=[h[0] for h in HOLIDAYS])
def test_one_working_day_after_the_eve_jumps_the_whole_holiday(name, first, last, worked):
    eve = first - dt.timedelta(days=1)
    # The first day after the holiday that is worked: a weekday, or the make-up weekend day.
    after = last + dt.timedelta(days=1)
    while not (after.weekday() < 5 or after in worked):
        after += dt.timedelta(days=1)
    assert calendar.add_working_days(eve, 1) == after
    assert calendar.working_days_between(eve, after) == 1


def test_2024_spring_festival_window_counted_by_hand():
    # 2/1 (Thu) .. 2/29: Feb 2024 has 21 weekdays; 2/12–2/16 are holidays (−5), 2/4 and 2/18 are
    # worked Sundays (+2); 2/1 itself is not counted (−1): 21 − 1 − 5 + 2 = 17.
    assert calendar.working_days_between(D(2024, 2, 1), D(2024, 2, 29)) == 17
    # Five working days from Thursday 2/8: 2/9, then 2/18 (Sun, worked), 2/19, 2/20, 2/21.
    assert calendar.add_working_days(D(2024, 2, 8), 5) == D(2024, 2, 21)


def test_national_day_2024_worked_example_of_the_docs():
    # docs/protection.md "Deadlines": registered Friday 2024-09-27, 5 working days to review:
    # 9/29 (Sun, worked), 9/30, 10/8, 10/9, 10/10.
    assert calendar.add_working_days(D(2024, 9, 27), 5) == D(2024, 10, 10)
    # Suspended 10/8–10/9 and extended by one working day: 9/29, 9/30, 10/10, 10/11,
    # 10/12 (Sat, worked), 10/14.
    suspended = [(D(2024, 10, 8), D(2024, 10, 9))]
    assert calendar.due_date(D(2024, 9, 27), 5, suspensions=suspended, extension=1) == D(2024, 10, 14)


def test_overlapping_suspensions_count_each_day_once():
    one = [(D(2024, 3, 4), D(2024, 3, 8))]
    overlapping = [(D(2024, 3, 4), D(2024, 3, 6)), (D(2024, 3, 5), D(2024, 3, 8)), (D(2024, 3, 7), D(2024, 3, 7))]
    assert calendar.add_working_days(D(2024, 3, 1), 3, overlapping) == calendar.add_working_days(D(2024, 3, 1), 3, one)
    # 3/1 Fri; 3/4–3/8 suspended; so 3/11, 3/12, 3/13.
    assert calendar.add_working_days(D(2024, 3, 1), 3, one) == D(2024, 3, 13)
    assert calendar.working_days_between(D(2024, 3, 1), D(2024, 3, 13), overlapping) == 3


def test_zero_days_is_the_start_itself_and_negative_is_refused():
    assert calendar.add_working_days(D(2024, 2, 10), 0) == D(2024, 2, 10)  # a holiday, unchanged
    assert calendar.working_days_between(D(2024, 2, 10), D(2024, 2, 10)) == 0
    assert calendar.working_days_between(D(2024, 3, 10), D(2024, 3, 1)) == 0
    with pytest.raises(ValueError, match="负数"):
        calendar.add_working_days(D(2024, 2, 10), -1)
    with pytest.raises(ValueError, match="负数"):
        calendar.due_date(D(2024, 2, 10), 5, extension=-1)


def test_a_suspension_ending_before_it_starts_is_refused():
    with pytest.raises(ValueError, match="早于开始日"):
        calendar.add_working_days(D(2024, 3, 1), 3, [(D(2024, 3, 8), D(2024, 3, 4))])
    with pytest.raises(ValueError, match="早于开始日"):
        calendar.working_days_between(D(2024, 3, 1), D(2024, 3, 20), [(D(2024, 3, 8), D(2024, 3, 4))])


def test_outside_the_countable_range_nothing_is_guessed():
    # Changed with the provisional rule (docs/protection.md, "Deadlines"): the year after the
    # known ones is counted Monday–Friday; before the first year and after that one, a refusal.
    first, last = calendar.supported_range()
    assert first == D(2004, 1, 1) and last.month == 12 and last.day == 31 and last.year >= 2026
    until = calendar.provisional_until()
    assert until == D(last.year + 1, 12, 31)
    beyond = until + dt.timedelta(days=1)
    with pytest.raises(calendar.CalendarRangeError) as caught:
        calendar.is_working_day(beyond)
    message = str(caught.value)
    assert beyond.isoformat() in message and first.isoformat() in message and until.isoformat() in message
    with pytest.raises(calendar.CalendarRangeError):
        calendar.is_working_day(D(2003, 12, 31))
    # A count that would need the year after the provisional one stops at its end.
    with pytest.raises(calendar.CalendarRangeError) as caught:
        calendar.add_working_days(until - dt.timedelta(days=3), 10)
    assert caught.value.day == beyond
    with pytest.raises(calendar.CalendarRangeError):
        calendar.working_days_between(D(2026, 12, 1), beyond)


def test_a_datetime_counts_as_its_day():
    assert calendar.add_working_days(dt.datetime(2024, 9, 27, 16, 30), 5) == D(2024, 10, 10)
    assert calendar.is_working_day(dt.datetime(2024, 10, 12, 9, 0))

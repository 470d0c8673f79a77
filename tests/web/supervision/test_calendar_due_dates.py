"""Working days, and the occurrences a reporting duty calls for."""

from __future__ import annotations

import datetime as dt

from ipcity.supervision import calendar, due_dates

D = dt.date


def test_weekday_is_a_working_day_and_stays():
    assert calendar.next_working_day(D(2026, 12, 15)) == D(2026, 12, 15)  # a Tuesday


def test_weekend_moves_to_monday():
    assert D(2026, 11, 14).weekday() == 5
    assert calendar.next_working_day(D(2026, 11, 14)) == D(2026, 11, 16)


def test_national_day_holiday_moves_past_the_whole_holiday():
    # 2026-10-01..07 国庆节; the 8th is a Thursday and a working day.
    assert calendar.next_working_day(D(2026, 10, 1)) == D(2026, 10, 8)


def test_make_up_working_day_on_a_weekend_is_a_working_day():
    # Sunday 2025-09-28 was worked in exchange for the National Day holiday (调休上班).
    assert D(2025, 9, 28).weekday() == 6
    assert calendar.is_working_day(D(2025, 9, 28))
    assert calendar.next_working_day(D(2025, 9, 28)) == D(2025, 9, 28)


def test_year_not_published_yet_falls_back_to_weekdays():
    saturday = D(2031, 3, 1)
    assert saturday.weekday() == 5
    assert calendar.next_working_day(saturday) == D(2031, 3, 3)


def test_working_days_between():
    assert calendar.working_days_between(D(2026, 9, 30), D(2026, 10, 8)) == 1


def test_yearly_duty_one_round_a_year_moved_to_working_day():
    occ = due_dates.duty_occurrences(duty_id=7, what="报送推进情况", due={"month": 12, "day": 15},
                                    start_year=2024, end_year=2026)
    assert [o.nominal_due for o in occ] == [D(2024, 12, 15), D(2025, 12, 15), D(2026, 12, 15)]
    # 2024-12-15 was a Sunday → Monday the 16th.
    assert occ[0].due_date == D(2024, 12, 16)
    assert occ[0].key == "duty:7:2024-12-15" and occ[0].title.startswith("2024年度")


def test_yearly_duty_early_in_the_year_reports_on_the_previous_year():
    occ = due_dates.duty_occurrences(duty_id=1, what="报送上年度总结", due={"month": 1, "day": 31},
                                    start_year=2024, end_year=2025)
    assert [(o.period_year, o.nominal_due) for o in occ] == [(2024, D(2025, 1, 31)), (2025, D(2026, 1, 31))]


def test_every_six_months_two_periods_a_year():
    occ = due_dates.duty_occurrences(duty_id=1, what="报送", due={"every_months": 6}, start_year=2025, end_year=2026)
    assert [o.nominal_due for o in occ] == [D(2025, 6, 30), D(2025, 12, 31), D(2026, 6, 30), D(2026, 12, 31)]
    assert occ[0].title.startswith("2025年上半年") and occ[1].title.startswith("2025年下半年")
    assert occ[1].opens_on == D(2025, 7, 1)


def test_once_by_month_is_due_at_the_end_of_that_month():
    occ = due_dates.duty_occurrences(duty_id=1, what="评估", due={"date": "2025-01"}, start_year=2022, end_year=2025)
    assert len(occ) == 1 and occ[0].nominal_due == D(2025, 1, 31) and occ[0].period_year == 2024


def test_malformed_due_gives_nothing():
    assert due_dates.duty_occurrences(duty_id=1, what="x", due={"date": "2025-13"}, start_year=2022, end_year=2025) == []
    assert due_dates.duty_occurrences(duty_id=1, what="x", due={}, start_year=2022, end_year=2025) == []


def test_which_duties_call_for_department_reports():
    assert due_dates.duty_calls_for_department_reports("报送推进情况", "各责任单位")
    assert due_dates.duty_calls_for_department_reports("实行年度考核", None)
    assert due_dates.duty_calls_for_department_reports("开展年度监测", "领导小组办公室")
    assert not due_dates.duty_calls_for_department_reports("研究知识产权工作1次以上", "市委、市政府")

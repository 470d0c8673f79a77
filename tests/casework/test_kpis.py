"""casework.kpis on a small set of cases whose figures are worked out by hand in the comments."""

from __future__ import annotations

import datetime as dt

import pytest

from ipcity.casework.kpis import DEFINITIONS, KPI_LABELS, CaseFacts, kpis, monthly_table
from ipcity.casework.workflow import CASE_TYPES, CHANNELS, RESULTS

D = dt.date
Q1_START, Q1_END = D(2025, 1, 1), D(2025, 3, 31)


def case(case_id, case_type, channel, received, accepted=None, closed=None, due=None, result=None,
         enterprise=None, days=None, suspended=False):
    return CaseFacts(case_id, case_type, channel, received, accepted, closed, due, result, enterprise,
                     days, suspended)


FACTS = [
    # accepted in Q1 2025: 1, 2, 3, 5, 6, 14 (six)
    case(1, "complaint", "hotline_12330", D(2025, 1, 2), D(2025, 1, 3), D(2025, 2, 10), D(2025, 3, 1),
         "transferred", "91330100MA00000072", 20),
    case(2, "mediation", "visit", D(2025, 1, 5), D(2025, 1, 6), D(2025, 3, 20), D(2025, 3, 10),
         "mediated", None, 50),  # closed late
    case(3, "mediation", "letter", D(2025, 2, 1), D(2025, 2, 3), None, D(2025, 6, 1)),  # open
    # accepted in December, closed in Q1: in the closures, not in the acceptances
    case(4, "assistance", "website", D(2024, 12, 20), D(2024, 12, 25), D(2025, 1, 15), D(2025, 5, 1),
         "assisted", "91330100MA00000072", 13),
    # closed on its due date, the period's last day; 中止终结 of a fast case is no mediation outcome
    case(5, "fast", "fair", D(2025, 3, 1), D(2025, 3, 3), D(2025, 3, 31), D(2025, 3, 31),
         "terminated", "某某科技有限公司", 20),
    # accepted in Q1, closed in April: not a Q1 closure, not in the cohort's closures
    case(6, "assistance", "hotline_12330", D(2025, 3, 10), D(2025, 3, 11), D(2025, 4, 2), D(2025, 7, 1),
         "mediation_failed", "91330100MA00000072", 15),
    case(7, "ruling", "court_referral", D(2025, 3, 15)),  # registered only
    # a consultation answered at intake: never accepted, so outside the closure rates
    case(8, "consult", "hotline_12330", D(2025, 2, 2), None, D(2025, 2, 2), None, "answered"),
    # a mediation accepted last year and terminated in Q1: counts against mediation
    case(9, "mediation", "visit", D(2024, 11, 1), D(2024, 11, 2), D(2025, 2, 20), D(2025, 4, 1),
         "terminated", None, 70),
    # Q1 2024 enforcement acceptances (complaint, ruling, complaint) and one in April 2024
    case(10, "complaint", "hotline_12330", D(2024, 2, 1), D(2024, 2, 5), D(2024, 3, 1), D(2024, 6, 1), "dismissed"),
    case(11, "ruling", "agency_referral", D(2024, 3, 25), D(2024, 3, 31)),
    case(12, "fast", "fair", D(2024, 3, 28), D(2024, 4, 1)),
    case(13, "complaint", "letter", D(2024, 1, 8), D(2024, 1, 10)),
    # the same enterprise as case 6 (by credit code): counted once
    case(14, "assistance", "website", D(2025, 2, 8), D(2025, 2, 10), None, D(2025, 6, 20), None,
         "91330100MA00000072"),
]


def test_every_indicator_on_the_hand_worked_set():
    figures = kpis(FACTS, Q1_START, Q1_END)
    assert set(figures) == set(KPI_LABELS) == set(DEFINITIONS)
    # closed in Q1 among accepted cases: 1, 2, 4, 5, 9 = 5; accepted in Q1: 1, 2, 3, 5, 6, 14 = 6
    closure = figures["closure_rate"]
    assert (closure.numerator, closure.denominator, closure.value, closure.unit) == (5, 6, 83.33, "%")
    # of the six accepted in Q1, closed by 3/31: 1, 2, 5 → 3/6
    cohort = figures["closure_rate_cohort"]
    assert (cohort.numerator, cohort.denominator, cohort.value) == (3, 6, 50.0)
    # closures with a due date: 1, 2, 4, 5, 9; on or before it: 1, 4, 5 (on the day), 9 → 4/5
    on_time = figures["on_time_rate"]
    assert (on_time.numerator, on_time.denominator, on_time.value) == (4, 5, 80.0)
    # mediation outcomes among Q1 closures: 2 mediated, 9 terminated (a mediation case) → 1/2;
    # 5 is terminated but a fast case, 6 failed but closed in April
    mediation = figures["mediation_success_rate"]
    assert (mediation.numerator, mediation.denominator, mediation.value) == (1, 2, 50.0)
    # (20 + 50 + 13 + 20 + 70) / 5 = 173 / 5
    average = figures["avg_working_days_to_close"]
    assert (average.numerator, average.denominator, average.value) == (173, 5, 34.6)
    # enforcement acceptances in Q1 2025: 1 (complaint), 5 (fast) = 2; Q1 2024: 10, 11, 13 = 3
    volume = figures["enforcement_volume"]
    assert (volume.value, volume.numerator, volume.denominator, volume.unit) == (2, 2, None, "件")
    growth = figures["enforcement_growth"]
    assert (growth.numerator, growth.denominator, growth.value) == (-1, 3, -33.33)
    # assistance/fast accepted in Q1 with an enterprise: 5 (某某科技), 6 and 14 (same code) → 2
    enterprises = figures["enterprises_assisted"]
    assert (enterprises.value, enterprises.denominator, enterprises.unit) == (2, None, "家")
    assert "行政裁决" in figures["enforcement_volume"].definition_zh
    assert "维权援助" in enterprises.definition_zh and "快速维权" in enterprises.definition_zh


def test_previous_cases_can_be_given_separately():
    this_year = [f for f in FACTS if f.received_on.year == 2025]
    last_year = [f for f in FACTS if f.received_on.year == 2024]
    alone = kpis(this_year, Q1_START, Q1_END)["enforcement_growth"]
    # without last year's cases there is nothing to grow from: no value, no division error
    assert (alone.numerator, alone.denominator, alone.value) == (2, 0, None)
    given = kpis(this_year, Q1_START, Q1_END, previous=last_year)["enforcement_growth"]
    assert (given.numerator, given.denominator, given.value) == (-1, 3, -33.33)


def test_empty_denominators_give_none_never_a_division_error():
    figures = kpis([], Q1_START, Q1_END)
    for key in ("closure_rate", "closure_rate_cohort", "on_time_rate", "mediation_success_rate",
                "avg_working_days_to_close", "enforcement_growth"):
        assert figures[key].value is None, key
        assert figures[key].denominator == 0, key
    assert figures["enforcement_volume"].value == 0
    assert figures["enterprises_assisted"].value == 0


def test_closing_a_backlog_can_exceed_100_percent_while_the_cohort_cannot():
    facts = [
        case(1, "complaint", "visit", D(2024, 12, 1), D(2024, 12, 2), D(2025, 1, 10), D(2025, 4, 1), "dismissed"),
        case(2, "complaint", "visit", D(2024, 12, 1), D(2024, 12, 2), D(2025, 1, 11), D(2025, 4, 1), "dismissed"),
        case(3, "complaint", "visit", D(2025, 1, 5), D(2025, 1, 6), None, D(2025, 5, 1)),
    ]
    figures = kpis(facts, Q1_START, Q1_END)
    assert figures["closure_rate"].value == 200.0  # 2 closed ÷ 1 accepted
    assert figures["closure_rate_cohort"].value == 0.0  # the one accepted is still open


def test_year_on_year_on_29_february_compares_with_28_february():
    facts = [
        case(1, "fast", "visit", D(2024, 2, 29), D(2024, 2, 29)),
        case(2, "fast", "visit", D(2023, 2, 28), D(2023, 2, 28)),
        case(3, "fast", "visit", D(2023, 3, 1), D(2023, 3, 1)),  # outside the year-earlier period
    ]
    growth = kpis(facts, D(2024, 2, 29), D(2024, 2, 29))["enforcement_growth"]
    assert (growth.numerator, growth.denominator, growth.value) == (0, 1, 0.0)


def test_a_period_ending_before_it_starts_is_refused():
    with pytest.raises(ValueError, match="早于开始日"):
        kpis(FACTS, Q1_END, Q1_START)


def _row(rows, dimension, measure, code):
    (found,) = [r for r in rows if (r.dimension, r.measure, r.code) == (dimension, measure, code)]
    return found


def test_monthly_table_by_channel_type_and_result():
    rows = monthly_table(FACTS, 2025)
    # every vocabulary code has its line, then the total line, in each of the five blocks
    assert len(rows) == (len(CHANNELS) + 1) + 3 * (len(CASE_TYPES) + 1) + (len(RESULTS) + 1)
    # 12330 intake in 2025: case 1 (January), 8 (February), 6 (March)
    hotline = _row(rows, "channel", "received", "hotline_12330")
    assert hotline.label_zh == "12330热线"
    assert hotline.months == (1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0) and hotline.total == 3
    # received in 2025: 1, 2 (Jan); 3, 8, 14 (Feb); 5, 6, 7 (Mar)
    total = _row(rows, "channel", "received", "")
    assert total.label_zh == "合计" and total.months[:4] == (2, 3, 3, 0) and total.total == 8
    # mediation accepted in 2025: 2 (Jan), 3 (Feb); closed in 2025: 2 (Mar), 9 (Feb)
    assert _row(rows, "case_type", "accepted", "mediation").months[:3] == (1, 1, 0)
    assert _row(rows, "case_type", "closed", "mediation").months[:3] == (0, 1, 1)
    # closures in 2025 by result: 4 (Jan); 1, 8, 9 (Feb); 2, 5 (Mar); 6 (Apr)
    assert _row(rows, "result", "closed", "terminated").months[:3] == (0, 1, 1)
    closed_total = _row(rows, "result", "closed", "")
    assert closed_total.months[:4] == (1, 3, 2, 1) and closed_total.total == 7
    # a year without cases is all zeros, same shape
    empty = monthly_table(FACTS, 2019)
    assert len(empty) == len(rows) and all(r.total == 0 for r in empty)


def test_monthly_table_keeps_an_unknown_code_on_a_line_of_its_own():
    facts = [case(1, "complaint", "phone", D(2025, 5, 5), D(2025, 5, 6), D(2025, 6, 1), None, None)]
    rows = monthly_table(facts, 2025)
    old = _row(rows, "channel", "received", "phone")
    assert old.label_zh == "phone" and old.months[4] == 1
    missing = _row(rows, "result", "closed", "unknown")
    assert missing.label_zh == "未填写" and missing.months[5] == 1
    assert _row(rows, "result", "closed", "").total == 1

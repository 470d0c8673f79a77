"""The KPIs of a small set, worked by hand (kpi_cases.py), through the selector and the page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ipcity.protection.models import Case
from ipcity.protection.selectors.kpis import Period, period_kpis, statistics_cases
from tests.web.protection import kpi_cases
from tests.web.protection.kpi_cases import D, day_by_day


def _figures(user, period, scope=""):
    rows, count = period_kpis(statistics_cases(user), period, scope)
    return {r.key: r.figure for r in rows}, count


def test_year_kpis_by_hand(ledger_world):
    kpi_cases.build(ledger_world)
    f, count = _figures(ledger_world.office, Period(2024))
    # accepted in 2024: cases 1 2 3 5 6 7 (6); closed in 2024 having been accepted: 1 2 4 5 (4)
    assert (f["closure_rate"].numerator, f["closure_rate"].denominator, f["closure_rate"].value) == (4, 6, 66.67)
    # of the six accepted in 2024, closed by 31 December: 1 2 5
    assert (f["closure_rate_cohort"].numerator, f["closure_rate_cohort"].value) == (3, 50.0)
    # closures on or before their statutory date: 1 (1 Feb ≤ 30 Jun), 4, 5; case 2 closed after 30 Aug
    assert (f["on_time_rate"].numerator, f["on_time_rate"].denominator, f["on_time_rate"].value) == (3, 4, 75.0)
    # mediation outcomes: 1 mediated, 2 failed
    assert (f["mediation_success_rate"].numerator, f["mediation_success_rate"].denominator) == (1, 2)
    # enforcement (complaint, fast, ruling) accepted in 2024: 3, 5; in 2023: 4, 9 → growth 0 %
    assert f["enforcement_volume"].value == 2
    assert (f["enforcement_growth"].numerator, f["enforcement_growth"].denominator, f["enforcement_growth"].value) == (0, 2, 0.0)
    # enterprises of accepted assistance/fast cases: 5 and 7 share a credit code, 6 by its name
    assert f["enterprises_assisted"].value == 2
    # working days: case 1 is 21 (4 Jan – 1 Feb) less the 5 suspended (15–19 Jan) = 16; case 5 is 8
    # (4–14 June less the Dragon Boat holiday on 10 June); cases 2 and 4 counted day by day
    assert day_by_day(D(2024, 1, 3), D(2024, 2, 1)) == 21 and day_by_day(D(2024, 6, 3), D(2024, 6, 14)) == 8
    days = [16, day_by_day(D(2024, 3, 4), D(2024, 12, 20)), day_by_day(D(2023, 11, 2), D(2024, 1, 15)), 8]
    assert f["avg_working_days_to_close"].numerator == sum(days)
    assert f["avg_working_days_to_close"].value == round(sum(days) / 4, 2)
    assert count == 9  # case 10 is another city's; case 9 was accepted a year earlier


def test_quarter_month_and_scope(ledger_world):
    kpi_cases.build(ledger_world)
    f, _ = _figures(ledger_world.office, Period(2024, quarter=1))
    # accepted in Q1: 1, 2; closed in Q1 having been accepted: 1 (1 Feb), 4 (15 Jan)
    assert (f["closure_rate"].numerator, f["closure_rate"].denominator) == (2, 2)
    assert (f["closure_rate_cohort"].numerator, f["closure_rate_cohort"].value) == (1, 50.0)
    f, _ = _figures(ledger_world.office, Period(2024, month=6))
    assert (f["closure_rate"].value, f["enforcement_volume"].value) == (100.0, 1)
    assert f["enforcement_growth"].value is None  # nothing in June 2023: no denominator, no rate
    f, _ = _figures(ledger_world.office, Period(2024), "disputes")  # mediation and ruling only
    assert (f["closure_rate"].numerator, f["closure_rate"].denominator) == (2, 2)


def test_who_sees_which_cases_figures(ledger_world):
    kpi_cases.build(ledger_world)
    leader, _ = _figures(ledger_world.leader, Period(2024))
    assert leader["closure_rate"].denominator == 6
    department, _ = _figures(ledger_world.reporter, Period(2024))  # case 3 only
    assert (department["closure_rate"].numerator, department["closure_rate"].denominator) == (0, 1)
    other, _ = _figures(ledger_world.other_office, Period(2024))
    assert other["closure_rate"].denominator == 1


def test_period_edges():
    assert (Period(2024, quarter=4).start, Period(2024, quarter=4).end) == (D(2024, 10, 1), D(2024, 12, 31))
    assert Period(2024, month=2).end == D(2024, 2, 29)
    assert Period(2024, month=3).previous.label == "2023年3月"


@pytest.mark.parametrize("user", ["office", "leader", "reporter"])
def test_kpi_page_prints_numbers_and_definitions(client, ledger_world, user):
    kpi_cases.build(ledger_world)
    client.force_login(getattr(ledger_world, user))
    page = client.get(reverse("protection:kpis") + "?year=2024").content.decode()
    assert "期内结案的已受理案件数 ÷ 期内受理案件数" in page  # the definition is printed
    assert 'id="kpi-closure_rate_cohort"' in page
    if user == "reporter":
        assert "<td class=\"num\">0</td><td class=\"num\">1</td>" in page
    else:
        assert "66.67" in page and "<td class=\"num\">4</td><td class=\"num\">6</td>" in page
    assert ('id="feed"' in page) == (user == "office")
    assert Case.objects.count() == 10

"""The KPI and monthly-statistics pages across the turn of the year (field test "rollover",
2026-12-07): on 20 January 2027 they opened on 2027 (twenty days of cases) and offered
“记为 2027 年实际值”, recording a year just begun as a programme's annual figure. They now open on
the year being reported on (January–June the year before). The clock is pinned with
``timezone.localdate`` (no freezegun in the project)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ipcity.protection.selectors.kpis import statistics_year
from tests.web.protection.case_fixtures import register

D = dt.date


def _page(user, name: str) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(reverse(name))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(("today", "year"), [
    (D(2026, 12, 28), 2026), (D(2027, 1, 4), 2026), (D(2027, 1, 20), 2026), (D(2027, 3, 31), 2026),
    (D(2027, 7, 1), 2027),
])
def test_the_pages_open_on_the_year_being_reported_on(cases_world, monkeypatch, today, year):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: today)
    register(cases_world, received_on=D(2026, 3, 2))
    if today.year == 2027:
        register(cases_world, received_on=D(2027, 1, 4))
    assert f"维权援助统计指标：{year}年" in _page(cases_world.office_a, "protection:kpis")
    assert f"{year} 年维权援助案件月度统计" in _page(cases_world.office_a, "protection:statistics")


def test_the_year_is_one_the_page_offers():
    assert statistics_year([2027], D(2027, 1, 20)) == 2027  # no case before 2027: the only year there is
    assert statistics_year([2027, 2026, 2025], D(2027, 1, 20)) == 2026

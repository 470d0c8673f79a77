"""The 报告 tab across the turn of the year (field test "rollover", 2026-12-07): in January 2027
the office writes 2026's annual report, so the form proposes 2026, not the year just begun (2027
had no figures and, for a 2024–2026 plan, lies after the plan). The clock is pinned with
``timezone.localdate`` (no freezegun in the project)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ipcity.reports.selectors import default_report_year
from tests.web.supervision.factories import add_users, make_program

D = dt.date


def _year_proposed(world, day: dt.date, monkeypatch) -> int:
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)
    client = Client()
    client.force_login(world.users["office"])
    html = client.get(reverse("reports:program", args=[world.program.pk])).content.decode()
    field = re.search(r'<input[^>]*name="year"[^>]*>', html)
    assert field, "the form's year field"
    value = re.search(r'value="(\d+)"', field.group(0))
    assert value, field.group(0)
    return int(value.group(1))


@pytest.mark.django_db
@pytest.mark.parametrize(("day", "expected"), [
    (D(2026, 12, 28), 2026), (D(2027, 1, 4), 2026), (D(2027, 3, 31), 2026), (D(2027, 9, 1), 2026),
])
def test_a_plan_ending_2026_proposes_2026_in_2027(monkeypatch, day, expected):
    world = add_users(make_program(start_year=2024, end_year=2026))
    assert _year_proposed(world, day, monkeypatch) == expected


@pytest.mark.django_db
def test_a_running_plan_proposes_last_year_until_june(monkeypatch):
    world = add_users(make_program(start_year=2025, end_year=2027))
    assert _year_proposed(world, D(2027, 1, 20), monkeypatch) == 2026
    assert _year_proposed(world, D(2027, 7, 1), monkeypatch) == 2027


def test_never_a_year_after_today():
    class Plan:  # a plan that starts next year: this year, refused neither by the form nor the service
        start_year, end_year = 2028, 2030

    assert default_report_year(Plan(), D(2027, 1, 20)) == 2027  # type: ignore[arg-type]

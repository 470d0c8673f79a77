"""Monitoring across the turn of the year (field test "rollover", 2026-12-07): in January 2027 a
department enters 2026's value. The value form proposes the year being reported on (January–June
the year before), not the plan's last year, and the value counts in 2026. The clock is pinned
with ``timezone.localdate`` (no freezegun in the project)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ipcity.monitoring import selectors
from ipcity.monitoring.models import IndicatorActual
from tests.web.monitoring import factories as f

D = dt.date


def _today(monkeypatch, day: dt.date) -> None:
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)


def _selected_year(html: str) -> str:
    select = re.search(r'<select name="year"[^>]*>(.*?)</select>', html, re.S)
    assert select, "the value form's year field"
    chosen = re.findall(r'<option value="(\d{4})"[^>]*selected', select.group(1))
    return chosen[0] if chosen else re.findall(r'<option value="(\d{4})"', select.group(1))[0]


@pytest.mark.parametrize(("today", "expected"), [
    (D(2027, 1, 20), "2026"),  # January: last year's value
    (D(2027, 3, 31), "2026"),
    (D(2026, 12, 28), "2026"),  # December: this year's
    (D(2027, 8, 1), "2027"),
    (D(2029, 1, 4), "2027"),  # after the plan: its last year
])
def test_the_value_form_proposes_the_year_being_reported_on(world, monkeypatch, today, expected):
    program = f.program(title="二〇二五至二〇二七年方案", reg=world.region, start=2025, end=2027)
    ind = f.indicator(program, "有效发明专利量", baseline=(2024, 100), targets={2025: 110, 2026: 120, 2027: 130},
                      owner=world.departments["msj"])
    _today(monkeypatch, today)
    client = Client()
    client.force_login(world.reporter)
    page = client.get(reverse("monitoring:indicator", args=[program.pk, ind.pk])).content.decode()
    assert _selected_year(page) == expected


def test_a_2026_value_entered_in_january_2027_counts_in_2026(world, monkeypatch):
    program = f.program(title="二〇二五至二〇二七年方案", reg=world.region, start=2025, end=2027)
    ind = f.indicator(program, "有效发明专利量", baseline=(2024, 100), targets={2025: 110, 2026: 120, 2027: 130},
                      owner=world.departments["msj"])
    _today(monkeypatch, D(2027, 1, 20))
    client = Client()
    client.force_login(world.reporter)
    response = client.post(reverse("monitoring:record", args=[program.pk, ind.pk]),
                           {"year": "2026", "value": "121", "source": "统计公报"}, follow=True)
    assert response.status_code == 200 and "已保存 2026 年实际值" in response.content.decode()
    assert list(IndicatorActual.objects.filter(indicator=ind, is_current=True).values_list("year", "value")) == [
        (2026, 121.0)]
    verdict = selectors.judge(ind, selectors.program_thresholds(program))
    assert verdict.assessment.as_of == 2026 and verdict.assessment.expected == 120
    assert verdict.assessment.year_status == "met"

"""Protection across the turn of the year (field test "rollover", 2026-12-07).

- The KPI and monthly-statistics pages: on 20 January 2027 they opened on 2027 (twenty days of
  cases) and offered “记为 2027 年实际值”, recording a year just begun as a programme's annual
  figure. They now open on the year being reported on (January–June the year before).
- An upgraded chinese_calendar that publishes 2027: the stored due dates counted Monday–Friday into
  2027 now follow it at the next daily scan, as a loaded notice's recompute does.

The clock is pinned with ``timezone.localdate`` (no freezegun in the project)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from types import SimpleNamespace

import pytest
from chinese_calendar import constants as chinese_constants
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ipcity.audit.models import AuditEvent
from ipcity.casework import calendar, holiday_notices
from ipcity.core.models import Profile, Role
from ipcity.programs.models import Program
from ipcity.protection import services
from ipcity.protection.selectors.kpis import statistics_year
from ipcity.supervision.services.reminders import scan
from ipcity.supervision.services.rounds import round_create
from tests.web.holiday_notice_fixtures import NOTICE_2027
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


# ------------------------------------------------- chinese_calendar upgraded to a release with 2027



@contextmanager
def _package_upgraded_to_2027() -> Iterator[None]:
    """As if the installed chinese_calendar published 2027: its tables hold the AUTHORED 2027 notice
    (tests/casework/fixtures/holidays_2027_authored.csv, not the real one). The real tables are put
    back, and the library's table rebuilt, on the way out."""
    notice = holiday_notices.parse_notice(NOTICE_2027.read_text(encoding="utf-8"))
    upgraded = SimpleNamespace(holidays={**chinese_constants.holidays, **dict.fromkeys(notice.holidays, "2027")},
                               workdays={**chinese_constants.workdays, **dict.fromkeys(notice.workdays, "2027")})
    real = calendar._calendar_data
    calendar._calendar_data = upgraded  # type: ignore[assignment]
    calendar.reload_notices()
    try:
        yield
    finally:
        calendar._calendar_data = real
        calendar.reload_notices()


@pytest.mark.skipif(max(day.year for day in chinese_constants.holidays) != 2026,
                    reason="written for chinese_calendar 1.11 (known to 2026)")
def test_a_package_upgrade_that_knows_2027_moves_the_stored_dates_at_the_next_scan(cases_world, notices,
                                                                                    monkeypatch):
    """Before, the stored dates counted Monday–Friday into 2027 stayed as they were, no longer marked
    provisional (2027 was known), and loading 2027 was refused as already published."""
    w = cases_world
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: D(2026, 12, 4))
    case = register(w, received_on=D(2026, 12, 1), case_type="complaint")
    services.case_review(user=w.office_a, case_id=case.pk, accept=True, on=D(2026, 12, 4))
    office = get_user_model().objects.create_user("rollover_office")
    Profile.objects.create(user=office, role=Role.OFFICE, region=w.city_a)
    program = Program.objects.create(title="方案", region=w.city_a, region_name="铜陵市", start_year=2025, end_year=2027)
    rnd = round_create(program=program, user=office, title="春节前专项督查", due=D(2027, 2, 10))
    case.refresh_from_db()
    assert case.statutory_due == D(2027, 4, 9) and calendar.is_provisional(case.statutory_due)
    assert scan(today=D(2026, 12, 4)).hooks["holiday_calendar"] == {"cases_moved": 0, "rounds_moved": 0}

    with _package_upgraded_to_2027():
        assert not calendar.is_provisional(D(2027, 4, 9))  # the stale date no longer looks provisional
        result = scan(today=D(2026, 12, 7))
        assert result.hooks["holiday_calendar"] == {"cases_moved": 1, "rounds_moved": 1}
        case.refresh_from_db()
        rnd.refresh_from_db()
        # 1/1 (−1), 2/8–2/12 (−5), Saturday 2/20 (+1), Monday 4/5 (−1): as loading the notice gives.
        assert case.statutory_due == D(2027, 4, 19)
        assert rnd.due_date == D(2027, 2, 15)
        audit = AuditEvent.objects.get(action="protection.case.deadlines_recompute")
        assert (audit.before["statutory_due"], audit.after["statutory_due"]) == ("2027-04-09", "2027-04-19")
        # The next day's scan finds nothing more to do.
        assert scan(today=D(2026, 12, 8)).hooks["holiday_calendar"] == {"cases_moved": 0, "rounds_moved": 0}

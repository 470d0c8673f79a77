"""Supervision across the turn of the year 2026 → 2027 (field test "rollover", 2026-12-07).

In December 2026 the year 2027 has no holiday notice yet (chinese_calendar 1.11 knows 2026), so a
round due in 2027 gets a Monday–Friday due date. Once the site administrator loads 2027's notice,
an open round's due date moves to the working day the notice gives, as the cases' deadlines do.
The clock is pinned with ``timezone.localdate`` (no freezegun in the project). The 2027 notice is
the AUTHORED fixture tests/casework/fixtures/holidays_2027_authored.csv (not the real notice):
1–3 January, 6–13 February and 3–5 April off, Saturday 20 February worked.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import chinese_calendar
import pytest
from click.testing import CliRunner
from django.utils import timezone

from ipcity.audit.models import AuditEvent
from ipcity.casework import holiday_notices
from ipcity.cli.main import cli
from ipcity.supervision.models import Round
from ipcity.supervision.selectors.worklists import overdue_reports
from ipcity.supervision.services import rounds
from tests.web.holiday_notice_fixtures import NOTICE_2027

from .factories import add_users, make_program

D = dt.date

pytestmark = pytest.mark.skipif(max(day.year for day in chinese_calendar.holidays) != 2026,
                                reason="written for chinese_calendar 1.11 (known to 2026)")


def _today(monkeypatch, day: dt.date) -> None:
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)


def test_open_rounds_due_in_2027_move_when_the_2027_notice_is_loaded(db, notices, monkeypatch):
    world = add_users(make_program(start_year=2025, end_year=2027))
    office = world.users["office"]
    _today(monkeypatch, D(2026, 12, 28))
    new_year = rounds.round_create(program=world.program, user=office, title="元旦前专项督查", due=D(2027, 1, 1))
    spring = rounds.round_create(program=world.program, user=office, title="春节前专项督查", due=D(2027, 2, 10))
    closed = rounds.round_create(program=world.program, user=office, title="已结束的轮次", due=D(2027, 1, 1))
    rounds.round_set_status(reporting_round=closed, user=office, status=Round.Status.CLOSED)
    december = rounds.round_create(program=world.program, user=office, title="年底督查", due=D(2026, 12, 31))
    # Without 2027's notice, Friday 1 January and Wednesday 10 February count as working days.
    assert (new_year.due_date, spring.due_date) == (D(2027, 1, 1), D(2027, 2, 10))

    result = CliRunner().invoke(cli, ["cases", "calendar", "load", str(NOTICE_2027)])
    assert result.exit_code == 0, result.output
    assert "2 open reporting round(s) had their due dates moved to a working day" in result.output

    for rnd in (new_year, spring, closed, december):
        rnd.refresh_from_db()
    assert new_year.due_date == D(2027, 1, 4)  # 1–3 January off: Monday 4 January
    assert spring.due_date == D(2027, 2, 15)  # 6–13 February off, Sunday 14th: Monday 15 February
    assert new_year.nominal_due == D(2027, 1, 1)  # what the office typed stays
    assert closed.due_date == D(2027, 1, 1)  # a closed round stays as it was
    assert december.due_date == D(2026, 12, 31)
    moves = AuditEvent.objects.filter(action="supervision.round.due_recompute").order_by("object_id")
    assert [(m.object_id, m.before["due_date"], m.after["due_date"]) for m in moves] == [
        (str(new_year.pk), "2027-01-01", "2027-01-04"), (str(spring.pk), "2027-02-10", "2027-02-15")]

    # On Monday 4 January the round is due today, not three days late.
    assert overdue_reports(reporting_round=new_year, today=D(2027, 1, 4)) == []
    # Loading again (replacing with the same notice) moves nothing more.
    assert rounds.round_due_dates_recompute(since=D(2027, 1, 1)) == 0


def test_supervise_calendar_counts_with_the_loaded_notices(tmp_path):
    """``ipcity supervise calendar`` in a fresh process reads the office-loaded notices of the data
    directory, as the rounds do (it used to say 2027-02-10 is a working day after 2027 was loaded)."""
    directory = tmp_path / "reference" / "holidays"
    holiday_notices.load_notice_file(NOTICE_2027, directory)
    env = {**os.environ, "IPCITY_DATA_DIR": str(tmp_path), "IPCITY_ENV": "test"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run([str(Path(sys.executable).parent / "ipcity"), "supervise", "calendar", "2027-02-10"],
                          capture_output=True, text=True, env=env, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "2027-02-10: non-working day; due → 2027-02-15"

"""Rounds due on the same day (an office's 专项督查 set on a duty's date, a quarterly and a yearly
duty both due on 31 December) are told apart by their creation, the later one first: the round
list, the board's current round and the annual report's round of a year ("the one due last")
were picked by the due date alone, an order each database breaks as it likes."""

from __future__ import annotations

import datetime as dt

import pytest

from ipcity.supervision.calendar import next_working_day
from ipcity.supervision.models import DepartmentReport, ReportStatus, Round
from ipcity.supervision.selectors.rounds import current_round, rounds_of
from ipcity.supervision.services import rounds

from .factories import add_users, make_program

pytestmark = pytest.mark.django_db


@pytest.fixture
def twins():
    """Two rounds of one programme due on the same working day, every report accepted (so no
    round is the earliest one still waiting: the board falls back to the latest)."""
    world = add_users(make_program())
    due = next_working_day(dt.date(world.program.end_year, 12, 15))
    made = [rounds.round_create(program=world.program, user=world.users["office"], title=title, due=due)
            for title in ("年度工作推进情况", "专项督查")]
    DepartmentReport.objects.filter(round__program=world.program).update(status=ReportStatus.ACCEPTED)
    return world.program, made


def test_rounds_due_the_same_day_are_listed_latest_created_first(twins):
    program, (first, second) = twins
    assert [r.pk for r in rounds_of(program)] == [second.pk, first.pk]


def test_the_current_round_among_twins_is_the_latest_created(twins):
    program, (_first, second) = twins
    assert current_round(program) == second
    Round.objects.filter(program=program).update(status=Round.Status.CLOSED)
    assert current_round(program) == second

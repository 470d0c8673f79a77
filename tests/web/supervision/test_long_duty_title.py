"""A round generated from a reporting duty whose 事项 fills its column (255 characters, as a
plan's long sentence may) is named within the round's own column: the period label put before
the duty made the title longer than ``Round.title`` holds, which SQLite stored and PostgreSQL
refused (DataError), failing the generation and the daily scan for the whole programme."""

from __future__ import annotations

import datetime as dt

import pytest

from ipcity.programs.models import ReportingDuty
from ipcity.supervision.models import Round
from ipcity.supervision.services import rounds

from .factories import make_program

pytestmark = pytest.mark.django_db

WHAT_MAX = ReportingDuty._meta.get_field("what").max_length
TITLE_MAX = Round._meta.get_field("title").max_length


def test_round_from_a_duty_as_long_as_its_column_is_generated_with_a_bounded_title():
    what = "报送工作推进情况" + "并附相关佐证材料" * (WHAT_MAX // 8)
    what = what[:WHAT_MAX]
    world = make_program(duty={"month": 12, "day": 15, "what": what}, start_year=2024, end_year=2026)
    (rnd,) = rounds.rounds_generate(program=world.program, today=dt.date(2026, 11, 20))
    stored = Round.objects.get(pk=rnd.pk).title
    assert len(stored) <= TITLE_MAX
    # The period comes first and the duty's words follow, cut visibly where they do not fit.
    assert stored.startswith("2026年度 报送工作推进情况") and stored.endswith("…")

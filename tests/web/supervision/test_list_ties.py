"""Lists whose sort key can tie end on the primary key, so that two rows with the same key come
back in one order on SQLite and on PostgreSQL. Rows are created here in the opposite order of
their primary keys: SQLite returns ties in key order (its rowid), PostgreSQL in the order it
stored them, so a list that stopped at the shared key shows them differently on each."""

from __future__ import annotations

import datetime as dt

import pytest

from ipcity.core.models import Department
from ipcity.programs.models import Program
from ipcity.programs.selectors import program_list, search
from ipcity.supervision.models import DepartmentReport, Round
from ipcity.supervision.selectors.department_scores import scorecard

from .factories import add_users, make_program, make_region

pytestmark = pytest.mark.django_db

TITLE = "知识产权强市建设试点方案"


def _twins_in_reverse(world, *, start_year=None, end_year=None) -> list[Program]:
    """Two more programmes titled as ``world``'s, same years, the higher primary key stored first."""
    base = world.program
    top = Program.objects.order_by("-pk").values_list("pk", flat=True).first()
    made = []
    for pk in (top + 20, top + 10):
        made.append(Program.objects.create(
            pk=pk, title=base.title, region=base.region, region_name=base.region_name,
            start_year=base.start_year if start_year is None else start_year,
            end_year=base.end_year if end_year is None else end_year))
    return sorted([base, *made], key=lambda p: p.pk)


def test_programmes_of_one_year_and_title_are_listed_and_found_in_key_order():
    world = add_users(make_program(region=make_region(), title=TITLE))
    twins = _twins_in_reverse(world)
    office = world.users["office"]
    assert [p.pk for p in program_list(office)] == [p.pk for p in twins]
    assert [p.pk for p in search(office, "强市").programs] == [p.pk for p in twins]


def test_units_of_one_name_and_score_are_ranked_in_key_order():
    """Two units named alike (of two regions) in one round, neither due yet: listed by id even
    though the round's reports were stored in the other order."""
    world = make_program(n_departments=1)
    twins = [Department.objects.create(region=make_region(code, name), name="市场监督管理局")
             for code, name in (("340100", "合肥市"), ("340200", "芜湖市"))]
    today = dt.date(world.program.start_year, 6, 1)
    rnd = Round.objects.create(program=world.program, key="office:twins", title="专项督查", period_year=today.year,
                               opens_on=today, nominal_due=today, due_date=today + dt.timedelta(days=30))
    for department in reversed(twins):  # the higher id's report first
        DepartmentReport.objects.create(round=rnd, department=department)
    rows = scorecard(program=world.program, today=today, reporting_round=rnd)
    assert [r.department_id for r in rows] == [d.pk for d in twins]

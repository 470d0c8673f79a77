"""Lists whose sort key can tie end on the primary key, so that two rows with the same key come
back in one order on SQLite and on PostgreSQL. Rows are created here in the opposite order of
their primary keys: SQLite returns ties in key order (its rowid), PostgreSQL in the order it
stored them, so a list that stopped at the shared key shows them differently on each."""

from __future__ import annotations

import pytest

from ipcity.programs.models import Program
from ipcity.programs.selectors import program_list, search

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

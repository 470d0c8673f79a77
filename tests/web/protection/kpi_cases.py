"""A small, hand-worked set of cases for the KPI, statistics and feed tests (authored)."""

from __future__ import annotations

import datetime as dt

import chinese_calendar

from ipcity.protection.models import CaseSuspension
from tests.web.protection.ledger_fixtures import make_case

D = dt.date
CODE = "91340700MA2T0XXX7Q"


def day_by_day(start: dt.date, end: dt.date, skipped: tuple[dt.date, dt.date] | None = None) -> int:
    """Working days after ``start`` up to ``end``, counted one day at a time (independent of casework)."""
    n, day = 0, start + dt.timedelta(days=1)
    while day <= end:
        if chinese_calendar.is_workday(day) and not (skipped and skipped[0] <= day <= skipped[1]):
            n += 1
        day += dt.timedelta(days=1)
    return n


def build(world) -> dict[int, object]:
    msj = world.departments["msj"]
    cases = {
        1: make_case(world, type_code="mediation", received=D(2024, 1, 2), accepted=D(2024, 1, 3), closed=D(2024, 2, 1),
                     result="mediated", due=D(2024, 6, 30), channel="hotline_12330"),
        2: make_case(world, type_code="mediation", received=D(2024, 3, 1), accepted=D(2024, 3, 4), closed=D(2024, 12, 20),
                     result="mediation_failed", due=D(2024, 8, 30), channel="visit"),
        3: make_case(world, type_code="complaint", received=D(2024, 5, 6), accepted=D(2024, 5, 7), due=D(2024, 9, 10),
                     department=msj, channel="website"),
        4: make_case(world, type_code="complaint", received=D(2023, 11, 1), accepted=D(2023, 11, 2),
                     closed=D(2024, 1, 15), result="dismissed", due=D(2024, 3, 1), channel="letter"),
        5: make_case(world, type_code="fast", received=D(2024, 6, 3), accepted=D(2024, 6, 3), closed=D(2024, 6, 14),
                     result="assisted", due=D(2024, 10, 31), credit_code=CODE, enterprise="铜陵甲科技有限公司",
                     channel="fair"),
        6: make_case(world, type_code="assistance", received=D(2024, 7, 1), accepted=D(2024, 7, 2),
                     enterprise="铜陵 乙材料有限公司", channel="hotline_12330"),
        7: make_case(world, type_code="assistance", received=D(2024, 8, 1), accepted=D(2024, 8, 1), credit_code=CODE,
                     enterprise="铜陵甲科技有限公司", channel="hotline_12330"),
        8: make_case(world, type_code="consult", received=D(2024, 2, 1), closed=D(2024, 2, 1), result="answered",
                     channel="hotline_12330"),
        9: make_case(world, type_code="ruling", received=D(2023, 3, 1), accepted=D(2023, 3, 2), closed=D(2023, 5, 4),
                     result="ruled", channel="court_referral"),
        10: make_case(world, type_code="complaint", received=D(2024, 4, 1), accepted=D(2024, 4, 1), region_code="340800",
                      channel="visit"),
    }
    # Case 1 was suspended from 15 January and resumed on 22 January: 15–21 January are not counted.
    CaseSuspension.objects.create(case=cases[1], start=D(2024, 1, 15), end=D(2024, 1, 22), reason="鉴定")
    return cases

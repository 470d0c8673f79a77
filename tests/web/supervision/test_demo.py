from __future__ import annotations

import io

import pytest

from ipcity.core.models import Role
from ipcity.monitoring.models import IndicatorActual
from ipcity.programs.models import IndicatorTarget
from ipcity.supervision import demo
from ipcity.supervision.models import DepartmentReport, IndicatorValue, Round

from .factories import make_program, make_user, this_year

pytestmark = pytest.mark.django_db


def test_demo_rounds_in_several_states_and_idempotent():
    world = make_program(n_tasks=8, n_departments=7)
    make_user("admin", Role.OFFICE)
    make_user("reporter1", Role.REPORTER, department=world.departments[0])
    out = io.StringIO()
    demo.load_demo(stdout=out)
    assert Round.objects.filter(program=world.program).count() == 2
    current = Round.objects.get(key="demo:current")
    states = set(current.reports.values_list("status", flat=True))
    assert {"accepted", "submitted", "returned", "draft"} <= states
    assert current.reports.get(department=world.departments[0]).status in ("draft", "returned")
    assert current.reports.filter(times_returned=2).exists()
    past = Round.objects.get(key="demo:past")
    assert past.reports.filter(status="draft").exists() and past.reports.filter(status="accepted").exists()
    before = DepartmentReport.objects.count()
    demo.load_demo(stdout=out)
    assert DepartmentReport.objects.count() == before and "已存在" in out.getvalue()


def test_demo_reports_continue_the_sample_series_and_say_they_are_sample_data():
    """An accepted demo report's value lands on the indicator's sample trajectory (monitoring's
    demo), labelled 示例数据: not an invented 10–16 that turns every verdict into 倒退."""
    world = make_program(n_tasks=4, n_departments=3)
    indicator = world.indicators[0]  # the first indicator: the monitoring demo's "ahead" profile (1.15)
    year = this_year()
    indicator.baseline_year, indicator.baseline_value = year - 2, 100.0
    indicator.save()
    IndicatorTarget.objects.create(indicator=indicator, year=year + 1, value=130.0)
    make_user("admin", Role.OFFICE)
    demo.load_demo(stdout=io.StringIO())
    rows = IndicatorValue.objects.filter(indicator=indicator, recorded_in_monitoring=True)
    assert rows.exists()
    for row in rows:
        # Baseline 100 in year-2, target 130 in year+1: planned +10 a year, reached at 115 %;
        # the sample's wobble stays within ±3 %.
        planned = 100 + 10 * (row.year - year + 2) * 1.15
        actual = IndicatorActual.objects.get(indicator=indicator, year=row.year, is_current=True)
        assert planned * 0.97 <= actual.value <= planned * 1.03, (row.year, actual.value)
        assert actual.source == "示例数据" and "示例数据，仅供演示" in actual.note


def test_demo_reports_leave_blank_what_the_sample_series_does_not_cover():
    """An indicator with no baseline or target has no sample value: the demo report leaves it blank
    rather than inventing one."""
    world = make_program(n_tasks=4, n_departments=3)
    make_user("admin", Role.OFFICE)
    demo.load_demo(stdout=io.StringIO())
    values = IndicatorValue.objects.filter(indicator=world.indicators[0])
    assert values.exists() and not values.exclude(value=None).exists()
    assert not IndicatorActual.objects.filter(indicator=world.indicators[0]).exists()


def test_a_demo_reporter_has_a_report_to_fill_even_when_the_plan_period_is_over():
    """A demo reporter on a plan whose period is over (as 铜陵市's 2022–2025 is, where the demo's
    reporters once sat): its one (last annual) round used to leave their reports accepted, so a
    person trying the demo as reporter1 found nothing to fill in. The round that is open to them (the
    current one, else the last) leaves theirs open."""
    world = make_program(n_tasks=8, n_departments=4, start_year=this_year() - 3, end_year=this_year() - 1)
    make_user("admin", Role.OFFICE)
    make_user("reporter1", Role.REPORTER, department=world.departments[0])
    make_user("reporter2", Role.REPORTER, department=world.departments[1])
    demo.load_demo(stdout=io.StringIO())
    (only,) = Round.objects.filter(program=world.program)
    mine = set(only.reports.filter(department__in=world.departments[:2]).values_list("status", flat=True))
    assert mine == {"draft", "returned"}
    assert only.reports.filter(status="accepted").exists()  # the others' still show a reviewed round


def test_a_blank_value_reads_as_a_dash_not_none():
    """A value the department left blank (the demo leaves some) is named “—” where Django shows the
    object (the admin's delete confirmation listed “6 2026: None”)."""
    assert str(IndicatorValue(indicator_id=6, year=2026, value=None)) == "6 2026: —"
    assert str(IndicatorValue(indicator_id=7, year=2026, value=12.0)) == "7 2026: 12.0"

"""The numbers of supervision: the scorecard's method (docs/supervision-scoring.md) on hand-made
cases, rounds within the plan's period, the board after the plan's end, and the roll-up's 完成度."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from ipcity.core.models import Department, Role
from ipcity.programs.models import ReportingDuty, TaskAssignment
from ipcity.supervision import demo
from ipcity.supervision.board_xlsx import board_workbook
from ipcity.supervision.models import DepartmentReport, IndicatorValue, Round, TaskLine
from ipcity.supervision.selectors import board as boards
from ipcity.supervision.selectors import department_scores, rollup
from ipcity.supervision.selectors.department_scores import report_points
from ipcity.supervision.services import report_filling, rounds

from .factories import add_users, fill_report, make_program, make_user

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def world(db):
    """The numbers here are worked by hand on fixed dates: a 2024–2026 plan (the pages' "today" is
    frozen where a test shows one)."""
    return add_users(make_program(start_year=2024, end_year=2026))


def _freeze_today(monkeypatch, day: dt.date) -> None:
    """``timezone.localdate()`` (the pages' today) returns ``day``; a given instant still converts."""
    real = timezone.localdate
    monkeypatch.setattr(timezone, "localdate", lambda value=None, timezone=None: day if value is None else real(value))


def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10)))


def _handed_in(report, day: dt.date, *, returned: int = 0, status: str = "submitted") -> None:
    DepartmentReport.objects.filter(pk=report.pk).update(status=status, first_submitted_at=_at(day),
                                                         last_submitted_at=_at(day), times_returned=returned)


def _round(world, due: dt.date, title: str = "轮次") -> Round:
    return rounds.round_create(program=world.program, user=world.users["office"], title=title, due=due,
                                 opens_on=D(2026, 1, 1))


# ---------------------------------------------------------------- the scorecard, worked by hand

def test_report_points_by_the_formula():
    due = D(2026, 12, 15)
    assert report_points(due=due, submitted_on=D(2026, 12, 15), today=D(2027, 1, 1), times_returned=0,
                         completeness=1.0) == 100  # on the deadline day itself: on time
    assert report_points(due=due, submitted_on=D(2026, 12, 20), today=D(2027, 1, 1), times_returned=1,
                         completeness=0.5) == 50 + 10 + 10  # 5 days late: 60 − 10
    assert report_points(due=due, submitted_on=D(2027, 2, 1), today=D(2027, 3, 1), times_returned=3,
                         completeness=1.0) == 0 + 0 + 20  # 48 days late: timeliness floors at 0
    assert report_points(due=due, submitted_on=None, today=D(2026, 12, 16), times_returned=0, completeness=1.0) == 0
    assert report_points(due=due, submitted_on=None, today=D(2026, 12, 15), times_returned=0, completeness=1.0) is None


def test_scorecard_hand_worked(world):
    d1, d2, d3 = world.departments
    first = _round(world, D(2026, 6, 30), "上半年")  # reports on 2025 (due before July)
    second = _round(world, D(2026, 12, 15), "全年")
    reports = {(r.round_id, r.department_id): r for r in DepartmentReport.objects.all()}
    for report in reports.values():
        fill_report(report)  # every line and value filled: completeness 1
    # 部门1: on time (100); on time, returned once (60 + 10 + 20 = 90) → 95.0
    _handed_in(reports[first.pk, d1.pk], D(2026, 6, 29))
    _handed_in(reports[second.pk, d1.pk], D(2026, 12, 14), returned=1)
    # 部门2: 5 days late (50 + 20 + 20 = 90); never handed in (0) → 45.0
    _handed_in(reports[first.pk, d2.pk], D(2026, 7, 5))
    # 部门3: on time with one of its two lines empty (60 + 20 + 10 = 90); on time (100) → 95.0
    half = reports[first.pk, d3.pk]
    TaskLine.objects.filter(pk=half.task_lines.first().pk).update(done="")
    _handed_in(half, D(2026, 6, 30))
    _handed_in(reports[second.pk, d3.pk], D(2026, 12, 1))
    # 部门4 joins later: its only report is in a round not due yet → 无应报事项, not ranked.
    d4 = Department.objects.create(region=world.region, name="部门4")
    TaskAssignment.objects.create(task=world.tasks[0], department=d4, is_lead=False, name_as_written="部门4")
    _round(world, D(2027, 1, 15), "补充")

    rows = department_scores.scorecard(program=world.program, today=D(2026, 12, 20))
    got = [(r.department, r.rank, r.score, r.due_reports, r.on_time, r.days_late, r.times_returned) for r in rows]
    assert got == [
        ("部门1", 1, 95.0, 2, 2, 0, 1),
        ("部门3", 1, 95.0, 2, 2, 0, 0),  # a tie shares the rank; listed by name
        ("部门2", 3, 45.0, 2, 0, 5 + 5, 0),  # 5 days late + 5 days overdue (12-15 → 12-20)
        ("部门4", None, None, 0, 0, 0, 0),
    ]
    assert rows[-1].nothing_due and rows[-1].on_time_pct is None


def test_the_scorecard_of_one_year_reported_on(world, monkeypatch):
    """The year-end 年度考核: in January the office ranks the member units on the rounds that report on
    the year just ended (所报年度), on the page and in its .xlsx; a round chosen wins over a year."""
    d1, d2, d3 = world.departments
    first = _round(world, D(2026, 6, 30), "上半年")  # reports on 2025 (due before July)
    second = _round(world, D(2026, 12, 15), "全年")  # reports on 2026
    assert (first.period_year, second.period_year) == (2025, 2026)
    reports = {(r.round_id, r.department_id): r for r in DepartmentReport.objects.all()}
    for report in reports.values():
        fill_report(report)
    _handed_in(reports[first.pk, d1.pk], D(2026, 6, 29))  # 100
    _handed_in(reports[first.pk, d2.pk], D(2026, 7, 5))  # 5 days late: 90
    _handed_in(reports[first.pk, d3.pk], D(2026, 6, 30))  # 100
    _handed_in(reports[second.pk, d3.pk], D(2026, 12, 30))  # 15 days late: 30 + 20 + 20 = 70
    today = D(2027, 1, 10)  # 部门1 and 部门2 never handed in the 2026 report: 0 each
    of_2025 = department_scores.scorecard(program=world.program, today=today, period_year=2025)
    assert [(r.department, r.rank, r.score) for r in of_2025] == [("部门1", 1, 100.0), ("部门3", 1, 100.0),
                                                                  ("部门2", 3, 90.0)]
    of_2026 = department_scores.scorecard(program=world.program, today=today, period_year=2026)
    assert [(r.department, r.rank, r.score) for r in of_2026] == [("部门3", 1, 70.0), ("部门1", 2, 0.0),
                                                                  ("部门2", 2, 0.0)]
    everything = department_scores.scorecard(program=world.program, today=today)
    assert [(r.department, r.score) for r in everything] == [("部门3", 85.0), ("部门1", 50.0), ("部门2", 45.0)]

    _freeze_today(monkeypatch, today)
    client = Client()
    client.force_login(world.users["leader"])
    url = f"/supervision/program/{world.program.id}/scorecard"
    html = client.get(f"{url}/?year=2026").content.decode()
    assert '<option value="2026" selected>' in html and "scorecard.xlsx?year=2026" in html
    assert html.index("部门3") < html.index("部门1") and 'data-col="score">70.0<' in html
    ws = openpyxl.load_workbook(io.BytesIO(client.get(f"{url}.xlsx?year=2025").content)).active
    assert "所报年度为 2025 年的轮次" in ws["A2"].value
    assert [[c.value for c in row][:3] for row in ws.iter_rows(min_row=4, max_row=6)] == [
        [1, "部门1", 100], [1, "部门3", 100], [3, "部门2", 90]]
    # A round is one year already: with ?round= the year is ignored; a year no round reports on is empty.
    html = client.get(f"{url}/?round={second.id}&year=2025").content.decode()
    assert 'data-col="score">70.0<' in html
    assert client.get(f"{url}/?year=2031").content.decode().count('data-col="rank"') == 0
    assert client.get(f"{url}/?year=abcd").status_code == 200


def test_nothing_due_never_ranks_above_reporting_on_time(world, monkeypatch):
    rnd = _round(world, D(2026, 12, 15))
    _freeze_today(monkeypatch, D(2026, 11, 20))
    early = rnd.reports.get(department=world.departments[0])
    fill_report(early)
    _handed_in(early, D(2026, 11, 1))
    rows = department_scores.scorecard(program=world.program, today=D(2026, 11, 20), reporting_round=rnd)
    assert [(r.department, r.rank, r.score) for r in rows] == [("部门1", 1, 100.0), ("部门2", None, None),
                                                               ("部门3", None, None)]
    client = Client()
    client.force_login(world.users["leader"])
    html = client.get(f"/supervision/program/{world.program.id}/scorecard/?round={rnd.id}").content.decode()
    assert html.count('data-col="nothing-due"') == 2 and "无应报事项" in html
    assert html.index("部门1") < html.index("部门2")


def test_scorecard_xlsx_marks_nothing_due(world, monkeypatch):
    rnd = _round(world, D(2026, 12, 15))
    monkeypatch.setattr(timezone, "localdate", lambda *a: D(2026, 11, 20))
    early = rnd.reports.get(department=world.departments[0])
    fill_report(early)
    _handed_in(early, D(2026, 11, 1))
    client = Client()
    client.force_login(world.users["leader"])
    response = client.get(f"/supervision/program/{world.program.id}/scorecard.xlsx?round={rnd.id}")
    ws = openpyxl.load_workbook(io.BytesIO(response.content)).active
    body = [[c.value for c in row][:3] for row in ws.iter_rows(min_row=4, max_row=6)]
    assert body == [[1, "部门1", 100], ["—", "部门2", "无应报事项"], ["—", "部门3", "无应报事项"]]


# ---------------------------------------------------------------- rounds within the plan's period

def test_a_round_beyond_the_plans_period_is_refused(world):
    program = world.program  # 2024–2026
    assert _round(world, D(2027, 3, 31)).period_year == 2026  # the last annual report, due next spring
    count = Round.objects.count()
    for due, year in ((D(2027, 7, 1), "2027"), (D(2024, 3, 1), "2023")):
        with pytest.raises(ValidationError, match=f"所报年度为 {year} 年，超出规划期（2024—2026 年）"):
            _round(world, due)
    assert Round.objects.count() == count
    client = Client()
    client.force_login(world.users["office"])
    response = client.post(f"/supervision/program/{program.id}/rounds/new/", {"title": "2027年度", "due": "2027-12-15"},
                           follow=True)
    assert "超出规划期" in response.content.decode() and Round.objects.count() == count


def test_generated_rounds_stay_within_the_period(world):
    ReportingDuty.objects.create(program=world.program, what="报送工作推进情况", who="各责任单位", due_date="2027-09")
    created = rounds.rounds_generate(program=world.program, today=D(2027, 8, 1), user=None)
    assert created == []


def test_the_report_form_asks_only_for_years_of_the_plan(world):
    reporter = world.users["reporter"]
    good = _round(world, D(2026, 12, 15))
    assert list(IndicatorValue.objects.filter(report__round=good).values_list("year", flat=True)) == [2026]
    # A round an earlier release let through, for 2027: it asks for no value.
    old = Round.objects.create(program=world.program, key="office:old", title="2027年度", period_year=2027,
                               opens_on=D(2027, 1, 1), nominal_due=D(2027, 12, 15), due_date=D(2027, 12, 15))
    rounds.round_sync_reports(reporting_round=old)
    report = old.reports.get(department=world.departments[0])
    assert not report.indicator_values.exists()
    IndicatorValue.objects.create(report=report, indicator=world.indicators[0], year=2027)  # made before the fix
    client = Client()
    client.force_login(reporter)
    html = client.get(f"/supervision/report/{report.id}/").content.decode()
    assert f"value-{world.indicators[0].id}-value" not in html
    html = client.get(f"/supervision/report/{good.reports.get(department=world.departments[0]).id}/").content.decode()
    assert f"value-{world.indicators[0].id}-value" in html


def test_demo_of_an_ended_plan_only_makes_its_last_annual_round():
    world = make_program(start_year=2021, end_year=2025, title="已结束的方案")
    make_user("admin", Role.OFFICE)
    demo.load_demo(stdout=io.StringIO())
    assert list(Round.objects.filter(program=world.program).values_list("period_year", flat=True)) == [2025]


# ---------------------------------------------------------------- the board after the plan's end

def test_on_track_80_percent_is_not_behind_because_the_plan_ended(world, monkeypatch):
    rnd = _round(world, D(2027, 3, 31))  # the 2026 annual report of a 2024–2026 plan
    report = rnd.reports.get(department=world.departments[0])
    fill_report(report, progress=80)
    report_filling.report_submit(report=report, user=world.users["reporter"])
    board = boards.board(reporting_round=rnd, today=D(2027, 4, 2))
    assert board.expected is None
    cell = next(c for c in board.cells if c.department == "部门1" and c.is_lead)
    assert (cell.colour, cell.reason) == ("green", "正常推进（80%）")
    # Within the period the schedule still applies: 80 % at 2026-06-30 (2.5 of 3 years gone) is behind.
    within = _round(world, D(2026, 6, 30))
    report = within.reports.get(department=world.departments[0])
    fill_report(report, progress=80)
    report_filling.report_submit(report=report, user=world.users["reporter"])
    cell = next(c for c in boards.board(reporting_round=within, today=D(2026, 7, 1)).cells
                if c.department == "部门1" and c.is_lead)
    assert (cell.colour, cell.reason) == ("yellow", "进度 80% 低于时序进度 83%")
    monkeypatch.setattr(timezone, "localdate", lambda *a: D(2027, 4, 2))
    client = Client()
    client.force_login(world.users["office"])
    html = client.get(f"/supervision/program/{world.program.id}/?round={rnd.id}").content.decode()
    assert "规划期已结束" in html and "正常推进（80%）" in html
    sheet = openpyxl.load_workbook(io.BytesIO(board_workbook(program=world.program, board=board, today=D(2027, 4, 2)))).active
    assert "规划期已结束" in sheet["A2"].value and "None" not in sheet["A2"].value


# ---------------------------------------------------------------- the roll-up's 完成度

def test_section_completion_and_done_count_agree(world):
    rnd = _round(world, D(2026, 12, 15))
    for report in rnd.reports.all():
        _handed_in(report, D(2026, 12, 1))
    # Data typed before the submission rule: 正常推进 at 100 % on every line.
    TaskLine.objects.filter(report__round=rnd).update(status="on_track", progress=100, done="x")
    sections, completion = rollup.rollup(reporting_round=rnd)
    assert [(s.section, s.completion, s.done, len(s.tasks)) for s in sections] == [("三/（一）", 99, 0, 2),
                                                                                     ("三/（二）", 99, 0, 1)]
    assert completion == 99
    TaskLine.objects.filter(report__round=rnd).update(status="done")
    sections, completion = rollup.rollup(reporting_round=rnd)
    assert [(s.completion, s.done) for s in sections] == [(100, 2), (100, 1)] and completion == 100


def test_submission_refuses_100_percent_not_reported_as_done(world):
    rnd = _round(world, D(2026, 12, 15))
    report = rnd.reports.get(department=world.departments[0])
    fill_report(report, progress=100)
    with pytest.raises(ValidationError, match="进度为 100% 时请选择“已完成”"):
        report_filling.report_submit(report=report, user=world.users["reporter"])
    report.refresh_from_db()
    assert report.status == "draft"

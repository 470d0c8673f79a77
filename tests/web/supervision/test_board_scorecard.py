"""The board's colours and reasons, the roll-up, scorecards, and the query counts of the pages."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.test import Client
from django.utils import timezone

from ipcity.supervision.models import DepartmentReport
from ipcity.supervision.selectors import board as boards
from ipcity.supervision.selectors import department_scores, rollup, rounds
from ipcity.supervision.services import office_review, report_filling
from ipcity.supervision.services import rounds as round_services

from .factories import add_users, fill_report, make_program, submit_done_and_behind

pytestmark = pytest.mark.django_db
D = dt.date


def _cells(round_, today, **kw):
    return {(c.department, c.task_ref): c for c in boards.board(reporting_round=round_, today=today, **kw).cells}


def _day(round_, offset: int) -> dt.date:
    """The day ``offset`` days from the round's due date (``round_`` is due in December of next year)."""
    return round_.due_date + dt.timedelta(days=offset)


def test_expected_progress_is_time_proportional():
    program = make_program(start_year=2024, end_year=2026).program  # fixed dates, worked by hand
    assert rounds.expected_progress(program, D(2024, 1, 1)) == 0
    assert rounds.expected_progress(program, D(2025, 7, 2)) == 50
    assert rounds.expected_progress(program, D(2027, 1, 1)) == 100


def test_colours_blue_grey_red(world, round_):
    far = _cells(round_, _day(round_, -44))
    assert {c.colour for c in far.values()} == {"grey"}
    near = _cells(round_, _day(round_, -5))
    cell = near[("部门1", "三/（一）/1")]
    assert cell.colour == "blue" and cell.reason == "5 天后到期，尚未报送"
    late = _cells(round_, _day(round_, 3))
    assert late[("部门1", "三/（一）/1")].colour == "red"
    assert late[("部门1", "三/（一）/1")].reason == "逾期未报送（已逾期 3 天）"


def test_colours_yellow_for_behind_schedule_self_reported_and_returned_twice(world, round_):
    office, reporter, other = world.users["office"], world.users["reporter"], world.users["other_reporter"]
    r0 = round_.reports.get(department=world.departments[0])
    fill_report(r0, progress=50)
    # The schedule of a three-year plan at mid-December of its last year: 98 % (1079 of 1095 days for 2024–2026).
    expected = rounds.expected_progress(world.program, round_.due_date)
    assert expected == 98
    report_filling.report_submit(report=r0, user=reporter)
    r1 = round_.reports.get(department=world.departments[1])
    fill_report(r1, status="behind", progress=96)
    r1 = report_filling.report_submit(report=r1, user=other)
    cells = _cells(round_, _day(round_, 1))
    assert cells[("部门1", "三/（一）/1")].colour == "yellow"
    assert cells[("部门1", "三/（一）/1")].reason == f"进度 50% 低于时序进度 {expected}%"
    assert cells[("部门2", "三/（二）/2")].reason == "自报进度滞后"
    assert cells[("部门3", "三/（一）/3")].colour == "red"
    for _ in range(2):
        r1 = office_review.report_return(report=r1, user=office, comment="再核实")
        r1.task_lines.update(status="on_track", progress=99)  # 100 % must be reported as 已完成
        r1 = report_filling.report_submit(report=r1, user=other)
    cell = _cells(round_, _day(round_, 1))[("部门2", "三/（二）/2")]
    assert cell.colour == "yellow" and cell.reason == "报告已被退回 2 次"


def test_board_filters_and_counts(world, round_):
    today = _day(round_, 3)
    board = boards.board(reporting_round=round_, today=today, department_id=world.departments[0].id)
    assert {c.department for c in board.cells} == {"部门1"} and board.counts["red"] == len(board.cells) == 2
    assert len(boards.board(reporting_round=round_, today=today, lead_only=True).cells) == 3
    assert len(boards.board(reporting_round=round_, today=today, colour="blue").cells) == 0
    assert {c.section for c in boards.board(reporting_round=round_, today=today, section="三/（二）").cells} == {"三/（二）"}


def test_rollup_lead_decides_co_handlers_beside(world, round_):
    submit_done_and_behind(world, round_)
    sections, completion = rollup.rollup(reporting_round=round_)
    tasks = {t.ref: t for s in sections for t in s.tasks}
    first = tasks["三/（一）/1"]  # lead 部门1 (done), co-handler 部门2 (behind)
    assert (first.status_label, first.progress, first.decided_by) == ("已完成", 100, "部门1")
    assert first.others == [("部门2", "进度滞后", 40)]
    third = tasks["三/（一）/3"]  # lead 部门3 has not reported; co-handler 部门1 has
    assert (third.status_label, third.decided_by, third.others) == ("未报送", "部门3", [("部门1", "已完成", 100)])
    assert completion == round((100 + 40 + 0) / 3)
    assert [s.section for s in sections] == ["三/（一）", "三/（二）"] and sections[0].done == 1


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour))


def test_scorecard_on_time_days_late_returned_completeness(world, round_):
    office = world.users["office"]
    r0 = round_.reports.get(department=world.departments[0])
    fill_report(r0)
    report_filling.report_submit(report=r0, user=world.users["reporter"])  # now, long before the round's due date
    r1 = round_.reports.get(department=world.departments[1])
    fill_report(r1)
    r1 = report_filling.report_submit(report=r1, user=world.users["other_reporter"])
    office_review.report_return(report=r1, user=office, comment="补充")
    # Fixed submission times, so the test does not depend on today's date.
    DepartmentReport.objects.filter(pk=r0.pk).update(first_submitted_at=_at(_day(round_, -5), 9))
    DepartmentReport.objects.filter(pk=r1.pk).update(
        first_submitted_at=_at(_day(round_, 2), 10))
    rows = {r.department: r for r in department_scores.scorecard(program=world.program, today=_day(round_, 5), reporting_round=round_)}
    assert (rows["部门1"].on_time_pct, rows["部门1"].days_late, rows["部门1"].completeness, rows["部门1"].rank) == (100, 0, 100, 1)
    assert (rows["部门2"].on_time_pct, rows["部门2"].days_late, rows["部门2"].times_returned) == (0, 2, 1)
    assert (rows["部门3"].on_time_pct, rows["部门3"].days_late, rows["部门3"].completeness) == (0, 5, 0)
    assert rows["部门2"].rank == 2 and rows["部门3"].rank == 3


def test_scorecard_xlsx_export(world, round_):
    client = Client()
    client.force_login(world.users["leader"])
    response = client.get(f"/supervision/program/{world.program.id}/scorecard.xlsx?round={round_.id}")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert ws["A3"].value == "排名" and ws["B3"].value == "部门"
    departments = {ws.cell(row=r, column=2).value for r in range(4, 7)}
    assert departments == {"部门1", "部门2", "部门3"}


def test_board_page_query_count_does_not_grow_with_size(django_assert_max_num_queries):
    world = add_users(make_program(n_tasks=12, n_departments=8, all_departments_on_every_task=True))
    rnd = round_services.round_create(program=world.program, user=world.users["office"], title="轮次",
                                     due=D(world.program.end_year, 12, 15))
    client = Client()
    client.force_login(world.users["office"])
    with django_assert_max_num_queries(16):
        response = client.get(f"/supervision/program/{world.program.id}/?round={rnd.id}")
    assert response.status_code == 200 and response.content.decode().count('data-colour="') == 96


def test_report_and_scorecard_pages_query_counts(world, round_, report0, django_assert_max_num_queries):
    client = Client()
    client.force_login(world.users["reporter"])
    with django_assert_max_num_queries(20):
        assert client.get(f"/supervision/report/{report0.id}/").status_code == 200
    client.force_login(world.users["office"])
    with django_assert_max_num_queries(14):
        assert client.get(f"/supervision/program/{world.program.id}/scorecard/").status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get("/supervision/reports/").status_code == 200

"""The reporting workflow's pages: per-task save (HTMX), per-task return comments, 催办 from the
board, the board's .xlsx export, the notifications page and the reporter's home to-do list."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from ipcity.programs.models import Task
from ipcity.supervision.models import Notification, Reminder, ReportStatus, Round, TaskLine
from ipcity.supervision.services import office_review, report_filling, rounds

from .factories import fill_report

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _overdue(round_, days: int = 4) -> dt.date:
    """Move the round's due date ``days`` before today (pages use today's date)."""
    due = timezone.localdate() - dt.timedelta(days=days)
    Round.objects.filter(pk=round_.pk).update(due_date=due, nominal_due=due)
    return due


# ---------------------------------------------------------------- per-task save

def test_per_task_save_answers_the_row_and_the_new_version(world, report0):
    task_id = report0.task_lines.first().task_id
    url = f"/supervision/report/{report0.id}/line/{task_id}/"
    response = _client(world.users["reporter"]).post(url, {
        "version": report0.version, f"line-{task_id}-status": "behind", f"line-{task_id}-progress": "30",
        f"line-{task_id}-done": "已起草方案", f"line-{task_id}-reason": "", f"line-{task_id}-remedy": ""}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith(f'<tr id="line-{task_id}"') and "已保存" in html and "草稿" in html
    new_version = report0.version + 1
    assert re.search(rf'id="report-version" value="{new_version}" hx-swap-oob="true"', html)
    line = TaskLine.objects.get(report=report0, task_id=task_id)
    assert (line.status, line.progress, line.done) == ("behind", 30, "已起草方案")
    report0.refresh_from_db()
    assert report0.status == ReportStatus.DRAFT and report0.version == new_version


def test_per_task_save_says_what_is_wrong_and_saves_nothing(world, report0):
    task_id = report0.task_lines.first().task_id
    url = f"/supervision/report/{report0.id}/line/{task_id}/"
    client = _client(world.users["reporter"])
    bad = client.post(url, {"version": report0.version, f"line-{task_id}-progress": "150",
                            f"line-{task_id}-done": "输入保留"}, **HTMX)
    assert bad.status_code == 200 and "0—100" in bad.content.decode() and "输入保留" in bad.content.decode()
    assert "hx-swap-oob" not in bad.content.decode()
    stale = client.post(url, {"version": 0, f"line-{task_id}-done": "旧页面"}, **HTMX)
    assert "请刷新页面" in stale.content.decode()
    # Without HTMX the status code tells the caller too.
    assert client.post(url, {"version": 0, f"line-{task_id}-done": "x"}).status_code == 409
    assert TaskLine.objects.get(report=report0, task_id=task_id).done == ""


def test_per_task_save_is_for_the_departments_reporters_only(world, report0):
    task_id = report0.task_lines.first().task_id
    url = f"/supervision/report/{report0.id}/line/{task_id}/"
    data = {"version": report0.version, f"line-{task_id}-done": "越权"}
    assert _client(world.users["other_reporter"]).post(url, data, **HTMX).status_code == 404
    assert _client(world.users["office"]).post(url, data, **HTMX).status_code == 403
    assert _client(world.users["reporter"]).post(
        f"/supervision/report/{report0.id}/line/999999/", data, **HTMX).status_code == 404
    assert TaskLine.objects.get(report=report0, task_id=task_id).done == ""


def test_report_page_offers_a_save_button_per_task(world, report0):
    html = _client(world.users["reporter"]).get(f"/supervision/report/{report0.id}/").content.decode()
    for line in report0.task_lines.all():
        assert f'hx-post="/supervision/report/{report0.id}/line/{line.task_id}/"' in html
    assert 'id="report-version"' in html


# ---------------------------------------------------------------- return with per-task comments

def test_office_returns_with_a_task_comment_and_the_department_sees_it_by_the_task(world, report0):
    fill_report(report0)
    report_filling.report_submit(report=report0, user=world.users["reporter"])
    task_id = report0.task_lines.first().task_id
    office = _client(world.users["office"])
    review_page = office.get(f"/supervision/report/{report0.id}/").content.decode()
    assert f'name="task-{task_id}-comment" form="review"' in review_page
    office.post(f"/supervision/report/{report0.id}/review/",
                {"action": "return", "comment": "", f"task-{task_id}-comment": "请附上合同扫描件"})
    report0.refresh_from_db()
    assert report0.status == ReportStatus.RETURNED
    page = _client(world.users["reporter"]).get(f"/supervision/report/{report0.id}/").content.decode()
    row = page[page.index(f'<tr id="line-{task_id}"'):]
    assert "请附上合同扫描件" in row[:row.index("</tr>")]


def test_api_returns_with_a_task_comment(world, report0):
    fill_report(report0)
    report_filling.report_submit(report=report0, user=world.users["reporter"])
    task_id = report0.task_lines.first().task_id
    office = _client(world.users["office"])
    refused = office.post(f"/api/supervision/reports/{report0.id}/return", data={"comment": "", "task_comments": {}},
                          content_type="application/json")
    assert refused.status_code == 400 and "总体意见或对某项任务的意见" in refused.json()["detail"]
    done = office.post(f"/api/supervision/reports/{report0.id}/return",
                       data={"comment": "", "task_comments": {str(task_id): "数据来源不明"}},
                       content_type="application/json")
    assert done.status_code == 200 and done.json()["status"] == ReportStatus.RETURNED
    line = next(li for li in done.json()["lines"] if li["task_id"] == task_id)
    assert line["office_comment"] == "数据来源不明"


def test_a_return_with_no_comment_at_all_is_refused_on_the_page(world, report0):
    fill_report(report0)
    report_filling.report_submit(report=report0, user=world.users["reporter"])
    response = _client(world.users["office"]).post(f"/supervision/report/{report0.id}/review/",
                                                   {"action": "return", "comment": ""}, follow=True)
    assert "总体意见或对某项任务的意见" in response.content.decode()
    report0.refresh_from_db()
    assert report0.status == ReportStatus.SUBMITTED


# ---------------------------------------------------------------- 催办 from the board

def test_office_urges_an_overdue_department_from_the_board(world, round_, report0):
    _overdue(round_, days=4)
    office = _client(world.users["office"])
    board = office.get(f"/supervision/program/{world.program.id}/?round={round_.id}").content.decode()
    assert 'id="overdue"' in board and f'action="/supervision/report/{report0.id}/urge/"' in board
    assert "逾期 4 天" in board
    done = office.post(f"/supervision/report/{report0.id}/urge/", follow=True).content.decode()
    assert "已催办部门1（已通知 2 人）" in done and "今天已催办" in done
    assert f'action="/supervision/report/{report0.id}/urge/"' not in done
    again = office.post(f"/supervision/report/{report0.id}/urge/", follow=True).content.decode()
    assert "每天只能催办一次" in again
    assert Reminder.objects.filter(kind=Reminder.Kind.URGE).count() == 1
    assert Notification.objects.filter(kind=Notification.Kind.URGE, user=world.users["reporter"]).count() == 1


def test_only_the_office_may_urge_and_readers_see_no_button(world, round_, report0):
    _overdue(round_)
    url = f"/supervision/report/{report0.id}/urge/"
    assert _client(world.users["leader"]).post(url).status_code == 403
    assert _client(world.users["reporter"]).post(url).status_code == 403
    assert _client(world.users["other_reporter"]).post(url).status_code == 404
    leader_board = _client(world.users["leader"]).get(f"/supervision/program/{world.program.id}/").content.decode()
    assert 'id="overdue"' in leader_board and "/urge/" not in leader_board
    assert not Reminder.objects.exists()


# ---------------------------------------------------------------- the board as .xlsx

def _sheet(response):
    return load_workbook(io.BytesIO(b"".join(response.streaming_content))).active


def test_board_export_office_gets_every_row_reporter_its_own(world, round_):
    Task.objects.filter(pk=world.tasks[0].pk).update(title="=HYPERLINK(\"http://x\")")
    office = _client(world.users["office"]).get(f"/supervision/program/{world.program.id}/board.xlsx?round={round_.id}")
    assert office.status_code == 200
    assert office["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert re.match(rf'attachment; filename="board-{world.program.id}-{round_.id}-\d{{8}}\.xlsx"',
                    office["Content-Disposition"])
    ws = _sheet(office)
    rows = [r for r in ws.iter_rows(min_row=4, values_only=True) if r[0]]
    assert len(rows) == TaskLine.objects.filter(report__round=round_).count()
    assert {r[0] for r in rows} == {"部门1", "部门2", "部门3"}
    titles = [r[2] for r in rows]
    assert "'=HYPERLINK(\"http://x\")" in titles  # neutralised: text, never a live formula
    assert all(ws.cell(row=i, column=3).data_type != "f" for i in range(4, ws.max_row + 1))
    mine = _sheet(_client(world.users["reporter"]).get(f"/supervision/program/{world.program.id}/board.xlsx"))
    assert {r[0] for r in mine.iter_rows(min_row=4, values_only=True) if r[0]} == {"部门1"}


def test_board_export_follows_the_page_filters(world, round_):
    response = _client(world.users["leader"]).get(
        f"/supervision/program/{world.program.id}/board.xlsx?round={round_.id}&lead=1")
    rows = [r for r in _sheet(response).iter_rows(min_row=4, values_only=True) if r[0]]
    assert rows and all(r[3] == "牵头" for r in rows)


# ---------------------------------------------------------------- notifications

def _notices(world, report0):
    fill_report(report0)
    report_filling.report_submit(report=report0, user=world.users["reporter"])
    office_review.report_return(report=report0, user=world.users["office"], comment="补充材料")
    report_filling.report_submit(report=report0, user=world.users["reporter"])


def test_notifications_grouped_filtered_and_marked_read_when_seen(world, report0):
    _notices(world, report0)
    office = _client(world.users["office"])
    resubmitted = office.get("/supervision/notifications/?unread=1&kind=resubmitted").content.decode()
    assert "部门1已重新提交" in resubmitted and "部门报告已报送" not in resubmitted
    assert f'data-group="p{world.program.id}"' in resubmitted and world.program.title in resubmitted
    seen = Notification.objects.get(user=world.users["office"], kind=Notification.Kind.RESUBMITTED)
    assert seen.read_at is not None  # shown, so read
    unseen = Notification.objects.get(user=world.users["office"], kind=Notification.Kind.SUBMITTED)
    assert unseen.read_at is None  # filtered out, so still unread
    unread = office.get("/supervision/notifications/?unread=1").content.decode()
    assert "部门报告已报送" in unread and "部门1已重新提交" not in unread
    by_kind = office.get("/supervision/notifications/?group=kind").content.decode()
    assert 'data-group="submitted"' in by_kind and 'data-group="resubmitted"' in by_kind
    assert "没有符合条件的通知" in office.get("/supervision/notifications/?unread=1").content.decode()
    api = office.get("/api/supervision/notifications").json()
    assert sorted(n["kind"] for n in api) == ["resubmitted", "submitted"]
    assert {n["program_id"] for n in api} == {world.program.id}


def test_mark_all_read(world, report0):
    _notices(world, report0)
    reporter = _client(world.users["reporter"])
    assert Notification.objects.filter(user=world.users["reporter"], read_at__isnull=True).exists()
    reporter.post("/supervision/notifications/")
    assert not Notification.objects.filter(user=world.users["reporter"], read_at__isnull=True).exists()


# ---------------------------------------------------------------- the home page's to-do list

def test_reporter_home_starts_with_its_to_do_list(world, round_, report0):
    today = timezone.localdate()
    Round.objects.filter(pk=round_.pk).update(due_date=today + dt.timedelta(days=6), opens_on=today)
    late = rounds.round_create(program=world.program, user=world.users["office"], title="专项督查",
                                 due=today - dt.timedelta(days=20), opens_on=today - dt.timedelta(days=40))
    Round.objects.filter(pk=late.pk).update(due_date=today - dt.timedelta(days=3))
    back = rounds.round_create(program=world.program, user=world.users["office"], title="半年报",
                                 due=today + dt.timedelta(days=30), opens_on=today)
    returned = back.reports.get(department=world.departments[0])
    fill_report(returned)
    report_filling.report_submit(report=returned, user=world.users["reporter"])
    office_review.report_return(report=returned, user=world.users["office"], comment="请补充数据来源")
    html = _client(world.users["reporter"]).get("/").content.decode()
    todo = html[html.index('id="todo"'):html.index("</section>", html.index('id="todo"'))]
    assert html.index('id="todo"') < html.index('role="search"')  # the page starts with it
    kinds = re.findall(r'data-kind="(\w+)"', todo)
    assert kinds == ["report_overdue", "report_returned", "report_due"]
    assert "已逾期 3 天" in todo and "请补充数据来源" in todo and "还剩 6 天" in todo
    assert f'href="/supervision/report/{report0.id}/"' in todo
    assert f'href="/supervision/report/{returned.id}/"' in todo


def test_reporter_with_nothing_to_do_is_told_so_and_office_sees_its_items(world, round_, report0):
    html = _client(world.users["other_reporter"]).get("/").content.decode()
    assert "暂无待办" not in html  # department 2 has the round's report due (opened on 1 January)
    Round.objects.filter(pk=round_.pk).update(status=Round.Status.CLOSED)
    assert "暂无待办" in _client(world.users["other_reporter"]).get("/").content.decode()
    Round.objects.filter(pk=round_.pk).update(status=Round.Status.OPEN)
    _overdue(round_, days=2)
    fill_report(report0)
    report_filling.report_submit(report=report0, user=world.users["reporter"])
    office = _client(world.users["office"]).get("/").content.decode()
    assert "1 份部门报告待审核" in office and "2 份部门报告逾期未报送" in office
    assert 'data-kind="reports_overdue"' in office


def test_leader_home_names_the_programmes_with_departments_late(world, round_, report0):
    """Walk 24: a leader's home listed programmes only; which departments are late took a visit to
    every programme's board. The leader now sees the office's overdue line (no 催办 hint: reading
    only), linking to the board's overdue list; nothing of review, which is the office's work."""
    _overdue(round_, days=2)
    fill_report(report0)
    report_filling.report_submit(report=report0, user=world.users["reporter"])
    html = _client(world.users["leader"]).get("/").content.decode()
    todo = html[html.index('id="todo"'):html.index("</section>", html.index('id="todo"'))]
    assert re.findall(r'data-kind="(\w+)"', todo) == ["reports_overdue"]
    assert "2 份部门报告逾期未报送" in todo and f'href="/supervision/program/{world.program.id}/#overdue"' in todo
    assert "催办" not in todo and "待审核" not in todo

"""The reporting workflow's services: per-task save, return with per-task comments, resubmission
notice, urging (催办) and the office's daily summary of what is overdue."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from ipcity.audit.models import AuditEvent
from ipcity.supervision.calendar import next_working_day
from ipcity.supervision.models import (
    DepartmentReport,
    Notification,
    OverdueDigest,
    Reminder,
    ReportStatus,
    Round,
    TaskLine,
)
from ipcity.supervision.services import office_review, reminders, report_filling, report_transitions, urging

from .factories import fill_report

pytestmark = pytest.mark.django_db
D = dt.date


def _due(report_or_round, days: int = 0) -> dt.date:
    """``days`` after the due date of the round (the ``round_`` fixture: December of next year)."""
    rnd = getattr(report_or_round, "round", report_or_round)
    return rnd.due_date + dt.timedelta(days=days)


def _line(report, task_id):
    return TaskLine.objects.get(report=report, task_id=task_id)


# ---------------------------------------------------------------- per-task save

def test_per_task_save_keeps_a_draft_bumps_the_version_and_audits(world, report0):
    task_id = report0.task_lines.first().task_id
    before = report0.version
    report, line = report_filling.report_line_save(report=report0, user=world.users["reporter"], task_id=task_id,
                                             expected_version=before,
                                             data={"status": "on_track", "progress": "40", "done": "开了两次会"})
    assert report.status == ReportStatus.DRAFT and report.version == before + 1
    assert (line.status, line.progress, line.done) == ("on_track", 40, "开了两次会")
    others = report.task_lines.exclude(task_id=task_id)
    assert all(o.done == "" for o in others)  # only this task was touched
    event = AuditEvent.objects.get(action="supervision.report.line_save")
    assert event.before["done"] == "" and event.after["done"] == "开了两次会"


def test_per_task_save_refuses_stale_version_bad_input_and_locked_report(world, report0):
    task_id = report0.task_lines.first().task_id
    reporter = world.users["reporter"]
    report_filling.report_line_save(report=report0, user=reporter, task_id=task_id, expected_version=report0.version,
                              data={"done": "甲"})
    with pytest.raises(report_transitions.ReportChanged):
        report_filling.report_line_save(report=report0, user=reporter, task_id=task_id, expected_version=1,
                                  data={"done": "乙"})
    report0.refresh_from_db()
    with pytest.raises(ValidationError, match="0—100"):
        report_filling.report_line_save(report=report0, user=reporter, task_id=task_id, expected_version=report0.version,
                                  data={"progress": "120"})
    assert _line(report0, task_id).done == "甲" and _line(report0, task_id).progress is None  # nothing changed
    fill_report(report0)
    report_filling.report_submit(report=report0, user=reporter)
    report0.refresh_from_db()
    with pytest.raises(report_transitions.ReportLocked):
        report_filling.report_line_save(report=report0, user=reporter, task_id=task_id, expected_version=report0.version,
                                  data={"done": "报送后再改"})


# ---------------------------------------------------------------- return with per-task comments, resubmission

def _submitted(world, report):
    fill_report(report)
    return report_filling.report_submit(report=report, user=world.users["reporter"])


def test_return_with_a_comment_on_one_task(world, report0, django_capture_on_commit_callbacks):
    report = _submitted(world, report0)
    first, second = list(report.task_lines.values_list("task_id", flat=True))[:2]
    with django_capture_on_commit_callbacks(execute=True):
        office_review.report_return(report=report, user=world.users["office"], comment="",
                               task_comments={first: "请补充会议纪要", second: "  "})
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED and report.times_returned == 1
    assert _line(report, first).office_comment == "请补充会议纪要" and _line(report, second).office_comment == ""
    notice = Notification.objects.get(user=world.users["reporter"], kind=Notification.Kind.REVIEW)
    assert "请补充会议纪要" in notice.body and notice.program_id == world.program.id
    assert report.steps.last().comment.endswith("请补充会议纪要")


def test_return_without_any_comment_is_refused_and_changes_nothing(world, report0):
    report = _submitted(world, report0)
    with pytest.raises(ValidationError, match="总体意见或对某项任务的意见"):
        office_review.report_return(report=report, user=world.users["office"], comment=" ", task_comments={})
    with pytest.raises(ValidationError, match="没有这项任务"):
        office_review.report_return(report=report, user=world.users["office"], comment="x",
                               task_comments={999999: "不是本报告的任务"})
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED and report.times_returned == 0


def test_a_new_return_replaces_the_previous_task_comments(world, report0):
    report = _submitted(world, report0)
    task_id = report.task_lines.first().task_id
    office_review.report_return(report=report, user=world.users["office"], comment="", task_comments={task_id: "旧意见"})
    report_filling.report_submit(report=report, user=world.users["reporter"])
    office_review.report_return(report=report, user=world.users["office"], comment="总体再完善")
    assert _line(report, task_id).office_comment == ""


def test_resubmission_tells_the_office_so(world, report0, django_capture_on_commit_callbacks):
    report = _submitted(world, report0)
    office_review.report_return(report=report, user=world.users["office"], comment="补充")
    with django_capture_on_commit_callbacks(execute=True):
        report_filling.report_submit(report=report, user=world.users["reporter"])
    notice = Notification.objects.filter(user=world.users["office"]).order_by("-id").first()
    assert notice.kind == Notification.Kind.RESUBMITTED and "已重新提交" in notice.title
    first = Notification.objects.filter(user=world.users["office"]).order_by("id").first()
    assert first.kind == Notification.Kind.SUBMITTED and "已重新提交" not in first.title
    assert any("已重新提交" in m.subject for m in mail.outbox if m.to == ["office@example.cn"])


# ---------------------------------------------------------------- urging

def test_urge_an_overdue_report_notifies_audits_and_once_a_day(world, report0, django_capture_on_commit_callbacks):
    office = world.users["office"]
    with django_capture_on_commit_callbacks(execute=True):
        reminder = urging.report_urge(report=report0, user=office, today=_due(report0, 3))
    assert reminder.kind == Reminder.Kind.URGE and reminder.sent_by == office and reminder.notified == 2
    notices = Notification.objects.filter(kind=Notification.Kind.URGE)
    assert {n.user.username for n in notices} == {"reporter", "head"}
    assert all("逾期 3 天" in n.title for n in notices)
    assert sorted(m.to[0] for m in mail.outbox) == ["head1@example.cn", "rep0@example.cn"]
    event = AuditEvent.objects.get(action="supervision.report.urge")
    assert event.actor == office and "通知 2 人" in event.note
    assert report0.steps.get(action="urge").action_label == "办公室催办"
    with pytest.raises(ValidationError, match="每天只能催办一次"):
        urging.report_urge(report=report0, user=office, today=_due(report0, 3))
    assert Notification.objects.filter(kind=Notification.Kind.URGE).count() == 2  # nobody told twice
    urging.report_urge(report=report0, user=office, today=_due(report0, 4))  # the next day is allowed
    assert Reminder.objects.filter(kind=Reminder.Kind.URGE).count() == 2


def test_urge_refused_when_not_overdue_handed_in_closed_or_not_office(world, report0):
    office = world.users["office"]
    with pytest.raises(ValidationError, match="尚未到截止日期"):
        urging.report_urge(report=report0, user=office, today=_due(report0))
    for role in ("leader", "reporter"):
        with pytest.raises(PermissionDenied):
            urging.report_urge(report=report0, user=world.users[role], today=_due(report0, 3))
    other = DepartmentReport.objects.get(round=report0.round, department=world.departments[1])
    fill_report(report0)
    report_filling.report_submit(report=report0, user=world.users["reporter"])
    with pytest.raises(ValidationError, match="已报送，无需催办"):
        urging.report_urge(report=report0, user=office, today=_due(report0, 3))
    Round.objects.filter(pk=report0.round_id).update(status=Round.Status.CLOSED)
    with pytest.raises(ValidationError, match="本轮已结束"):
        urging.report_urge(report=other, user=office, today=_due(report0, 3))
    assert not Reminder.objects.filter(kind=Reminder.Kind.URGE).exists()
    assert not AuditEvent.objects.filter(action="supervision.report.urge").exists()


# ---------------------------------------------------------------- the office's daily summary

def test_daily_scan_sends_the_office_one_overdue_summary_a_day(world, round_, django_capture_on_commit_callbacks):
    from ipcity.programs.models import Program

    Program.objects.filter(pk=world.program.pk).update(status=Program.Status.ACTIVE)
    with django_capture_on_commit_callbacks(execute=True):
        before_due = reminders.scan(today=_due(round_))
    assert before_due.digests == 0  # nothing overdue yet
    # Summaries go out on working days only (a weekend or holiday reminds nobody): the two days
    # of the test are the first working days from two days late on.
    first_day = next_working_day(_due(round_, 2))
    next_day = next_working_day(first_day + dt.timedelta(days=1))
    report0 = round_.reports.get(department=world.departments[0])
    urging.report_urge(report=report0, user=world.users["office"], today=first_day)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        first = reminders.scan(today=first_day)
    assert first.digests == 1
    summary = Notification.objects.get(kind=Notification.Kind.SUMMARY)
    assert summary.user == world.users["office"] and summary.program_id == world.program.id
    assert "3 个部门逾期未报送" in summary.title and f"逾期 {(first_day - round_.due_date).days} 天" in summary.body
    assert f"已催办 1 次，最近 {first_day}" in summary.body
    assert summary.url == f"/supervision/program/{world.program.id}/?colour=red"
    assert [m.to for m in mail.outbox if "逾期未报送" in m.subject] == [["office@example.cn"]]
    with django_capture_on_commit_callbacks(execute=True):
        again = reminders.scan(today=first_day)
    assert again.digests == 0 and Notification.objects.filter(kind=Notification.Kind.SUMMARY).count() == 1
    # The CLI scan is the same scan: the next day it sends the next summary and says so.
    out = CliRunner().invoke(_cli(), ["supervise", "scan", "--today", next_day.isoformat()])
    assert out.exit_code == 0, out.output
    assert "1 overdue summaries to the office" in out.output
    assert OverdueDigest.objects.count() == 2


def test_summary_lists_only_overdue_reports_not_handed_in(world, round_):
    report0 = round_.reports.get(department=world.departments[0])
    fill_report(report0)
    report_filling.report_submit(report=report0, user=world.users["reporter"])
    sent = urging.overdue_digest(programs=[world.program], today=_due(round_, 5))
    body = Notification.objects.get(kind=Notification.Kind.SUMMARY).body
    assert sent == 1 and "部门1" not in body and "部门2" in body and "部门3" in body


def test_board_path_is_the_board_url():
    from django.urls import reverse

    assert urging.BOARD_PATH.format(7) == reverse("supervision:program", args=[7])


def _cli():
    from ipcity.cli.main import cli

    return cli


def test_the_huey_daily_job_sends_the_office_summary_once(world, round_, monkeypatch):
    from types import SimpleNamespace

    from django.utils import timezone

    from ipcity.supervision import tasks
    from ipcity.supervision.calendar import next_working_day
    from ipcity.supervision.tasks import supervision_daily_scan

    # The job runs on a working day: on a weekend or holiday the scan tells nobody (day_off), and
    # the suite runs on any day (under a clock faked to a Saturday this failed). The job's own
    # reading of today is pinned to the next working day.
    today = next_working_day(timezone.localdate())
    monkeypatch.setattr(tasks, "timezone", SimpleNamespace(localdate=lambda: today))
    Round.objects.filter(pk=round_.pk).update(due_date=today - dt.timedelta(days=2))
    first = supervision_daily_scan.call_local()
    second = supervision_daily_scan.call_local()
    assert (first["digests"], second["digests"]) == (1, 0)
    assert Notification.objects.filter(kind=Notification.Kind.SUMMARY, user=world.users["office"]).count() == 1

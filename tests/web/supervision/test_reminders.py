"""The daily scan: rounds generated, reminders by the rules, never the same reminder twice."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner
from django.core import mail

from ipcity.supervision.models import Notification, Reminder, Round
from ipcity.supervision.services import office_review, reminders, report_filling, rounds

from .factories import add_users, fill_report, make_program

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def duty_world(db):
    """A duty due every 15 December, in a fixed 2024–2026 plan: every scan here names its day."""
    return add_users(make_program(duty={"month": 12, "day": 15}, start_year=2024, end_year=2026))


def _scan(day, capture):
    with capture(execute=True):
        return reminders.scan(today=day)


def test_scan_generates_rounds_and_reminds_once(duty_world, django_capture_on_commit_callbacks):
    quiet = _scan(D(2026, 12, 10), django_capture_on_commit_callbacks)
    assert quiet.rounds_created == 1 and quiet.reminders == 0
    # Saturday 12 December is inside the three days before the due date, but a day off: nobody is told.
    weekend = _scan(D(2026, 12, 12), django_capture_on_commit_callbacks)
    assert weekend.day_off and weekend.reminders == 0 and not mail.outbox
    first = _scan(D(2026, 12, 14), django_capture_on_commit_callbacks)
    assert not first.day_off and first.rounds_created == 0 and first.by_kind == {"before": 3}
    # department 1 has two reporters (reporter, head), department 2 one, department 3 none
    assert first.notifications == 3 and len(mail.outbox) == 3
    assert {m.to[0] for m in mail.outbox} == {"rep0@example.cn", "head1@example.cn", "rep1@example.cn"}
    again = _scan(D(2026, 12, 14), django_capture_on_commit_callbacks)
    assert again.reminders == 0 and len(mail.outbox) == 3
    assert Reminder.objects.count() == 3


def test_due_day_overdue_daily_and_escalation(duty_world, django_capture_on_commit_callbacks):
    _scan(D(2026, 12, 1), django_capture_on_commit_callbacks)
    rnd = Round.objects.get()
    assert _scan(D(2026, 12, 15), django_capture_on_commit_callbacks).by_kind == {"due": 3}
    assert _scan(D(2026, 12, 16), django_capture_on_commit_callbacks).by_kind == {"overdue": 3}
    assert _scan(D(2026, 12, 17), django_capture_on_commit_callbacks).by_kind == {"overdue": 3}
    mail.outbox.clear()
    result = _scan(D(2026, 12, 18), django_capture_on_commit_callbacks)
    assert result.by_kind == {"overdue": 3, "escalation": 3}
    heads = sorted(m.to[0] for m in mail.outbox if m.to[0].startswith("head"))
    # One e-mail per address per scan: head1, also a reporter of department 1, gets one digest of two items.
    assert heads == ["head1@example.cn", "head2@example.cn", "head3@example.cn"]
    digest = next(m for m in mail.outbox if m.to == ["head1@example.cn"])
    assert digest.subject == "[ipcity] 督查督办提醒（2 项）" and "逾期 3 天" in digest.body
    assert any("督办" in m.subject for m in mail.outbox if m.to == ["head3@example.cn"])
    assert _scan(D(2026, 12, 18), django_capture_on_commit_callbacks).reminders == 0
    assert _scan(D(2026, 12, 19), django_capture_on_commit_callbacks).by_kind == {}  # Saturday
    assert _scan(D(2026, 12, 21), django_capture_on_commit_callbacks).by_kind == {"overdue": 3}
    assert rnd.reports.count() == 3


def test_no_reminder_or_office_summary_during_the_spring_festival(db, django_capture_on_commit_callbacks):
    """A round due on Tuesday 10 February 2026, nobody reporting: the overdue reminders and the
    office's daily summary stop over 春节 (15–23 February) and start again on the make-up workday
    before it (Saturday 14th) and on the first day back (24th)."""
    add_users(make_program(duty={"month": 2, "day": 10}, start_year=2025, end_year=2026))
    _scan(D(2026, 2, 1), django_capture_on_commit_callbacks)
    assert D(2026, 2, 10) in set(Round.objects.values_list("due_date", flat=True))
    friday = _scan(D(2026, 2, 13), django_capture_on_commit_callbacks)
    assert friday.by_kind == {"overdue": 3, "escalation": 3} and friday.digests == 1  # 3 days late
    assert _scan(D(2026, 2, 14), django_capture_on_commit_callbacks).by_kind == {"overdue": 3}  # 调休上班
    mail.outbox.clear()
    notified = Notification.objects.count()
    for day in range(15, 24):
        result = _scan(D(2026, 2, day), django_capture_on_commit_callbacks)
        assert result.day_off and result.reminders == 0 and result.digests == 0, day
    assert not mail.outbox and Notification.objects.count() == notified
    back = _scan(D(2026, 2, 24), django_capture_on_commit_callbacks)
    assert back.by_kind == {"overdue": 3} and back.digests == 1


def test_handed_in_reports_and_closed_rounds_are_not_chased(duty_world, django_capture_on_commit_callbacks):
    _scan(D(2026, 12, 1), django_capture_on_commit_callbacks)
    rnd = Round.objects.get()
    report = rnd.reports.get(department=duty_world.departments[0])
    fill_report(report)
    report_filling.report_submit(report=report, user=duty_world.users["reporter"])
    assert _scan(D(2026, 12, 15), django_capture_on_commit_callbacks).reminders == 2
    rounds.round_set_status(reporting_round=rnd, user=duty_world.users["office"], status="closed")
    assert _scan(D(2026, 12, 16), django_capture_on_commit_callbacks).reminders == 0


def test_returned_report_is_chased_again(duty_world, django_capture_on_commit_callbacks):
    _scan(D(2026, 12, 1), django_capture_on_commit_callbacks)
    report = Round.objects.get().reports.get(department=duty_world.departments[0])
    fill_report(report)
    report = report_filling.report_submit(report=report, user=duty_world.users["reporter"])
    office_review.report_return(report=report, user=duty_world.users["office"], comment="补充")
    result = _scan(D(2026, 12, 16), django_capture_on_commit_callbacks)
    assert result.by_kind == {"overdue": 3}


def test_cli_scan_twice_sends_once(duty_world):
    from ipcity.cli.main import cli

    runner = CliRunner()
    first = runner.invoke(cli, ["supervise", "scan", "--today", "2026-12-14"])
    second = runner.invoke(cli, ["supervise", "scan", "--today", "2026-12-14"])
    assert first.exit_code == 0, first.output
    assert "1 rounds created, 3 reminders (before=3)" in first.output
    assert "0 rounds created, 0 reminders" in second.output
    assert Notification.objects.count() == 3
    bad = runner.invoke(cli, ["supervise", "scan", "--today", "12/12/2026"])
    assert bad.exit_code == 2


def test_report_path_matches_the_url_map():
    from django.urls import reverse

    from ipcity.supervision.services.notify import REPORT_PATH

    assert REPORT_PATH.format(42) == reverse("supervision:report", args=[42])


def test_cli_help_lists_commands():
    from ipcity.cli.main import cli

    out = CliRunner().invoke(cli, ["supervise", "--help"]).output
    assert "scan" in out and "rounds" in out and "calendar" in out

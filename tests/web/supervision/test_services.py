"""Rounds, the report state machine, optimistic locking, attachments, acceptance side effects."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from ipcity.audit.models import AuditEvent
from ipcity.supervision.calendar import next_working_day
from ipcity.supervision.models import (
    Attachment,
    DepartmentReport,
    Reminder,
    ReportStatus,
    Round,
    SupervisionSettings,
)
from ipcity.supervision.services import attachments, office_review, report_filling, report_transitions, rounds
from ipcity.supervision.uploads import UploadRejected
from tests.web.uploads.files import minimal_pdf

from .factories import add_users, fill_report, make_program

pytestmark = pytest.mark.django_db

PDF = minimal_pdf()  # evidence is checked by content (pdfplumber must open it)


def _input(report, **line_values) -> report_filling.ReportInput:
    return report_filling.ReportInput(summary="总体顺利", lines={li.task_id: dict(line_values) for li in report.task_lines.all()},
                                values={})


def test_generation_from_duty_is_idempotent_and_makes_one_report_per_department():
    world = make_program(duty={"month": 12, "day": 15}, start_year=2024, end_year=2026)  # fixed calendar dates
    first = rounds.rounds_generate(program=world.program, today=dt.date(2026, 11, 20))
    again = rounds.rounds_generate(program=world.program, today=dt.date(2026, 11, 20))
    assert [r.due_date for r in first] == [dt.date(2026, 12, 15)] and again == []
    rnd = first[0]
    assert rnd.reports.count() == 3
    lines = {(li.report.department.name, li.task.ref, li.is_lead) for li in
             rnd.reports.get(department=world.departments[0]).task_lines.select_related("task", "report__department")}
    assert ("部门1", "三/（一）/1", True) in lines
    assert rnd.reports.get(department=world.departments[0]).indicator_values.count() == 1
    assert AuditEvent.objects.filter(action="supervision.round.generate").count() == 1


def test_generated_due_date_on_a_holiday_moves_to_next_working_day():
    world = make_program(duty={"month": 10, "day": 1}, start_year=2026, end_year=2026)
    (rnd,) = rounds.rounds_generate(program=world.program, today=dt.date(2026, 9, 20))
    assert rnd.nominal_due == dt.date(2026, 10, 1) and rnd.due_date == dt.date(2026, 10, 8)


def test_office_round_and_sync_adds_new_departments(world, round_):
    assert round_.due_date == round_.nominal_due == next_working_day(dt.date(world.program.end_year, 12, 15))
    assert round_.reports.count() == 3
    assert rounds.round_sync_reports(reporting_round=round_) == 0
    with pytest.raises(PermissionDenied):
        rounds.round_create(program=world.program, user=world.users["reporter"], title="x", due=round_.due_date)


def test_full_review_path(world, report0):
    reporter, office = world.users["reporter"], world.users["office"]
    with pytest.raises(ValidationError):  # nothing filled in yet
        report_filling.report_submit(report=report0, user=reporter)
    report = report_filling.report_save(report=report0, user=reporter, expected_version=report0.version,
                                  data=_input(report0, status="on_track", progress="50", done="已开展"))
    report = report_filling.report_submit(report=report, user=reporter)
    assert report.status == ReportStatus.SUBMITTED and report.first_submitted_at
    with pytest.raises(report_transitions.ReportLocked):
        report_filling.report_save(report=report, user=reporter, expected_version=report.version, data=_input(report))
    with pytest.raises(ValidationError):
        office_review.report_return(report=report, user=office, comment="  ")
    report = office_review.report_return(report=report, user=office, comment="请补充佐证材料")
    assert report.status == ReportStatus.RETURNED and report.times_returned == 1
    report = report_filling.report_submit(report=report, user=reporter)
    assert report.status == ReportStatus.RESUBMITTED
    report = office_review.report_accept(report=report, user=office)
    assert report.status == ReportStatus.ACCEPTED and report.accepted_at
    with pytest.raises(report_transitions.ReportLocked):
        report_filling.report_save(report=report, user=reporter, expected_version=report.version, data=_input(report))
    with pytest.raises(PermissionDenied):
        office_review.report_unlock(report=report, user=reporter, reason="改")
    report = office_review.report_unlock(report=report, user=office, reason="指标数据需更正")
    assert report.status == ReportStatus.RETURNED and report.times_returned == 1
    actions = list(report.steps.values_list("action", flat=True))
    assert actions == ["submit", "return", "submit", "accept", "unlock"]
    audited = set(AuditEvent.objects.filter(object_id=str(report.id), object_type="supervision.departmentreport")
                  .values_list("action", flat=True))
    assert {"supervision.report.save", "supervision.report.submit", "supervision.report.return",
            "supervision.report.accept", "supervision.report.unlock"} <= audited


def test_behind_requires_reason_and_remedy_and_done_requires_100(world, report0):
    reporter = world.users["reporter"]
    report = report_filling.report_save(report=report0, user=reporter, expected_version=1,
                                  data=_input(report0, status="behind", progress=20, done="x"))
    with pytest.raises(ValidationError) as exc:
        report_filling.report_submit(report=report, user=reporter)
    assert any("滞后原因和整改措施" in m for m in exc.value.messages)
    report = report_filling.report_save(report=report, user=reporter, expected_version=report.version,
                                  data=_input(report, status="done", progress=90, done="x"))
    with pytest.raises(ValidationError) as exc:
        report_filling.report_submit(report=report, user=reporter)
    assert any("100%" in m for m in exc.value.messages)
    with pytest.raises(ValidationError):
        report_filling.report_save(report=report, user=reporter, expected_version=report.version,
                             data=_input(report, status="on_track", progress=150))


def test_optimistic_locking_refuses_the_second_editor(world, report0):
    reporter, head = world.users["reporter"], world.users["head"]
    opened_version = report0.version
    report_filling.report_save(report=report0, user=head, expected_version=opened_version,
                         data=_input(report0, status="on_track", progress=30, done="负责人先保存"))
    with pytest.raises(report_transitions.ReportChanged) as exc:
        report_filling.report_save(report=report0, user=reporter, expected_version=opened_version,
                             data=_input(report0, status="behind", progress=10, done="填报员的内容"))
    assert exc.value.report.version == opened_version + 1
    line = report0.task_lines.first()
    line.refresh_from_db()
    assert line.done == "负责人先保存"  # the first save stands; the second changed nothing


def test_head_approval_step(world, report0):
    reporter, head, office = world.users["reporter"], world.users["head"], world.users["office"]
    SupervisionSettings.objects.create(program=world.program, head_approval=True)
    fill_report(report0)
    report = report_filling.report_submit(report=report0, user=reporter)
    assert report.status == ReportStatus.HEAD_REVIEW and report.first_submitted_at
    with pytest.raises(report_transitions.ReportLocked):
        office_review.report_accept(report=report, user=office)
    with pytest.raises(PermissionDenied):
        report_filling.report_head_approve(report=report, user=reporter)
    report = report_filling.report_head_reject(report=report, user=head, comment="数据再核实")
    assert report.status == ReportStatus.DRAFT
    report = report_filling.report_submit(report=report, user=reporter)
    report = report_filling.report_head_approve(report=report, user=head)
    assert report.status == ReportStatus.SUBMITTED


def test_notifications_and_mail_are_sent_on_commit(world, report0, django_capture_on_commit_callbacks):
    fill_report(report0)
    with django_capture_on_commit_callbacks(execute=True):
        report = report_filling.report_submit(report=report0, user=world.users["reporter"])
    assert [m.to for m in mail.outbox] == [["office@example.cn"]]
    with django_capture_on_commit_callbacks(execute=True):
        office_review.report_return(report=report, user=world.users["office"], comment="补充材料")
    notified = {n.user.username for n in world.users["reporter"].supervision_notifications.all()}
    assert notified == {"reporter"}
    assert sorted(m.to[0] for m in mail.outbox[1:]) == ["head1@example.cn", "rep0@example.cn"]


def test_accept_writes_indicator_values_to_monitoring(world, report0, monkeypatch):
    calls = []
    monkeypatch.setattr(office_review, "actual_value_record", lambda **kw: calls.append(kw))
    fill_report(report0)
    report = report_filling.report_submit(report=report0, user=world.users["reporter"])
    office_review.report_accept(report=report, user=world.users["office"])
    assert len(calls) == 1
    assert calls[0]["indicator"] == world.indicators[0] and calls[0]["value"] == 12.5 and calls[0]["year"] == world.program.end_year
    assert report.indicator_values.get().recorded_in_monitoring


def test_attachment_checked_by_content(world, report0, settings, django_capture_on_commit_callbacks):
    reporter = world.users["reporter"]
    attachment = attachments.attachment_add(report=report0, user=reporter,
                                         uploaded=SimpleUploadedFile("进展.pdf", PDF, "application/pdf"))
    assert attachment.kind == "pdf" and attachment.file.storage.exists(attachment.file.name)
    assert str(settings.MEDIA_ROOT) in attachment.file.path and "进展" not in attachment.file.name
    with pytest.raises(UploadRejected, match="扩展名与内容不符"):
        attachments.attachment_add(report=report0, user=reporter, uploaded=SimpleUploadedFile("a.docx", PDF))
    with pytest.raises(UploadRejected, match="只接受"):
        attachments.attachment_add(report=report0, user=reporter, uploaded=SimpleUploadedFile("a.pdf", b"MZ\x90\x00binary"))
    settings.IPCITY_MAX_UPLOAD_BYTES = 10
    with pytest.raises(UploadRejected, match="大小上限"):
        attachments.attachment_add(report=report0, user=reporter, uploaded=SimpleUploadedFile("b.pdf", PDF))
    assert Attachment.objects.count() == 1
    name = attachment.file.name
    storage = attachment.file.storage
    with django_capture_on_commit_callbacks(execute=True):
        attachments.attachment_remove(attachment=attachment, user=reporter)
    assert Attachment.objects.count() == 0
    assert not storage.exists(name)  # the file goes once the deletion is committed


def test_docx_and_xlsx_recognised_by_zip_contents(world, report0, tmp_path):
    import docx
    import openpyxl

    d = docx.Document()
    d.add_paragraph("佐证")
    d.save(tmp_path / "a.docx")
    wb = openpyxl.Workbook()
    wb.save(tmp_path / "b.xlsx")
    reporter = world.users["reporter"]
    a = attachments.attachment_add(report=report0, user=reporter,
                                uploaded=SimpleUploadedFile("a.docx", (tmp_path / "a.docx").read_bytes()))
    b = attachments.attachment_add(report=report0, user=reporter,
                                uploaded=SimpleUploadedFile("b.xlsx", (tmp_path / "b.xlsx").read_bytes()))
    assert (a.kind, b.kind) == ("docx", "xlsx")
    from tests.plans_read.ofd_builder import ofd_from_text

    ofd = ofd_from_text("关于专利导航项目的验收意见", tmp_path / "c.ofd").read_bytes()  # 公文 are issued as OFD
    c = attachments.attachment_add(report=report0, user=reporter, uploaded=SimpleUploadedFile("验收意见.ofd", ofd))
    assert c.kind == "ofd" and c.file.name.endswith(".ofd")
    with pytest.raises(UploadRejected):  # an xlsx renamed to .docx
        attachments.attachment_add(report=report0, user=reporter,
                                uploaded=SimpleUploadedFile("c.docx", (tmp_path / "b.xlsx").read_bytes()))


def test_round_close(world, round_):
    rounds.round_set_status(reporting_round=round_, user=world.users["office"], status=Round.Status.CLOSED)
    assert Round.objects.get().status == "closed"
    with pytest.raises(PermissionDenied):
        rounds.round_set_status(reporting_round=round_, user=world.users["leader"], status="open")


def test_two_programmes_share_departments(db):
    a = add_users(make_program())
    b = make_program(region=a.region, title="第二个项目")
    rounds.round_create(program=b.program, user=a.users["office"], title="专项",
                        due=dt.date(b.program.end_year, 12, 1))
    assert DepartmentReport.objects.filter(round__program=b.program).count() == 3


def test_accept_records_values_in_the_real_monitoring_app(world, report0):
    monitoring = pytest.importorskip("ipcity.monitoring.models")  # built by another engineer
    fill_report(report0)
    report = report_filling.report_submit(report=report0, user=world.users["reporter"])
    accepted = office_review.report_accept(report=report, user=world.users["office"])
    assert accepted.monitoring_problems == []
    actual = monitoring.IndicatorActual.objects.get(indicator=world.indicators[0], year=world.program.end_year)
    assert actual.value == 12.5 and "督查督办" in actual.note


def test_monitoring_refusal_keeps_the_value_in_the_report(world, report0):
    pytest.importorskip("ipcity.monitoring.models")
    from ipcity.programs.models import Program

    end = world.program.end_year  # the round reports on the plan's last year…
    Program.objects.filter(pk=world.program.pk).update(end_year=end - 1)  # …now outside the plan
    fill_report(report0)
    report = report_filling.report_submit(report=report0, user=world.users["reporter"])
    accepted = office_review.report_accept(report=report, user=world.users["office"])
    assert accepted.status == ReportStatus.ACCEPTED and len(accepted.monitoring_problems) == 1
    assert not accepted.indicator_values.get().recorded_in_monitoring


def test_huey_daily_job_runs_the_scan(db):
    from ipcity.supervision.tasks import supervision_daily_scan

    make_program(duty={"month": 12, "day": 15})
    result = supervision_daily_scan.call_local()
    assert result["rounds_created"] == Round.objects.count()  # whatever today is, what it made is there
    assert result["reminders"] == Reminder.objects.count()

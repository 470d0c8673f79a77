"""One rule per action, in ``supervision.permissions``: a service called directly as the wrong role
refuses exactly what the page refuses, and the page offers an action exactly when the service
would take it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from ipcity.audit.models import AuditEvent
from ipcity.supervision.models import Attachment, ReportStatus, ReviewStep, Round
from ipcity.supervision.permissions import report_actions
from ipcity.supervision.services import (
    attachments,
    office_review,
    report_filling,
    rounds,
    supervision_settings,
    urging,
)
from ipcity.supervision.services.report_transitions import ReportLocked
from tests.web.uploads.files import minimal_pdf

from .factories import fill_report

pytestmark = pytest.mark.django_db

ROLES = ("office", "admin", "leader", "reporter", "other_reporter", "head")
FILLERS = {"reporter", "head"}  # reporters of department 1, whose report ``report0`` is
OFFICE = {"office", "admin"}


def _refused(call) -> bool:
    """True when ``call`` is refused for the user's role (a state refusal, ReportLocked, is not one)."""
    try:
        call()
    except ReportLocked:
        raise
    except PermissionDenied:
        return True
    return False


def _line_input(report) -> report_filling.ReportInput:
    return report_filling.ReportInput(summary="总体顺利", values={}, lines={
        li.task_id: {"status": "on_track", "progress": 50, "done": "开展了工作"} for li in report.task_lines.all()})


@pytest.mark.parametrize("role", ROLES)
def test_filling_in_is_refused_to_every_role_but_the_departments_reporters(world, report0, role):
    user = world.users[role]
    assert report_actions(user, report0).fill == (role in FILLERS)
    version = report0.version
    refused = _refused(lambda: report_filling.report_save(report=report0, user=user, expected_version=version,
                                                          data=_line_input(report0)))
    assert refused == (role not in FILLERS)
    report0.refresh_from_db()
    assert (report0.version == version) == refused  # a refused save changed nothing
    task_id = report0.task_lines.first().task_id
    assert _refused(lambda: report_filling.report_line_save(
        report=report0, user=user, task_id=task_id, expected_version=report0.version,
        data={"status": "on_track", "progress": 60, "done": "又开展了工作"})) == (role not in FILLERS)


@pytest.mark.parametrize("role", ROLES)
def test_submitting_and_evidence_are_refused_to_every_role_but_the_departments_reporters(world, report0, role):
    user = world.users[role]
    fill_report(report0)
    upload = SimpleUploadedFile("佐证.pdf", minimal_pdf())
    assert _refused(lambda: attachments.attachment_add(report=report0, user=user, uploaded=upload)) == (
        role not in FILLERS)
    assert Attachment.objects.filter(report=report0).exists() == (role in FILLERS)
    assert _refused(lambda: report_filling.report_submit(report=report0, user=user)) == (role not in FILLERS)
    report0.refresh_from_db()
    assert (report0.status == ReportStatus.DRAFT) == (role not in FILLERS)
    assert ReviewStep.objects.filter(report=report0, action="submit").exists() == (role in FILLERS)


def test_removing_evidence_is_refused_to_another_department_and_the_office(world, report0):
    attachment = attachments.attachment_add(report=report0, user=world.users["reporter"],
                                            uploaded=SimpleUploadedFile("佐证.pdf", minimal_pdf()))
    for role in ("other_reporter", "office", "leader"):
        with pytest.raises(PermissionDenied):
            attachments.attachment_remove(attachment=attachment, user=world.users[role])
    assert Attachment.objects.filter(pk=attachment.pk).exists()
    assert not AuditEvent.objects.filter(action="supervision.attachment.delete").exists()


@pytest.mark.parametrize("role", ROLES)
def test_review_is_refused_to_every_role_but_the_office(world, report0, role):
    user = world.users[role]
    fill_report(report0)
    report = report_filling.report_submit(report=report0, user=world.users["reporter"])
    assert report_actions(user, report).review == (role in OFFICE)
    assert _refused(lambda: office_review.report_return(report=report, user=user, comment="补充")) == (
        role not in OFFICE)
    if role not in OFFICE:
        assert _refused(lambda: office_review.report_accept(report=report, user=user))
        report.refresh_from_db()
        assert report.status == ReportStatus.SUBMITTED and report.accepted_at is None


@pytest.mark.parametrize("role", ROLES)
def test_unlock_is_refused_to_every_role_but_the_office(world, report0, role):
    user = world.users[role]
    fill_report(report0)
    report = report_filling.report_submit(report=report0, user=world.users["reporter"])
    report = office_review.report_accept(report=report, user=world.users["office"])
    assert report_actions(user, report).unlock == (role in OFFICE)
    assert _refused(lambda: office_review.report_unlock(report=report, user=user, reason="数据有误")) == (
        role not in OFFICE)


@pytest.mark.parametrize("role", ROLES)
def test_head_approval_is_refused_to_all_but_the_department_head(world, report0, role):
    supervision_settings.program_settings_update(program=world.program, user=world.users["office"], head_approval=True,
                                                 remind_days_before=3, escalate_after_days=3, board_blue_days=7)
    fill_report(report0)
    report = report_filling.report_submit(report=report0, user=world.users["reporter"])
    assert report.status == ReportStatus.HEAD_REVIEW
    user = world.users[role]
    assert report_actions(user, report).head == (role == "head")
    assert _refused(lambda: report_filling.report_head_approve(report=report, user=user)) == (role != "head")
    report.refresh_from_db()
    assert (report.status == ReportStatus.HEAD_REVIEW) == (role != "head")


@pytest.mark.parametrize("role", ("leader", "reporter", "other_reporter"))
def test_rounds_settings_and_urging_are_the_offices(world, report0, role):
    user = world.users[role]
    rnd = report0.round
    program = world.program
    with pytest.raises(PermissionDenied):
        rounds.round_create(program=program, user=user, title="专项", due=rnd.due_date)
    with pytest.raises(PermissionDenied):
        rounds.rounds_generate(program=program, today=rnd.opens_on, user=user)
    with pytest.raises(PermissionDenied):
        rounds.round_set_status(reporting_round=rnd, user=user, status=Round.Status.CLOSED)
    with pytest.raises(PermissionDenied):
        supervision_settings.program_settings_update(program=program, user=user, head_approval=True)
    with pytest.raises(PermissionDenied):
        urging.report_urge(report=report0, user=user, today=rnd.due_date + dt.timedelta(days=3))
    rnd.refresh_from_db()
    assert rnd.status == Round.Status.OPEN and Round.objects.filter(program=program).count() == 1
    assert not AuditEvent.objects.filter(actor=user).exists()

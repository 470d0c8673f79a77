"""Who may see and change supervision data. Built on ``ipcity.programs.access`` (programme scoping).

- office / admin: every round and report of the programmes they may see; review and unlock.
- leader: reads the same, changes nothing.
- reporter: only its own department's reports; edits and submits them.
- department head: a reporter of the department whose e-mail is the department's ``head_email``;
  approves before the office when the programme asks for it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from ipcity.core.access import is_office, user_department_id, user_role
from ipcity.core.models import Role
from ipcity.programs.access import access_programs
from ipcity.supervision.models import Attachment, DepartmentReport, ReportStatus, Round


def can_read_supervision(user) -> bool:
    return user_role(user) in (Role.OFFICE, Role.ADMIN, Role.LEADER, Role.REPORTER)


def sees_all_departments(user) -> bool:
    """Office, admin and leaders see every department; a reporter only its own."""
    return user_role(user) in (Role.OFFICE, Role.ADMIN, Role.LEADER)


def is_department_head(user, department) -> bool:
    email = (getattr(user, "email", "") or "").strip().lower()
    return bool(
        email
        and user_department_id(user) == department.id
        and (department.head_email or "").strip().lower() == email
    )


# ---------------------------------------------------------------- who may do what
# The one home of the role rules: services refuse with these, views and the API ask them, so a
# direct call (API, job, test) is refused exactly as the page is.

def may_supervise(user) -> bool:
    """The office (and site admins) run supervision: rounds, settings, review, unlock, urging."""
    return is_office(user)


def may_fill_report(user, report: DepartmentReport) -> bool:
    """Only a reporter of the report's department fills it in, submits it and adds evidence."""
    return user_department_id(user) == report.department_id


def may_head_review(user, report: DepartmentReport) -> bool:
    """The department head approves or rejects the department's report before the office."""
    return is_department_head(user, report.department)


def require_report_fill(user, report: DepartmentReport) -> None:
    """403 unless ``may_fill_report``; ``user`` None is the system acting for the department (demo data)."""
    if user is not None and not may_fill_report(user, report):
        raise PermissionDenied(_("只有本部门填报员可以填写本报告"))


def require_rankings(user) -> None:
    """The departments' scorecard ranks departments: not for a reporter."""
    if not sees_all_departments(user):
        raise PermissionDenied(_("部门排名仅向办公室和领导开放"))


@dataclass(frozen=True)
class ReportActions:
    """What the user may do to the report now (its role and the report's state): the page's buttons."""

    fill: bool
    review: bool
    unlock: bool
    head: bool


def report_actions(user, report: DepartmentReport) -> ReportActions:
    return ReportActions(
        fill=may_fill_report(user, report) and report.is_editable,
        review=may_supervise(user) and report.status in (ReportStatus.SUBMITTED, ReportStatus.RESUBMITTED),
        unlock=may_supervise(user) and report.status == ReportStatus.ACCEPTED,
        head=report.status == ReportStatus.HEAD_REVIEW and may_head_review(user, report),
    )


def access_round(user, round_id: int) -> Round:
    """A round of a programme the user may see (404 otherwise), fetched through the scoped query."""
    rnd = (Round.objects.select_related("program")
           .filter(pk=round_id, program__in=access_programs(user).values("pk")).first())
    if rnd is None:
        raise Http404(_("轮次不存在或无权查看"))
    return rnd


def access_reports(user):
    """The reports the user may read: its own department's for a reporter, those of every visible
    programme for the office, leaders and site admins."""
    qs = DepartmentReport.objects.filter(round__program__in=access_programs(user).values("pk"))
    if not sees_all_departments(user):
        department_id = user_department_id(user)
        qs = qs.filter(department_id=department_id) if department_id else qs.none()
    return qs


def access_report(user, report_id: int) -> DepartmentReport:
    """A report the user may read (404 otherwise: no hint that it exists)."""
    report = access_reports(user).select_related("round__program", "department").filter(pk=report_id).first()
    if report is None:
        raise Http404(_("报告不存在或无权查看"))
    return report


def access_attachment(user, attachment_id: int) -> Attachment:
    """Evidence of a report: the same rule as reading the report (ids are guessable)."""
    attachment = (Attachment.objects.select_related("report")
                  .filter(pk=attachment_id, report__in=access_reports(user).values("pk")).first())
    if attachment is None:
        raise Http404(_("附件不存在或无权查看"))
    return attachment


def access_report_fill(user, report_id: int) -> DepartmentReport:
    """A report the user may fill in: only a reporter of its department."""
    report = access_report(user, report_id)
    require_report_fill(user, report)
    return report


def access_report_review(user, report_id: int) -> DepartmentReport:
    report = access_report(user, report_id)
    if not may_supervise(user):
        raise PermissionDenied(_("只有知识产权办公室可以审核报告"))
    return report


def access_report_head(user, report_id: int) -> DepartmentReport:
    report = access_report(user, report_id)
    if not may_head_review(user, report):
        raise PermissionDenied(_("只有部门负责人可以审核本部门报告"))
    return report


def access_round_param(user, program, value: str | None) -> Round | None:
    """The round a page names in ``?round=``: one of this programme's, visible to the user (404
    otherwise); None when the page names none."""
    digits = value or ""
    if not digits.isdigit():
        return None
    rnd = access_round(user, int(digits))
    if rnd.program_id != program.id:
        raise Http404(_("轮次不存在"))
    return rnd

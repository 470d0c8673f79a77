"""Who may see and change supervision data. Built on ``ipcity.core.access`` (programme scoping).

- office / admin: every round and report of the programmes they may see; review and unlock.
- leader: reads the same, changes nothing.
- reporter: only its own department's reports; edits and submits them.
- department head: a reporter of the department whose e-mail is the department's ``head_email``;
  approves before the office when the programme asks for it.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from ipcity.core.access import access_programs, is_office, user_department_id, user_role
from ipcity.core.models import Role
from ipcity.supervision.models import Attachment, DepartmentReport, Round


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


def access_round(user, round_id: int) -> Round:
    """A round of a programme the user may see (404 otherwise), fetched through the scoped query."""
    rnd = (Round.objects.select_related("program")
           .filter(pk=round_id, program__in=access_programs(user).values("pk")).first())
    if rnd is None:
        raise Http404("轮次不存在或无权查看")
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
        raise Http404("报告不存在或无权查看")
    return report


def access_attachment(user, attachment_id: int) -> Attachment:
    """Evidence of a report: the same rule as reading the report (ids are guessable)."""
    attachment = (Attachment.objects.select_related("report")
                  .filter(pk=attachment_id, report__in=access_reports(user).values("pk")).first())
    if attachment is None:
        raise Http404("附件不存在或无权查看")
    return attachment


def access_report_fill(user, report_id: int) -> DepartmentReport:
    """A report the user may fill in: only a reporter of its department."""
    report = access_report(user, report_id)
    if user_department_id(user) != report.department_id:
        raise PermissionDenied("只有本部门填报员可以填写本报告")
    return report


def access_report_review(user, report_id: int) -> DepartmentReport:
    report = access_report(user, report_id)
    if not is_office(user):
        raise PermissionDenied("只有知识产权办公室可以审核报告")
    return report


def access_report_head(user, report_id: int) -> DepartmentReport:
    report = access_report(user, report_id)
    if not is_department_head(user, report.department):
        raise PermissionDenied("只有部门负责人可以审核本部门报告")
    return report


def access_round_param(user, program, value: str | None) -> Round | None:
    """The round a page names in ``?round=``: one of this programme's, visible to the user (404
    otherwise); None when the page names none."""
    if not (value or "").isdigit():
        return None
    rnd = access_round(user, int(value))
    if rnd.program_id != program.id:
        raise Http404("轮次不存在")
    return rnd

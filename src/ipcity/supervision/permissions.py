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

from ipcity.core.access import access_program, access_programs, is_office, user_department_id, user_role
from ipcity.core.models import Role
from ipcity.supervision.models import DepartmentReport, Round


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
    """A round of a programme the user may see (404 otherwise)."""
    rnd = Round.objects.select_related("program").filter(pk=round_id).first()
    if rnd is None:
        raise Http404("轮次不存在")
    access_program(user, rnd.program_id)
    return rnd


def access_report(user, report_id: int) -> DepartmentReport:
    """A report the user may read: its own department's for a reporter, any visible one for others."""
    report = (
        DepartmentReport.objects.select_related("round__program", "department")
        .filter(pk=report_id).first()
    )
    if report is None:
        raise Http404("报告不存在")
    if not sees_all_departments(user):
        if user_department_id(user) != report.department_id:
            raise Http404("报告不存在或无权查看")
    if not access_programs(user).filter(pk=report.round.program_id).exists():
        raise Http404("报告不存在或无权查看")
    return report


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

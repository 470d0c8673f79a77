"""What waits for whom: the reports page of a user, a reporter's to-do list (home page), the
office's waiting and overdue counts per programme, and the overdue reports the office may urge."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from ipcity.core.access import user_department_id
from ipcity.programs.access import access_programs
from ipcity.programs.models import Program
from ipcity.supervision.models import (
    NOT_HANDED_IN_STATUSES,
    WITH_OFFICE_STATUSES,
    DepartmentReport,
    Reminder,
    ReportStatus,
    Round,
)
from ipcity.supervision.permissions import is_department_head, may_supervise


def reports_for_user(user):
    """The reports page of the user: its department's (reporter) or those waiting for the office."""
    base = DepartmentReport.objects.filter(round__program__in=access_programs(user)).select_related(
        "round__program", "department").order_by("-round__due_date", "department__name", "-round_id", "pk")
    dept = user_department_id(user)
    if dept is not None:
        return base.filter(department_id=dept)
    if may_supervise(user):
        # A report handed in to an archived programme can no longer be reviewed: not on the office's list.
        return base.filter(status__in=WITH_OFFICE_STATUSES).exclude(round__program__status=Program.Status.ARCHIVED)
    return base.none()


@dataclass
class OverdueReport:
    """A report the office may urge (催办): not handed in, past its due date."""

    report: DepartmentReport
    days_late: int
    times_urged: int
    urged_today: bool


def overdue_reports(*, reporting_round: Round, today: dt.date) -> list[OverdueReport]:
    """The round's overdue reports (most urged last), with how often each was urged: two queries."""
    if reporting_round.status != Round.Status.OPEN or reporting_round.due_date >= today:
        return []
    reports = list(DepartmentReport.objects.filter(round=reporting_round, status__in=NOT_HANDED_IN_STATUSES)
                   .select_related("department").order_by("department__name", "department_id"))
    urges: dict[int, list[dt.date]] = defaultdict(list)
    for report_id, day in Reminder.objects.filter(report__in=reports, kind=Reminder.Kind.URGE).values_list(
            "report_id", "for_date"):
        urges[report_id].append(day)
    days = (today - reporting_round.due_date).days
    return [OverdueReport(report=r, days_late=days, times_urged=len(urges[r.pk]), urged_today=today in urges[r.pk])
            for r in reports]


@dataclass
class TodoItem:
    """One line of a reporter's to-do list on the home page."""

    report: DepartmentReport
    state: str  # "overdue", "returned", "due", "head_review"
    days_left: int  # negative: days late
    comment: str = ""
    task_comments: int = 0


TODO_ORDER = {"overdue": 0, "returned": 1, "head_review": 2, "due": 3}


def reporter_todo(user, today: dt.date) -> list[TodoItem]:
    """A reporter's open reports: overdue first, then returned (with the office's comment), then due.

    Only rounds already opened count; a report waiting for the department head is the head's to-do.
    """
    dept = user_department_id(user)
    if dept is None:
        return []
    reports = (DepartmentReport.objects
               .filter(department_id=dept, round__status=Round.Status.OPEN, round__opens_on__lte=today,
                       round__program__in=access_programs(user), status__in=NOT_HANDED_IN_STATUSES)
               .select_related("round__program", "department")
               .annotate(n_task_comments=Count("task_lines", filter=~Q(task_lines__office_comment=""))))
    items = []
    for r in reports:
        days_left = (r.round.due_date - today).days
        if r.status == ReportStatus.HEAD_REVIEW:
            if not is_department_head(user, r.department):
                continue
            state = "head_review"
        elif r.status == ReportStatus.RETURNED:
            state = "returned"
        else:
            state = "overdue" if days_left < 0 else "due"
        items.append(TodoItem(report=r, state=state, days_left=days_left,
                              comment=r.office_comment if state == "returned" else "",
                              task_comments=r.n_task_comments if state == "returned" else 0))
    items.sort(key=lambda i: (TODO_ORDER[i.state], i.report.round.due_date, i.report.pk))
    return items


def office_waiting(user) -> list[tuple[Program, int, int]]:
    """(programme, reports waiting for review, reports overdue) of the programmes the office sees."""
    today = timezone.localdate()
    rows = (DepartmentReport.objects.filter(round__program__in=access_programs(user), round__status=Round.Status.OPEN)
            .values("round__program_id")
            .annotate(waiting=Count("id", filter=Q(status__in=WITH_OFFICE_STATUSES)),
                      overdue=Count("id", filter=Q(status__in=NOT_HANDED_IN_STATUSES, round__due_date__lt=today)))
            .filter(Q(waiting__gt=0) | Q(overdue__gt=0)))
    counts = {r["round__program_id"]: (r["waiting"], r["overdue"]) for r in rows}
    programs = Program.objects.filter(pk__in=counts).order_by("title", "pk")
    return [(p, *counts[p.pk]) for p in programs]

"""What the departments wrote in the reports they handed in, in their own words, for the report engine."""

from __future__ import annotations

from ipcity.supervision.models import NOT_HANDED_IN_STATUSES, DepartmentReport, Round, TaskLine
from ipcity.supervision.selectors.board import LINE_LABELS, REPORT_LABELS


def reported_texts(*, reporting_round: Round) -> tuple[list[dict], list[dict]]:
    """(summaries, lines) handed in for the round, in the departments' own words, for the report engine.

    ``summaries``: per handed-in report, the department, status and its 总体情况; ``lines``: per
    handed-in task line with something written (work done, reason for delay, remedy), with its
    task and status. A draft is not the department's word yet and is left out.
    """
    reports = (DepartmentReport.objects.filter(round=reporting_round, first_submitted_at__isnull=False)
               .exclude(status__in=NOT_HANDED_IN_STATUSES).select_related("department").order_by("department__name", "department_id"))
    summaries = [{"report_id": r.pk, "department": r.department.name, "status": r.status,
                  "status_label": str(REPORT_LABELS[r.status]), "summary": r.summary} for r in reports]
    lines = (TaskLine.objects.filter(report__in=[r.pk for r in reports])
             .select_related("task", "report__department").order_by("task__order", "task_id", "-is_lead"))
    return summaries, [
        {"department": li.report.department.name, "task_ref": li.task.ref, "task_title": li.task.title,
         "is_lead": li.is_lead, "status": li.status, "status_label": str(LINE_LABELS.get(li.status, "")),
         "progress": li.progress, "done": li.done, "reason": li.reason, "remedy": li.remedy}
        for li in lines if li.done or li.reason or li.remedy]

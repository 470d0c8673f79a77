"""The office's side of a report: return it (with a comment on the whole and/or on given tasks),
accept it (its indicator values then go to monitoring), or unlock an accepted one for correction."""

from __future__ import annotations

from typing import cast

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ipcity.core.templatetags.punctuation import labelled
from ipcity.core.typed_text import typed_text
from ipcity.monitoring.services import actual_value_record
from ipcity.supervision.models import WITH_OFFICE_STATUSES, DepartmentReport, ReportStatus, TaskLine
from ipcity.supervision.permissions import may_supervise
from ipcity.supervision.services import notify
from ipcity.supervision.services.report_transitions import ReportLocked, locked_report, transition

# The office's comment on a returned report (or an unlock's reason) and on one task of it, in
# characters: a page of advice, not a document (the department's own text has its limits too).
COMMENT_LIMIT = 5_000
TASK_COMMENT_LIMIT = 2_000


@transaction.atomic
def report_return(*, report: DepartmentReport, user: User, comment: str,
                  task_comments: dict[int, str] | None = None) -> DepartmentReport:
    """Send the report back with the office's comment on the whole and/or on given tasks.

    At least one comment is required. Each return replaces the previous one's task comments, so
    the department reads only what the office asks now.
    """
    if not may_supervise(user):
        raise PermissionDenied(_("只有知识产权办公室可以退回报告"))
    current = locked_report(report)
    if current.status not in WITH_OFFICE_STATUSES:
        raise ReportLocked(_("只有已报送的报告可以退回"))
    # The reporter reads these on its home page and report: the typed-text rule, as for its own text.
    comment = typed_text(comment, label=_("办公室意见"), limit=COMMENT_LIMIT)
    lines = {line.task_id: line for line in current.task_lines.select_related("task")}
    per_task = {}
    for task_id, text in (task_comments or {}).items():
        text = typed_text(text, label=_("办公室对本任务的意见"), limit=TASK_COMMENT_LIMIT)
        if not text:
            continue
        if int(task_id) not in lines:
            raise ValidationError(_("本报告中没有这项任务"))
        per_task[int(task_id)] = text
    if not comment and not per_task:
        raise ValidationError(_("退回时请写明意见（总体意见或对某项任务的意见）"))
    for task_id, line in lines.items():
        line.office_comment = per_task.get(task_id, "")
    TaskLine.objects.bulk_update(lines.values(), ["office_comment"])
    on_tasks = [f"{lines[t].task.ref} {lines[t].task.title[:20]}：{text}" for t, text in per_task.items()]
    full = "\n".join([comment] * bool(comment) + on_tasks)
    transition(current, user, action="return", to=ReportStatus.RETURNED, comment=full,
               fields={"office_comment": comment, "times_returned": current.times_returned + 1})
    notify.department(current, _("「%(round)s」报告被退回") % {"round": current.round},
                      _("办公室意见：%(comment)s") % {"comment": full})
    return current


def _record_indicator_values(report: DepartmentReport, user: User) -> list[str]:
    """Write accepted values to monitoring. Returns the values it refused.

    Each value goes in its own savepoint: a value monitoring refuses (a year outside the plan,
    a share above 100 %) stays in the report, and the office is told, instead of blocking acceptance.
    """
    problems = []
    rows = report.indicator_values.select_related("indicator").filter(value__isnull=False, recorded_in_monitoring=False)
    for row in rows:
        value = cast(float, row.value)  # never None: the query above leaves out empty values
        note = "；".join(x for x in (row.note, f"督查督办报告 #{report.id}（{report.department}）") if x)
        try:
            with transaction.atomic():
                actual_value_record(indicator=row.indicator, year=row.year, value=value, user=user,
                                    source=row.source or f"督查督办：{report.round}", note=note)
        except (ValidationError, PermissionDenied, ValueError) as exc:
            problems.append(labelled(row.indicator.name, exc))
            continue
        row.recorded_in_monitoring = True
        row.save(update_fields=["recorded_in_monitoring"])
    return problems


@transaction.atomic
def report_accept(*, report: DepartmentReport, user: User) -> DepartmentReport:
    if not may_supervise(user):
        raise PermissionDenied(_("只有知识产权办公室可以通过报告"))
    current = locked_report(report)
    if current.status not in WITH_OFFICE_STATUSES:
        raise ReportLocked(_("只有已报送的报告可以通过"))
    transition(current, user, action="accept", to=ReportStatus.ACCEPTED, fields={"accepted_at": timezone.now()})
    # Transient, for the view: values monitoring did not take (they stay in the report).
    setattr(current, "monitoring_problems", _record_indicator_values(current, user))  # noqa: B010
    notify.department(current, _("「%(round)s」报告已通过") % {"round": current.round},
                      _("办公室已审核通过，报告已锁定。"))
    return current


@transaction.atomic
def report_unlock(*, report: DepartmentReport, user: User, reason: str) -> DepartmentReport:
    """Reopen an accepted report for correction. Not counted as a return against the department."""
    if not may_supervise(user):
        raise PermissionDenied(_("只有知识产权办公室可以解锁报告"))
    current = locked_report(report)
    if current.status != ReportStatus.ACCEPTED:
        raise ReportLocked(_("只有已通过的报告需要解锁"))
    reason = typed_text(reason, label=_("办公室意见"), limit=COMMENT_LIMIT)
    if not reason:
        raise ValidationError(_("解锁时请写明原因"))
    transition(current, user, action="unlock", to=ReportStatus.RETURNED, comment=reason,
               fields={"office_comment": reason, "accepted_at": None})
    notify.department(current, _("「%(round)s」报告已解锁") % {"round": current.round},
                      _("办公室解锁原因：%(reason)s") % {"reason": reason})
    return current

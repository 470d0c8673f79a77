"""The department's side of a report: save the form or one task as it goes, submit it, and the
department head's approval or rejection when the programme asks for it (``head_approval``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from ipcity.audit.services import audit_record, snapshot
from ipcity.core.typed_text import typed_text
from ipcity.monitoring.values import ValueProblem, parse_value
from ipcity.supervision.models import (
    BEHIND_STATUSES,
    DepartmentReport,
    IndicatorValue,
    LineStatus,
    Notification,
    ReportStatus,
    TaskLine,
)
from ipcity.supervision.permissions import is_department_head, may_head_review, require_report_fill
from ipcity.supervision.selectors.rounds import program_settings
from ipcity.supervision.services import notify
from ipcity.supervision.services.report_transitions import (
    ReportChanged,
    ReportLocked,
    locked_report,
    transition,
)

LINE_FIELDS = ("status", "progress", "done", "reason", "remedy")
VALUE_FIELDS = ("value", "source", "note")
# The most a department may type: a summary as long as a white paper's overview (reports' 概述正文),
# a task's progress, reason or remedy a page of text, a value's source or note its column's width.
# Longer text is refused with the limit, never cut without a word (docs/supervision.md).
SUMMARY_MAX_CHARS = 20_000
LINE_TEXT_MAX_CHARS = 5_000
VALUE_TEXT_MAX_CHARS = 255


@dataclass
class ReportInput:
    summary: str | None  # None: leave the summary as it is (an API client that sends only lines)
    lines: dict[int, dict]  # task id → {status, progress, done, reason, remedy}
    values: dict[int, dict]  # indicator id → {value, source, note}


def _locked_for_filling(report: DepartmentReport, user: User | None, expected_version: int) -> DepartmentReport:
    """The report, locked, once ``user`` may fill it in, it is still the version the page showed
    and its status lets it be edited (the guard of every save)."""
    current = locked_report(report)
    require_report_fill(user, current)
    # A report no longer editable says so before any version talk: a second click on 保存并报送
    # carries the page's old version, and the two-editors page would offer to save it again.
    if not current.is_editable:
        raise ReportLocked(_("报告当前状态不可修改"))
    if current.version != expected_version:
        raise ReportChanged(current)
    return current


LINE_TEXT_LABELS = {"done": _lazy("工作进展"), "reason": _lazy("滞后原因"), "remedy": _lazy("整改措施")}


def _clean_line(raw: dict) -> dict:
    status = raw.get("status") or ""
    out: dict[str, Any] = {"status": status.strip() if isinstance(status, str) else status}
    if out["status"] and out["status"] not in LineStatus.values:
        raise ValidationError(_("进展状态无效"))
    progress = raw.get("progress")
    if isinstance(progress, str):
        progress = progress.strip()
    if progress in ("", None):
        out["progress"] = None
    else:
        try:
            number = int(float(progress))
        except (TypeError, ValueError, OverflowError) as exc:  # OverflowError: "inf", "1e400"
            raise ValidationError(_("完成进度应为 0—100 的整数")) from exc
        if not 0 <= number <= 100:
            raise ValidationError(_("完成进度应为 0—100 的整数"))
        out["progress"] = number
    for name, label in LINE_TEXT_LABELS.items():
        out[name] = typed_text(raw.get(name), label=str(label), limit=LINE_TEXT_MAX_CHARS)
    return out


def _task_words(line: TaskLine) -> dict:
    """The task as the report's messages name it (its ref and the start of its title)."""
    return {"task": f"{line.task.ref} {line.task.title[:20]}"}


def _clean_line_of(line: TaskLine, raw: dict) -> dict:
    """``_clean_line`` for the whole form, its refusal naming the task: with several tasks on the
    page, 完成进度应为 0—100 的整数 alone did not say which (field test, session 33)."""
    try:
        return _clean_line(raw)
    except ValidationError as exc:
        raise ValidationError([_("任务「%(task)s」：%(problem)s") % {**_task_words(line), "problem": problem}
                               for problem in exc.messages]) from exc


def _clean_value(raw: dict, *, unit: str | None, name: str = "") -> dict:
    """The value as the monitoring form takes it (full-width digits, thousands commas; finite; what
    its unit allows), with its source and note."""
    raw_value = raw.get("value")
    if isinstance(raw_value, str):
        raw_value = raw_value.replace(",", "")
    try:
        value = parse_value(raw_value, unit=unit, name=name)
    except ValueProblem as exc:
        raise ValidationError(_("指标「%(name)s」：%(problem)s") % {"name": name, "problem": str(exc)}) from exc
    return {"value": value,
            "source": typed_text(raw.get("source"), label=_("数据来源"), limit=VALUE_TEXT_MAX_CHARS),
            "note": typed_text(raw.get("note"), label=_("说明"), limit=VALUE_TEXT_MAX_CHARS)}


SHOWN_IDS = 20  # a refusal names this many of a client's wrong ids, and how many there are in all


def _some_ids(ids: list[int]) -> str:
    shown = ", ".join(map(str, ids[:SHOWN_IDS]))
    if len(ids) <= SHOWN_IDS:
        return shown
    return _("%(shown)s 等 %(n)s 个") % {"shown": shown, "n": f"{len(ids):,}"}


def _require_known(data: ReportInput, lines: dict, values: dict) -> None:
    """Refuse a line or a value for a task or an indicator the report does not ask about. The form
    sends only the report's own; an API client with a wrong id would otherwise be told 200 while
    what it sent was dropped."""
    unknown_tasks = sorted(int(task_id) for task_id in data.lines if int(task_id) not in lines)
    unknown_indicators = sorted(int(ind_id) for ind_id in data.values if int(ind_id) not in values)
    problems = []
    if unknown_tasks:
        problems.append(_("本报告中没有这些任务（任务编号）：%(ids)s") % {"ids": _some_ids(unknown_tasks)})
    if unknown_indicators:
        problems.append(_("本报告中没有这些指标（指标编号）：%(ids)s") % {"ids": _some_ids(unknown_indicators)})
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def report_save(*, report: DepartmentReport, user: User | None, expected_version: int, data: ReportInput) -> DepartmentReport:
    """Save what the department typed. Refuses a save based on an older version (``ReportChanged``).

    ``user`` None is the system (demo data); a person must be a reporter of the department.
    """
    current = _locked_for_filling(report, user, expected_version)
    before = snapshot(current)
    # Every problem of the form at once (field test: one a submit, a department fixed the summary,
    # then learnt of the progress, then of a value); nothing is written while any remains.
    problems: list[str] = []
    try:
        summary = current.summary if data.summary is None else typed_text(
            data.summary, label=_("总体情况"), limit=SUMMARY_MAX_CHARS)
    except ValidationError as exc:
        problems.extend(exc.messages)
    lines = {line.task_id: line for line in current.task_lines.select_related("task")}
    program = current.round.program  # values of years outside the plan are not asked for, nor taken
    values = {v.indicator_id: v for v in current.indicator_values.select_related("indicator").filter(
        year__gte=program.start_year, year__lte=program.end_year)}
    _require_known(data, lines, values)
    changed_lines, changed_values = [], []
    for task_id, raw in data.lines.items():
        line = lines[int(task_id)]
        try:
            cleaned = _clean_line_of(line, raw)
        except ValidationError as exc:
            problems.extend(exc.messages)
            continue
        for name, value in cleaned.items():
            setattr(line, name, value)
        changed_lines.append(line)
    for indicator_id, raw in data.values.items():
        row = values[int(indicator_id)]
        try:
            cleaned = _clean_value(raw, unit=row.indicator.unit, name=row.indicator.name)
        except ValidationError as exc:
            problems.extend(exc.messages)
            continue
        for name, value in cleaned.items():
            setattr(row, name, value)
        changed_values.append(row)
    if problems:
        raise ValidationError(problems)
    TaskLine.objects.bulk_update(changed_lines, LINE_FIELDS)
    IndicatorValue.objects.bulk_update(changed_values, VALUE_FIELDS)
    # The version check and bump in one conditional UPDATE: safe on SQLite and PostgreSQL alike.
    updated = DepartmentReport.objects.filter(pk=current.pk, version=expected_version).update(
        version=F("version") + 1, summary=summary, updated_by=user, updated_at=timezone.now(),
    )
    if updated != 1:
        raise ReportChanged(current)
    current.refresh_from_db()
    audit_record(actor=user, action="supervision.report.save", obj=current, before=before,
                 program_id=current.round.program_id)
    return current


@transaction.atomic
def report_line_save(*, report: DepartmentReport, user: User, task_id: int, expected_version: int,
                     data: dict) -> tuple[DepartmentReport, TaskLine]:
    """Save one task's line as the department goes (the per-task save); the report stays a draft.

    The report's version is checked and bumped as for the whole form, so a page opened before
    someone else's save cannot overwrite it; the page takes the new version from the answer.
    """
    current = _locked_for_filling(report, user, expected_version)
    line = current.task_lines.select_related("task").filter(task_id=task_id).first()
    if line is None:
        raise ValidationError(_("本报告中没有这项任务"))
    before = snapshot(line)
    for name, value in _clean_line(data).items():
        setattr(line, name, value)
    line.save(update_fields=list(LINE_FIELDS))
    DepartmentReport.objects.filter(pk=current.pk).update(version=F("version") + 1, updated_by=user,
                                                          updated_at=timezone.now())
    current.refresh_from_db()
    audit_record(actor=user, action="supervision.report.line_save", obj=line, before=before,
                 program_id=current.round.program_id, note=f"report {current.pk}")
    return current, line


def submission_problems(report: DepartmentReport) -> list[str]:
    """What must still be filled in before the report can go to the office (empty: ready)."""
    problems = []
    for line in report.task_lines.select_related("task"):
        task = _task_words(line)
        if not line.status:
            problems.append(_("任务「%(task)s」：请选择进展状态") % task)
        if line.progress is None:
            problems.append(_("任务「%(task)s」：请填写完成进度") % task)
        if line.status in BEHIND_STATUSES and not (line.reason and line.remedy):
            problems.append(_("任务「%(task)s」：进度滞后时须填写滞后原因和整改措施") % task)
        if line.status == LineStatus.DONE and line.progress not in (None, 100):
            problems.append(_("任务「%(task)s」：已完成的任务进度应为 100%%") % task)
        if line.progress == 100 and line.status and line.status != LineStatus.DONE:
            # Else 完成度 (progress) and 已完成 (status) of the roll-up would disagree.
            problems.append(_("任务「%(task)s」：进度为 100%% 时请选择“已完成”") % task)
    return problems


@transaction.atomic
def report_submit(*, report: DepartmentReport, user: User | None, expected_version: int | None = None) -> DepartmentReport:
    """Hand the report in: to the department head first when the programme asks for it (unless the
    head hands it in), else to the office. ``user`` None is the system (demo data)."""
    current = locked_report(report)
    require_report_fill(user, current)
    if expected_version is not None and current.version != expected_version:
        raise ReportChanged(current)
    if not current.is_editable:
        raise ReportLocked(_("报告当前状态不能报送"))
    problems = submission_problems(current)
    if problems:
        raise ValidationError(problems)
    needs_head = program_settings(current.round.program).head_approval and not is_department_head(user, current.department)
    now = timezone.now()
    if needs_head:
        to = ReportStatus.HEAD_REVIEW
    else:
        to = ReportStatus.RESUBMITTED if current.times_returned or current.first_submitted_at else ReportStatus.SUBMITTED
    fields = {"last_submitted_at": now}
    if current.first_submitted_at is None:
        fields["first_submitted_at"] = now
    transition(current, user, action="submit", to=to, fields=fields)
    if needs_head:
        notify.department_head(current, _("部门报告待您审核"),
                               _("%(department)s的报告已提交，请审核后报送办公室。") % {"department": current.department})
    else:
        _tell_office_handed_in(current)
    return current


def _tell_office_handed_in(report: DepartmentReport, via_head: bool = False) -> None:
    """报送, or 已重新提交 after a return: the office must see that a returned report came back."""
    head = _("（经部门负责人审核）") if via_head else ""
    names = {"department": report.department, "round": report.round, "head": head}
    if report.status == ReportStatus.RESUBMITTED:
        notify.office(report, _("%(department)s已重新提交「%(round)s」") % names,
                      _("%(department)s已按退回意见修改并重新提交「%(round)s」%(head)s，请再次审核。") % names,
                      kind=Notification.Kind.RESUBMITTED)
    else:
        notify.office(report, _("部门报告已报送"), _("%(department)s已报送「%(round)s」%(head)s。") % names)


def _require_head(user: User, report: DepartmentReport) -> None:
    if not may_head_review(user, report):
        raise PermissionDenied(_("只有部门负责人可以审核本部门报告"))


@transaction.atomic
def report_head_approve(*, report: DepartmentReport, user: User) -> DepartmentReport:
    current = locked_report(report)
    _require_head(user, current)
    if current.status != ReportStatus.HEAD_REVIEW:
        raise ReportLocked(_("报告不在待负责人审核状态"))
    to = ReportStatus.RESUBMITTED if current.times_returned else ReportStatus.SUBMITTED
    transition(current, user, action="head_approve", to=to, fields={"last_submitted_at": timezone.now()})
    _tell_office_handed_in(current, via_head=True)
    return current


@transaction.atomic
def report_head_reject(*, report: DepartmentReport, user: User, comment: str) -> DepartmentReport:
    current = locked_report(report)
    _require_head(user, current)
    if current.status != ReportStatus.HEAD_REVIEW:
        raise ReportLocked(_("报告不在待负责人审核状态"))
    if not (comment or "").strip():
        raise ValidationError(_("请填写退回意见"))
    to = ReportStatus.RETURNED if current.times_returned else ReportStatus.DRAFT
    transition(current, user, action="head_reject", to=to, comment=comment.strip())
    notify.department(current, _("部门负责人退回了报告"), comment.strip())
    return current

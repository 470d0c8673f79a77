"""Every change to supervision data: one atomic, audited function each; notifications on commit.

The review path of a department report::

    draft ──submit──▶ (head_review ──head_approve──▶) submitted ──accept──▶ accepted
      ▲                      │head_reject                 │return               │unlock (office, reason)
      └──────────────────────┘                            ▼                     ▼
                                                       returned ──submit──▶ resubmitted ──▶ …
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from dataclasses import dataclass
from typing import cast

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from ipcity.audit.services import audit_record, snapshot
from ipcity.core.access import is_office
from ipcity.monitoring.services import actual_value_record
from ipcity.programs.models import Indicator, Program, Task, TaskAssignment
from ipcity.supervision import notify, schedule
from ipcity.supervision.models import (
    BEHIND_STATUSES,
    EDITABLE_STATUSES,
    WITH_OFFICE_STATUSES,
    Attachment,
    DepartmentReport,
    IndicatorValue,
    LineStatus,
    Notification,
    ReportStatus,
    ReviewStep,
    Round,
    SupervisionSettings,
    TaskLine,
)
from ipcity.supervision.permissions import is_department_head
from ipcity.supervision.selectors import program_settings
from ipcity.supervision.uploads import check_upload

# Rounds are generated from duties due in this window around today, so a programme loaded late
# does not start with years of overdue rounds and a flood of reminders.
GENERATE_PAST_DAYS = 31
GENERATE_AHEAD_DAYS = 400

LINE_FIELDS = ("status", "progress", "done", "reason", "remedy")
VALUE_FIELDS = ("value", "source", "note")


class ReportChanged(Exception):
    """Someone saved the report after this user opened it (optimistic locking)."""

    def __init__(self, report: DepartmentReport):
        super().__init__("报告已被他人修改")
        self.report = report


class ReportLocked(PermissionDenied):
    """The report is not in a state that allows this change."""


@dataclass
class ReportInput:
    summary: str
    lines: dict[int, dict]  # task id → {status, progress, done, reason, remedy}
    values: dict[int, dict]  # indicator id → {value, source, note}


@transaction.atomic
def program_settings_update(*, program: Program, user: User, **fields) -> SupervisionSettings:
    if not is_office(user):
        raise PermissionDenied("只有知识产权办公室可以修改督查设置")
    row, _created = SupervisionSettings.objects.get_or_create(program=program)
    before = snapshot(row)
    for name, value in fields.items():
        setattr(row, name, value)
    row.full_clean()
    row.save()
    audit_record(actor=user, action="supervision.settings.update", obj=row, before=before, program_id=program.id)
    return row


# ---------------------------------------------------------------- rounds

def _departments_with_work(program: Program) -> dict[int, dict]:
    """{department id: {"indicators": [indicator ids]}} for every department with a task or an indicator."""
    work: dict[int, dict] = {}
    for dept_id in TaskAssignment.objects.filter(task__program=program).values_list("department_id", flat=True).distinct():
        work.setdefault(dept_id, {"indicators": []})
    for i in Indicator.objects.filter(program=program, owner_department__isnull=False).values("id", "owner_department_id"):
        work.setdefault(i["owner_department_id"], {"indicators": []})["indicators"].append(i["id"])
    return work


def _insert_missing_lines(rnd: Round) -> None:
    """One task line per (report, task the department answers for) not yet there, in one statement.

    INSERT … SELECT instead of ``bulk_create`` because a round of 30 tasks × 25 departments is 750
    rows and twenty programmes 15,000: built as model objects that is seconds, in SQL milliseconds.
    Plain SQL-92 (no upsert syntax), so it runs on SQLite and PostgreSQL alike.
    """
    line, report = TaskLine._meta.db_table, DepartmentReport._meta.db_table
    assignment, task = TaskAssignment._meta.db_table, Task._meta.db_table
    sql = f"""
        INSERT INTO {line} (report_id, task_id, is_lead, status, progress, done, reason, remedy, office_comment)
        SELECT r.id, a.task_id, a.is_lead, '', NULL, '', '', '', ''
        FROM {report} r
        JOIN {assignment} a ON a.department_id = r.department_id
        JOIN {task} t ON t.id = a.task_id
        WHERE r.round_id = %s AND t.program_id = %s
          AND NOT EXISTS (SELECT 1 FROM {line} x WHERE x.report_id = r.id AND x.task_id = a.task_id)
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [rnd.id, rnd.program_id])


def _sync_reports(rnd: Round) -> int:
    """Create the missing reports and lines of a round (new tasks or departments). Idempotent."""
    work = _departments_with_work(rnd.program)
    have = set(DepartmentReport.objects.filter(round=rnd).values_list("department_id", flat=True))
    new_reports = [DepartmentReport(round=rnd, department_id=d) for d in work if d not in have]
    DepartmentReport.objects.bulk_create(new_reports)
    _insert_missing_lines(rnd)
    reports = dict(DepartmentReport.objects.filter(round=rnd).values_list("department_id", "id"))
    have_values = set(IndicatorValue.objects.filter(report__round=rnd).values_list("report_id", "indicator_id"))
    if round_period_problem(rnd.program, rnd.period_year):
        return len(new_reports)  # a round of an earlier release outside the period asks for no values
    IndicatorValue.objects.bulk_create([
        IndicatorValue(report_id=reports[dept_id], indicator_id=i, year=rnd.period_year)
        for dept_id, entry in work.items() for i in entry["indicators"] if (reports[dept_id], i) not in have_values
    ])
    return len(new_reports)


@transaction.atomic
def round_sync_reports(*, round: Round, user: User | None = None) -> int:
    created = _sync_reports(round)
    if created:
        audit_record(actor=user, action="supervision.round.sync", obj=round, program_id=round.program_id,
                     note=f"{created} reports created")
    return created


@transaction.atomic
def rounds_generate(*, program: Program, today: dt.date, user: User | None = None) -> list[Round]:
    """Create the rounds the programme's reporting duties call for around ``today``. Idempotent."""
    existing = set(Round.objects.filter(program=program).values_list("key", flat=True))
    window = (today - dt.timedelta(days=GENERATE_PAST_DAYS), today + dt.timedelta(days=GENERATE_AHEAD_DAYS))
    created = []
    for duty in program.reporting_duties.all():
        if not schedule.duty_calls_for_department_reports(duty.what, duty.who):
            continue
        for occ in schedule.duty_occurrences(duty_id=duty.id, what=duty.what, due=duty.due_dict(),
                                             start_year=program.start_year, end_year=program.end_year):
            if occ.key in existing or not window[0] <= occ.due_date <= window[1]:
                continue
            if round_period_problem(program, occ.period_year):  # a one-off date duty outside the period
                continue
            rnd = Round.objects.create(
                program=program, duty=duty, key=occ.key, title=occ.title, period_year=occ.period_year,
                opens_on=occ.opens_on, nominal_due=occ.nominal_due, due_date=occ.due_date,
            )
            existing.add(occ.key)
            _sync_reports(rnd)
            audit_record(actor=user, action="supervision.round.generate", obj=rnd, program_id=program.id)
            created.append(rnd)
    return created


def round_period_year(due: dt.date) -> int:
    """The year a round due on ``due`` reports on: a deadline before July reports on the year before."""
    return due.year if due.month >= 7 else due.year - 1


def round_period_problem(program: Program, period_year: int) -> str:
    """Why a round for ``period_year`` may not be started in ``program`` ("" when it may).

    A round asks for a year's progress and that year's indicator values: a year outside the
    plan's period has neither tasks nor targets, so the plan's last annual report (due the next
    spring) is the latest round there can be.
    """
    if program.start_year <= period_year <= program.end_year:
        return ""
    return _("该轮次所报年度为 %(year)s 年，超出规划期（%(start)s—%(end)s 年），不能发起；最后一次报送应报告 "
             "%(end)s 年度（截止日期不晚于 %(next)s 年 6 月 30 日）。") % {
        "year": period_year, "start": program.start_year, "end": program.end_year, "next": program.end_year + 1}


@transaction.atomic
def round_create(*, program: Program, user: User, title: str, due: dt.date, opens_on: dt.date | None = None) -> Round:
    """A round the office adds by hand (专项督查). The due date moves to a working day too."""
    if not is_office(user):
        raise PermissionDenied("只有知识产权办公室可以发起报送轮次")
    title = (title or "").strip()
    if not title:
        raise ValidationError("请填写轮次名称")
    period_year = round_period_year(due)
    problem = round_period_problem(program, period_year)
    if problem:
        raise ValidationError(problem)
    from ipcity.supervision.calendar import next_working_day

    rnd = Round.objects.create(
        program=program, key=f"office:{uuid.uuid4().hex}", title=title[:255],
        period_year=period_year,
        opens_on=opens_on or timezone.localdate(), nominal_due=due, due_date=next_working_day(due),
        created_by=user,
    )
    _sync_reports(rnd)
    audit_record(actor=user, action="supervision.round.create", obj=rnd, program_id=program.id)
    return rnd


@transaction.atomic
def round_set_status(*, round: Round, user: User, status: str) -> Round:
    if not is_office(user):
        raise PermissionDenied("只有知识产权办公室可以结束或重开轮次")
    before = snapshot(round)
    round.status = status
    round.save(update_fields=["status"])
    audit_record(actor=user, action=f"supervision.round.{status}", obj=round, before=before, program_id=round.program_id)
    return round


# ---------------------------------------------------------------- reports: filling in

def _locked_report(report: DepartmentReport) -> DepartmentReport:
    """Re-read the report under a row lock, so two transitions cannot interleave."""
    return DepartmentReport.objects.select_for_update().select_related("round__program", "department").get(pk=report.pk)


def _clean_line(raw: dict) -> dict:
    out = {k: (raw.get(k) or "").strip() if isinstance(raw.get(k), str) or raw.get(k) is None else raw.get(k)
           for k in LINE_FIELDS}
    if out["status"] and out["status"] not in LineStatus.values:
        raise ValidationError("进展状态无效")
    progress = out["progress"]
    if progress in ("", None):
        out["progress"] = None
    else:
        try:
            out["progress"] = int(float(progress))
        except (TypeError, ValueError) as exc:
            raise ValidationError("完成进度应为 0—100 的整数") from exc
        if not 0 <= out["progress"] <= 100:
            raise ValidationError("完成进度应为 0—100 的整数")
    return out


def _clean_value(raw: dict) -> dict:
    value = raw.get("value")
    if value in ("", None):
        value = None
    else:
        try:
            value = float(str(value).replace(",", "").strip())
        except ValueError as exc:
            raise ValidationError("指标数值应为数字") from exc
    return {"value": value, "source": (raw.get("source") or "").strip()[:255], "note": (raw.get("note") or "").strip()[:255]}


@transaction.atomic
def report_save(*, report: DepartmentReport, user: User | None, expected_version: int, data: ReportInput) -> DepartmentReport:
    """Save what the department typed. Refuses a save based on an older version (``ReportChanged``)."""
    current = _locked_report(report)
    if current.version != expected_version:
        raise ReportChanged(current)
    if not current.is_editable:
        raise ReportLocked("报告当前状态不可修改")
    before = snapshot(current)
    lines = {line.task_id: line for line in current.task_lines.all()}
    program = current.round.program  # values of years outside the plan are not asked for, nor taken
    values = {v.indicator_id: v for v in current.indicator_values.filter(year__gte=program.start_year,
                                                                         year__lte=program.end_year)}
    changed_lines, changed_values = [], []
    for task_id, raw in data.lines.items():
        line = lines.get(int(task_id))
        if line is None:
            continue  # a task not in this report: ignore rather than trust the form
        for name, value in _clean_line(raw).items():
            setattr(line, name, value)
        changed_lines.append(line)
    for indicator_id, raw in data.values.items():
        row = values.get(int(indicator_id))
        if row is None:
            continue
        for name, value in _clean_value(raw).items():
            setattr(row, name, value)
        changed_values.append(row)
    TaskLine.objects.bulk_update(changed_lines, LINE_FIELDS)
    IndicatorValue.objects.bulk_update(changed_values, VALUE_FIELDS)
    # The version check and bump in one conditional UPDATE: safe on SQLite and PostgreSQL alike.
    updated = DepartmentReport.objects.filter(pk=current.pk, version=expected_version).update(
        version=F("version") + 1, summary=(data.summary or "").strip(), updated_by=user, updated_at=timezone.now(),
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
    current = _locked_report(report)
    if current.version != expected_version:
        raise ReportChanged(current)
    if not current.is_editable:
        raise ReportLocked(_("报告当前状态不可修改"))
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
        task = {"task": f"{line.task.ref} {line.task.title[:20]}"}
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


def _step(report: DepartmentReport, user: User | None, action: str, from_status: str, comment: str = "") -> None:
    ReviewStep.objects.create(report=report, action=action, from_status=from_status, to_status=report.status,
                              comment=comment, actor=user, actor_name=user.get_username() if user else "system")


def _transition(report: DepartmentReport, user: User | None, *, action: str, to: str, comment: str = "",
                fields: dict | None = None, note_audit: str = "") -> DepartmentReport:
    before = snapshot(report)
    from_status = report.status
    report.status = to
    for name, value in (fields or {}).items():
        setattr(report, name, value)
    report.version += 1
    report.updated_by = user
    report.save()
    _step(report, user, action, from_status, comment)
    audit_record(actor=user, action=f"supervision.report.{action}", obj=report, before=before,
                 program_id=report.round.program_id, note=note_audit or comment)
    return report


@transaction.atomic
def report_submit(*, report: DepartmentReport, user: User | None, expected_version: int | None = None) -> DepartmentReport:
    current = _locked_report(report)
    if expected_version is not None and current.version != expected_version:
        raise ReportChanged(current)
    if not current.is_editable:
        raise ReportLocked("报告当前状态不能报送")
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
    _transition(current, user, action="submit", to=to, fields=fields)
    if needs_head:
        notify.department_head(current, "部门报告待您审核", f"{current.department}的报告已提交，请审核后报送办公室。")
    else:
        _tell_office_handed_in(current)
    return current


def _tell_office_handed_in(report: DepartmentReport, via_head: bool = False) -> None:
    """报送, or 已重新提交 after a return: the office must see that a returned report came back."""
    head = "（经部门负责人审核）" if via_head else ""
    if report.status == ReportStatus.RESUBMITTED:
        notify.office(report, f"{report.department}已重新提交「{report.round}」",
                      f"{report.department}已按退回意见修改并重新提交「{report.round}」{head}，请再次审核。",
                      kind=Notification.Kind.RESUBMITTED)
    else:
        notify.office(report, "部门报告已报送", f"{report.department}已报送「{report.round}」{head}。")


@transaction.atomic
def report_head_approve(*, report: DepartmentReport, user: User) -> DepartmentReport:
    current = _locked_report(report)
    if not is_department_head(user, current.department):
        raise PermissionDenied("只有部门负责人可以审核本部门报告")
    if current.status != ReportStatus.HEAD_REVIEW:
        raise ReportLocked("报告不在待负责人审核状态")
    to = ReportStatus.RESUBMITTED if current.times_returned else ReportStatus.SUBMITTED
    _transition(current, user, action="head_approve", to=to, fields={"last_submitted_at": timezone.now()})
    _tell_office_handed_in(current, via_head=True)
    return current


@transaction.atomic
def report_head_reject(*, report: DepartmentReport, user: User, comment: str) -> DepartmentReport:
    current = _locked_report(report)
    if not is_department_head(user, current.department):
        raise PermissionDenied("只有部门负责人可以审核本部门报告")
    if current.status != ReportStatus.HEAD_REVIEW:
        raise ReportLocked("报告不在待负责人审核状态")
    if not (comment or "").strip():
        raise ValidationError("请填写退回意见")
    to = ReportStatus.RETURNED if current.times_returned else ReportStatus.DRAFT
    _transition(current, user, action="head_reject", to=to, comment=comment.strip())
    notify.department(current, "部门负责人退回了报告", comment.strip())
    return current


# ---------------------------------------------------------------- reports: office review

@transaction.atomic
def report_return(*, report: DepartmentReport, user: User, comment: str,
                  task_comments: dict[int, str] | None = None) -> DepartmentReport:
    """Send the report back with the office's comment on the whole and/or on given tasks.

    At least one comment is required. Each return replaces the previous one's task comments, so
    the department reads only what the office asks now.
    """
    if not is_office(user):
        raise PermissionDenied("只有知识产权办公室可以退回报告")
    current = _locked_report(report)
    if current.status not in WITH_OFFICE_STATUSES:
        raise ReportLocked("只有已报送的报告可以退回")
    comment = (comment or "").strip()
    lines = {line.task_id: line for line in current.task_lines.select_related("task")}
    per_task = {}
    for task_id, text in (task_comments or {}).items():
        text = (text or "").strip()
        if not text:
            continue
        if int(task_id) not in lines:
            raise ValidationError(_("本报告中没有这项任务"))
        per_task[int(task_id)] = text[:2000]
    if not comment and not per_task:
        raise ValidationError(_("退回时请写明意见（总体意见或对某项任务的意见）"))
    for task_id, line in lines.items():
        line.office_comment = per_task.get(task_id, "")
    TaskLine.objects.bulk_update(lines.values(), ["office_comment"])
    on_tasks = [f"{lines[t].task.ref} {lines[t].task.title[:20]}：{text}" for t, text in per_task.items()]
    full = "\n".join([comment] * bool(comment) + on_tasks)
    _transition(current, user, action="return", to=ReportStatus.RETURNED, comment=full,
                fields={"office_comment": comment, "times_returned": current.times_returned + 1})
    notify.department(current, f"「{current.round}」报告被退回", f"办公室意见：{full}")
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
            problems.append(f"{row.indicator.name}：{exc}")
            continue
        row.recorded_in_monitoring = True
        row.save(update_fields=["recorded_in_monitoring"])
    return problems


@transaction.atomic
def report_accept(*, report: DepartmentReport, user: User) -> DepartmentReport:
    if not is_office(user):
        raise PermissionDenied("只有知识产权办公室可以通过报告")
    current = _locked_report(report)
    if current.status not in WITH_OFFICE_STATUSES:
        raise ReportLocked("只有已报送的报告可以通过")
    _transition(current, user, action="accept", to=ReportStatus.ACCEPTED, fields={"accepted_at": timezone.now()})
    # Transient, for the view: values monitoring did not take (they stay in the report).
    current.monitoring_problems = _record_indicator_values(current, user)
    notify.department(current, f"「{current.round}」报告已通过", "办公室已审核通过，报告已锁定。")
    return current


@transaction.atomic
def report_unlock(*, report: DepartmentReport, user: User, reason: str) -> DepartmentReport:
    """Reopen an accepted report for correction. Not counted as a return against the department."""
    if not is_office(user):
        raise PermissionDenied("只有知识产权办公室可以解锁报告")
    current = _locked_report(report)
    if current.status != ReportStatus.ACCEPTED:
        raise ReportLocked("只有已通过的报告需要解锁")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("解锁时请写明原因")
    _transition(current, user, action="unlock", to=ReportStatus.RETURNED, comment=reason,
                fields={"office_comment": reason, "accepted_at": None})
    notify.department(current, f"「{current.round}」报告已解锁", f"办公室解锁原因：{reason}")
    return current


# ---------------------------------------------------------------- attachments

@transaction.atomic
def attachment_add(*, report: DepartmentReport, user: User, uploaded) -> Attachment:
    """Check the file's size, type and content before anything is written; then store it."""
    current = _locked_report(report)
    if current.status not in EDITABLE_STATUSES:
        raise ReportLocked("报告当前状态不能添加附件")
    kind, suffix = check_upload(uploaded)
    digest = hashlib.sha256()
    content = b"".join(uploaded.chunks())
    digest.update(content)
    attachment = Attachment(report=current, original_name=(uploaded.name or "file")[:255], kind=kind,
                            size=len(content), sha256=digest.hexdigest(), uploaded_by=user)
    attachment.file.save(f"{uuid.uuid4().hex}{suffix}", ContentFile(content), save=False)
    # Should the row not be written, the stored file must not stay behind.
    try:
        attachment.save()
        DepartmentReport.objects.filter(pk=current.pk).update(version=F("version") + 1)
        audit_record(actor=user, action="supervision.attachment.add", obj=attachment, program_id=current.round.program_id)
    except Exception:
        attachment.file.delete(save=False)
        raise
    return attachment


@transaction.atomic
def attachment_remove(*, attachment: Attachment, user: User) -> None:
    report = _locked_report(attachment.report)
    if report.status not in EDITABLE_STATUSES:
        raise ReportLocked("报告当前状态不能删除附件")
    before = snapshot(attachment)
    storage, name = attachment.file.storage, attachment.file.name
    audit_record(actor=user, action="supervision.attachment.delete", obj=attachment, before=before,
                 program_id=report.round.program_id)
    attachment.delete()
    DepartmentReport.objects.filter(pk=report.pk).update(version=F("version") + 1)
    transaction.on_commit(lambda: storage.delete(name))


# ---------------------------------------------------------------- notifications

@transaction.atomic
def notifications_mark_read(*, user: User, ids: list[int] | None = None) -> int:
    from ipcity.supervision.models import Notification

    qs = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.update(read_at=timezone.now())

"""Rounds (报送轮次): generated from the programme's reporting duties or added by the office, each
with one report per department that answers for a task or an indicator, and their status."""

from __future__ import annotations

import datetime as dt
import uuid

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ipcity.audit.services import audit_record, snapshot
from ipcity.programs.lifecycle import ProgramArchived, require_not_archived
from ipcity.programs.models import Indicator, Program, Task, TaskAssignment
from ipcity.supervision import due_dates
from ipcity.supervision.calendar import next_working_day
from ipcity.supervision.models import (
    EDITABLE_STATUSES,
    NOT_HANDED_IN_STATUSES,
    DepartmentReport,
    IndicatorValue,
    Round,
    TaskLine,
)
from ipcity.supervision.permissions import may_supervise

# Rounds are generated from duties due in this window around today, so a programme loaded late
# does not start with years of overdue rounds and a flood of reminders.
GENERATE_PAST_DAYS = 31
GENERATE_AHEAD_DAYS = 400


def _departments_with_work(program: Program) -> dict[int, dict]:
    """{department id: {"indicators": [indicator ids]}} for every department with a task or an indicator."""
    work: dict[int, dict] = {}
    for dept_id in TaskAssignment.objects.filter(task__program=program).values_list("department_id", flat=True).distinct():
        work.setdefault(dept_id, {"indicators": []})
    for i in Indicator.objects.filter(program=program, owner_department__isnull=False).values("id", "owner_department_id"):
        work.setdefault(i["owner_department_id"], {"indicators": []})["indicators"].append(i["id"])
    return work


def _insert_missing_lines(rnd: Round) -> None:
    """One task line per (report still with its department, task the department answers for) not yet
    there, in one statement (a report handed in or accepted is left as it was handed in).

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
        WHERE r.round_id = %s AND t.program_id = %s AND r.status IN (%s, %s)
          AND NOT EXISTS (SELECT 1 FROM {line} x WHERE x.report_id = r.id AND x.task_id = a.task_id)
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [rnd.id, rnd.program_id, *EDITABLE_STATUSES])


def _sync_reports(rnd: Round) -> int:
    """Create the missing reports and lines of a round (new tasks or departments). Idempotent."""
    work = _departments_with_work(rnd.program)
    have = set(DepartmentReport.objects.filter(round=rnd).values_list("department_id", flat=True))
    new_reports = [DepartmentReport(round=rnd, department_id=d) for d in work if d not in have]
    DepartmentReport.objects.bulk_create(new_reports)
    _insert_missing_lines(rnd)
    reports = dict(DepartmentReport.objects.filter(round=rnd, status__in=EDITABLE_STATUSES)
                   .values_list("department_id", "id"))
    have_values = set(IndicatorValue.objects.filter(report__round=rnd).values_list("report_id", "indicator_id"))
    if round_period_problem(rnd.program, rnd.period_year):
        return len(new_reports)  # a round of an earlier release outside the period asks for no values
    IndicatorValue.objects.bulk_create([
        IndicatorValue(report_id=reports[dept_id], indicator_id=i, year=rnd.period_year)
        for dept_id, entry in work.items() if dept_id in reports
        for i in entry["indicators"] if (reports[dept_id], i) not in have_values
    ])
    return len(new_reports)


def rounds_follow_program(program: Program) -> None:
    """The open rounds of ``program`` after its tasks, their departments or its indicators' data owners
    changed: a department given work gets its report, a report still with its department the new
    task's line and the newly owned indicator's value (registered with ``core.contributions``; a
    closed round and a report handed in stay as they were)."""
    for rnd in Round.objects.filter(program=program, status=Round.Status.OPEN):
        round_sync_reports(reporting_round=rnd)


@transaction.atomic
def round_sync_reports(*, reporting_round: Round, user: User | None = None) -> int:
    created = _sync_reports(reporting_round)
    if created:
        audit_record(actor=user, action="supervision.round.sync", obj=reporting_round, program_id=reporting_round.program_id,
                     note=f"{created} reports created")
    return created


def _generated_title(title: str) -> str:
    """A generated round's title within its column: the period label before a duty's 事项 (which
    may fill its own 255-character column) can overflow it, which PostgreSQL refuses (SQLite
    stores it); the words that do not fit are cut, visibly."""
    limit = Round._meta.get_field("title").max_length or len(title)
    return title if len(title) <= limit else title[:limit - 1] + "…"


@transaction.atomic
def rounds_generate(*, program: Program, today: dt.date, user: User | None = None) -> list[Round]:
    """Create the rounds the programme's reporting duties call for around ``today``. Idempotent.

    ``user`` None is the daily scan; a person must be the office, as on the page.
    """
    if user is not None and not may_supervise(user):
        raise PermissionDenied(_("只有知识产权办公室可以发起报送轮次"))
    try:
        require_not_archived(program)
    except ProgramArchived:
        if user is None:
            return []  # the daily scan opens no round in an archived programme
        raise
    existing = set(Round.objects.filter(program=program).values_list("key", flat=True))
    window = (today - dt.timedelta(days=GENERATE_PAST_DAYS), today + dt.timedelta(days=GENERATE_AHEAD_DAYS))
    created = []
    for duty in program.reporting_duties.all():
        if not due_dates.duty_calls_for_department_reports(duty.what, duty.who):
            continue
        for occ in due_dates.duty_occurrences(duty_id=duty.id, what=duty.what, due=duty.due_dict(),
                                             start_year=program.start_year, end_year=program.end_year):
            if occ.key in existing or not window[0] <= occ.due_date <= window[1]:
                continue
            if round_period_problem(program, occ.period_year):  # a one-off date duty outside the period
                continue
            rnd = Round.objects.create(
                program=program, duty=duty, key=occ.key, title=_generated_title(occ.title), period_year=occ.period_year,
                opens_on=occ.opens_on, nominal_due=occ.nominal_due, due_date=occ.due_date,
            )
            existing.add(occ.key)
            _sync_reports(rnd)
            audit_record(actor=user, action="supervision.round.generate", obj=rnd, program_id=program.id)
            created.append(rnd)
    return created


def round_due_dates_recompute(*, since: dt.date, user: User | None = None) -> int:
    """Move the due dates of the open rounds due on or after ``since`` to the working day the
    calendar now gives, after a year's holiday notice was loaded (``since`` its 1 January; called by
    ``protection.services.calendar_notices``). A round due in a year without a notice was given a
    Monday–Friday date (2027-01-01, 2027-02-10); the notice may make that day 元旦 or 春节. Counted
    from the stored ``nominal_due``, each move audited; a closed round stays as it was. Returns the
    number of rounds moved."""
    moved = 0
    with transaction.atomic():
        for rnd in (Round.objects.select_for_update().filter(status=Round.Status.OPEN, nominal_due__gte=since)
                    .order_by("pk")):
            due = next_working_day(rnd.nominal_due)
            if due == rnd.due_date:
                continue
            before = snapshot(rnd, ["due_date"])
            rnd.due_date = due
            rnd.save(update_fields=["due_date"])
            audit_record(actor=user, action="supervision.round.due_recompute", obj=rnd, before=before,
                         after=snapshot(rnd, ["due_date"]), program_id=rnd.program_id,
                         note=f"节假日安排更新，截止日期 {before['due_date']} → {due.isoformat()}")
            moved += 1
    return moved


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


def round_year_problem(program: Program, period_year: int, due: dt.date) -> str:
    """Why a round due on ``due`` may not report on ``period_year`` ("" when it may): the year
    must lie in the plan's period and may not come after the deadline's year (a year's
    progress is reported during or after it)."""
    problem = round_period_problem(program, period_year)
    if problem or period_year <= due.year:
        return problem
    return _("所报年度 %(year)s 年晚于截止日期所在年份（%(due_year)s 年）：一个年度的情况只能在该年度内或之后报送。") % {
        "year": period_year, "due_year": due.year}


@transaction.atomic
def round_create(*, program: Program, user: User, title: str, due: dt.date, opens_on: dt.date | None = None,
                 period_year: int | None = None) -> Round:
    """A round the office adds by hand (专项督查). The due date moves to a working day too.

    ``period_year`` is the year the round reports on (所报年度); None derives it from the due date
    (``round_period_year``). Giving it lets an office that starts after its plan's period (or
    late in it) open the catch-up round for an earlier year with a deadline still ahead. A due
    date in the past is refused by the office's form (``RoundForm``), not here: the demo and
    fixtures back-date rounds on purpose.
    """
    if not may_supervise(user):
        raise PermissionDenied(_("只有知识产权办公室可以发起报送轮次"))
    require_not_archived(program)
    title = (title or "").strip()
    if not title:
        raise ValidationError(_("请填写轮次名称"))
    if period_year is None:
        period_year = round_period_year(due)
    problem = round_year_problem(program, period_year, due)
    if problem:
        raise ValidationError(problem)
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
def round_set_status(*, reporting_round: Round, user: User, status: str) -> Round:
    if not may_supervise(user):
        raise PermissionDenied(_("只有知识产权办公室可以结束或重开轮次"))
    require_not_archived(reporting_round.program)
    before = snapshot(reporting_round)
    reporting_round.status = status
    reporting_round.save(update_fields=["status"])
    audit_record(actor=user, action=f"supervision.round.{status}", obj=reporting_round, before=before, program_id=reporting_round.program_id)
    return reporting_round


def reports_follow_department_merge(source, target, actor) -> int:
    """机构改革: ``source`` is merged into ``target`` (``programs.reform.services.department_merge``, in its
    transaction). Each report of ``source`` not yet handed in, in an open round, goes to ``target``:
    as it is when ``target`` has no report in that round; else its lines, values and attachments
    the target's report lacks join that report (while the target can still edit it) and the rest
    goes. A report already handed in stays with ``source``, under the name it was written under;
    so does an outstanding one whose round's target report is handed in (the office returns that
    report to take the work in). Returns how many reports moved. Registered with core.contributions."""
    moved = 0
    outstanding = (DepartmentReport.objects.select_for_update().select_related("round")
                   .filter(department=source, round__status=Round.Status.OPEN, status__in=NOT_HANDED_IN_STATUSES)
                   .order_by("pk"))
    for report in outstanding:
        program_id = report.round.program_id
        other = DepartmentReport.objects.select_for_update().filter(round_id=report.round_id, department=target).first()
        if other is None:
            before = snapshot(report, ["department", "version"])
            report.department, report.version = target, report.version + 1
            report.save(update_fields=["department", "version", "updated_at"])
            audit_record(actor=actor, action="supervision.report.reassign", obj=report, before=before,
                         after=snapshot(report, ["department", "version"]), program_id=program_id,
                         note=f"department {source.name} merged into {target.name}")
            moved += 1
            continue
        if other.status not in EDITABLE_STATUSES:
            continue
        report.task_lines.exclude(task_id__in=other.task_lines.values("task_id")).update(report=other)
        report.indicator_values.exclude(indicator_id__in=other.indicator_values.values("indicator_id")).update(report=other)
        report.attachments.update(report=other)
        if report.summary.strip():
            other.summary = f"{other.summary.rstrip()}\n\n【{source.name}】{report.summary.strip()}".strip()
        other.version += 1
        other.save(update_fields=["summary", "version", "updated_at"])
        audit_record(actor=actor, action="supervision.report.merge", obj=other, program_id=program_id,
                     note=f"outstanding report {report.pk} of {source.name} merged in")
        report.delete()
        moved += 1
    # A task the source led and the target co-handled is the target's to lead now (the merge kept
    # the lead's part): its line in the target's editable reports says so.
    TaskLine.objects.filter(report__department=target, report__round__status=Round.Status.OPEN,
                            report__status__in=EDITABLE_STATUSES, is_lead=False,
                            task__assignments__department=target, task__assignments__is_lead=True).update(is_lead=True)
    return moved

"""Urging (催办) overdue departments from the board, and the office's daily summary of what is overdue.

Both are writes, each atomic and audited like the other services; both tell people through
``notify`` (in-app now, e-mail on commit). Each is kept to once a day by a unique key written
before anyone is told: ``Reminder.key`` ``r<report>:urge:<day>`` for an urge, the
``OverdueDigest`` row (programme, day) for the summary. The day is Beijing's (``localdate``).
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ipcity.audit.services import audit_record
from ipcity.programs.lifecycle import require_not_archived
from ipcity.programs.models import Program
from ipcity.supervision.models import (
    NOT_HANDED_IN_STATUSES,
    DepartmentReport,
    Notification,
    OverdueDigest,
    Reminder,
    ReviewStep,
    Round,
)
from ipcity.supervision.permissions import may_supervise
from ipcity.supervision.services import notify

# The board's path, written out for the same reason as ``notify.REPORT_PATH`` (a test checks it).
BOARD_PATH = "/supervision/program/{}/"


def urge_key(report: DepartmentReport, day: dt.date) -> str:
    return f"r{report.pk}:urge:{day}"


def is_overdue(report: DepartmentReport, today: dt.date) -> bool:
    """Not handed in and past its due date, in an open round: what the office may urge."""
    return (report.status in NOT_HANDED_IN_STATUSES and report.round.status == Round.Status.OPEN
            and report.round.due_date < today)


def _already_urged_message(previous: Reminder, report: DepartmentReport) -> str:
    who = previous.sent_by.get_username() if previous.sent_by else _("系统")
    when = timezone.localtime(previous.created_at).strftime("%H:%M")
    return _("今天 %(when)s 已由 %(who)s 催办过%(dept)s，同一份报告每天只能催办一次，请明天再催办") % {
        "when": when, "who": who, "dept": report.department.name}


@transaction.atomic
def report_urge(*, report: DepartmentReport, user: User, today: dt.date | None = None) -> Reminder:
    """Urge the department of an overdue report: its reporters are told in-app and by e-mail.

    Refused (``ValidationError``, in words) when the report is not overdue or was urged today.
    The returned reminder carries ``notified`` (how many people were told) for the page.
    """
    if not may_supervise(user):
        raise PermissionDenied(_("只有知识产权办公室可以催办"))
    today = today or timezone.localdate()
    require_not_archived(report.round.program)  # first: lifecycle's lock order
    current = DepartmentReport.objects.select_for_update(of=("self", "round", "department")).select_related(
        "round__program", "department").get(pk=report.pk)
    if not is_overdue(current, today):
        if current.status not in NOT_HANDED_IN_STATUSES:
            raise ValidationError(_("%(dept)s已报送，无需催办") % {"dept": current.department.name})
        if current.round.status != Round.Status.OPEN:
            raise ValidationError(_("本轮已结束，不能催办"))
        raise ValidationError(_("尚未到截止日期（%(due)s），不能催办") % {"due": current.round.due_date.isoformat()})
    key = urge_key(current, today)
    previous = Reminder.objects.select_related("sent_by").filter(key=key).first()
    if previous is not None:
        raise ValidationError(_already_urged_message(previous, current))
    users = notify.department_users([current.department_id]).get(current.department_id, [])
    try:
        with transaction.atomic():  # a second office user pressing the button at the same moment
            reminder = Reminder.objects.create(key=key, report=current, kind=Reminder.Kind.URGE, for_date=today,
                                               recipients=[u.get_username() for u in users], sent_by=user)
    except IntegrityError as exc:
        previous = Reminder.objects.select_related("sent_by").get(key=key)
        raise ValidationError(_already_urged_message(previous, current)) from exc
    days = (today - current.round.due_date).days
    ReviewStep.objects.create(report=current, action="urge", from_status=current.status, to_status=current.status,
                              comment=f"逾期 {days} 天", actor=user, actor_name=user.get_username())
    notify.department(current, f"督办：「{current.round}」已逾期 {days} 天，请立即报送",
                      f"知识产权办公室催办：「{current.round}」已于 {current.round.due_date} 截止，"
                      f"贵单位逾期 {days} 天仍未报送，请尽快填报并报送。", kind=Notification.Kind.URGE)
    audit_record(actor=user, action="supervision.report.urge", obj=current, program_id=current.round.program_id,
                 note=f"逾期 {days} 天；通知 {len(users)} 人")
    setattr(reminder, "notified", len(users))  # noqa: B010  (for the page, not stored)
    return reminder


# ---------------------------------------------------------------- the office's daily summary

def _overdue_by_program(programs: list[Program], today: dt.date) -> dict[int, list[DepartmentReport]]:
    reports = (DepartmentReport.objects
               .filter(round__program__in=programs, round__status=Round.Status.OPEN, round__due_date__lt=today,
                       status__in=NOT_HANDED_IN_STATUSES)
               .select_related("round", "department").order_by("round__due_date", "department__name", "pk"))
    out: dict[int, list[DepartmentReport]] = {}
    for report in reports:
        out.setdefault(report.round.program_id, []).append(report)
    return out


def _urges(report_ids: list[int]) -> dict[int, tuple[int, dt.date]]:
    """{report id: (times urged, last day urged)}."""
    out: dict[int, tuple[int, dt.date]] = {}
    for report_id, day in (Reminder.objects.filter(report_id__in=report_ids, kind=Reminder.Kind.URGE)
                           .order_by("for_date").values_list("report_id", "for_date")):
        times, _last = out.get(report_id, (0, day))
        out[report_id] = (times + 1, day)
    return out


def digest_text(program: Program, reports: list[DepartmentReport], today: dt.date) -> tuple[str, str]:
    """(title, body) of one programme's summary: one line per overdue report, most overdue first."""
    urges = _urges([r.pk for r in reports])
    lines = []
    for r in sorted(reports, key=lambda r: (r.round.due_date, r.department.name)):
        line = f"· {r.department.name}：「{r.round}」逾期 {(today - r.round.due_date).days} 天（{r.get_status_display()}）"
        if r.pk in urges:
            times, last = urges[r.pk]
            line += f"，已催办 {times} 次，最近 {last}"
        lines.append(line)
    departments = len({r.department_id for r in reports})
    title = f"{program.title}：{departments} 个部门逾期未报送（{today}）"
    return title, "\n".join(lines)


def overdue_digest(*, programs: list[Program], today: dt.date) -> int:
    """Send each programme's office its summary of overdue reports for ``today``. Idempotent per day.

    Runs inside the daily scan's transaction (``reminders.scan``). Returns the digests written.
    """
    sent = 0
    by_program = _overdue_by_program(programs, today)
    for program in programs:
        reports = by_program.get(program.pk)
        if not reports:
            continue
        users = notify.office_users(program.pk)
        if not users:
            continue
        try:
            with transaction.atomic():
                digest = OverdueDigest.objects.create(program=program, for_date=today, reports=len(reports),
                                                      recipients=[u.get_username() for u in users])
        except IntegrityError:
            continue  # already summarised today
        title, body = digest_text(program, reports, today)
        notify.to_users(users, title=title, body=body, url=BOARD_PATH.format(program.pk) + "?colour=red",
                        kind=Notification.Kind.SUMMARY, program_id=program.pk)
        audit_record(actor=None, action="supervision.digest", obj=digest, program_id=program.pk,
                     note=f"{len(reports)} overdue reports")
        sent += 1
    return sent

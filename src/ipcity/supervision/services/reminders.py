"""Chasing: the daily scan that generates due rounds and reminds departments that have not reported.

For each report not yet handed in (draft, returned, waiting for the department head):

- ``before``: within N days of the due date (default 3), once per due date;
- ``due``: on the due date itself;
- ``overdue``: every day after it;
- ``escalation``: once, when overdue by the programme's ``escalate_after_days``, by e-mail to
  the department head (``Department.head_email``).

The office then gets its daily summary of what is overdue, per programme (``urging.overdue_digest``).

On a day off (a weekend or public holiday by ``supervision.calendar``, make-up workdays being
working days) the scan still opens due rounds but tells nobody: no reminder and no summary reach
a department or the office during 春节 or a weekend. Nothing is lost: ``overdue`` is keyed by day
and simply resumes, ``before`` and ``escalation`` are keyed by the due date and go out on the
first working day the scan runs.

Every reminder has a unique key (report, kind, date); the scan inserts the key before telling
anyone, so running it twice (cron and a person at the console) never sends one twice. Each
reminder is one in-app notification per reporter; e-mails are gathered into one per address
per scan. Just before the keys are inserted the rounds are read again and held (``still_open``):
a round the office ended, or whose programme it archived, after the scan read its reports gets
no reminder.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction

from ipcity.audit.services import audit_record
from ipcity.programs import lifecycle
from ipcity.programs.models import Program
from ipcity.supervision.calendar import is_working_day
from ipcity.supervision.hooks import run_scan_hooks
from ipcity.supervision.models import (
    NOT_HANDED_IN_STATUSES,
    DepartmentReport,
    Notification,
    Reminder,
    Round,
    SupervisionSettings,
)
from ipcity.supervision.services import notify
from ipcity.supervision.services.rounds import rounds_generate
from ipcity.supervision.services.urging import overdue_digest


@dataclass
class ScanResult:
    today: dt.date
    programs: int = 0
    rounds_created: int = 0
    reminders: int = 0
    notifications: int = 0
    emails: int = 0
    digests: int = 0  # the office's daily summaries of what is overdue (one per programme per day)
    day_off: bool = False  # a weekend or holiday: rounds opened, nobody reminded
    by_kind: dict[str, int] = field(default_factory=dict)
    # What the other apps' scan hooks did (``supervision.hooks``), by hook name.
    hooks: dict[str, dict[str, int]] = field(default_factory=dict)


@dataclass(frozen=True)
class Due:
    key: str
    kind: str
    report: DepartmentReport
    days: int  # days left (positive) or days late (negative)


def reminders_due(report: DepartmentReport, today: dt.date, cfg: SupervisionSettings) -> list[Due]:
    """The reminders this report calls for today, by the rules above (pure: no database)."""
    due = report.round.due_date
    days_left = (due - today).days
    base = f"r{report.pk}"
    if 0 < days_left <= cfg.remind_days_before:
        return [Due(f"{base}:before:{due}", Reminder.Kind.BEFORE, report, days_left)]
    if days_left == 0:
        return [Due(f"{base}:due:{due}", Reminder.Kind.DUE, report, 0)]
    if days_left < 0:
        out = [Due(f"{base}:overdue:{today}", Reminder.Kind.OVERDUE, report, days_left)]
        if -days_left >= cfg.escalate_after_days and report.department.head_email:
            out.append(Due(f"{base}:escalation:{due}", Reminder.Kind.ESCALATION, report, days_left))
        return out
    return []


def _message(d: Due) -> tuple[str, str]:
    rnd, dept = d.report.round, d.report.department
    due = rnd.due_date.isoformat()
    if d.kind == Reminder.Kind.BEFORE:
        return f"「{rnd}」还有 {d.days} 天到期", f"{dept}：请于 {due} 前报送「{rnd}」。"
    if d.kind == Reminder.Kind.DUE:
        return f"「{rnd}」今日到期", f"{dept}：「{rnd}」今天（{due}）截止，请尽快报送。"
    if d.kind == Reminder.Kind.OVERDUE:
        return f"「{rnd}」已逾期 {-d.days} 天", f"{dept}：「{rnd}」已于 {due} 截止，至今未报送，请立即报送。"
    return (f"督办：{dept}「{rnd}」逾期 {-d.days} 天未报送",
            f"{dept}负责同志：贵单位「{rnd}」已于 {due} 截止，逾期 {-d.days} 天仍未报送，请督促落实。")


def _open_reports(programs: list[Program]) -> list[DepartmentReport]:
    return list(
        DepartmentReport.objects.filter(
            round__program__in=programs, round__status=Round.Status.OPEN, status__in=NOT_HANDED_IN_STATUSES,
        ).select_related("round", "department")
    )


def _digest(items_by_address: dict[str, list[tuple[str, str, str]]]) -> list:
    """One e-mail per address per scan, listing its reminders: a reporter whose department is
    late in five programmes gets one message, not five."""
    messages = []
    for address, items in sorted(items_by_address.items()):
        if len(items) == 1:
            title, body, url = items[0]
            messages.append(notify.mail([address], title, f"{body}\n\n{url}"))
            continue
        text = "\n\n".join(f"{i}. {title}\n{body}\n{url}" for i, (title, body, url) in enumerate(items, start=1))
        messages.append(notify.mail([address], f"督查督办提醒（{len(items)} 项）", text))
    return messages


def still_open(dues: list[Due]) -> list[Due]:
    """Of ``dues``, those whose round is still open in a programme not archived, read again just
    before their keys are recorded, and held until the scan commits.

    The reports were read a while before (``_open_reports``, after every programme's rounds were
    generated): an office that ends a round by hand, or archives the programme (which ends its
    rounds), in between must not leave one reminder going out for a round already closed. The
    programmes first (``lifecycle.not_archived_among``: held shared, as every write holds its
    programme), then the rounds (PostgreSQL ``FOR NO KEY UPDATE``, in id order; READ COMMITTED
    re-reads a row that changed meanwhile, so one closed since is left out, and a round being
    closed now waits for the scan, its reminder then belonging to before the closing). Lock order
    as the archiving's (programme, then rounds) and ending a round's. SQLite takes the scan's
    transaction IMMEDIATE: nothing else commits while it runs."""
    if not dues:
        return dues
    live = lifecycle.not_archived_among({d.report.round.program_id for d in dues})
    still = set(Round.objects.select_for_update(no_key=True)
                .filter(pk__in={d.report.round_id for d in dues}, status=Round.Status.OPEN, program_id__in=live)
                .order_by("pk").values_list("pk", flat=True))
    return [d for d in dues if d.report.round_id in still]


def _send(dues: list[Due], result: ScanResult) -> None:
    """Insert the reminder keys first (the dedupe), then all notifications and e-mails in one go."""
    users_by_dept = notify.department_users({d.report.department_id for d in dues})
    Reminder.objects.bulk_create([
        Reminder(key=d.key, report=d.report, kind=d.kind, for_date=result.today,
                 recipients=[u.get_username() for u in users_by_dept.get(d.report.department_id, [])]
                 + ([d.report.department.head_email] if d.kind == Reminder.Kind.ESCALATION else []))
        for d in dues
    ], batch_size=500)
    rows: list[Notification] = []
    mail_items: dict[str, list[tuple[str, str, str]]] = {}
    for d in dues:
        title, body = _message(d)
        url = notify.report_url(d.report)
        users = users_by_dept.get(d.report.department_id, [])
        rows += [Notification(user=u, title=title[:255], body=body, url=url, report=d.report,
                              kind=Notification.Kind.REMINDER, program_id=d.report.round.program_id) for u in users]
        addresses = {u.email for u in users if u.email}
        if d.kind == Reminder.Kind.ESCALATION:
            addresses.add(d.report.department.head_email)
        for address in addresses:
            mail_items.setdefault(address, []).append((title, body, url))
        result.by_kind[d.kind] = result.by_kind.get(d.kind, 0) + 1
    messages = _digest(mail_items)
    result.notifications += len(notify.deliver(rows, messages))
    result.emails += len(messages)
    result.reminders += len(dues)


def scan(*, today: dt.date, program_ids: list[int] | None = None) -> ScanResult:
    """Generate the rounds due around ``today`` and send the reminders due today. Idempotent."""
    for attempt in range(2):
        try:
            result = _scan_once(today, program_ids)
            break
        except IntegrityError:
            # Another scan inserted the same reminder keys between our read and our write:
            # everything of ours was rolled back; a second pass sends only what is still unsent.
            if attempt:
                raise
    else:
        raise AssertionError("unreachable")
    if program_ids is None:  # a scan of some programmes only leaves the other apps alone
        result.hooks = run_scan_hooks(today)
    return result


@transaction.atomic
def _scan_once(today: dt.date, program_ids: list[int] | None) -> ScanResult:
    result = ScanResult(today=today)
    active = Program.objects.filter(status=Program.Status.ACTIVE).prefetch_related("reporting_duties")
    if program_ids is not None:
        active = active.filter(pk__in=program_ids)
    programs = list(active)
    result.programs = len(programs)
    for program in programs:
        result.rounds_created += len(rounds_generate(program=program, today=today))
    result.day_off = not is_working_day(today)
    settings_by_program = {s.program_id: s for s in SupervisionSettings.objects.filter(program__in=programs)}
    candidates: list[Due] = []
    for report in [] if result.day_off else _open_reports(programs):
        cfg = settings_by_program.get(report.round.program_id) or SupervisionSettings()
        candidates += reminders_due(report, today, cfg)
    sent = set(Reminder.objects.filter(report_id__in={d.report.pk for d in candidates}).values_list("key", flat=True))
    dues = still_open([d for d in candidates if d.key not in sent])
    if dues:
        _send(dues, result)
    result.digests = 0 if result.day_off else overdue_digest(programs=programs, today=today)
    if result.reminders or result.rounds_created:
        # One audit record per scan that did something, not one per e-mail.
        anchor = dues[0].report.round if dues else Round.objects.filter(program__in=programs).first()
        if anchor is not None:
            audit_record(actor=None, action="supervision.scan", obj=anchor, after=None, note=(
                f"{today}: {result.rounds_created} rounds, {result.reminders} reminders {result.by_kind}"))
    return result

"""The daily scan's reminders for cases (a ``supervision.hooks`` scan hook).

For every running clock due within 3 working days (``due_soon``) or past due (``overdue``), one
in-app notification (and e-mail) to the case's handler, or the handling department's users when
no handler is named, and to the office users of the case's region: once per case, clock, due
date and kind. The reminder row is inserted before anyone is told, so a second scan the same
day (cron and a person at the console) sends nothing; a due date moved by a suspension or an
extension is a new date and reminds again.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from ipcity.audit.services import audit_record
from ipcity.core.models import Role
from ipcity.divisions import region_prefix
from ipcity.protection.deadlines import case_clocks, due_soon_q, overdue_q
from ipcity.protection.models import Case, CaseReminder
from ipcity.supervision.models import Notification
from ipcity.supervision.services import notify

# The case page's path, written out: the command-line scan must not load the whole URLconf
# (see supervision.services.notify.REPORT_PATH); a test checks it against reverse().
CASE_PATH = "/protection/case/{}/"


def _recipients(case: Case, offices: list) -> list:
    handler = case.handler
    if handler is not None and handler.is_active:
        users = [handler]
    else:
        users = notify.department_users([case.handling_department_id]).get(case.handling_department_id, []) \
            if case.handling_department_id else []
    users += [u for u in offices if u.profile.region is None or case.region_code.startswith(
        region_prefix(u.profile.region.code))]
    return list({u.pk: u for u in users}.values())


def _message(case: Case, clock, kind: str) -> tuple[str, str]:
    if kind == "overdue":
        title = f"案件 {case.number} {clock.label}已逾期 {clock.working_days_overdue} 个工作日"
    else:
        title = f"案件 {case.number} {clock.label}还剩 {clock.working_days_left} 个工作日"
    return title, f"{case.subject}：{clock.label} {clock.due.isoformat()}。请及时办理。"


def case_reminders_scan(today: dt.date) -> dict[str, int]:
    for attempt in range(2):
        try:
            return _scan_once(today)
        except IntegrityError:
            # Another scan took the same reminders between our read and our insert: ours rolled
            # back; a second pass sends only what is still unsent.
            if attempt:
                raise
    raise AssertionError("unreachable")


@transaction.atomic
def _scan_once(today: dt.date) -> dict[str, int]:
    cases = list(Case.objects.filter(overdue_q(today) | due_soon_q(today))
                 .select_related("case_type", "handler").prefetch_related("suspensions"))
    sent = set(CaseReminder.objects.filter(case__in=cases).values_list("case_id", "clock", "due_on", "kind"))
    offices = list(get_user_model().objects.filter(profile__role=Role.OFFICE, is_active=True)
                   .select_related("profile__region"))
    reminders, rows, messages = [], [], []
    counts = {"due_soon": 0, "overdue": 0, "notifications": 0}
    for case in cases:
        for clock in case_clocks(case, today=today):
            kind = "overdue" if clock.overdue else "due_soon" if clock.due_soon else None
            if kind is None or (case.pk, clock.key, clock.due, kind) in sent:
                continue
            reminders.append(CaseReminder(case=case, clock=clock.key, due_on=clock.due, kind=kind))
            title, body = _message(case, clock, kind)
            new_rows, new_messages = notify.compose(_recipients(case, offices), title=title, body=body,
                                                    url=CASE_PATH.format(case.pk), kind=Notification.Kind.REMINDER)
            rows += new_rows
            messages += new_messages
            counts[kind] += 1
    if reminders:
        CaseReminder.objects.bulk_create(reminders)  # the dedupe first: a duplicate key aborts everything
        counts["notifications"] = len(notify.deliver(rows, messages))
        audit_record(actor=None, action="protection.scan", obj=reminders[0].case, after=None,
                     note=f"{today}: {counts['due_soon']} due soon, {counts['overdue']} overdue")
    return counts

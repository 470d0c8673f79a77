"""Tell people: an in-app notification row (written in the caller's transaction) and an e-mail
(sent only once that transaction commits, so a rolled-back change never mails anyone)."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import transaction

from ipcity.core.models import Profile, Role
from ipcity.programs.access import access_programs
from ipcity.supervision.models import DepartmentReport, Notification

# The report page's path. Written out rather than reversed because reversing loads the whole
# URLconf (every app's API router: about 2 s), which the command-line scan must not pay for;
# a test checks it against ``reverse("supervision:report")``.
REPORT_PATH = "/supervision/report/{}/"


def report_url(report: DepartmentReport) -> str:
    return REPORT_PATH.format(report.pk)


def send_mail_on_commit(messages: list[EmailMessage]) -> None:
    """Queue e-mails for after the commit; one SMTP connection for the lot."""
    if not messages:
        return

    def _send() -> None:
        connection = get_connection(fail_silently=True)
        connection.send_messages(messages)

    transaction.on_commit(_send)


def mail(to: list[str], subject: str, body: str) -> EmailMessage:
    return EmailMessage(subject=f"[ipcity] {subject}", body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=to)


def compose(users: Iterable, *, title: str, body: str, url: str = "", report: DepartmentReport | None = None,
            extra_emails: Iterable[str] = (), kind: str = Notification.Kind.OTHER,
            program_id: int | None = None) -> tuple[list[Notification], list[EmailMessage]]:
    """The notification rows and e-mails for one message, not yet written or sent."""
    users = list({u.pk: u for u in users}.values())
    if program_id is None and report is not None:
        program_id = report.round.program_id
    rows = [Notification(user=u, title=title[:255], body=body, url=url, report=report, kind=kind,
                         program_id=program_id) for u in users]
    addresses = sorted({u.email for u in users if u.email} | {e for e in extra_emails if e})
    text = f"{body}\n\n{url}" if url else body
    return rows, [mail([a], title, text) for a in addresses]


def deliver(rows: list[Notification], messages: list[EmailMessage]) -> list[Notification]:
    """Write the rows now (in the caller's transaction) and queue the e-mails for its commit."""
    created = Notification.objects.bulk_create(rows, batch_size=500)
    send_mail_on_commit(messages)
    return created


def to_users(users: Iterable, *, title: str, body: str, url: str = "", report: DepartmentReport | None = None,
             extra_emails: Iterable[str] = (), kind: str = Notification.Kind.OTHER,
             program_id: int | None = None) -> list[Notification]:
    return deliver(*compose(users, title=title, body=body, url=url, report=report, extra_emails=extra_emails,
                            kind=kind, program_id=program_id))


def department_users(department_ids: Iterable[int]) -> dict[int, list]:
    """The active reporters of each department: {department id: [users]}."""
    out: dict[int, list] = {}
    profiles = Profile.objects.filter(role=Role.REPORTER, department_id__in=list(department_ids),
                                      user__is_active=True).select_related("user")
    for p in profiles:
        if p.department_id is not None:  # always, by the filter: a reporter's department
            out.setdefault(p.department_id, []).append(p.user)
    return out


def office_users(program_id: int) -> list:
    """Office users who may see the programme (their region covers it)."""
    users = get_user_model().objects.filter(profile__role=Role.OFFICE, is_active=True).select_related("profile__region")
    return [u for u in users if access_programs(u).filter(pk=program_id).exists()]


def department(report: DepartmentReport, title: str, body: str, *, kind: str = Notification.Kind.REVIEW) -> list:
    users = department_users([report.department_id]).get(report.department_id, [])
    return to_users(users, title=title, body=f"{report.round} · {report.department}\n{body}", url=report_url(report),
                    report=report, kind=kind)


def department_head(report: DepartmentReport, title: str, body: str) -> None:
    head = (report.department.head_email or "").strip().lower()
    users = [u for u in department_users([report.department_id]).get(report.department_id, [])
             if (u.email or "").strip().lower() == head]
    to_users(users, title=title, body=body, url=report_url(report), report=report,
             extra_emails=[] if users else [report.department.head_email], kind=Notification.Kind.SUBMITTED)


def office(report: DepartmentReport, title: str, body: str, *, kind: str = Notification.Kind.SUBMITTED) -> None:
    to_users(office_users(report.round.program_id), title=title, body=body, url=report_url(report), report=report,
             kind=kind)

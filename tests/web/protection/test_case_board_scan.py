"""Cases due soon (≤ 3 working days left) and overdue: on the supervision board, in the home page's
to-do list, and reminded by the daily scan once per case, clock and due date."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ipcity.casework.calendar import working_days_between
from ipcity.core.contributions import attention_items
from ipcity.protection import services
from ipcity.protection.models import CaseReminder
from ipcity.protection.services.reminders import CASE_PATH
from ipcity.supervision.models import Notification
from ipcity.supervision.services.reminders import scan
from tests.web.monitoring import factories as f
from tests.web.protection.case_fixtures import register

D = dt.date
pytestmark = pytest.mark.django_db


def _back(today: dt.date, working_days: int) -> dt.date:
    day = today
    while working_days_between(day, today) < working_days:
        day -= dt.timedelta(days=1)
    return day


def test_case_path_matches_the_url():
    assert CASE_PATH.format(7) == reverse("protection:case", args=[7])


def test_scan_reminds_once_per_case_clock_and_due_date(cases_world):
    w = cases_world
    # Received Mon 3 March 2025: review due Mon 10 March. On Wed 5 March, 3 working days are left.
    soon = register(w)
    assigned = register(w, received_on=D(2025, 2, 20))
    services.case_review(user=w.office_a, case_id=assigned.pk, accept=True, on=D(2025, 2, 21))
    services.case_assign(user=w.office_a, case_id=assigned.pk, department_id=w.d1.pk, handler_id=w.handler.pk)
    services.case_refer(user=w.office_a, case_id=assigned.pk, body="稽查支队", on=D(2025, 2, 24))
    # Receipt due: 15 working days after Mon 24 Feb = Mon 17 March; on 5 March it is not yet close.
    result = scan(today=D(2025, 3, 5))
    assert result.hooks["protection"] == {"due_soon": 1, "overdue": 0, "notifications": 1}
    reminder = CaseReminder.objects.get()
    assert (reminder.case, reminder.clock, reminder.due_on, reminder.kind) == (soon, "review", D(2025, 3, 10), "due_soon")
    note = Notification.objects.get()
    assert note.user == w.office_a and note.url == f"/protection/case/{soon.pk}/"
    assert "还剩 3 个工作日" in note.title
    # The same day again: nothing more.
    assert scan(today=D(2025, 3, 5)).hooks["protection"]["due_soon"] == 0
    # Wed 12 March: the review is overdue (the office told), the receipt due in 3 working days
    # (13, 14, 17 March: the handler and the office told).
    later = scan(today=D(2025, 3, 12)).hooks["protection"]
    assert (later["due_soon"], later["overdue"]) == (1, 1)
    told = set(Notification.objects.filter(title__contains=assigned.number).values_list("user__username", flat=True))
    assert told == {"c_handler_d1", "c_office_a"}
    # A resumed suspension moves the date: the new date reminds again, the overdue review does not.
    services.case_suspend(user=w.office_a, case_id=assigned.pk, start=D(2025, 3, 12), reason="等待回函")
    services.case_resume(user=w.office_a, case_id=assigned.pk, on=D(2025, 3, 13))
    assigned.refresh_from_db()
    assert assigned.receipt_due == D(2025, 3, 18)  # one suspended working day (12 March)
    assert scan(today=D(2025, 3, 14)).hooks["protection"] == {"due_soon": 1, "overdue": 0, "notifications": 2}


def test_board_and_home_show_due_soon_and_overdue(cases_world):
    w = cases_world
    today = timezone.localdate()
    soon = register(w, received_on=_back(today, 3))  # review due in 2 working days
    late = register(w, received_on=_back(today, 8))  # review 3 working days overdue
    far = register(w, received_on=today)  # 5 working days left: neither
    program = f.program(reg=w.city_a)
    client = Client()
    client.force_login(w.office_a)
    board = client.get(reverse("supervision:program", args=[program.pk])).content.decode()
    section = board[board.index('id="board-protection"'):]
    assert soon.number in section and late.number in section and far.number not in section
    assert "审查期限逾期 3 个工作日" in section and "审查期限剩 2 个工作日" in section
    items = {i.title.split()[0]: i for i in attention_items(w.office_a) if i.kind == "protection_case_due"}
    assert set(items) == {soon.number, late.number}
    assert (items[late.number].level, items[soon.number].level) == ("red", "yellow")
    # Another city's office and a leader see none of them.
    assert not [i for i in attention_items(w.office_b) if i.kind == "protection_case_due"]
    assert not [i for i in attention_items(w.leader_a) if i.kind == "protection_case_due"]

"""The cases due soon and overdue where people look: the supervision board (a section) and the
home page's to-do list (an attention provider). "Due soon" is at most 3 working days left
(``deadlines.DUE_SOON_WORKING_DAYS``); both read the same selector, scoped to the user."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ipcity.casework.calendar import is_provisional
from ipcity.core.contributions import AttentionItem
from ipcity.protection.access import may_use_cases
from ipcity.protection.selectors.cases import DueCase, cases_due
from ipcity.supervision.hooks import BoardRow, BoardSection

BOARD_ROWS = 20


def _badge(due: DueCase) -> tuple[str, str]:
    clock = due.clock
    if clock.overdue:
        return "red", _("%(clock)s逾期 %(n)s 个工作日") % {"clock": clock.label, "n": clock.working_days_overdue}
    if clock.working_days_left == 0:
        return "yellow", _("%(clock)s今日到期") % {"clock": clock.label}
    return "yellow", _("%(clock)s剩 %(n)s 个工作日") % {"clock": clock.label, "n": clock.working_days_left}


def _when(due: DueCase) -> str:
    when = _("到期日 %(due)s") % {"due": due.clock.due.isoformat()}
    if is_provisional(due.clock.due):  # counted Monday–Friday: the year's notice is not loaded yet
        when += _("（暂按周一至周五推算）")
    return when


def case_board_section(user, today: dt.date) -> BoardSection | None:
    if not may_use_cases(user):
        return None
    overdue, soon = cases_due(user, today=today, limit=BOARD_ROWS)
    rows = []
    for due in (overdue + soon)[:BOARD_ROWS]:
        level, badge = _badge(due)
        rows.append(BoardRow(title=f"{due.case.number} {due.case.subject}",
                             url=reverse("protection:case", args=[due.case.pk]), level=level, badge=badge,
                             when=_when(due),
                             detail=due.case.handling_department.name if due.case.handling_department else ""))
    return BoardSection(key="protection", title=gettext_lazy("维权援助案件期限"), rows=rows,
                        more_url=reverse("protection:cases") + "?due=overdue")


def case_attention(user) -> list[AttentionItem]:
    if not may_use_cases(user):
        return []
    overdue, soon = cases_due(user, today=timezone.localdate(), limit=10)
    items = []
    for due in overdue + soon:
        level, badge = _badge(due)
        items.append(AttentionItem(title=f"{due.case.number} {due.case.subject}",
                                   url=reverse("protection:case", args=[due.case.pk]),
                                   kind="protection_case_due", level=level, detail=_when(due), label=badge))
    return items

"""``{{ case|due_badge }}``: the list's 逾期 / 临近期限 badge; ``{{ day|provisional_mark }}``: the mark after a due date counted into a year whose holiday
notice is not loaded yet (Monday–Friday, ``casework.calendar.is_provisional``)."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from ipcity.casework.calendar import is_provisional
from ipcity.protection.deadlines import due_state

register = template.Library()


@register.filter
def provisional_mark(day: dt.date | None) -> SafeString | str:
    if not isinstance(day, dt.date) or not is_provisional(day):
        return ""
    title = _("%(year)s年节假日安排尚未载入，此日期按周一至周五推算，载入后可能变动") % {"year": day.year}
    return format_html(' <span class="provisional muted" title="{}">{}</span>', title, _("（暂按周一至周五推算）"))


@register.filter
def due_badge(case) -> SafeString | str:
    """A red 逾期 or yellow 临近 badge for a case whose running clock is overdue or due soon."""
    state = due_state(case, today=timezone.localdate())
    if state == "overdue":
        return format_html(' <span class="badge red" data-due="overdue">{}</span>', _("逾期"))
    if state == "due_soon":
        return format_html(' <span class="badge yellow" data-due="due_soon">{}</span>', _("临近期限"))
    return ""

"""The supervision items of the home page's to-do list (``ipcity.core.contributions``).

- a reporter: its department's open reports — overdue, returned (with the office's comment),
  waiting for the head (the head only), due (with days left) — each linking to the fill page;
- the office: per programme, reports waiting for review and departments overdue;
- a leader: per programme, departments overdue (reading only: no 催办 hint, no review).
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ipcity.core.access import is_office
from ipcity.core.contributions import AttentionItem
from ipcity.core.templatetags.punctuation import semicolon
from ipcity.programs.access import access_programs
from ipcity.programs.lifecycle import ended_not_archived
from ipcity.supervision.permissions import sees_all_departments
from ipcity.supervision.selectors.worklists import TodoItem, office_waiting, reporter_todo
from ipcity.supervision.services.notify import report_url
from ipcity.supervision.services.urging import BOARD_PATH

STATE_LEVEL = {"overdue": "red", "returned": "yellow", "head_review": "blue", "due": "blue"}


def _todo_item(item: TodoItem) -> AttentionItem:
    report = item.report
    title = f"{report.round.program.title} · {report.round.title}"
    if item.days_left < 0:
        when = _("已逾期 %(days)s 天") % {"days": -item.days_left}
    elif item.days_left == 0:
        when = _("今天截止")
    else:
        when = ngettext("还剩 %(days)s 天", "还剩 %(days)s 天", item.days_left) % {"days": item.days_left}
    due = _("截止 %(due)s，%(when)s") % {"due": report.round.due_date.isoformat(), "when": when}
    detail: str
    if item.state == "returned":
        # The office's words are data (Chinese in any language): marked lang="zh", escaped.
        # A comment ending its sentence (…材料。) would read 。； before the due date: the list's
        # separator ends it instead.
        comment = (item.comment or "").rstrip("。；;.!！ ")
        parts: list[str] = ([format_html(_("办公室意见：%(comment)s") % {"comment": '<span lang="zh">{}</span>'},
                                         comment)] if comment else [])
        if item.task_comments:
            parts.append(ngettext("对 %(n)s 项任务有意见", "对 %(n)s 项任务有意见", item.task_comments)
                         % {"n": item.task_comments})
        detail = format_html_join(semicolon(), "{}", ((part,) for part in [*parts, due]))
        label = _("已退回")
    elif item.state == "head_review":
        detail, label = due, _("待您审核")
    elif item.state == "overdue":
        detail, label = due, _("已逾期")
    else:
        detail, label = due, _("待报送")
    return AttentionItem(title=title, url=report_url(report), kind=f"report_{item.state}",
                         level=STATE_LEVEL[item.state], detail=detail, label=label)


def _ended_programmes(user, today) -> list[AttentionItem]:
    """The office's prompt for each programme whose period has ended and is not archived yet."""
    programs = ended_not_archived(access_programs(user), today).order_by("end_year", "title", "pk")
    return [AttentionItem(
        title=_("%(program)s：规划期已于 %(year)s 年结束，请完成终期评估并归档") % {"program": p.title, "year": p.end_year},
        url=reverse("supervision:final", args=[p.pk]), kind="program_ended", level="yellow", label=_("已期满"))
        for p in programs]


def supervision_attention(user) -> list[AttentionItem]:
    if not getattr(user, "is_authenticated", False):
        return []
    today = timezone.localdate()
    items = [_todo_item(i) for i in reporter_todo(user, today)]
    office = is_office(user)
    if office:
        items += _ended_programmes(user, today)
    if office or sees_all_departments(user):  # the office, and leaders reading which departments are late
        for program, waiting, overdue in office_waiting(user):
            board = BOARD_PATH.format(program.pk)
            if overdue:
                items.append(AttentionItem(
                    title=_("%(program)s：%(n)s 份部门报告逾期未报送") % {"program": program.title, "n": overdue},
                    url=f"{board}#overdue", kind="reports_overdue", level="red", label=_("逾期"),
                    detail=_("可在督查看板上催办") if office else ""))
            if waiting and office:
                items.append(AttentionItem(
                    title=_("%(program)s：%(n)s 份部门报告待审核") % {"program": program.title, "n": waiting},
                    url=reverse("supervision:my_reports"), kind="reports_to_review", level="yellow", label=_("待审核")))
    return items

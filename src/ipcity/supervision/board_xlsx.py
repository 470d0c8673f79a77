"""The supervision board (one round, as filtered on the page) as an .xlsx workbook.

Every cell goes through ``ipcity.core.spreadsheets.safe_row``: a task title or department name
that begins with ``=`` reaches Excel as text, never as a live formula.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from ipcity.core.spreadsheets import safe_row, workbook_bytes
from ipcity.programs.models import Program
from ipcity.supervision.selectors.board import Board

WIDTHS = {"A": 24, "B": 14, "C": 48, "D": 8, "E": 14, "F": 12, "G": 10, "H": 10, "I": 40}


def board_workbook(*, program: Program, board: Board, today: dt.date) -> bytes:
    rnd = board.round
    wb = Workbook()
    ws = wb.active
    ws.title = _("督查看板")
    ws.append(safe_row([f"{program.title} · {rnd.title}"]))
    # No schedule once the plan's period is over (docs/supervision-scoring.md): say so, not "None%".
    schedule = (_("时序进度 %(expected)s%%") % {"expected": board.expected} if board.expected is not None
                else _("规划期已结束，按部门自报状态判断"))
    ws.append(safe_row([_("截止日期 %(due)s；%(schedule)s；导出日期 %(today)s") % {
        "due": rnd.due_date.isoformat(), "schedule": schedule, "today": today.isoformat()}]))
    ws.append(safe_row([_("部门"), _("任务编号"), _("任务"), _("职责"), _("报告状态"), _("进展状态"), _("完成进度%"),
                        _("督办"), _("说明")]))
    ws["A1"].font = Font(bold=True, size=13)
    for cell in ws[3]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="F0F4F8")
    lead, co = _("牵头"), _("配合")
    for c in board.cells:
        ws.append(safe_row([c.department, c.task_ref, c.task_title, lead if c.is_lead else co,
                            _(c.report_status_label), _(c.line_status_label) if c.line_status_label else "",
                            c.progress, _(c.colour_word), c.reason]))
    for column, width in WIDTHS.items():
        ws.column_dimensions[column].width = width
    ws.freeze_panes = "A4"
    return workbook_bytes(wb)

"""The scorecard as an .xlsx workbook for the 情况通报 to the leadership group."""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from ipcity.programs.models import Program
from ipcity.supervision.models import Round
from ipcity.supervision.selectors import ScoreRow

HEADERS = ["排名", "部门", "应报次数", "按时报送", "按时率(%)", "逾期天数", "退回次数", "填报完整度(%)"]
WIDTHS = [6, 32, 10, 10, 10, 10, 10, 14]


def scorecard_workbook(*, program: Program, round: Round | None, rows: list[ScoreRow], today: dt.date) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "部门评分"
    scope = f"{round}（截止 {round.due_date:%Y-%m-%d}）" if round else "全部已到期轮次"
    ws.append([f"{program.title} · 督查督办情况通报"])
    ws.append([f"范围：{scope}；统计日期：{today:%Y-%m-%d}"])
    ws.append(HEADERS)
    ws["A1"].font = Font(bold=True, size=13)
    for cell in ws[3]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="F0F4F8")
        cell.alignment = Alignment(horizontal="center")
    for row in rows:
        ws.append([row.rank, row.department, row.due_reports, row.on_time,
                   row.on_time_pct if row.on_time_pct is not None else "—",
                   row.days_late, row.times_returned, row.completeness])
    for index, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[chr(64 + index)].width = width
    ws.freeze_panes = "A4"
    ws.append([])
    ws.append(["说明：按时率 = 截止日前首次报送的次数 ÷ 已到期（或已报送）的次数；逾期天数按自然日计；"
               "排名依次比较按时率、逾期天数、退回次数、完整度。"])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()

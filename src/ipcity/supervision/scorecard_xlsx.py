"""The scorecard as an .xlsx workbook for the 情况通报 to the leadership group."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext, gettext_noop
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from ipcity.core.spreadsheets import safe_row, workbook_bytes
from ipcity.programs.models import Program
from ipcity.supervision.models import Round
from ipcity.supervision.selectors.department_scores import ScoreRow

# gettext_noop: the catalogue learns the headers here; the sheet translates them when written.
HEADERS = [gettext_noop("排名"), gettext_noop("部门"), gettext_noop("得分"), gettext_noop("应报次数"),
           gettext_noop("按时报送"), gettext_noop("按时率(%)"), gettext_noop("逾期天数"), gettext_noop("退回次数"),
           gettext_noop("填报完整度(%)")]
WIDTHS = [6, 32, 8, 10, 10, 10, 10, 10, 14]


def scorecard_workbook(*, program: Program, reporting_round: Round | None, rows: list[ScoreRow], today: dt.date,
                       period_year: int | None = None) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = gettext("部门评分")
    scope = (gettext("%(round)s（截止 %(due)s）") % {"round": reporting_round, "due": f"{reporting_round.due_date:%Y-%m-%d}"} if reporting_round
             else gettext("所报年度为 %(year)s 年的轮次") % {"year": period_year} if period_year
             else gettext("全部已到期轮次"))
    # Titles and names come from uploaded documents: text cells go through safe_row (no live formulas).
    ws.append(safe_row([gettext("%(title)s · 督查督办情况通报") % {"title": program.title}]))
    ws.append(safe_row([gettext("范围：%(scope)s；统计日期：%(today)s") % {"scope": scope, "today": f"{today:%Y-%m-%d}"}]))
    ws.append([gettext(h) for h in HEADERS])
    ws["A1"].font = Font(bold=True, size=13)
    for cell in ws[3]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="F0F4F8")
        cell.alignment = Alignment(horizontal="center")
    for row in rows:
        if row.nothing_due:  # not ranked: see docs/supervision-scoring.md
            ws.append(safe_row(["—", row.department, gettext("无应报事项")]))
            continue
        ws.append(safe_row([row.rank, row.department, row.score, row.due_reports, row.on_time, row.on_time_pct,
                            row.days_late, row.times_returned, row.completeness]))
    for index, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[chr(64 + index)].width = width
    ws.freeze_panes = "A4"
    ws.append([])
    ws.append([gettext("说明：得分（满分 100）按每份应报报告计算后取平均：按时 60 分（逾期每天扣 2 分，未报送 0 分）、"
                       "退回 20 分（每退回一次扣 10 分）、填报完整度 20 分；得分相同名次相同；逾期天数按自然日计；"
                       "无应报事项的部门不参与排名。")])
    return workbook_bytes(wb)

"""The monitoring dashboard (as filtered on the page) as an .xlsx workbook.

Rows are exactly the page's: ``selectors.program_dashboard`` with the user, so a reporter gets
only the indicators ``programs.access`` lets it see. Every cell goes through
``ipcity.core.spreadsheets.safe_row`` (an indicator named ``=…`` stays text in Excel).
"""

from __future__ import annotations

import io

from django.http import FileResponse, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_GET
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from ipcity.core.requests import int_param
from ipcity.core.spreadsheets import XLSX_CONTENT_TYPE, safe_row, workbook_bytes
from ipcity.monitoring import labels, selectors
from ipcity.programs.access import access_program

# gettext_noop: the catalogue learns the headers here; the sheet translates them when written.
HEADERS = (gettext_noop("指标"), gettext_noop("单位"), gettext_noop("数据责任部门"), gettext_noop("研判年份"),
           gettext_noop("最新值"), gettext_noop("当年期望值"), gettext_noop("年度研判"), gettext_noop("终期目标"),
           gettext_noop("终期年份"), gettext_noop("进度比(%)"), gettext_noop("终期研判"))
WIDTHS = {"A": 40, "B": 8, "C": 24, "D": 10, "E": 12, "F": 12, "G": 12, "H": 12, "I": 10, "J": 10, "K": 12}


def dashboard_workbook(board, *, title: str, today) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = _("指标监测")
    ws.append(safe_row([f"{title} · {_('指标监测')}"]))
    ws.append(safe_row([_("导出日期 %(today)s；共 %(n)s 项指标") % {"today": today.isoformat(), "n": len(board.verdicts)}]))
    ws.append(safe_row([_(h) for h in HEADERS]))
    ws["A1"].font = Font(bold=True, size=13)
    for cell in ws[3]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="F0F4F8")
    for v in board.verdicts:
        a = v.assessment
        owner = v.indicator.owner_department
        ws.append(safe_row([
            v.indicator.name, v.indicator.unit or "", owner.name if owner else "", a.as_of, a.value, a.plan_expected,
            str(labels.year_badge(a.year_status)["word"]), a.final_target, a.final_year,
            round(a.progress_ratio * 100, 1) if a.progress_ratio is not None else None,
            str(labels.outlook_badge(a.outlook)["word"]),
        ]))
    for column, width in WIDTHS.items():
        ws.column_dimensions[column].width = width
    ws.freeze_panes = "A4"
    return workbook_bytes(wb)


@require_GET
def dashboard_export(request: HttpRequest, program_id: int) -> FileResponse:
    """Office and leaders get every indicator shown on the page; a reporter its own only."""
    program = access_program(request.user, program_id)
    board = selectors.program_dashboard(
        program, user=request.user, year_status=request.GET.get("year_status", ""),
        outlook=request.GET.get("outlook", ""), department_id=int_param(request.GET.get("department"), low=0),
        worse_only=request.GET.get("worse") == "1", as_of=int_param(request.GET.get("year"), low=0),
    )
    today = timezone.localdate()
    content = dashboard_workbook(board, title=program.title, today=today)
    # The download is written to the audit trail by ipcity.audit.middleware (every FileResponse).
    return FileResponse(io.BytesIO(content), as_attachment=True, content_type=XLSX_CONTENT_TYPE,
                        filename=f"monitoring-{program.id}-{today:%Y%m%d}.xlsx")

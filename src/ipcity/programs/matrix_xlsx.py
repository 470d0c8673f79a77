"""The responsibility matrix (责任分工表) as an Excel workbook, the form offices circulate.

Sheet 1 is the matrix itself (departments × tasks, 牵头/配合); sheet 2 the same as a list
(one row per task with its lead and co-responsible units), which is how the plan prints it.
"""

from __future__ import annotations

from django.utils.translation import gettext, gettext_noop
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ipcity.core.spreadsheets import safe_row, workbook_bytes
from ipcity.programs.models import Program
from ipcity.programs.selectors import Matrix

LABELS = {"lead": gettext_noop("牵头"), "partner": gettext_noop("配合"), "": ""}
HEADER = Font(bold=True)
LEAD_FILL = PatternFill("solid", fgColor="DBEAFE")


def matrix_workbook(program: Program, matrix: Matrix) -> Workbook:
    wb = Workbook()
    _matrix_sheet(wb.active, program, matrix)
    _list_sheet(wb.create_sheet(gettext("任务清单")), matrix)
    return wb


def matrix_workbook_bytes(program: Program, matrix: Matrix) -> bytes:
    return workbook_bytes(matrix_workbook(program, matrix))


def _matrix_sheet(ws, program: Program, matrix: Matrix) -> None:
    ws.title = gettext("责任分工表")
    # Titles come from uploaded documents: every text cell goes through safe_row (no live formulas).
    ws.append(safe_row([program.title]))
    ws["A1"].font = Font(bold=True, size=13)
    ws.append(safe_row([gettext("部门"), gettext("牵头数"), gettext("配合数"), *[f"{t.ref} {t.title}" for t in matrix.tasks]]))
    for cell in ws[2]:
        cell.font = HEADER
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in matrix.rows:
        ws.append(safe_row([row.department.name, row.lead_count, row.partner_count, *[gettext(LABELS[c]) if c else "" for c in row.cells]]))
        for col, kind in enumerate(row.cells, start=4):
            if kind == "lead":
                ws.cell(row=ws.max_row, column=col).fill = LEAD_FILL
    ws.column_dimensions["A"].width = 34
    for col in range(4, len(matrix.tasks) + 4):
        ws.column_dimensions[get_column_letter(col)].width = 14
    ws.freeze_panes = "D3"


def _list_sheet(ws, matrix: Matrix) -> None:
    ws.append([gettext("编号"), gettext("任务"), gettext("牵头单位"), gettext("配合单位")])
    for cell in ws[1]:
        cell.font = HEADER
    for task in matrix.tasks:
        assignments = list(task.assignments.all())
        leads = "、".join(a.department.name for a in assignments if a.is_lead)
        partners = "、".join(a.department.name for a in assignments if not a.is_lead)
        ws.append(safe_row([task.ref, task.title, leads, partners]))
    for letter, width in (("A", 14), ("B", 60), ("C", 36), ("D", 60)):
        ws.column_dimensions[letter].width = width

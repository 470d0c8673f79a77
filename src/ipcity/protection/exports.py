"""Files of the ledger and the statistics: the ledger as .xlsx, the monthly table as .xlsx and .docx.

Personal data are masked in every file, whoever downloads it (``casework.privacy``: an
individual's name 张*, a phone 138****1234); enterprise names are not personal data. Every text
cell passes through ``core.spreadsheets.safe_row`` so a subject typed as ``=HYPERLINK(...)``
reaches Excel as text. The ledger's headers are the import's own words (``ledger_rows.HEADERS``),
so an exported ledger reads back in (its masked contacts stay masked).

The .docx follows the official layout of the platform's reports (GB/T 9704: A4, 方正小标宋简体
title, 黑体 headings, 仿宋_GB2312 text, the fonts named by ``reports.fonts.WORD`` and set in every
slot by ``reports.render.docx_template.set_font``); the table is landscape for its 14 columns.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from openpyxl import Workbook
from openpyxl.styles import Font

from ipcity.casework import workflow
from ipcity.casework.privacy import mask_person_name, mask_phone
from ipcity.core.spreadsheets import safe_row, workbook_bytes
from ipcity.protection.ledger_rows import LABELS
from ipcity.protection.models import Case
from ipcity.protection.selectors.statistics import MonthlyBlock
from ipcity.reports import fonts
from ipcity.reports.render.docx_template import set_font

LEDGER_COLUMNS = [LABELS["number"], LABELS["received_on"], LABELS["accepted_on"], LABELS["case_type"],
                  LABELS["channel"], LABELS["ip_kind"], LABELS["subject"], LABELS["claimant"], LABELS["claimant_kind"],
                  LABELS["phone"], LABELS["respondent"], LABELS["enterprise_credit_code"], LABELS["department"],
                  "状态", "办结期限", LABELS["closed_on"], LABELS["result"], LABELS["closure_note"]]
MONTH_HEADERS = ["项目", *[f"{m}月" for m in range(1, 13)], "合计"]


def _party_name(party) -> str:
    if party is None:
        return ""
    return mask_person_name(party.name) if party.kind == "individual" else party.name


def ledger_row(case: Case) -> list:
    parties = list(case.parties.all())  # prefetched
    claimant = next((p for p in parties if p.role == "claimant"), None)
    respondent = next((p for p in parties if p.role == "respondent"), None)
    return [case.number, case.received_on, case.accepted_on, case.case_type.name,
            workflow.CHANNELS.get(case.channel, case.channel), workflow.IP_KINDS.get(case.ip_kind, case.ip_kind),
            case.subject, _party_name(claimant),
            workflow.PARTY_KINDS.get(claimant.kind, "") if claimant else "",
            mask_phone(claimant.phone) if claimant and claimant.phone else "", _party_name(respondent),
            case.enterprise_credit_code, case.handling_department.name if case.handling_department else "",
            workflow.STATUSES.get(case.status, case.status), case.statutory_due, case.closed_on,
            workflow.RESULTS.get(case.result, case.result), case.closure_note]


def ledger_workbook(cases: Iterable[Case], title: str) -> bytes:
    """The filtered ledger, one case a row (``cases`` with case_type, department and parties loaded)."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("台账")
    ws.append(safe_row([title]))
    ws.append(LEDGER_COLUMNS)
    for case in cases:
        ws.append(safe_row(ledger_row(case)))
    return workbook_bytes(wb)


def statistics_workbook(blocks: list[MonthlyBlock], title: str) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "月度统计"
    ws.append(safe_row([title]))
    ws["A1"].font = Font(bold=True, size=14)
    for block in blocks:
        ws.append([])
        ws.append(safe_row([block.title]))
        ws.cell(ws.max_row, 1).font = Font(bold=True)
        ws.append(MONTH_HEADERS)
        for row in block.rows:
            ws.append(safe_row([row.label_zh, *row.months, row.total]))
            if not row.code:
                for cell in ws[ws.max_row]:
                    cell.font = Font(bold=True)
    ws.column_dimensions["A"].width = 22
    return workbook_bytes(wb)


def statistics_document(blocks: list[MonthlyBlock], title: str, subtitle: str) -> bytes:
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin = Mm(28), Mm(26)
    section.left_margin, section.right_margin = Mm(37), Mm(35)
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_font(heading.add_run(title), fonts.WORD["xbs"], 22)
    line = document.add_paragraph()
    line.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_font(line.add_run(subtitle), fonts.WORD["kai"], 14)
    for number, block in enumerate(blocks, start=1):
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.space_before = Pt(12)
        set_font(paragraph.add_run(f"{_CHINESE_NUMBERS[number - 1]}、{block.title}"), fonts.WORD["hei"], 16)
        table = document.add_table(rows=1 + len(block.rows), cols=len(MONTH_HEADERS))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        lines: list[list[object]] = [list(MONTH_HEADERS), *([row.label_zh, *row.months, row.total] for row in block.rows)]
        # Each row's own cells: ``table.cell(r, c)`` rebuilds the whole table's cell list on every
        # call, which made a year's statistics take some 15 s to write.
        for r, (table_row, values) in enumerate(zip(table.rows, lines, strict=True)):
            bold_row = r == 0 or (r > 0 and not block.rows[r - 1].code)
            for c, (cell, value) in enumerate(zip(table_row.cells, values, strict=True)):
                cell.width = Mm(40 if c == 0 else 13)
                p = cell.paragraphs[0]
                p.alignment = WD_ALIGN_PARAGRAPH.LEFT if c == 0 and r else WD_ALIGN_PARAGRAPH.CENTER
                set_font(p.add_run(str(value)), fonts.WORD["hei" if bold_row else "fang"], 10.5)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


_CHINESE_NUMBERS = "一二三四五六七八九十"

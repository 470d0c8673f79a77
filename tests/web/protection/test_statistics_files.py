"""The monthly statistics: the table by hand, its .xlsx and .docx opened and read back."""

from __future__ import annotations

import io

from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from ipcity.protection.selectors.kpis import statistics_cases
from ipcity.protection.selectors.statistics import monthly_statistics
from tests.web.protection import kpi_cases


def _line(blocks, title, label):
    block = next(b for b in blocks if b.title == title)
    return next(r for r in block.rows if r.label_zh == label)


def test_monthly_table_by_hand(ledger_world):
    kpi_cases.build(ledger_world)
    blocks, count = monthly_statistics(statistics_cases(ledger_world.office), 2024)
    # received in 2024 by the hotline: 1 (Jan), 6 (Jul), 7 (Aug), 8 (Feb)
    hotline = _line(blocks, "来源渠道（登记）", "12330热线")
    assert hotline.months == (1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0) and hotline.total == 4
    assert _line(blocks, "来源渠道（登记）", "合计").total == 7  # received in 2024: 1 2 3 5 6 7 8
    # closures by result: mediated Feb (1), failed Dec (2), dismissed Jan (4), assisted Jun (5), answered Feb (8)
    closed = _line(blocks, "结案结果（结案）", "合计")
    assert closed.months == (1, 2, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1) and closed.total == 5
    assert _line(blocks, "案件类型（受理）", "维权援助").months[6:8] == (1, 1)
    assert count == 8  # those seven and case 4, closed in 2024


def test_the_page_heads_its_columns_with_month_names_in_the_readers_language(client, ledger_world):
    import re

    client.force_login(ledger_world.leader)
    page = client.get(reverse("protection:statistics") + "?year=2024").content.decode()
    heads = re.findall(r'<th scope="col" class="num">([^<]*)</th>', page.split("</thead>")[0])
    assert heads == ["一月", "二月", "三月", "四月", "五月", "六月", "七月", "八月", "九月", "十月", "十一月", "十二月"]
    english = client.get(reverse("protection:statistics") + "?year=2024", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    heads = re.findall(r'<th scope="col" class="num">([^<]*)</th>', english.split("</thead>")[0])
    assert heads[:3] == ["Jan.", "Feb.", "March"] and heads[-1] == "Dec." and len(heads) == 12


def test_statistics_downloads_open_and_hold_the_table(client, ledger_world):
    kpi_cases.build(ledger_world)
    client.force_login(ledger_world.leader)
    page = client.get(reverse("protection:statistics") + "?year=2024")
    assert page.status_code == 200 and "12330热线" in page.content.decode()

    response = client.get(reverse("protection:statistics_xlsx") + "?year=2024")
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = [r for r in ws.iter_rows(values_only=True)]
    assert rows[0][0] == "2024年知识产权维权援助案件月度统计表"
    hotline = next(r for r in rows if r and r[0] == "12330热线")
    assert list(hotline) == ["12330热线", 1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 4]

    response = client.get(reverse("protection:statistics_docx") + "?year=2024")
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    assert document.paragraphs[0].text == "2024年知识产权维权援助案件月度统计表"
    title_run = document.paragraphs[0].runs[0]
    assert title_run.font.name == "方正小标宋简体"
    assert len(document.tables) == 5
    channel_table = document.tables[0]
    assert [c.text for c in channel_table.rows[0].cells][:2] == ["项目", "1月"]
    hotline_cells = next(r for r in channel_table.rows if r.cells[0].text == "12330热线").cells
    assert [c.text for c in hotline_cells][-1] == "4"
    body_font = channel_table.rows[1].cells[0].paragraphs[0].runs[0].font.name
    assert body_font == "仿宋_GB2312"
    assert document.sections[0].page_width > document.sections[0].page_height  # landscape


def test_the_kpi_pages_month_choice_names_the_months(client, ledger_world):
    client.force_login(ledger_world.leader)
    page = client.get(reverse("protection:kpis") + "?year=2024&month=6").content.decode()
    assert '<option value="6" selected>六月</option>' in page and '<option value="12">十二月</option>' in page

"""ipcity.core.spreadsheets: formula neutralising for exports, the checked streaming reader for uploads."""

from __future__ import annotations

import csv
import io
import time

import pytest
from openpyxl import Workbook, load_workbook

from ipcity.core import spreadsheets
from ipcity.core.spreadsheets import SpreadsheetRefused, WorkbookLimits, neutralise, read_sheet
from tests.web.uploads.files import million_row_bomb, replace_member, sheet_xml, workbook


@pytest.mark.parametrize("text", ["=1+1", "+86 123", "-2+3", "@SUM(A1)", "\tx", "\rx",
                                  '=HYPERLINK("http://evil.example","点我")'])
def test_dangerous_text_is_neutralised(text):
    assert neutralise(text) == "'" + text
    assert spreadsheets.restore(neutralise(text)) == text


@pytest.mark.parametrize("value", ["专利", "", "'quoted", -5, 3.5, None])
def test_harmless_values_are_unchanged(value):
    assert neutralise(value) == value


@pytest.mark.parametrize(("text", "written"), [("指标\x07响铃", "指标响铃"), ("换\x0b行", "换行"), ("\x07=1+1", "'=1+1"),
                                              ("\x00\x1f", ""), ("保留\t\n\r", "保留\t\n\r")])
def test_control_characters_an_xlsx_cannot_hold_are_dropped(text, written):
    """A name pasted with a bell or Word's vertical tab made openpyxl refuse the whole workbook
    (IllegalCharacterError: an error page instead of the export; hostile30)."""
    assert neutralise(text) == written
    wb = Workbook()
    wb.active.append(spreadsheets.safe_row([text]))
    assert load_workbook(io.BytesIO(spreadsheets.workbook_bytes(wb))).active["A1"].value == (written or None)


def test_neutralised_text_is_a_string_cell_in_xlsx_and_csv():
    wb = Workbook()
    wb.active.append(spreadsheets.safe_row(["=1+1", -3]))
    reread = load_workbook(io.BytesIO(spreadsheets.workbook_bytes(wb)))
    a1, b1 = reread.active["A1"], reread.active["B1"]
    assert (a1.data_type, a1.value) == ("s", "'=1+1") and b1.value == -3
    buffer = io.StringIO()
    csv.writer(buffer).writerow(spreadsheets.safe_row(["@cmd", "ok"]))
    assert buffer.getvalue().startswith("'@cmd,ok")


def test_a_plain_workbook_is_read_with_row_numbers():
    data = workbook([["编号", "值"], [1, 2.5], [None, None], [2, "文本"], [None, None]])
    assert read_sheet(data) == [(1, ("编号", "值")), (2, (1, 2.5)), (4, (2, "文本"))]  # empty rows left out


def test_the_named_sheet_is_read_when_present():
    wb = Workbook()
    wb.active.append(["first"])
    wb.create_sheet("实际值填报").append(["second"])
    data = spreadsheets.workbook_bytes(wb)
    assert read_sheet(data, sheet="实际值填报") == [(1, ("second",))]
    assert read_sheet(data, sheet="不存在") == [(1, ("first",))]


@pytest.mark.parametrize("dimension", ["A1:A1000000", "A1:A1", None])
def test_a_million_row_bomb_is_refused_fast(dimension):
    """The field test's file: small on disk, a million rows inside. Refused with the row limit named,
    whether its dimension tells the truth, lies, or is missing (then the streaming count catches it)."""
    data = million_row_bomb(dimension=dimension)
    assert len(data) < 300 * 1024
    started = time.perf_counter()
    with pytest.raises(SpreadsheetRefused, match="行数过多.*上限 5000 行"):
        read_sheet(data)
    assert time.perf_counter() - started < 2


def test_unpacked_size_is_checked_before_reading():
    data = replace_member(workbook([["x"]]), "xl/worksheets/sheet1.xml", sheet_xml(1_000_000, dimension="A1:A1"))
    with pytest.raises(SpreadsheetRefused, match="解压后过大.*上限 10 MB"):
        read_sheet(data, limits=WorkbookLimits(max_unpacked_bytes=10 * 1024 * 1024))


def test_too_many_columns_refused_by_dimension_and_by_stream():
    wide = workbook([list(range(60))])
    with pytest.raises(SpreadsheetRefused, match="列数过多（60 列，上限 50 列）"):
        read_sheet(wide)
    lying = replace_member(wide, "xl/worksheets/sheet1.xml",
                           load_sheet_xml(wide).replace(b'<dimension ref="A1:BH1"/>', b'<dimension ref="A1:A1"/>'))
    with pytest.raises(SpreadsheetRefused, match="列数过多"):
        read_sheet(lying)


def load_sheet_xml(data: bytes) -> bytes:
    import zipfile

    return zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")


def test_formula_cells_are_refused_with_their_row():
    data = workbook([["指标编号", "填报值"], [1, 12], [2, "=A3*10"]])
    with pytest.raises(SpreadsheetRefused, match="第 3 行 B3 单元格是公式") as exc:
        read_sheet(data)
    assert exc.value.row == 3
    assert read_sheet(data, allow_formulas=True)[2] == (3, (2, "=A3*10"))


@pytest.mark.parametrize(("data", "message"), [
    (b"", "文件为空"),
    (b"MZ\x90\x00 not a workbook", "不是 Excel 工作簿"),
    (b"PK\x03\x04 broken zip", "已损坏"),
])
def test_bad_files_get_a_chinese_message(data, message):
    with pytest.raises(SpreadsheetRefused, match=message):
        read_sheet(data)


def test_a_zip_that_is_no_workbook_is_refused():
    buffer = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    with pytest.raises(SpreadsheetRefused, match="不是 Excel 工作簿"):
        read_sheet(buffer.getvalue())


def test_compressed_size_limit():
    data = workbook([["x"]])
    with pytest.raises(SpreadsheetRefused, match="文件超过大小上限（1 KB）"):
        read_sheet(data, limits=WorkbookLimits(max_bytes=1024))
    assert read_sheet(data, limits=WorkbookLimits(max_bytes=len(data))) == [(1, ("x",))]


def test_a_jump_to_a_far_row_number_is_refused_at_once():
    xml = (b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           b'<dimension ref="A1"/><sheetData><row r="1"><c><v>1</v></c></row>'
           b'<row r="1048576"><c><v>2</v></c></row></sheetData></worksheet>')
    data = replace_member(workbook([["x"]]), "xl/worksheets/sheet1.xml", xml)
    with pytest.raises(SpreadsheetRefused, match="行数过多") as exc:
        read_sheet(data)
    assert exc.value.row == 1048576


def test_dates_and_texts_keep_their_types():
    import datetime as dt

    data = workbook([[dt.date(2025, 3, 1), "文字", 3, True]])
    (number, values), = read_sheet(data)
    assert number == 1 and values[0] == dt.datetime(2025, 3, 1) and values[1:] == ("文字", 3, True)


def test_a_huge_shared_string_table_is_refused_before_it_is_loaded():
    strings = (b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
               + b"<si><t>a</t></si>" * 1_000_000 + b"</sst>")
    data = replace_member(workbook([["x"]]), "xl/sharedStrings.xml", strings)
    with pytest.raises(SpreadsheetRefused, match="文字内容过多.*上限 10 MB"):
        read_sheet(data)

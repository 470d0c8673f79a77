"""Hostile .xls uploads (a BIFF workbook, an OLE2 container, a web page saved as .xls) through the
one content check and the one checked reader every page uses: each is refused in Chinese naming
what to do, or read as Excel would show it, never held for minutes or hundreds of MB.

The files are authored (tests/hostile_tables.py); benchmarks/hostile_tables.py measures them.
"""

from __future__ import annotations

import io

import pytest

from ipcity.analytics import html_tables, xls
from ipcity.core.spreadsheets import SpreadsheetRefused, WorkbookLimits, read_sheet
from ipcity.core.uploads import UploadRejected, check_bytes, xls_check
from tests import hostile_tables as hostile

HEADER = [["申请号", "名称"], ["CN1", "一种装置"]]


@pytest.mark.parametrize("data", [hostile.directory_bomb(40), hostile.looping_short_stream()],
                         ids=["directory-loop", "short-stream-loop"])
def test_a_compound_file_with_a_loop_is_refused_as_damaged(data):
    """Before: 2^40 walks of the directory, or a short-sector chain followed for ever."""
    with pytest.raises(UploadRejected, match="文件内容与扩展名不符或已损坏"):
        check_bytes(data, "需求.xls", accept=["xls"], max_bytes=10 << 20)
    with pytest.raises(SpreadsheetRefused, match="文件可能已损坏"):
        read_sheet(data)


def test_a_cell_in_the_last_row_and_column_does_not_fill_the_sheet():
    """One cell at (65,536, 256) of a 6 KB file made xlrd pad every row to 256 cells: 16.7 million
    cells, 150 MB a sheet. Rows now hold the cells they have, and the row limit names the size."""
    data = hostile.xls_corner(rows=HEADER)
    book = xls.open_book(data=data)
    assert [book.sheet_by_index(0).row_len(r) for r in (0, 1, 2, 65535)] == [2, 2, 0, 256]
    with pytest.raises(SpreadsheetRefused, match="工作表行数过多（65536 行，上限 5000 行），请删去多余的行"):
        read_sheet(data)


def test_a_workbook_of_more_sheets_than_the_limit_is_refused_before_any_is_read():
    """300 sheets of 65,536 rows each in 125 KB: 24 s and 3 GB to open them all."""
    with pytest.raises(UploadRejected, match=f"工作表过多（300 个，上限 {xls.MAX_SHEETS} 个），请只保留需要上传的工作表"):
        check_bytes(hostile.xls_corner(sheets=300), "需求.xls", accept=["xls"], max_bytes=10 << 20)
    xls_check(hostile.xls_corner(sheets=xls.MAX_SHEETS))  # at the limit: each read and released


def test_a_row_of_wide_colspans_is_refused_before_its_cells_are_made():
    """5 MB of colspan="256" cells made 58 million list entries (630 MB) before the width check."""
    with pytest.raises(SpreadsheetRefused, match="第 2 行的内容过多，不是导出的表格；请用 Excel 或 WPS 打开后另存为 .xlsx"):
        read_sheet(hostile.colspan_bomb(), limits=WorkbookLimits(max_bytes=10 << 20))
    narrow = hostile.page('<tr><td>申请号</td><td>名称</td></tr><tr><td colspan="30">x</td><td colspan="30">y</td></tr>')
    with pytest.raises(SpreadsheetRefused, match="工作表列数过多（60 列，上限 50 列）"):
        read_sheet(narrow)


@pytest.mark.parametrize("span", ["99999999999", "9" * 5000, "²", "-3", "1e9"])
def test_a_colspan_that_is_no_small_number_is_read_as_at_most_the_limit(span):
    """int() refuses a string of thousands of digits and "²" (a digit to str.isdigit)."""
    data = hostile.page(f'<tr><td>申请号</td><td>名称</td></tr><tr><td colspan="{span}">x</td><td>y</td></tr>')
    rows = list(html_tables.html_rows(io.BytesIO(data), "utf-8"))
    assert rows[1][1][0] == "x" and rows[1][1][-1] == "y" and len(rows[1][1]) <= 2 + 256


def test_a_row_of_a_hundred_thousand_cells_is_refused_while_it_is_read():
    with pytest.raises(SpreadsheetRefused, match="第 1 行的内容过多"):
        read_sheet(hostile.wide_row(100_000))
    with pytest.raises(html_tables.TableTooLarge, match="more than 20,000 elements"):
        list(html_tables.html_rows(io.BytesIO(hostile.crowded_cell()), "utf-8"))


def test_what_surrounds_the_table_is_freed_as_it_is_read():
    """5 MB of paragraphs after a small table: the table reads; the paragraphs, which no row holds,
    are dropped as they end (they were kept to the end: 175 MB for the tree)."""
    rows = read_sheet(hostile.paragraph_flood(), limits=WorkbookLimits(max_bytes=10 << 20))
    assert rows == [(1, ("申请号", "名称")), (2, ("CN1", "装置"))]


@pytest.mark.parametrize("charset", ["rot13", "zlib_codec", "base64", "no-such-charset", "utf-16", "utf-32le"])
def test_a_page_declaring_a_charset_no_page_is_in_is_read_as_its_bytes_are(charset):
    """lxml raised LookupError (a server error) for a Python codec it does not know; a declared
    UTF-16 read an ASCII page as nothing."""
    data = hostile.page("<tr><td>申请号</td><td>名称</td></tr><tr><td>CN1</td><td>装置</td></tr>", charset=charset)
    assert html_tables.encoding_of(data, "utf-8") == "utf-8"
    assert read_sheet(data) == [(1, ("申请号", "名称")), (2, ("CN1", "装置"))]


def test_entities_nul_bytes_and_deep_nesting_stay_text():
    """A DOCTYPE's entities are never expanded (a billion laughs stays its name, a SYSTEM entity
    never reads the server's file); a NUL byte becomes U+FFFD; a million nested tags stop at
    libxml2's depth limit, after the rows before them were read."""
    laughs = '<!DOCTYPE html [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">' \
             '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY x SYSTEM "file:///etc/passwd">]>'
    data = hostile.page("<tr><td>&c;</td><td>&x;</td></tr><tr><td>a\x00b</td><td>c</td></tr>", doctype=laughs)
    assert read_sheet(data) == [(1, ("&c;", "&x;")), (2, ("a\ufffdb", "c"))]
    nested = hostile.page("<tr><td>申请号</td><td>名称</td></tr>" + "<div>" * 1_000_000)
    assert read_sheet(nested, limits=WorkbookLimits(max_bytes=10 << 20)) == [(1, ("申请号", "名称"))]


def test_a_lying_dimensions_record_allocates_nothing_and_a_huge_string_count_ends_at_the_data():
    """Held before: xlrd sizes a sheet by its cells, not by the DIMENSIONS record, and stops reading
    the shared strings where the record's bytes end (a count of 2^31 - 1 is a damaged file)."""
    assert read_sheet(hostile.xls_lying_dimensions()) == [(1, ("申请号", "名称")), (2, ("CN1", "装置"))]
    with pytest.raises(UploadRejected, match="文件可能已损坏"):
        check_bytes(hostile.xls_huge_string_count(), "需求.xls", accept=["xls"], max_bytes=10 << 20)


def test_a_megabyte_of_unclosed_meta_tags_is_no_regular_expression_bomb():
    """The charset pattern's unbounded ``[^>]+`` backtracked over the rest of the head for each
    ``<meta `` (190 KB took 40 s, 1 MB about 20 minutes): it now reads the first 8 KB, each tag's
    text bounded; a declaration there is still found."""
    bomb = b"<html><table>" + b"<meta " * 175_000
    assert html_tables.encoding_of(bomb, "utf-8") == "utf-8"
    assert read_sheet(bomb) == []
    late = b"<html><head>" + b"<meta name=x>" * 500 + b'<meta http-equiv="Content-Type" content="text/html; charset=gbk">'
    assert html_tables.encoding_of(late, "utf-8") == "gb18030"

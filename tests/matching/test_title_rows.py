"""Title lines above a table's header (「2024年企业技术需求汇总表」, 「填报单位：…」), as offices and
platforms write them: the header is found below them in every table file the matching reads, and
the rows keep their own line numbers."""

from __future__ import annotations

import pytest

from ipcity.matching.concordance import read_concordance
from ipcity.matching.needs import NeedsFileError, read_needs_file
from ipcity.matching.table_file import from_header
from ipcity.transfer.declaration_rows import read_declarations_file

TITLE = "2024年铜陵市企业技术需求汇总表,,,\n填报单位：市科技局（盖章）,,,填报日期：2024年5月\n"


def test_a_needs_file_with_title_lines_reads_from_its_header(tmp_path):
    path = tmp_path / "needs.csv"
    path.write_text(TITLE + "企业名称,技术需求,行业代码,所在地区\n蚌埠某玻璃公司,提高光伏玻璃透光率,C3041,蚌埠市\n"
                    "淮南某电池公司,,3841,340400\n", encoding="utf-8")
    with pytest.raises(NeedsFileError) as caught:
        read_needs_file(path)
    assert caught.value.problems == [(5, "缺少需求描述")]  # its line in the file, title lines counted


def test_a_declarations_file_with_a_title_line_reads_from_its_header(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("专利开放许可声明汇总表\n专利号,专利名称,专利类型,专利权人,声明日期,许可使用费类型\n"
                    "CN99000001A,一种铜排焊接夹具,发明,某某工业大学,2025-06-01,免费\n", encoding="utf-8")
    [(line, data)] = read_declarations_file(path)
    assert (line, data.pub_number) == (3, "CN99000001A")


def test_a_concordance_with_a_title_line_reads_from_its_header(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("国民经济行业与国际专利分类参照关系表（本市试行）\n行业代码,行业名称,IPC分类号\nC3041,平板玻璃制造,C03B18*\n",
                    encoding="utf-8")
    assert read_concordance(path).ipc_patterns_for("3041") == ["C03B18*"]


def test_without_a_header_among_the_first_rows_every_row_is_kept():
    rows = [(n, [f"x{n}"]) for n in range(1, 15)]
    assert from_header(rows, lambda cells: cells == ["x12"]) == rows  # beyond the first ten: no header
    assert from_header(rows, lambda cells: cells == ["x3"]) == rows[2:]

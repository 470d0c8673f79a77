"""The table files' shared reading (``ipcity.matching.table_file``): what the three readers gained by
sharing it, beyond what tests/matching/test_needs.py, test_concordance.py and test_industries.py cover."""

from __future__ import annotations

import zipfile

import pytest

from ipcity.matching import industries
from ipcity.matching.concordance import ConcordanceError, read_concordance
from ipcity.matching.industries import IndustryTableError
from ipcity.matching.needs import NeedsFileError, read_needs_file


def test_a_workbook_damaged_past_its_first_bytes_is_a_needs_file_problem(tmp_path):
    # It passes the type check (a ZIP holding xl/workbook.xml) and fails only when its rows are read:
    # the needs reader used to let that InputError through instead of naming the file.
    path = tmp_path / "needs.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "not a workbook")
    with pytest.raises(NeedsFileError) as caught:
        read_needs_file(path)
    [(row, message)] = caught.value.problems
    assert row == 0 and message.startswith("需求文件无法读取：") and "unreadable XLSX" in message


def test_full_width_headers_are_found_in_every_file(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("ＩＮＤＵＳＴＲＹ＿ＣＯＤＥ,ＩＰＣ分类号\n3041,C03C17*\n", encoding="utf-8")
    assert read_concordance(path).rows == {"3041": ("C03C17*",)}


def _bad_rows(count: int) -> str:
    return "".join(f"9899,C03C{n}*\n" for n in range(count))


def test_past_ten_bad_rows_the_message_names_ten_and_counts_all_in_each_files_words(tmp_path):
    concordance = tmp_path / "c.csv"
    concordance.write_text("行业代码,IPC分类号\n3041,C03C17*\n" + _bad_rows(12), encoding="utf-8")
    with pytest.raises(ConcordanceError) as caught:
        read_concordance(concordance)
    message = str(caught.value)
    # rows 3 to 14 are bad: 3..12 are named, 13 and 14 only counted
    assert message.count("未知的行业代码：9899") == 10 and "第 12 行" in message and "第 13 行" not in message
    assert message.endswith("（共 12 行有误）")

    table = tmp_path / "t.csv"
    table.write_text("代码,类别名称\n3041,平板玻璃制造\n" + "".join(f"98{n:02d},无\n" for n in range(11)), encoding="utf-8")
    with pytest.raises(IndustryTableError) as caught_table:
        industries.load_industry_table(table, tmp_path)
    assert str(caught_table.value).count("无法识别的行业代码") == 10 and str(caught_table.value).endswith("（共 11 行）")
    assert industries.loaded_table(tmp_path) is None


def test_ten_bad_rows_are_all_named_without_a_count(tmp_path):
    concordance = tmp_path / "c.csv"
    concordance.write_text("行业代码,IPC分类号\n" + _bad_rows(10), encoding="utf-8")
    with pytest.raises(ConcordanceError) as caught:
        read_concordance(concordance)
    assert str(caught.value).count("；") == 9 and "共" not in str(caught.value)


def test_a_header_written_as_the_page_lists_it_with_its_words_in_brackets(tmp_path):
    """Walk 25: the needs page lists the header 合作方式（转让/许可/合作）; a file with that header
    exactly imported every need without its mode (the column was not recognised, and nothing said so)."""
    path = tmp_path / "needs.csv"
    path.write_text("企业名称,需求描述,所在地区,预算（万元）,合作方式（转让/许可/合作）\n"
                    "甲公司,锂电池正极材料烧结工艺,340700,50,许可\n", encoding="utf-8")
    [need] = read_needs_file(path)
    assert (need.mode, need.budget_wan) == ("licence", 50.0)

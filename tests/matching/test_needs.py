"""Needs: the checks of one need and the all-or-nothing needs file (CSV and XLSX)."""

from __future__ import annotations

import openpyxl
import pytest

from ipcity.matching.needs import (
    MAX_ROWS,
    MAX_TEXT_CHARS,
    TOO_SHORT,
    Need,
    NeedsFileError,
    read_needs_file,
    validate_need,
)


@pytest.mark.parametrize("text", ["", " ", "玻", "a", "，。"])
def test_an_empty_or_one_character_need_is_refused(text):
    assert validate_need(Need(id="1", text=text)) == [TOO_SHORT]


def test_every_problem_of_a_need_is_named():
    need = Need(id="1", text="光伏玻璃减反射镀膜", industry_code="3099x", region_code="349999", mode="buy")
    assert validate_need(need) == ["未知的行业代码：3099x（GB/T 4754-2017）", "未知的地区代码：349999",
                                   "未知的合作方式：buy（转让、许可或合作）"]
    assert validate_need(Need(id="2", text="光伏玻璃", industry_code="C3041", region_code="340300", mode="licence")) == []


def test_a_csv_with_chinese_headers_reads_every_field(tmp_path):
    path = tmp_path / "needs.csv"
    path.write_text("企业名称,技术需求,产品,行业代码,所在地区,预算（万元）,合作方式,经营范围\n"
                    "蚌埠某玻璃公司,提高光伏玻璃透光率,光伏玻璃,C3041,蚌埠市,200,转让,玻璃制造\n"
                    "淮南某电池公司,隔膜涂覆工艺,锂电池隔膜,3841,340400,,许可,\n", encoding="utf-8")
    first, second = read_needs_file(path)
    assert first == Need(id="row2", text="提高光伏玻璃透光率", products="光伏玻璃", industry_code="C3041",
                         region_code="340300", budget_wan=200.0, mode="transfer", business_scope="玻璃制造",
                         enterprise="蚌埠某玻璃公司")
    assert (second.region_code, second.budget_wan, second.mode) == ("340400", None, "licence")


def test_an_xlsx_with_bad_rows_names_every_one(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["企业名称", "需求描述", "行业代码", "所在地区", "合作方式", "预算（万元）"])
    sheet.append(["甲公司", "光伏玻璃镀膜", "3041", "340300", "转让", 50])
    sheet.append(["乙公司", None, "3041", "340300", "转让", 50])
    sheet.append(["丙公司", "茶叶加工", "9899", "火星市", "买断", "很多"])
    sheet.append(["丁公司", "玻", "3041", None, None, None])
    path = tmp_path / "needs.xlsx"
    workbook.save(path)
    with pytest.raises(NeedsFileError) as caught:
        read_needs_file(path)
    problems = caught.value.problems
    assert [line for line, _ in problems] == [3, 4, 4, 4, 4, 5]
    # (row, message): the message without its row, named by whoever shows it (「第 N 行：…」, "Row N: …")
    messages = [m for _, m in problems]
    assert messages[0] == "缺少需求描述"
    assert "无法识别的地区：火星市" in messages and "无法识别的预算：很多" in messages
    assert "未知的行业代码：9899（GB/T 4754-2017）" in messages
    assert "未知的合作方式：买断（转让、许可或合作）" in messages
    assert messages[-1] == TOO_SHORT
    assert str(caught.value).startswith("第 3 行：缺少需求描述；第 4 行：")  # the command line's one line


def test_limits_are_checked_before_the_rows(tmp_path):
    path = tmp_path / "big.csv"
    path.write_text("需求描述\n" + "光伏玻璃镀膜\n" * (MAX_ROWS + 2), encoding="utf-8")
    with pytest.raises(NeedsFileError, match="5000"):
        read_needs_file(path)
    huge = tmp_path / "huge.csv"
    huge.write_bytes(b"x" * (10 * 1024**2 + 1))
    with pytest.raises(NeedsFileError, match="需求文件无法读取"):
        read_needs_file(huge)


def test_a_file_without_a_description_column_is_refused(tmp_path):
    path = tmp_path / "needs.csv"
    path.write_text("企业名称,产品\n甲,玻璃\n", encoding="utf-8")
    with pytest.raises(NeedsFileError, match="需求描述"):
        read_needs_file(path)


def test_a_description_of_megabytes_is_refused_not_ranked():
    long = "玻璃镀膜" * (MAX_TEXT_CHARS // 4 + 1)
    problems = validate_need(Need(id="x", text=long, business_scope="经营" * MAX_TEXT_CHARS))
    assert f"需求描述过长：{len(long):,} 字，至多 {MAX_TEXT_CHARS:,} 字" in problems
    assert any(p.startswith("经营范围过长") for p in problems)
    assert validate_need(Need(id="x", text="玻" * MAX_TEXT_CHARS)) == []  # the limit itself passes


def test_a_row_with_only_a_business_scope_takes_it_as_its_description(tmp_path):
    path = tmp_path / "needs.csv"
    path.write_text("企业名称,需求描述,经营范围\n甲公司,,光伏玻璃镀膜与深加工\n乙公司,,\n", encoding="utf-8")
    with pytest.raises(NeedsFileError) as caught:
        read_needs_file(path)
    assert caught.value.problems == [(3, "缺少需求描述")]
    path.write_text("企业名称,需求描述,经营范围\n甲公司,,光伏玻璃镀膜与深加工\n", encoding="utf-8")
    [need] = read_needs_file(path)
    assert (need.text, need.business_scope) == ("光伏玻璃镀膜与深加工", "光伏玻璃镀膜与深加工")
    assert need.query_text == "光伏玻璃镀膜与深加工"  # searched once, not twice

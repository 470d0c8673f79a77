"""GB/T 4754-2017: the shipped sections and divisions, code checks, and the office's full table."""

from __future__ import annotations

import pytest

from ipcity.matching import industries
from ipcity.matching.industries import IndustryTableError, UnknownIndustryCode, check_industry_code


def test_the_package_table_has_20_sections_and_97_divisions():
    table = industries.package_table()
    assert sum(1 for code in table if code.isalpha()) == 20
    divisions = [code for code in table if code.isdigit()]
    assert len(divisions) == 97 and divisions == [f"{n:02d}" for n in range(1, 98)]
    assert table["C"] == "制造业" and table["30"] == "非金属矿物制品业" and table["39"] == "计算机、通信和其他电子设备制造业"


def test_codes_with_or_without_the_section_letter():
    assert check_industry_code("C3041") == check_industry_code("3041")
    code = check_industry_code("c 3041")
    assert (code.code, code.section, code.division, code.name) == ("3041", "C", "30", "非金属矿物制品业")
    assert check_industry_code("65").section == "I"
    assert check_industry_code("A").name == "农、林、牧、渔业"


@pytest.mark.parametrize("bad", ["9899", "98", "A3041", "30x", "", "3", "304112"])
def test_unknown_codes_are_named(bad):
    with pytest.raises(UnknownIndustryCode) as caught:
        check_industry_code(bad)
    assert str(caught.value) == f"未知的行业代码：{bad}（GB/T 4754-2017）"


def test_with_the_full_table_loaded_a_class_must_be_in_it(tmp_path):
    table = tmp_path / "gbt4754.csv"
    table.write_text("代码,类别名称\nC,制造业\n30,非金属矿物制品业\n304,玻璃制造\n3041,平板玻璃制造\n3042,特种玻璃制造\n",
                     encoding="utf-8")
    assert check_industry_code("3049", tmp_path).code == "3049"  # division-level check before loading
    version = industries.load_industry_table(table, tmp_path)
    assert version.startswith("gbt4754-")
    assert check_industry_code("C3041", tmp_path).name == "平板玻璃制造"
    with pytest.raises(UnknownIndustryCode):
        check_industry_code("3049", tmp_path)


def test_a_bad_full_table_names_its_rows_and_stores_nothing(tmp_path):
    table = tmp_path / "bad.csv"
    table.write_text("代码,类别名称\n3041,平板玻璃制造\n9999,不存在\nXX,坏行\n", encoding="utf-8")
    with pytest.raises(IndustryTableError) as caught:
        industries.load_industry_table(table, tmp_path)
    assert "第 3 行" in str(caught.value) and "第 4 行" in str(caught.value)
    assert industries.loaded_table(tmp_path) is None

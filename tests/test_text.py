"""Shared text knowledge (ipcity.text): one list of units and words, the sets derived from it."""

from __future__ import annotations

from ipcity import text
from ipcity.plans import vocabulary
from ipcity.progress.inputs import LINEAR_UNITS


def test_fold_width():
    assert text.fold_width("１２．５％") == "12.5%"
    assert text.fold_width("（市科技局）") == "(市科技局)"
    assert text.fold_width(None) == ""


def test_non_negative_units_cover_counts_and_money_but_not_scores_or_percent():
    for unit in ("件", "万件", "家", "个", "人次", "元", "万元", "亿元", "篇", "户"):
        assert unit in text.NON_NEGATIVE_UNITS, unit
    assert "分" not in text.NON_NEGATIVE_UNITS and "%" not in text.NON_NEGATIVE_UNITS


def test_whole_things_exclude_money_scores_and_measures():
    assert {"家", "件", "个", "人", "人次", "项", "次", "户", "所", "名", "座", "场", "部"} <= text.WHOLE_THING_UNITS
    assert not {"元", "万元", "分", "吨", "亩", "%"} & text.WHOLE_THING_UNITS


def test_person_years_are_a_unit_of_their_own():
    # 研发人员全时当量达到1200人年: a full-time equivalent, never negative, may be a fraction
    assert "人年" in text.MEASURE_WORDS and "人年" in text.NON_NEGATIVE_UNITS
    assert "人年" not in text.WHOLE_THING_UNITS


def test_the_parser_and_the_apps_read_one_list():
    assert vocabulary.COUNT_UNITS is text.MEASURE_WORDS
    assert vocabulary.REPORTING_VERBS is text.REPORTING_VERBS
    assert LINEAR_UNITS == {text.PERCENT, text.SCORE}
    # A call for department reports is narrower than a plan's reporting duty (研究 is not one).
    assert "研究" in text.REPORTING_VERBS and "研究" not in text.REPORT_SUBMISSION_WORDS


# --- Chinese characters: the one test behind the pages' lang="zh" marks ---------------------------


def test_han_covers_the_unified_ideographs_extension_a_and_the_compatibility_block():
    for char in ("一", "\u9fff", "国", "㐂", "䶮", "\u3400", "\u4dbf", "﨑", "\uf900", "\ufaff"):
        assert text.is_han(char), hex(ord(char))


def test_punctuation_kana_hangul_latin_and_digits_are_not_han():
    for char in ("a", "1", "１", "，", "。", "「", "」", "、", "の", "한", "·", "\u33ff", "\u4dc0", "\ufb00", ""):
        assert not text.is_han(char), repr(char)
    assert not text.is_han("中国")  # one character, not a string


def test_has_han_is_true_when_any_character_is():
    assert text.has_han("企查查等 商标列表") and text.has_han("file 﨑.csv") and text.has_han("（㐂）")
    assert not text.has_han("the file has no rows: “”，。") and not text.has_han("") and not text.has_han(None)


def test_the_regular_expression_ranges_agree_with_is_han():
    import re

    pattern = re.compile(f"[{text.HAN_RANGES}]")
    for code in (0x33FF, 0x3400, 0x4DBF, 0x4DC0, 0x4DFF, 0x4E00, 0x9FFF, 0xA000, 0xF8FF, 0xF900, 0xFAFF, 0xFB00):
        assert bool(pattern.fullmatch(chr(code))) == text.is_han(chr(code)), hex(code)


def test_compound_magnitudes_scale_as_one_factor():
    assert text.unit_scale("万亿元") == (10**12, "元")
    assert text.unit_scale("千万元") == (10**7, "元")
    assert text.unit_scale("5千家"[1:]) == (1000, "家")
    assert text.unit_scale("万") == (1, "万")
    assert text.convert_unit(1.2, "万亿元", "亿元") == 12000.0
    assert text.convert_unit(3, "千万元", "万元") == 3000.0
    assert text.convert_unit(1, "万亿元", "件") is None

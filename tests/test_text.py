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

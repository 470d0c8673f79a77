"""The life-cycle fit on a synthetic S-curve, and the applicant-name rules case by case."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from ipcity.analytics.navigation import lifecycle
from ipcity.analytics.navigation.names import alias_keys, applicant_type, name_key
from tests.jsonb_order import jsonb_order, reversed_order


def _s_curve_filings(seed: int) -> dict[int, int]:
    """Yearly filings of K = 1000, midpoint 2015, rate 0.6 with 3 % multiplicative noise (seeded)."""
    rng = np.random.default_rng(seed)
    years = np.arange(2000, 2027)
    cumulative = 1000 / (1 + np.exp(-0.6 * (years - 2015)))
    yearly = np.diff(np.concatenate([[0.0], cumulative])) * (1 + 0.03 * rng.standard_normal(len(years)))
    return {int(y): int(round(v)) for y, v in zip(years, yearly, strict=True)}


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4])
def test_logistic_fit_recovers_the_s_curve(seed):
    filings = _s_curve_filings(seed)
    result = lifecycle.life_cycle(filings, {y: 10 for y in filings}, dt.date(2026, 12, 31))
    fit = result["fit"]
    assert result["complete_through"] == 2024  # 2025 and 2026 are within the last 18 months
    assert fit["years"] == [2000, 2024]
    assert abs(fit["K"] - 1000) <= 50
    assert abs(fit["midpoint"] - 2015) <= 1
    assert 0.4 < fit["rate"] < 0.8
    assert result["stage"] == "maturity"


def test_no_fit_with_fewer_than_eight_complete_years():
    # filings 2016–2025, data of 2025-12-31: 2024 and 2025 are incomplete, 2016–2022 is seven years
    filings = {y: 10 * (y - 2014) for y in range(2016, 2026)}
    result = lifecycle.life_cycle(filings, {}, dt.date(2024, 12, 31))
    assert result["complete_through"] == 2022
    assert result["fit"] is None and result["stage"] is None
    assert "7 complete years" in result["reason"] and "at least 8" in result["reason"]
    assert [row["year"] for row in result["per_year"]] == list(range(2016, 2026))  # counts still shown


def test_no_fit_from_a_handful_of_filings():
    """Found in the field: four filings over 1997–2023 were fitted (R² 0.32, midpoint 2096.5) and
    named 成长期. Too few filings, or filings in too few years, give no fit and no stage."""
    sparse = {1997: 1, 2005: 1, 2015: 1, 2022: 1}
    result = lifecycle.life_cycle(sparse, {}, dt.date(2025, 12, 31))
    assert result["fit"] is None and result["stage"] is None and result["no_stage"] == "few_filings"
    assert (result["filings_fitted"], result["years_with_filings"]) == (4, 4)
    # Many filings but in too few years are a few steps as well.
    bunched = {2000: 40, 2010: 40, 2020: 40}
    assert lifecycle.life_cycle(bunched, {}, dt.date(2025, 12, 31))["no_stage"] == "few_filings"


def test_no_stage_when_the_fit_is_poor():
    # a burst at each end and almost nothing between: no S-curve describes it
    filings = {2000: 20, 2001: 1, 2002: 1, 2003: 1, 2023: 20}
    result = lifecycle.life_cycle(filings, {}, dt.date(2025, 12, 31))
    assert result["fit"]["r2"] < lifecycle.MIN_R2
    assert result["stage"] is None and result["no_stage"] == "poor_fit"


def test_no_stage_when_the_midpoint_lies_far_beyond_the_data():
    # 30 % more filings each year: the data sees only the start of a curve whose K is a guess
    filings = {y: round(2 * 1.3 ** (y - 2000)) for y in range(2000, 2024)}
    result = lifecycle.life_cycle(filings, {}, dt.date(2025, 12, 31))
    fit = result["fit"]
    span = fit["years"][1] - fit["years"][0]
    assert fit["r2"] >= lifecycle.MIN_R2
    assert fit["midpoint"] > fit["years"][1] + lifecycle.MIDPOINT_REACH * span
    assert result["stage"] is None and result["no_stage"] == "midpoint_outside"


def test_complete_through():
    assert lifecycle.complete_through(dt.date(2025, 12, 31)) == 2023
    assert lifecycle.complete_through(dt.date(2025, 6, 30)) == 2022
    assert lifecycle.complete_through(dt.date(2025, 7, 15)) == 2023  # 2024-01-15: 2023 is over


@pytest.mark.parametrize(("raw", "key"), [
    ("华为技术有限公司", "华为技术"),
    ("華為技術有限公司", "华为技术"),  # traditional → simplified
    ("华为技术股份有限公司", "华为技术"),
    ("ＡＢＣ科技（深圳）有限公司", "ABC科技"),  # full width, a place in brackets
    ("ABC科技(深圳)有限公司", "ABC科技"),
    ("西门子（中国）有限公司", "西门子"),
    ("某某投资（有限合伙）", "某某投资(有限合伙)"),  # not a place: kept
    ("海尔集团公司", "海尔"),
    ("海尔集团有限公司", "海尔"),
    ("Apple Inc.", "APPLE"),
    ("SIEMENS AG", "SIEMENS"),
    (" 苏州 大学 ", "苏州大学"),
])
def test_name_key(raw, key):
    assert name_key(raw) == key


def test_aliases_fold_both_sides():
    aliases = alias_keys({"广州汽车集团股份有限公司": "广汽集团"})
    assert name_key("廣州汽車集團股份有限公司", aliases) == name_key("广汽集团")


@pytest.mark.parametrize("reorder", [jsonb_order, reversed_order], ids=["jsonb", "reversed"])
def test_two_spellings_of_one_key_merge_alike_whatever_order_the_aliases_were_stored_in(reorder):
    """A project's aliases are a JSON field: PostgreSQL gives them back shortest spelling first.
    Two spellings of 杭州电池 merged into different names merge the same way in either order."""
    written = {"杭州电池股份有限公司": "甲集团", "杭州电池有限公司": "乙集团"}
    assert name_key("杭州电池股份有限公司") == name_key("杭州电池有限公司")
    stored = reorder(written)
    assert list(stored) != list(written)
    assert name_key("杭州电池有限公司", alias_keys(stored)) == name_key("杭州电池有限公司", alias_keys(written))


@pytest.mark.parametrize(("raw", "kind"), [
    ("华为技术有限公司", "enterprise"),
    ("苏州大学", "university"),
    ("南京工程学院", "university"),
    ("中国科学院大学", "university"),
    ("中国科学院苏州纳米技术与纳米仿生研究所", "institute"),
    ("国网电力科学研究院有限公司", "enterprise"),  # a company form wins
    ("江苏省产业技术研究院", "institute"),
    ("张伟", "individual"),
    ("欧阳娜娜", "individual"),
    ("JOHN SMITH", "individual"),
    ("某某人民医院", "other"),
    ("国家电网公司", "enterprise"),
    ("苏州市知识产权局", "other"),
])
def test_applicant_type(raw, kind):
    assert applicant_type(raw) == kind

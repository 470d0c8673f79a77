"""progress-method.md: exactly-on-threshold cases, worked by hand in decimal arithmetic.

The spec's comparisons are on the numbers as written (11.7 ≥ 0.9 × 13 = 11.7). In binary floating
point 0.9 × 13 is 11.700000000000001 and 11.7 would fall to "behind"; these cases pin the spec's
reading. (test_progress_lens1.py / test_progress_lens2.py pin the other clauses.)
"""

from __future__ import annotations

import pytest

from .progress_cli import assess_one, indicator

AVG = ("年均值",)


# ---- Lens 1, step 3: "near": value ≥ 0.9 × expected (down: ≤ 1.1 × expected) -------------------

@pytest.mark.parametrize(("value", "target"), [(11.7, 13), (18.9, 21), (0.09, 0.1), (12.6, 14)])
def test_near_exactly_on_the_0_9_line(tmp_path, value, target):
    # 0.9 × 13 = 11.7; 0.9 × 21 = 18.9; 0.9 × 0.1 = 0.09; 0.9 × 14 = 12.6: each value is on the line → near
    out = assess_one(tmp_path, indicator(targets={2024: target}), {2024: value}, 2024)
    assert out["year_status"] == "near"


@pytest.mark.parametrize(("value", "target"), [(3.3, 3), (0.33, 0.3), (7.7, 7), (1.1, 1)])
def test_near_exactly_on_the_1_1_line_when_lower_is_better(tmp_path, value, target):
    # 1.1 × 3 = 3.3; 1.1 × 0.3 = 0.33; 1.1 × 7 = 7.7; 1.1 × 1 = 1.1 → near
    ind = indicator(targets={2024: target}, comparator="<=")
    assert assess_one(tmp_path, ind, {2024: value}, 2024)["year_status"] == "near"


def test_met_exactly_on_an_interpolated_expectation(tmp_path):
    # anchors 2023: 9.54 (baseline), 2025: 12 → expected 2024 = 9.54 + (12 − 9.54) × 1/2 = 10.77
    ind = indicator(baseline=(2023, 9.54), targets={2025: 12})
    out = assess_one(tmp_path, ind, {2024: 10.77}, 2024)
    assert out["expected"] == 10.77 and out["year_status"] == "met"


def test_kind_average_mean_exactly_on_the_target_is_met(tmp_path):
    # mean(0.1, 0.2, 0.3) = 0.6 / 3 = 0.2; target 0.2 → met (and achieved: t_L = t_T and mean meets T)
    ind = indicator(unit="%", targets={2024: 0.2}, tags=AVG)
    out = assess_one(tmp_path, ind, {2022: 0.1, 2023: 0.2, 2024: 0.3}, 2024)
    assert out["value"] == 0.2 and out["year_status"] == "met" and out["outlook"] == "achieved"


# ---- Lens 2, step 7: r ≥ 0.95 on_track; 0.60 ≤ r needs_acceleration --------------------------

def test_linear_ratio_exactly_0_95_is_on_track(tmp_path):
    # unit %, start 2020: 1.1, latest 2022: 2.05, final 2024: 3.1
    # P = 2.05 + (2.05 − 1.1) / 2 × 2 = 3.0; r = (3.0 − 1.1) / (3.1 − 1.1) = 1.9 / 2 = 0.95 → on_track
    ind = indicator(unit="%", baseline=(2020, 1.1), targets={2024: 3.1})
    out = assess_one(tmp_path, ind, {2022: 2.05}, 2022)
    assert out["method"] == "linear" and out["projected"] == 3.0
    assert out["progress_ratio"] == 0.95 and out["outlook"] == "on_track"


def test_linear_ratio_exactly_0_60_needs_acceleration(tmp_path):
    # start 2020: 1.1, latest 2022: 1.7, final 2024: 3.1: P = 1.7 + 0.3 × 2 = 2.3; r = 1.2 / 2 = 0.6
    ind = indicator(unit="%", baseline=(2020, 1.1), targets={2024: 3.1})
    out = assess_one(tmp_path, ind, {2022: 1.7}, 2022)
    assert out["progress_ratio"] == 0.6 and out["outlook"] == "needs_acceleration"


def test_linear_ratio_exactly_0_is_off_track_not_regressing(tmp_path):
    # start 0.3, latest 0.3 (no change): P = 0.3; r = 0 / (0.7 − 0.3) = 0 → off_track
    ind = indicator(unit="%", baseline=(2020, 0.3), targets={2024: 0.7})
    out = assess_one(tmp_path, ind, {2022: 0.3}, 2022)
    assert out["progress_ratio"] == 0 and out["outlook"] == "off_track"


def test_cagr_with_no_growth_gives_ratio_0(tmp_path):
    # 件, start 2020: 7, latest 2022: 7 → g = 0, P = 7, r = 0 / (9 − 7) = 0 → off_track;
    # required growth (9/7)^(1/2) − 1
    ind = indicator(baseline=(2020, 7), targets={2024: 9})
    out = assess_one(tmp_path, ind, {2022: 7}, 2022)
    assert out["method"] == "cagr" and out["projected"] == 7 and out["progress_ratio"] == 0
    assert out["outlook"] == "off_track"
    assert out["required_annual_growth"] == pytest.approx((9 / 7) ** 0.5 - 1, rel=1e-12)


def test_average_ratio_exactly_0_95_is_on_track(tmp_path):
    # mean(0.95, 0.95) = 0.95 %, target 1 %: r = P / T = 0.95 → on_track
    ind = indicator(unit="%", targets={2025: 1}, tags=AVG)
    out = assess_one(tmp_path, ind, {2023: 0.95, 2024: 0.95}, 2024)
    assert out["method"] == "mean" and out["progress_ratio"] == 0.95 and out["outlook"] == "on_track"


def test_average_down_ratio_exactly_0_6(tmp_path):
    # lower is better: mean(0.5, 0.5) = 0.5, target 0.3: r = T / P = 0.6 → needs_acceleration
    ind = indicator(unit="%", targets={2025: 0.3}, tags=AVG, comparator="<=")
    out = assess_one(tmp_path, ind, {2023: 0.5, 2024: 0.5}, 2024)
    assert out["progress_ratio"] == 0.6 and out["outlook"] == "needs_acceleration"


# ---- Boundary shapes the spec names ---------------------------------------------------------

def test_a_plan_with_one_year_target_met_at_baseline(tmp_path):
    # One target (2025: 10), baseline 2024: 10 (already meets it), as_of 2024 with value 10:
    # lens 1: no target for 2024 and 2024 is the first anchor → expected none → no_target;
    # lens 2: v_L = 10 meets T = 10 → achieved, r = 1
    ind = indicator(baseline=(2024, 10), targets={2025: 10})
    out = assess_one(tmp_path, ind, {2024: 10}, 2024)
    assert out["year_status"] == "no_target" and out["expected"] is None
    assert out["outlook"] == "achieved" and out["progress_ratio"] == 1


def test_negative_growth_cagr_projects_down(tmp_path):
    # start 2022: 10, latest 2023: 8 → g = 0.8 − 1 = −0.2; P = 8 × 0.8^2 = 5.12 at 2025
    # r = (5.12 − 10) / (12 − 10) = −2.44 → regressing
    ind = indicator(baseline=(2022, 10), targets={2025: 12})
    out = assess_one(tmp_path, ind, {2023: 8}, 2023)
    assert out["method"] == "cagr" and out["projected"] == pytest.approx(5.12, rel=1e-12)
    assert out["progress_ratio"] == pytest.approx(-2.44, rel=1e-12) and out["outlook"] == "regressing"
    assert out["required_annual_growth"] == pytest.approx((12 / 8) ** 0.5 - 1, rel=1e-12)

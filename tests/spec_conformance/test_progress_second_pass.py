"""progress-method.md, second pass: input shapes the first audit left open, each worked by hand from
the spec's words (the arithmetic is in the comment) and run through ``ipcity indicators assess``
as a user runs it (a JSON file of cases in, JSON out). Indicators are authored here.
"""

from __future__ import annotations

import json
import math

import pytest

from .progress_cli import assess_all, assess_one, indicator, run_assess

AVG = ("年均值",)


def test_a_baseline_of_0_interpolates_and_projects_in_a_straight_line(tmp_path):
    # anchors 2020: 0, 2025: 10 → expected 2022 = 0 + 10 × 2/5 = 4; value 4 → met.
    # v_S = 0 is not > 0 → linear: P = 4 + (4 − 0)/2 × 3 = 10; r = (10 − 0)/(10 − 0) = 1 → on_track;
    # required_annual_growth applies to cagr only → null
    out = assess_one(tmp_path, indicator(baseline=(2020, 0), targets={2025: 10}), {2022: 4}, 2022)
    assert (out["expected"], out["year_status"]) == (4, "met")
    assert (out["method"], out["projected"], out["progress_ratio"]) == ("linear", 10, 1)
    assert out["outlook"] == "on_track" and out["required_annual_growth"] is None


def test_lower_is_better_with_compound_growth(tmp_path):
    # ≤ 5 by 2025 from 10 in 2020 → direction down. expected 2022 = 10 + (5 − 10) × 2/5 = 8; 8 ≤ 8 → met.
    # cagr: g = (8/10)^(1/2) − 1; P = 8 × 0.8^(3/2) = 5.724334…; r = (5.724334 − 10)/(5 − 10) = 0.855133…
    # → needs_acceleration; required = (5/8)^(1/3) − 1 = −0.145012…
    ind = indicator(baseline=(2020, 10), targets={2025: 5}, comparator="<=")
    out = assess_one(tmp_path, ind, {2022: 8}, 2022)
    assert out["year_status"] == "met" and out["method"] == "cagr"
    assert out["projected"] == pytest.approx(8 * 0.8 ** 1.5, rel=1e-12)
    assert out["progress_ratio"] == pytest.approx((8 * 0.8 ** 1.5 - 10) / (5 - 10), rel=1e-12)
    assert out["outlook"] == "needs_acceleration"
    assert out["required_annual_growth"] == pytest.approx((5 / 8) ** (1 / 3) - 1, rel=1e-12)


@pytest.mark.parametrize(("unit", "method"), [
    ("‰", "cagr"), ("万件", "cagr"), ("亿元", "cagr"), ("百分点", "cagr"),  # not `%` or `分`
    ("％", "linear"), (" % ", "linear"), ("分", "linear"),                # `%` written full-width or spaced
])
def test_units_written_differently(tmp_path, unit, method):
    # start 2020: 1, latest 2022: 1.2, final 2025: 2.
    # cagr: P = 1.2 × 1.2^(3/2) = 1.2^2.5 = 1.577440…, r = 0.577440… → off_track
    # linear: P = 1.2 + 0.2/2 × 3 = 1.5, r = 0.5/1 = 0.5 → off_track
    out = assess_one(tmp_path, indicator(unit=unit, baseline=(2020, 1), targets={2025: 2}), {2022: 1.2}, 2022)
    assert out["method"] == method
    projected = 1.2 ** 2.5 if method == "cagr" else 1.5
    assert out["projected"] == pytest.approx(projected, rel=1e-12)
    assert out["progress_ratio"] == pytest.approx(projected - 1, rel=1e-12)
    assert out["outlook"] == "off_track"
    assert (out["required_annual_growth"] is None) == (method == "linear")


def test_a_final_target_equal_to_a_latest_value_is_achieved_without_a_start(tmp_path):
    # target 5 = value 5 → "already meets T" (≥) → achieved, ratio 1; steps 4–8 not reached → null
    out = assess_one(tmp_path, indicator(baseline=(2020, 5), targets={2025: 5}), {2022: 5}, 2022)
    assert (out["outlook"], out["progress_ratio"]) == ("achieved", 1)
    assert out["start"] is None and out["method"] is None and out["projected"] is None


def test_an_as_of_before_every_observation_is_no_data(tmp_path):
    # no observation for 2019 → value null → no_data; expected not reached (null); outlook insufficient_data
    out = assess_one(tmp_path, indicator(baseline=(2020, 5), targets={2025: 9}), {2022: 5}, 2019)
    assert (out["as_of"], out["value"], out["expected"]) == (2019, None, None)
    assert (out["year_status"], out["outlook"]) == ("no_data", "insufficient_data")
    assert (out["final_year"], out["final_target"]) == (2025, 9)


def test_an_as_of_written_2022_0_is_the_year_2022(tmp_path):
    # expected 2022 = 5 + (9 − 5) × 2/5 = 6.6; 6 ≥ 0.9 × 6.6 = 5.94 → near
    out = assess_one(tmp_path, indicator(baseline=(2020, 5), targets={2025: 9}), {2022: 6}, 2022.0)
    assert out["as_of"] == 2022 and isinstance(out["as_of"], int)
    assert (out["expected"], out["year_status"]) == (6.6, "near")


def test_kind_average_against_a_reference_only(tmp_path):
    # no numeric target, reference 2022: 3; mean(2, 3.5) = 2.75; 2.75 < 3, 2.75 ≥ 0.9 × 3 = 2.7 → near;
    # lens 2: no target → no_target, every outlook field null
    ind = indicator(unit="%", tags=AVG, reference=[{"year": 2022, "value": 3}])
    out = assess_one(tmp_path, ind, {2021: 2, 2022: 3.5})
    assert (out["value"], out["expected"], out["year_status"]) == (2.75, 3, "near")
    assert out["outlook"] == "no_target"
    assert all(out[k] is None for k in ("final_year", "final_target", "method", "projected", "progress_ratio"))


def test_kind_average_lower_is_better(tmp_path):
    # ≤ 3 by 2025; mean(4, 3) = 3.5 > 3 and > 1.1 × 3 = 3.3 → behind; P = 3.5 (mean);
    # r = T / P = 3 / 3.5 = 0.857142… → needs_acceleration
    ind = indicator(unit="%", targets={2025: 3}, comparator="<=", tags=AVG)
    out = assess_one(tmp_path, ind, {2021: 4, 2022: 3})
    assert (out["value"], out["year_status"], out["method"], out["projected"]) == (3.5, "behind", "mean", 3.5)
    assert out["progress_ratio"] == pytest.approx(3 / 3.5, rel=1e-15)
    assert out["outlook"] == "needs_acceleration"


def test_kind_average_as_of_after_the_last_observation_keeps_the_mean(tmp_path):
    # "the mean of the observations up to and including as_of": 2024 has none, the mean of 2021–2022
    # is still the value: mean(2, 4) = 3 ≥ target 3 → met; t_L = 2024 < t_T = 2025 → not yet achieved:
    # r = 3 / 3 = 1 → on_track
    out = assess_one(tmp_path, indicator(unit="%", targets={2025: 3}, tags=AVG), {2021: 2, 2022: 4}, 2024)
    assert (out["value"], out["year_status"], out["outlook"], out["progress_ratio"]) == (3, "met", "on_track", 1)


def test_negative_values_interpolate_and_project_in_a_straight_line(tmp_path):
    # anchors 2020: −2, 2025: 1 → expected 2022 = −2 + 3 × 2/5 = −0.8; −1 < −0.8 and −1 < 0.9 × −0.8 = −0.72
    # → behind (the spec's line as written); linear: P = −1 + (−1 + 2)/2 × 3 = 0.5;
    # r = (0.5 + 2)/(1 + 2) = 0.8333… → needs_acceleration
    out = assess_one(tmp_path, indicator(unit="%", baseline=(2020, -2), targets={2025: 1}), {2022: -1})
    assert (out["expected"], out["year_status"], out["method"], out["projected"]) == (-0.8, "behind", "linear", 0.5)
    assert out["progress_ratio"] == pytest.approx(2.5 / 3, rel=1e-15)
    assert out["outlook"] == "needs_acceleration"


def test_a_baseline_after_the_judged_year(tmp_path):
    # baseline 2025: 9, target 2026: 10, judged 2022. Lens 1: the anchors are 2025 and 2026; 2022 is
    # before the first → no expected → no_target. Lens 2: the baseline is not before t_L, so the start
    # is the earliest observation before 2022 (2021: 5): cagr g = 6/5 − 1 = 0.2,
    # P = 6 × 1.2^4 = 12.4416, r = (12.4416 − 5)/(10 − 5) = 1.48832 → on_track
    out = assess_one(tmp_path, indicator(baseline=(2025, 9), targets={2026: 10}), {2021: 5, 2022: 6})
    assert (out["expected"], out["year_status"]) == (None, "no_target")
    assert out["start"] == {"year": 2021, "value": 5}
    assert out["projected"] == pytest.approx(12.4416, rel=1e-12)
    assert out["progress_ratio"] == pytest.approx(1.48832, rel=1e-12) and out["outlook"] == "on_track"


def test_without_a_baseline_the_earliest_observation_is_an_anchor_among_the_targets(tmp_path):
    # NOTES.md (second pass): anchors = start + every target, by year. No baseline → start = 2023: 6
    # (the earliest observation), targets 2022: 5 and 2025: 10. 2024 lies between 2023 and 2025:
    # expected = 6 + (10 − 6) × 1/2 = 8; 7 < 8 and 7 < 0.9 × 8 = 7.2 → behind.
    # lens 2: start 2023: 6, cagr g = 7/6 − 1, P = 7 × 7/6 = 8.1666…, r = (8.1666… − 6)/(10 − 6) = 0.541666…
    out = assess_one(tmp_path, indicator(targets={2022: 5, 2025: 10}), {2023: 6, 2024: 7}, 2024)
    assert (out["expected"], out["year_status"]) == (8, "behind")
    assert out["progress_ratio"] == pytest.approx((7 * 7 / 6 - 6) / 4, rel=1e-12)
    assert out["outlook"] == "off_track"


def test_a_target_written_with_equals_is_higher_is_better(tmp_path):
    # comparator "=" alone → direction up (no "<="). 6 ≥ 5 → achieved; lens 1: no baseline, the
    # earliest observation (2022) is the first anchor and 2022 is at it → no expected → no_target
    out = assess_one(tmp_path, indicator(targets={2025: 5}, comparator="="), {2022: 6})
    assert (out["year_status"], out["outlook"], out["progress_ratio"]) == ("no_target", "achieved", 1)


def test_targets_only_for_some_years_the_year_between_two_targets(tmp_path):
    # baseline 2020: 100, targets 2022: 120, 2025: 150 (none for 2023, 2024). expected 2024 =
    # 120 + (150 − 120) × 2/3 = 140; 126 ≥ 0.9 × 140 = 126 → near (on the line exactly)
    ind = indicator(baseline=(2020, 100), targets={2022: 120, 2025: 150})
    out = assess_one(tmp_path, ind, {2024: 126}, 2024)
    assert (out["expected"], out["year_status"]) == (140, "near")


def test_the_final_year_itself_judged(tmp_path):
    # t_L = t_T = 2025, 140 < 150: lens 1 expected = the target 150; 140 ≥ 135 → near.
    # lens 2: start 2020: 100, cagr: P = 140 × (1 + g)^0 = 140; r = (140 − 100)/(150 − 100) = 0.8
    # → needs_acceleration; required growth: t_T > t_L fails → null
    ind = indicator(baseline=(2020, 100), targets={2022: 120, 2025: 150})
    out = assess_one(tmp_path, ind, {2025: 140})
    assert (out["expected"], out["year_status"], out["projected"]) == (150, "near", 140)
    assert out["progress_ratio"] == pytest.approx(0.8, rel=1e-12) and out["outlook"] == "needs_acceleration"
    assert out["required_annual_growth"] is None


def test_cases_keep_their_order_and_each_is_judged_alone(tmp_path):
    # three cases in one file: the results come back in the same order, the same as one by one
    cases = [
        {"indicator": indicator(targets={2024: 10}), "observations": [{"year": 2024, "value": 10}]},
        {"indicator": indicator(targets={2024: 10}), "observations": [{"year": 2024, "value": 9}]},
        {"indicator": indicator(targets={2024: 10}), "observations": [{"year": 2024, "value": 8}]},
    ]
    assert [r["year_status"] for r in assess_all(tmp_path, cases)] == ["met", "near", "behind"]


def test_an_empty_list_of_cases_prints_an_empty_list(tmp_path):
    assert assess_all(tmp_path, []) == []


def test_every_output_number_is_a_finite_json_number_and_every_key_is_present(tmp_path):
    # the output object has exactly the spec's twelve keys (no threshold changed), null where a field
    # does not apply; start is {year, value}
    out = assess_one(tmp_path, indicator(baseline=(2020, 9.54), targets={2026: 14}), {2024: 10.6}, 2024)
    assert list(out) == ["as_of", "value", "expected", "year_status", "final_year", "final_target", "start",
                         "method", "projected", "progress_ratio", "outlook", "required_annual_growth"]
    assert list(out["start"]) == ["year", "value"]
    assert all(isinstance(v, (int, float)) and math.isfinite(v) for v in
               (out["projected"], out["progress_ratio"], out["required_annual_growth"]))


@pytest.mark.parametrize(("cases", "position", "field"), [
    ([{"indicator": {}}, {"observations": []}], "case 2 (index 1)", "indicator"),
    ([{"indicator": {"targets": [{"year": 2025, "value": "5"}]}}], "case 1 (index 0)", "indicator.targets[0].value"),
    ([{"indicator": {}, "as_of": True}], "case 1 (index 0)", "as_of"),
    ([{"indicator": {}, "observations": [{"year": 2020, "value": 1}, {"year": 2020, "value": 2}]}],
     "case 1 (index 0)", "observations[1].year"),
    ([{"indicator": {"direction": "sideways"}}], "case 1 (index 0)", "indicator.direction"),
    ([{"indicator": {"targets": [{"year": 2025, "value": 5, "comparator": "<"}]}}], "case 1 (index 0)",
     "indicator.targets[0].comparator"),
    ([{"indicator": {}, "observations": [{"year": 2020, "value": None}]}], "case 1 (index 0)",
     "observations[0].value"),
])
def test_a_malformed_case_is_one_line_naming_its_position(tmp_path, cases, position, field):
    result = run_assess(tmp_path, json.dumps(cases))
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and position in lines[0] and field in lines[0]


def test_changed_thresholds_are_applied_exactly_on_their_lines_and_shown(tmp_path):
    # --near 0.8: 8 ≥ 0.8 × 10 = 8 → near. --on-track 0.9: unit %, start 2020: 1, latest 2022: 1.9,
    # final 2024: 3: P = 1.9 + 0.9/2 × 2 = 2.8, r = 1.8 / 2 = 0.9 → on_track; --acceleration 0.5 is
    # not reached. Each changed threshold is shown beside the verdict, the unchanged ones are not.
    near = assess_one(tmp_path, indicator(targets={2024: 10}), {2024: 8}, 2024, "--near", "0.8")
    assert near["year_status"] == "near" and near["thresholds"] == {"near": 0.8}
    ind = indicator(unit="%", baseline=(2020, 1), targets={2024: 3})
    out = assess_one(tmp_path, ind, {2022: 1.9}, 2022, "--on-track", "0.9", "--acceleration", "0.5")
    assert (out["projected"], out["progress_ratio"], out["outlook"]) == (2.8, 0.9, "on_track")
    assert out["thresholds"] == {"on_track": 0.9, "acceleration": 0.5}


@pytest.mark.parametrize(("tags", "value"), [
    (["累计值", "约束性"], 4),   # not 年均值 → kind level: the value of 2022 itself
    (["预期性", "年均值"], 3),   # 年均值 among other tags → kind average: mean(2, 4) = 3
    ([], 4),
])
def test_only_the_tag_年均值_makes_an_average(tmp_path, tags, value):
    # a plan-format indicator as the plan format writes it (name, source… are accepted and not used)
    ind = {"name": "专利转化运用项目数", "unit": "项", "baseline": None, "targets": [{"year": 2025, "value": 5,
           "comparator": ">="}], "qualitative_target": None, "tags": tags, "source": "table"}
    out = assess_one(tmp_path, ind, {2021: 2, 2022: 4})
    assert out["value"] == value


@pytest.mark.parametrize(("start", "latest", "final_year"), [
    ((2021, 5), (2022, 6), 2026),      # g = 0.2 → P = 6 × 1.2^4 = 12.4416
    ((2020, 10), (2022, 8), 2025),     # lower is better: P = 8 × 0.8^1.5
    ((2020, 1), (2022, 1.2), 2025),
])
def test_the_compound_projection_is_the_spec_formula_evaluated_as_written(tmp_path, start, latest, final_year):
    # step 5: g = (v_L / v_S)^(1 / (t_L − t_S)) − 1, P = v_L × (1 + g)^(t_T − t_L): a grader recomputing
    # the verdict by that formula gets the same float, to the last digit (12.4416, not 12.441600000000001)
    (t_s, v_s), (t_l, v_l) = start, latest
    target = 100 if v_l > v_s else 1
    ind = indicator(baseline=start, targets={final_year: target}, comparator=">=" if v_l > v_s else "<=")
    out = assess_one(tmp_path, ind, {t_l: v_l}, t_l)
    growth = (v_l / v_s) ** (1 / (t_l - t_s)) - 1
    assert out["method"] == "cagr" and out["projected"] == v_l * (1 + growth) ** (final_year - t_l)


@pytest.mark.parametrize(("targets", "comparator", "observations", "year"), [
    # anchors 2018: 0 (the earliest observation) and 2027: 10 → expected 2025 = 10 × 7/9 = 70/9 = 7.777…;
    # 0.9 × 70/9 = 7 exactly; the value is 7 → near (on the line)
    ({2027: 10}, ">=", {2018: 0, 2022: 0, 2023: 1, 2025: 7}, 2025),
    # anchors 2020: 0 and 2023: 100 → expected 2021 = 100/3 = 33.333…; 0.9 × 100/3 = 30; value 30 → near
    ({2023: 100}, ">=", {2020: 0, 2021: 30}, 2021),
    # lower is better: anchors 2019: 0 and 2030: 1 (≤) → expected 2029 = 10/11 = 0.9090…;
    # 1.1 × 10/11 = 1; value 1 → near
    ({2030: 1}, "<=", {2019: 0, 2029: 1}, 2029),
])
def test_near_on_the_line_of_an_interpolated_expectation_that_has_no_finite_decimal(tmp_path, targets, comparator,
                                                                                      observations, year):
    # The expectation is a fraction with no finite decimal, but the near line (0.9 or 1.1 times it) is a
    # plain number: worked by hand the value is exactly on it. Rounded to a float first, the line moves
    # a hair above it (30.000000000000004) and the value would be "behind".
    out = assess_one(tmp_path, indicator(targets=targets, comparator=comparator), observations, year)
    assert out["year_status"] == "near"


@pytest.mark.parametrize("seed", [7, 11])
def test_a_second_reading_of_the_spec_agrees_on_random_cases(tmp_path, seed):
    # progress_oracle.py is the method written again from the spec's text alone; 1,500 random cases
    # (bases, anchors, directions, units, kinds, references, as_of anywhere) through the command
    # must agree on every field (numbers to 1e-12 relative; the compound steps are the spec's floats)
    import random

    from .progress_oracle import random_case, verdict

    rng = random.Random(seed)
    cases = [random_case(rng) for _ in range(1500)]
    results = assess_all(tmp_path, cases)
    for case, got in zip(cases, results, strict=True):
        expected = verdict(case["indicator"], case["observations"], case.get("as_of"))
        for key, want in expected.items():
            if isinstance(want, float) and isinstance(got[key], (int, float)):
                assert got[key] == pytest.approx(want, rel=1e-12, abs=1e-12), (key, case)
            else:
                assert got[key] == want, (key, case)

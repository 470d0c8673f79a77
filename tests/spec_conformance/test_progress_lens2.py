"""progress-method.md, Lens 2 ("outlook"), Output and Command, sentence by sentence, through the CLI.

Expected numbers are the spec's formulas written out by hand for each case.
"""

from __future__ import annotations

import json

import pytest

from .progress_cli import assess_all, assess_one, indicator, run_assess

AVG = ("年均值",)
SPEC_KEYS = {"as_of", "value", "expected", "year_status", "final_year", "final_target", "start", "method",
             "projected", "progress_ratio", "outlook", "required_annual_growth"}


def test_the_spec_example_end_to_end(tmp_path):
    ind = indicator(baseline=(2023, 9.54), targets={2024: 10.5, 2025: 12, 2026: 14})
    out = assess_one(tmp_path, ind, {2023: 9.54, 2024: 10.6}, 2024)
    assert set(out) == SPEC_KEYS
    projected = 10.6 * (10.6 / 9.54) ** 2  # g = 10.6/9.54 − 1 over one year, two years to go
    assert out == {
        "as_of": 2024, "value": 10.6, "expected": 10.5, "year_status": "met",
        "final_year": 2026, "final_target": 14, "start": {"year": 2023, "value": 9.54},
        "method": "cagr", "projected": pytest.approx(projected, rel=1e-9),
        "progress_ratio": pytest.approx((projected - 9.54) / (14 - 9.54), rel=1e-9),
        "outlook": "needs_acceleration",
        "required_annual_growth": pytest.approx((14 / 10.6) ** 0.5 - 1, rel=1e-9),
    }
    assert round(out["projected"], 4) == 13.0864 and round(out["required_annual_growth"], 4) == 0.1492


# ---- Steps 1-2: final target, latest ------------------------------------------------------------

def test_final_target_is_the_target_with_the_latest_year_in_any_order(tmp_path):
    ind = indicator(baseline=(2020, 1), targets={2026: 14, 2024: 10.5, 2025: 12})
    out = assess_one(tmp_path, ind, {2024: 5}, 2024)
    assert (out["final_year"], out["final_target"]) == (2026, 14)


def test_no_target_gives_outlook_no_target(tmp_path):
    out = assess_one(tmp_path, indicator(targets={}), {2023: 1, 2024: 2}, 2024)
    assert out["outlook"] == "no_target" and out["final_year"] is None and out["final_target"] is None
    assert out["progress_ratio"] is None and out["projected"] is None and out["method"] is None


def test_no_latest_value_gives_insufficient_data(tmp_path):
    out = assess_one(tmp_path, indicator(baseline=(2020, 1), targets={2025: 10}), {2022: 3}, 2024)
    assert out["outlook"] == "insufficient_data" and out["final_target"] == 10


# ---- Step 3: achieved (level) -----------------------------------------------------------------

def test_level_already_meeting_the_final_target_is_achieved_with_ratio_1(tmp_path):
    out = assess_one(tmp_path, indicator(baseline=(2020, 1), targets={2026: 14}), {2024: 14}, 2024)
    assert out["outlook"] == "achieved" and out["progress_ratio"] == 1


def test_level_down_meeting_the_final_target_is_achieved(tmp_path):
    ind = indicator(baseline=(2020, 9), targets={2026: 5}, comparator="<=")
    out = assess_one(tmp_path, ind, {2024: 4.5}, 2024)
    assert out["outlook"] == "achieved" and out["progress_ratio"] == 1


def test_achieved_needs_no_start(tmp_path):
    out = assess_one(tmp_path, indicator(targets={2026: 14}), {2024: 20}, 2024)
    assert out["outlook"] == "achieved"


# ---- Step 4: start --------------------------------------------------------------------------

def test_start_is_the_baseline_when_its_year_is_before_t_l(tmp_path):
    out = assess_one(tmp_path, indicator(baseline=(2021, 40), targets={2026: 100}), {2019: 30, 2023: 50}, 2023)
    assert out["start"] == {"year": 2021, "value": 40}


def test_start_is_the_earliest_observation_before_t_l_when_the_baseline_is_not_before(tmp_path):
    # baseline 2023 is not before t_L = 2022 → earliest observation before 2022: 2021: 40
    ind = indicator(baseline=(2023, 50), targets={2026: 100})
    out = assess_one(tmp_path, ind, {2021: 40, 2022: 45}, 2022)
    assert out["start"] == {"year": 2021, "value": 40}
    growth = 45 / 40 - 1
    projected = 45 * (1 + growth) ** 4
    assert out["method"] == "cagr" and out["projected"] == pytest.approx(projected, rel=1e-9)
    assert out["progress_ratio"] == pytest.approx((projected - 40) / (100 - 40), rel=1e-9)


def test_start_with_baseline_in_the_same_year_as_t_l_is_not_the_baseline(tmp_path):
    ind = indicator(baseline=(2022, 50), targets={2026: 100})
    out = assess_one(tmp_path, ind, {2020: 44, 2022: 45}, 2022)
    assert out["start"] == {"year": 2020, "value": 44}


def test_level_without_start_is_insufficient_data(tmp_path):
    out = assess_one(tmp_path, indicator(targets={2026: 100}), {2024: 50}, 2024)
    assert out["outlook"] == "insufficient_data" and out["start"] is None and out["progress_ratio"] is None


def test_observations_after_t_l_are_never_the_start(tmp_path):
    out = assess_one(tmp_path, indicator(targets={2026: 100}), {2024: 50, 2025: 60}, 2024)
    assert out["outlook"] == "insufficient_data"


# ---- Step 5: projection ----------------------------------------------------------------------

def test_cagr_for_positive_values_and_a_count_unit(tmp_path):
    # start 2020: 100, latest 2023: 133.1 → g = 1.331^(1/3) − 1 = 0.1; P = 133.1 × 1.1² = 161.051
    out = assess_one(tmp_path, indicator(baseline=(2020, 100), targets={2025: 200}), {2023: 133.1}, 2023)
    assert out["method"] == "cagr"
    assert out["projected"] == pytest.approx(161.051, rel=1e-9)
    assert out["progress_ratio"] == pytest.approx(61.051 / 100, rel=1e-9)
    assert out["outlook"] == "needs_acceleration"
    assert out["required_annual_growth"] == pytest.approx((200 / 133.1) ** 0.5 - 1, rel=1e-9)


@pytest.mark.parametrize("unit", ["%", "分"])
def test_linear_for_percent_and_score_units(tmp_path, unit):
    # P = 60 + (60 − 50) / 2 × 3 = 75; r = (75 − 50) / (80 − 50) = 0.8333
    out = assess_one(tmp_path, indicator(unit=unit, baseline=(2020, 50), targets={2025: 80}), {2022: 60}, 2022)
    assert out["method"] == "linear" and out["projected"] == pytest.approx(75)
    assert out["progress_ratio"] == pytest.approx(25 / 30) and out["outlook"] == "needs_acceleration"
    assert out["required_annual_growth"] is None


def test_linear_when_the_start_is_not_positive(tmp_path):
    # v_S = 0: P = 4 + (4 − 0) / 2 × 2 = 8; r = 8 / 10 = 0.8
    out = assess_one(tmp_path, indicator(baseline=(2020, 0), targets={2024: 10}), {2022: 4}, 2022)
    assert out["method"] == "linear" and out["projected"] == pytest.approx(8)
    assert out["progress_ratio"] == pytest.approx(0.8) and out["required_annual_growth"] is None


def test_linear_when_the_latest_value_is_negative(tmp_path):
    # v_L = −2, v_S = 2: P = −2 + (−4)/2 × 2 = −6; r = (−6 − 2)/(10 − 2) = −1 → regressing
    out = assess_one(tmp_path, indicator(unit="亿元", baseline=(2020, 2), targets={2024: 10}), {2022: -2}, 2022)
    assert out["method"] == "linear" and out["projected"] == pytest.approx(-6)
    assert out["progress_ratio"] == pytest.approx(-1) and out["outlook"] == "regressing"


def test_unit_none_is_not_percent_so_cagr(tmp_path):
    out = assess_one(tmp_path, indicator(unit=None, baseline=(2020, 1), targets={2024: 16}), {2022: 4}, 2022)
    assert out["method"] == "cagr" and out["projected"] == pytest.approx(16)  # doubling a year


# ---- Step 6-7: progress ratio and outlook ------------------------------------------------------

@pytest.mark.parametrize(("latest", "outlook"), [
    (69.0, "on_track"),      # P = 69 + 9.5 × 2 = 88;  r = 38 / 40 = 0.95
    (65.0, "needs_acceleration"),  # P = 65 + 7.5 × 2 = 80; r = 30 / 40 = 0.75
    (58.0, "off_track"),     # P = 58 + 4 × 2 = 66;    r = 16 / 40 = 0.4
    (50.0, "off_track"),     # P = 50;                r = 0
    (45.0, "regressing"),    # P = 45 − 2.5 × 2 = 40;  r = −10 / 40 < 0
])
def test_outlook_thresholds_095_060_0(tmp_path, latest, outlook):
    ind = indicator(unit="%", baseline=(2020, 50), targets={2024: 90})
    assert assess_one(tmp_path, ind, {2022: latest}, 2022)["outlook"] == outlook


def test_ratio_exactly_060_needs_acceleration(tmp_path):
    # P = 62 + 6 × 2 = 74; r = 24 / 40 = 0.6
    ind = indicator(unit="%", baseline=(2020, 50), targets={2024: 90})
    out = assess_one(tmp_path, ind, {2022: 62}, 2022)
    assert out["progress_ratio"] == pytest.approx(0.6) and out["outlook"] == "needs_acceleration"


def test_level_down_ratio(tmp_path):
    # start 8, latest 5.4 two... P = 5.4 + (5.4 − 8)/4 × 1 = 4.75; r = (4.75 − 8)/(5 − 8) = 1.0833
    ind = indicator(unit="%", baseline=(2020, 8), targets={2025: 5}, comparator="<=")
    out = assess_one(tmp_path, ind, {2024: 5.4}, 2024)
    assert out["projected"] == pytest.approx(4.75)
    assert out["progress_ratio"] == pytest.approx(3.25 / 3) and out["outlook"] == "on_track"


def test_regressing_when_the_start_already_met_the_target(tmp_path):
    # v_S = 20 ≥ T = 15 but v_L = 12 < 15: fallen back from the target → regressing, ratio null
    ind = indicator(baseline=(2020, 20), targets={2025: 15})
    out = assess_one(tmp_path, ind, {2023: 12}, 2023)
    assert out["outlook"] == "regressing" and out["progress_ratio"] is None
    assert out["method"] == "cagr" and out["projected"] == pytest.approx(12 * (12 / 20) ** (2 / 3), rel=1e-9)


def test_regressing_when_the_start_equals_the_target(tmp_path):
    ind = indicator(unit="%", baseline=(2020, 15), targets={2025: 15})
    out = assess_one(tmp_path, ind, {2023: 12}, 2023)
    assert out["outlook"] == "regressing" and out["progress_ratio"] is None


def test_regressing_down_when_the_start_already_met_the_target(tmp_path):
    ind = indicator(unit="%", baseline=(2020, 4), targets={2025: 5}, comparator="<=")
    out = assess_one(tmp_path, ind, {2023: 6}, 2023)
    assert out["outlook"] == "regressing" and out["progress_ratio"] is None


def test_custom_outlook_thresholds(tmp_path):
    # r = 0.75 (see above): on_track with --on-track 0.7; off_track with --acceleration 0.8
    ind = indicator(unit="%", baseline=(2020, 50), targets={2024: 90})
    assert assess_one(tmp_path, ind, {2022: 65}, 2022, "--on-track", "0.7")["outlook"] == "on_track"
    assert assess_one(tmp_path, ind, {2022: 65}, 2022, "--acceleration", "0.8")["outlook"] == "off_track"


def test_a_changed_threshold_is_shown_beside_the_verdict(tmp_path):
    ind = indicator(unit="%", baseline=(2020, 50), targets={2024: 90})
    out = assess_one(tmp_path, ind, {2022: 65}, 2022, "--on-track", "0.7", "--near", "0.85")
    assert out["thresholds"] == {"on_track": 0.7, "near": 0.85}
    assert "thresholds" not in assess_one(tmp_path, ind, {2022: 65}, 2022)  # defaults: the spec's object


# ---- Step 8: required annual growth -----------------------------------------------------------

def test_required_annual_growth_is_null_when_the_final_year_has_passed(tmp_path):
    # t_T = 2022 < t_L = 2024: P = 19 × (19/10)^(−2/4); r = (P − 10) / 10 → off_track
    ind = indicator(baseline=(2020, 10), targets={2022: 20})
    out = assess_one(tmp_path, ind, {2024: 19}, 2024)
    projected = 19 * (19 / 10) ** (-0.5)
    assert out["method"] == "cagr" and out["projected"] == pytest.approx(projected, rel=1e-9)
    assert out["progress_ratio"] == pytest.approx((projected - 10) / 10, rel=1e-9)
    assert out["outlook"] == "off_track" and out["required_annual_growth"] is None


def test_required_annual_growth_is_null_for_kind_average(tmp_path):
    ind = indicator(unit="件", targets={2026: 10}, tags=AVG)
    assert assess_one(tmp_path, ind, {2022: 4, 2023: 6}, 2023)["required_annual_growth"] is None


# ---- Kind average -----------------------------------------------------------------------------

def test_average_up_ratio_is_mean_over_target(tmp_path):
    # mean(8, 12) = 10 persists: P = 10, r = 10 / 12 = 0.8333 → needs_acceleration
    ind = indicator(unit="%", targets={2025: 12}, tags=AVG)
    out = assess_one(tmp_path, ind, {2021: 8, 2022: 12}, 2022)
    assert out["method"] == "mean" and out["projected"] == pytest.approx(10)
    assert out["progress_ratio"] == pytest.approx(10 / 12) and out["outlook"] == "needs_acceleration"


def test_average_down_ratio_is_target_over_mean(tmp_path):
    # mean(5, 3) = 4; r = T / P = 3.6 / 4 = 0.9 → needs_acceleration
    ind = indicator(unit="%", targets={2025: 3.6}, comparator="<=", tags=AVG)
    out = assess_one(tmp_path, ind, {2021: 5, 2022: 3}, 2022)
    assert out["progress_ratio"] == pytest.approx(0.9) and out["outlook"] == "needs_acceleration"


def test_average_down_with_a_zero_mean_has_ratio_0(tmp_path):
    ind = indicator(unit="%", targets={2025: 4}, comparator="<=", tags=AVG)
    out = assess_one(tmp_path, ind, {2021: 0, 2022: 0}, 2022)
    assert out["projected"] == 0 and out["progress_ratio"] == 0 and out["outlook"] == "off_track"


def test_average_needs_no_start(tmp_path):
    ind = indicator(unit="%", targets={2025: 10}, tags=AVG)
    out = assess_one(tmp_path, ind, {2022: 11}, 2022)
    assert out["outlook"] == "on_track" and out["progress_ratio"] == pytest.approx(1.1)


def test_average_at_or_after_the_final_year_meeting_the_target_is_achieved(tmp_path):
    ind = indicator(unit="%", targets={2022: 10}, tags=AVG)
    assert assess_one(tmp_path, ind, {2021: 9, 2022: 12}, 2022)["outlook"] == "achieved"  # mean 10.5
    assert assess_one(tmp_path, ind, {2021: 9, 2023: 12}, 2023)["outlook"] == "achieved"  # t_L > t_T


def test_average_before_the_final_year_meeting_the_target_is_not_achieved(tmp_path):
    ind = indicator(unit="%", targets={2025: 10}, tags=AVG)
    out = assess_one(tmp_path, ind, {2021: 9, 2022: 12}, 2022)
    assert out["outlook"] == "on_track" and out["progress_ratio"] == pytest.approx(1.05)


def test_average_at_the_final_year_not_meeting_the_target_follows_the_ratio(tmp_path):
    # mean 9.5 at t_T: r = 0.95 → on_track (not achieved)
    ind = indicator(unit="%", targets={2022: 10}, tags=AVG)
    out = assess_one(tmp_path, ind, {2021: 9, 2022: 10}, 2022)
    assert out["outlook"] == "on_track" and out["progress_ratio"] == pytest.approx(0.95)


# ---- Output and Command -----------------------------------------------------------------------

def test_output_is_one_object_per_case_in_order_with_the_spec_keys(tmp_path):
    cases = [{"indicator": indicator(targets={2025: v}), "observations": [{"year": 2024, "value": 1}]}
             for v in (1, 2, 3)]
    out = assess_all(tmp_path, cases)
    assert [o["final_target"] for o in out] == [1, 2, 3]
    assert all(set(o) == SPEC_KEYS for o in out)


def test_numbers_are_not_rounded(tmp_path):
    # 1 + (2 − 1) × 1/3 = 1.333…: the full float, not 1.3333
    out = assess_one(tmp_path, indicator(baseline=(2020, 1), targets={2023: 2}), {2021: 1}, 2021)
    assert out["expected"] == pytest.approx(4 / 3, rel=1e-12)


def test_a_malformed_case_is_one_line_naming_its_position_and_exit_2(tmp_path):
    good = {"indicator": indicator(targets={2025: 1}), "observations": []}
    bad = {"indicator": indicator(targets={2025: 1}), "observations": [{"year": "二〇二四", "value": 1}]}
    result = run_assess(tmp_path, [good, good, bad])
    assert result.exit_code == 2 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "case 3" in lines[0]


def test_a_plan_format_baseline_without_a_year_is_accepted(tmp_path):
    # plan-format.schema.json allows {"year": null, "value": …}; without a year it can be
    # neither an anchor nor the start, so the earliest observation takes its place.
    ind = indicator(targets={2025: 200})
    ind["baseline"] = {"year": None, "value": 90}
    out = assess_one(tmp_path, ind, {2021: 100, 2023: 150}, 2023)
    assert out["expected"] == pytest.approx(150) and out["start"] == {"year": 2021, "value": 100}


def test_cases_file_round_trips_as_json(tmp_path):
    result = run_assess(tmp_path, [{"indicator": indicator(targets={2025: 1}), "observations": []}])
    assert result.exit_code == 0 and isinstance(json.loads(result.stdout), list)


def test_a_plan_format_target_without_a_year_only_tells_the_direction(tmp_path):
    # {"year": null} targets are valid plan format; "<=" still makes the direction down.
    ind = indicator(baseline=(2020, 10), targets={2025: 5}, comparator="<=")
    ind["targets"].append({"year": None, "value": 4, "comparator": "<="})
    out = assess_one(tmp_path, ind, {2024: 6}, 2024)
    # 10 + (5 − 10) × 4/5 = 6 → met (down); the undated target is not the final one
    assert out["expected"] == pytest.approx(6) and out["year_status"] == "met" and out["final_target"] == 5


def test_the_same_inputs_always_give_the_same_verdict(tmp_path):
    case = {"indicator": indicator(baseline=(2023, 9.54), targets={2024: 10.5, 2026: 14}),
            "observations": [{"year": 2024, "value": 10.6}, {"year": 2023, "value": 9.54}]}
    reordered = dict(case, observations=list(reversed(case["observations"])))
    first, second, third = assess_all(tmp_path, [case, case, reordered])
    assert first == second == third


def test_an_absurd_growth_still_gives_valid_json(tmp_path):
    # start 1e-300 → latest 1 in a year: the compound projection overflows; the output stays JSON
    case = {"indicator": indicator(targets={2030: 2}),
            "observations": [{"year": 2018, "value": 1e-300}, {"year": 2019, "value": 1.0}]}
    result = run_assess(tmp_path, [case])
    assert result.exit_code == 0 and "Infinity" not in result.stdout
    (out,) = json.loads(result.stdout)
    assert out["method"] == "cagr" and out["outlook"] == "on_track" and out["projected"] is None

"""progress-method.md, Inputs and Lens 1 ("this year"), sentence by sentence, through the CLI.

Every expected number is worked out by hand from the spec's text in the comment beside it.
"""

from __future__ import annotations

import pytest

from .progress_cli import assess_one, indicator

AVG = ("年均值",)


# ---- Inputs: direction ----------------------------------------------------------------------

def test_direction_defaults_to_down_when_any_target_is_an_upper_bound(tmp_path):
    # "default down when any target's comparator is <=": 11 vs expected 10 → met only if down? no:
    # down reads ≤ for ≥ — 9 ≤ 10 is met for down, while for up 9 ≥ 0.9×10 would be "near".
    ind = indicator(targets={2024: 10}, comparator="<=")
    assert assess_one(tmp_path, ind, {2024: 9})["year_status"] == "met"
    mixed = indicator(targets={2024: 10, 2025: 9})
    mixed["targets"][1]["comparator"] = "<="
    assert assess_one(tmp_path, mixed, {2024: 9})["year_status"] == "met"


def test_direction_defaults_to_up_otherwise(tmp_path):
    for comparator in (">=", "="):
        ind = indicator(targets={2024: 10}, comparator=comparator)
        assert assess_one(tmp_path, ind, {2024: 9})["year_status"] == "near"


def test_explicit_direction_overrides_the_comparators(tmp_path):
    down = indicator(targets={2024: 10}, direction="down")
    assert assess_one(tmp_path, down, {2024: 9})["year_status"] == "met"
    up = indicator(targets={2024: 10}, comparator="<=", direction="up")
    assert assess_one(tmp_path, up, {2024: 9})["year_status"] == "near"


# ---- Inputs: as_of ----------------------------------------------------------------------------

def test_as_of_defaults_to_the_latest_observed_year(tmp_path):
    out = assess_one(tmp_path, indicator(targets={2025: 10}), {2023: 4, 2021: 2, 2022: 3})
    assert out["as_of"] == 2023 and out["value"] == 4


def test_as_of_given_judges_that_year(tmp_path):
    out = assess_one(tmp_path, indicator(targets={2022: 3}), {2021: 2, 2022: 3, 2023: 4}, 2022)
    assert (out["as_of"], out["value"], out["expected"], out["year_status"]) == (2022, 3, 3, "met")


# ---- Kind -------------------------------------------------------------------------------------

def test_kind_level_uses_the_value_of_the_year_itself(tmp_path):
    out = assess_one(tmp_path, indicator(targets={2023: 10}), {2021: 100, 2022: 100, 2023: 9}, 2023)
    assert out["value"] == 9 and out["year_status"] == "near"


def test_kind_average_uses_the_mean_from_the_first_observed_year_to_as_of(tmp_path):
    # mean(8, 12, 13) = 11; the 2024 observation is after as_of and does not count.
    ind = indicator(unit="%", targets={2025: 10}, tags=AVG)
    out = assess_one(tmp_path, ind, {2021: 8, 2022: 12, 2023: 13, 2024: 100}, 2023)
    assert out["value"] == pytest.approx(11)


def test_kind_average_mean_skips_missing_years(tmp_path):
    # Observations 2020 and 2023 only: mean(4, 6) = 5 (a mean of the yearly values there are).
    ind = indicator(unit="%", targets={2025: 10}, tags=AVG)
    assert assess_one(tmp_path, ind, {2020: 4, 2023: 6}, 2023)["value"] == pytest.approx(5)


# ---- Step 1: value ----------------------------------------------------------------------------

def test_no_observation_for_as_of_is_no_data(tmp_path):
    out = assess_one(tmp_path, indicator(targets={2025: 10}), {2022: 5}, 2024)
    assert out["value"] is None and out["year_status"] == "no_data"


def test_no_observations_at_all_is_no_data(tmp_path):
    out = assess_one(tmp_path, indicator(targets={2025: 10}), {})
    assert out["value"] is None and out["year_status"] == "no_data" and out["as_of"] is None


def test_kind_average_with_no_observation_up_to_as_of_is_no_data(tmp_path):
    ind = indicator(unit="%", targets={2025: 10}, tags=AVG)
    assert assess_one(tmp_path, ind, {2024: 5}, 2023)["year_status"] == "no_data"


# ---- Step 2: expected -------------------------------------------------------------------------

def test_expected_is_the_target_for_that_year(tmp_path):
    out = assess_one(tmp_path, indicator(baseline=(2020, 1), targets={2022: 7, 2026: 50}), {2022: 7}, 2022)
    assert out["expected"] == 7


def test_expected_interpolates_from_the_baseline_to_the_first_target(tmp_path):
    # 100 + (200 − 100) × (2022 − 2020) / (2025 − 2020) = 140
    out = assess_one(tmp_path, indicator(baseline=(2020, 100), targets={2025: 200}), {2022: 130}, 2022)
    assert out["expected"] == pytest.approx(140)


def test_expected_interpolates_between_two_targets(tmp_path):
    # anchors 2022: 20 and 2026: 40 → 2024: 30
    ind = indicator(baseline=(2020, 10), targets={2022: 20, 2026: 40})
    assert assess_one(tmp_path, ind, {2024: 25}, 2024)["expected"] == pytest.approx(30)


def test_without_baseline_the_earliest_observation_is_the_start_anchor(tmp_path):
    # start 2021: 100 (earliest observation), target 2025: 200 → 2023: 150
    out = assess_one(tmp_path, indicator(targets={2025: 200}), {2021: 100, 2023: 150}, 2023)
    assert out["expected"] == pytest.approx(150) and out["year_status"] == "met"


def test_the_baseline_is_the_start_anchor_even_with_earlier_observations(tmp_path):
    # anchors 2020: 50 (baseline) and 2024: 90 → 2022: 70 (the 2018 observation is no anchor)
    ind = indicator(baseline=(2020, 50), targets={2024: 90})
    assert assess_one(tmp_path, ind, {2018: 0, 2022: 70}, 2022)["expected"] == pytest.approx(70)


def test_after_the_last_anchor_expected_is_the_last_target(tmp_path):
    ind = indicator(baseline=(2020, 10), targets={2021: 15, 2022: 20})
    assert assess_one(tmp_path, ind, {2024: 19}, 2024)["expected"] == 20


def test_at_the_first_anchor_there_is_no_expected_value(tmp_path):
    out = assess_one(tmp_path, indicator(baseline=(2020, 10), targets={2025: 20}), {2020: 10}, 2020)
    assert out["expected"] is None and out["year_status"] == "no_target"


def test_before_the_first_anchor_there_is_no_expected_value(tmp_path):
    out = assess_one(tmp_path, indicator(baseline=(2021, 10), targets={2025: 20}), {2019: 8}, 2019)
    assert out["expected"] is None and out["year_status"] == "no_target"


def test_at_the_earliest_observation_as_start_anchor_there_is_no_expected(tmp_path):
    out = assess_one(tmp_path, indicator(targets={2025: 20}), {2021: 10}, 2021)
    assert out["expected"] is None and out["year_status"] == "no_target"


def test_kind_average_expects_the_last_target_between_targets(tmp_path):
    # kind average: no target for 2023 → the last target (2025: 12), not a line from 2021: 8.
    ind = indicator(unit="%", baseline=(2020, 5), targets={2021: 8, 2025: 12}, tags=AVG)
    assert assess_one(tmp_path, ind, {2022: 11, 2023: 13}, 2023)["expected"] == 12


def test_kind_average_with_a_target_for_that_year_expects_it(tmp_path):
    ind = indicator(unit="%", targets={2023: 9, 2025: 12}, tags=AVG)
    assert assess_one(tmp_path, ind, {2023: 9}, 2023)["expected"] == 9


def test_reference_value_is_expected_without_a_numeric_target(tmp_path):
    ind = indicator(targets={}) | {"qualitative_target": "达到或接近全省平均水平",
                                   "reference": [{"year": 2023, "value": 40}, {"year": 2024, "value": 50}]}
    out = assess_one(tmp_path, ind, {2024: 46}, 2024)
    # 46 ≥ 0.9 × 50 = 45 → near
    assert out["expected"] == 50 and out["year_status"] == "near"


def test_reference_without_a_value_for_as_of_gives_no_target(tmp_path):
    ind = indicator(targets={}) | {"reference": [{"year": 2023, "value": 40}]}
    out = assess_one(tmp_path, ind, {2024: 46}, 2024)
    assert out["expected"] is None and out["year_status"] == "no_target"


def test_a_numeric_target_outranks_the_reference(tmp_path):
    ind = indicator(targets={2024: 10}) | {"reference": [{"year": 2024, "value": 50}]}
    assert assess_one(tmp_path, ind, {2024: 10}, 2024)["expected"] == 10


def test_no_target_and_no_reference_is_no_target(tmp_path):
    out = assess_one(tmp_path, indicator(targets={}), {2024: 3}, 2024)
    assert out["expected"] is None and out["year_status"] == "no_target"


# ---- Step 3: year status ----------------------------------------------------------------------

@pytest.mark.parametrize(("value", "status"), [(10.5, "met"), (10, "met"), (9, "near"), (9.5, "near"),
                                               (8.99, "behind"), (0, "behind")])
def test_year_status_up(tmp_path, value, status):
    # expected 10: met ≥ 10, near ≥ 0.9 × 10 = 9, behind otherwise
    assert assess_one(tmp_path, indicator(targets={2024: 10}), {2024: value}, 2024)["year_status"] == status


@pytest.mark.parametrize(("value", "status"), [(9, "met"), (10, "met"), (11, "near"), (10.5, "near"),
                                               (11.01, "behind"), (30, "behind")])
def test_year_status_down_reads_le_and_1_1(tmp_path, value, status):
    # expected 10, lower is better: met ≤ 10, near ≤ 1.1 × 10 = 11, behind otherwise
    ind = indicator(targets={2024: 10}, comparator="<=")
    assert assess_one(tmp_path, ind, {2024: value}, 2024)["year_status"] == status


def test_year_status_against_an_interpolated_expectation_down(tmp_path):
    # 8 + (5 − 8) × 4/5 = 5.6; 6.1 ≤ 1.1 × 5.6 = 6.16 → near; 6.2 → behind
    ind = indicator(unit="%", baseline=(2020, 8), targets={2025: 5}, comparator="<=")
    assert assess_one(tmp_path, ind, {2024: 5.4}, 2024)["year_status"] == "met"
    assert assess_one(tmp_path, ind, {2024: 6.1}, 2024)["year_status"] == "near"
    assert assess_one(tmp_path, ind, {2024: 6.2}, 2024)["year_status"] == "behind"


def test_custom_near_threshold_is_applied(tmp_path):
    # --near 0.8: 8.5 ≥ 0.8 × 10 is near (it is behind with the default 0.9)
    ind = indicator(targets={2024: 10})
    assert assess_one(tmp_path, ind, {2024: 8.5}, 2024)["year_status"] == "behind"
    assert assess_one(tmp_path, ind, {2024: 8.5}, 2024, "--near", "0.8")["year_status"] == "near"

"""The progress method on the spec's worked example and on edge cases read from its text."""

from __future__ import annotations

import json

import pytest

from ipcity.progress.inputs import MalformedInput
from ipcity.progress.method import SPEC_KEYS, Thresholds, assess, year_status

EXAMPLE = {
    "name": "每万人口高价值发明专利拥有量", "unit": "件", "baseline": {"year": 2023, "value": 9.54},
    "targets": [{"year": 2024, "value": 10.5, "comparator": ">="}, {"year": 2025, "value": 12, "comparator": ">="},
                {"year": 2026, "value": 14, "comparator": ">="}],
    "tags": [],
}


def obs(**years: float) -> list[dict]:
    return [{"year": int(y[1:]), "value": v} for y, v in years.items()]


def test_spec_worked_example_comes_out_exactly():
    out = assess(EXAMPLE, obs(y2024=10.6)).to_dict()
    assert list(out) == list(SPEC_KEYS)
    rounded = {k: (round(v, 4) if isinstance(v, float) else v) for k, v in out.items()}
    assert rounded == {
        "as_of": 2024, "value": 10.6, "expected": 10.5, "year_status": "met",
        "final_year": 2026, "final_target": 14, "start": {"year": 2023, "value": 9.54},
        "method": "cagr", "projected": 13.0864, "progress_ratio": 0.7952,
        "outlook": "needs_acceleration", "required_annual_growth": 0.1492,
    }
    json.dumps(out)  # plain JSON numbers


def test_no_data_for_the_year():
    out = assess(EXAMPLE, [], as_of=2024).to_dict()
    assert out["year_status"] == "no_data" and out["value"] is None and out["expected"] is None
    assert out["outlook"] == "insufficient_data" and out["final_target"] == 14 and out["final_year"] == 2026


def test_no_observation_at_all_and_no_as_of():
    out = assess(EXAMPLE, []).to_dict()
    assert out["as_of"] is None and out["year_status"] == "no_data" and out["outlook"] == "insufficient_data"


def test_no_target_at_all():
    out = assess({"unit": "件", "baseline": {"year": 2021, "value": 3}}, obs(y2023=5)).to_dict()
    assert out["year_status"] == "no_target" and out["outlook"] == "no_target"
    assert out["final_year"] is None and out["progress_ratio"] is None


def test_expected_between_anchors_is_the_straight_line():
    ind = {"unit": "件", "baseline": {"year": 2020, "value": 10}, "targets": [{"year": 2025, "value": 20}]}
    result = assess(ind, obs(y2022=14))
    assert result.expected == pytest.approx(14)
    assert result.year_status == "met" and result.expected_basis == "interpolated"
    assert assess(ind, obs(y2022=12.7)).year_status == "near"  # 12.7 ≥ 0.9 × 14
    assert assess(ind, obs(y2022=12.5)).year_status == "behind"


def test_at_or_before_the_first_anchor_there_is_no_expected_value():
    ind = {"unit": "件", "baseline": {"year": 2021, "value": 10}, "targets": [{"year": 2025, "value": 20}]}
    assert assess(ind, obs(y2021=10)).year_status == "no_target"


def test_earliest_observation_stands_in_for_a_missing_baseline():
    ind = {"unit": "件", "targets": [{"year": 2025, "value": 10}]}
    result = assess(ind, obs(y2022=5, y2023=6))
    assert result.start.year == 2022 and result.start.value == 5
    assert result.expected == pytest.approx(5 + 5 / 3)  # line from (2022, 5) to (2025, 10)
    assert result.method == "cagr"
    g = (6 / 5) - 1
    assert result.projected == pytest.approx(6 * (1 + g) ** 2)


def test_single_observation_without_baseline_is_insufficient_for_the_outlook():
    ind = {"unit": "件", "targets": [{"year": 2025, "value": 10}]}
    out = assess(ind, obs(y2023=6)).to_dict()
    assert out["outlook"] == "insufficient_data" and out["start"] is None


def test_after_the_final_year_the_last_target_is_expected():
    ind = {"unit": "件", "baseline": {"year": 2020, "value": 10}, "targets": [{"year": 2025, "value": 20}]}
    behind = assess(ind, obs(y2026=17))
    assert behind.expected == 20 and behind.expected_basis == "last_target" and behind.year_status == "behind"
    # The projection to 2025 from 2026 steps back along the pace: still short of the target.
    g = (17 / 10) ** (1 / 6) - 1
    assert behind.method == "cagr" and behind.projected == pytest.approx(17 / (1 + g))
    assert behind.progress_ratio == pytest.approx((17 / (1 + g) - 10) / 10) and behind.outlook == "off_track"
    assert behind.required_annual_growth is None  # t_T ≤ t_L
    met = assess(ind, obs(y2026=21))
    assert met.year_status == "met" and met.outlook == "achieved" and met.progress_ratio == 1


def test_lower_is_better():
    ind = {"name": "专利审查周期", "unit": "月", "baseline": {"year": 2021, "value": 20},
           "targets": [{"year": 2025, "value": 15, "comparator": "<="}]}
    result = assess(ind, obs(y2023=17))
    assert result.direction == "down" and result.expected == pytest.approx(17.5)
    assert result.year_status == "met"
    assert assess(ind, obs(y2023=19)).year_status == "near"  # ≤ 1.1 × 17.5
    assert assess(ind, obs(y2023=19.5)).year_status == "behind"
    g = (17 / 20) ** 0.5 - 1
    assert result.projected == pytest.approx(17 * (1 + g) ** 2)
    assert result.progress_ratio == pytest.approx((result.projected - 20) / (15 - 20))
    assert result.outlook == "on_track"
    assert assess(ind, obs(y2023=14)).outlook == "achieved"
    assert assess(ind, obs(y2023=21)).outlook == "regressing"


def test_explicit_direction_overrides_the_comparators():
    ind = {"unit": "件", "direction": "down", "targets": [{"year": 2025, "value": 5}]}
    assert assess(ind, obs(y2025=4)).year_status == "met"


def test_yearly_average_kind():
    ind = {"name": "专利授权量年均增长", "unit": "%", "tags": ["年均值"], "baseline": {"year": 2021, "value": 9},
           "targets": [{"year": 2025, "value": 10}]}
    result = assess(ind, obs(y2022=12, y2023=8))
    assert result.kind == "average" and result.value == 10
    assert result.expected == 10 and result.expected_basis == "last_target" and result.year_status == "met"
    assert result.method == "mean" and result.projected == 10 and result.progress_ratio == 1
    assert result.outlook == "on_track"
    low = assess(ind, obs(y2022=7, y2023=6))
    assert low.progress_ratio == pytest.approx(0.65) and low.outlook == "needs_acceleration"
    done = assess(ind, obs(y2024=11, y2025=12))
    assert done.outlook == "achieved"


def test_yearly_average_lower_is_better_with_zero_mean():
    ind = {"unit": "%", "tags": ["年均值"], "targets": [{"year": 2025, "value": 3, "comparator": "<="}]}
    result = assess(ind, obs(y2023=4, y2024=5))
    assert result.progress_ratio == pytest.approx(3 / 4.5) and result.outlook == "needs_acceleration"
    zero = assess(ind, obs(y2023=0))  # the spec fixes r = 0 when the mean is 0 (down)
    assert zero.year_status == "met" and zero.progress_ratio == 0 and zero.outlook == "off_track"


def test_percentages_and_scores_are_projected_in_a_straight_line():
    for unit in ("%", "分", "％"):
        ind = {"unit": unit, "baseline": {"year": 2021, "value": 50}, "targets": [{"year": 2025, "value": 70}]}
        result = assess(ind, obs(y2023=56))
        assert result.method == "linear" and result.projected == pytest.approx(62)
        assert result.progress_ratio == pytest.approx(0.6) and result.outlook == "needs_acceleration"
        assert result.required_annual_growth is None


def test_non_positive_values_fall_back_to_a_straight_line():
    ind = {"unit": "件", "baseline": {"year": 2021, "value": 0}, "targets": [{"year": 2025, "value": 8}]}
    result = assess(ind, obs(y2023=2))
    assert result.method == "linear" and result.projected == pytest.approx(4) and result.outlook == "off_track"


def test_a_value_that_fell_back_below_the_target_is_regressing():
    ind = {"unit": "件", "baseline": {"year": 2021, "value": 15}, "targets": [{"year": 2025, "value": 12}]}
    out = assess(ind, obs(y2023=11)).to_dict()
    assert out["outlook"] == "regressing" and out["progress_ratio"] is None


def test_falling_value_is_regressing():
    ind = {"unit": "件", "baseline": {"year": 2021, "value": 10}, "targets": [{"year": 2025, "value": 12}]}
    result = assess(ind, obs(y2023=9))
    assert result.progress_ratio < 0 and result.outlook == "regressing"


def test_reference_series_judges_a_qualitative_target():
    ind = {"name": "专利密集型产业增加值占GDP比重", "unit": "%", "qualitative_target": "达到或接近全省平均水平",
           "reference": [{"year": 2023, "value": 8.0}, {"year": 2024, "value": 8.4}]}
    result = assess(ind, obs(y2023=7.5))
    assert result.expected == 8.0 and result.expected_basis == "reference" and result.year_status == "near"
    assert result.outlook == "no_target"
    assert assess(ind, obs(y2024=8.5)).year_status == "met"
    assert assess(ind, obs(y2025=8.5)).year_status == "no_target"


def test_thresholds_are_parameters():
    custom = Thresholds(near=0.95, on_track=0.75)
    assert custom.changed() == {"near": (0.9, 0.95), "on_track": (0.95, 0.75)}
    assert Thresholds().changed() == {}
    ind = {"unit": "件", "baseline": {"year": 2020, "value": 10}, "targets": [{"year": 2025, "value": 20}]}
    assert assess(ind, obs(y2022=13), thresholds=custom).year_status == "behind"  # 13 < 0.95 × 14
    assert assess(EXAMPLE, obs(y2024=10.6), thresholds=custom).outlook == "on_track"
    assert year_status(94, 100, "down", near=0.9) == "met"
    assert year_status(110, 100, "down", near=0.9) == "near"
    assert year_status(111, 100, "down", near=0.9) == "behind"


def test_as_of_chooses_the_year_judged():
    result = assess(EXAMPLE, obs(y2024=10.6, y2025=11), as_of=2024)
    assert result.as_of == 2024 and result.value == 10.6
    assert assess(EXAMPLE, obs(y2024=10.6, y2025=11)).as_of == 2025


@pytest.mark.parametrize(("indicator", "observations", "field"), [
    ({"targets": [{"year": 2024}]}, [], "indicator.targets[0].value"),
    ({"targets": [{"year": 2024, "value": "10"}]}, [], "indicator.targets[0].value"),
    ({}, [{"year": 2024, "value": 1}, {"year": 2024, "value": 2}], "observations[1].year"),
    ({"direction": "sideways"}, [], "indicator.direction"),
    ({"baseline": {"year": 2020.5, "value": 1}}, [], "indicator.baseline.year"),
    ({}, [{"year": 2024, "value": True}], "observations[0].value"),
])
def test_malformed_inputs_name_the_field(indicator, observations, field):
    with pytest.raises(MalformedInput) as exc:
        assess(indicator, observations)
    assert exc.value.field == field

"""The final evaluation (终期评估), an addition beside the progress method: final target, final value
(with the year it is of) and 已达成 / 未达成 / 无数据 by the method's own comparison."""

from __future__ import annotations

import json

import pytest

from ipcity.progress.final import RESULTS, evaluate_final
from ipcity.progress.inputs import MalformedInput, Point
from ipcity.progress.method import assess

UP = {"unit": "件", "baseline": {"year": 2021, "value": 9.54},
      "targets": [{"year": 2023, "value": 10.5}, {"year": 2025, "value": 14}]}
DOWN = {"unit": "天", "targets": [{"year": 2025, "value": 30, "comparator": "<="}]}
AVERAGE = {"unit": "%", "tags": ["年均值"], "targets": [{"year": 2025, "value": 10}]}


def obs(**years: float) -> list[dict]:
    return [{"year": int(y[1:]), "value": v} for y, v in years.items()]


def test_final_year_value_meets_the_final_target():
    out = evaluate_final(UP, obs(y2024=12, y2025=14))
    assert (out.result, out.final_year, out.final_target, out.value, out.value_year) == ("achieved", 2025, 14, 14, 2025)
    assert not out.from_earlier_year and out.gap == 0


def test_short_of_the_final_target():
    out = evaluate_final(UP, obs(y2025=13.9))
    assert out.result == "not_achieved" and out.gap == pytest.approx(-0.1)


def test_latest_value_before_the_final_year_stands_in_and_says_so():
    out = evaluate_final(UP, obs(y2022=10, y2024=14.2))
    assert (out.result, out.value, out.value_year, out.from_earlier_year) == ("achieved", 14.2, 2024, True)


def test_values_after_the_final_year_are_not_used():
    out = evaluate_final(UP, obs(y2026=20))
    assert out.result == "no_data" and out.value is None and out.final_target == 14


def test_no_value_at_all_is_no_data():
    assert evaluate_final(UP, []).result == "no_data"


def test_lower_is_better_reads_at_most():
    assert evaluate_final(DOWN, obs(y2025=30)).result == "achieved"
    assert evaluate_final(DOWN, obs(y2025=30.5)).result == "not_achieved"
    assert evaluate_final(DOWN, obs(y2025=31)).direction == "down"


def test_average_kind_compares_the_mean_up_to_the_final_year():
    out = evaluate_final(AVERAGE, obs(y2023=8, y2024=11, y2025=11, y2026=1))
    assert out.kind == "average" and out.value == 10 and out.years_in_mean == (2023, 2024, 2025)
    assert out.result == "achieved"


def test_decimal_comparison_as_the_method_does_it():
    # 0.1 + 0.2 is not 0.3 in binary; the method compares the numbers as written.
    ind = {"unit": "亿元", "targets": [{"year": 2025, "value": 0.3}]}
    assert evaluate_final(ind, obs(y2025=0.3)).result == "achieved"


def test_no_numeric_target():
    out = evaluate_final({"unit": "项", "qualitative_target": "达到全省平均水平"}, obs(y2025=3))
    assert out.result == "no_target" and out.final_year is None


def test_agrees_with_the_method_on_achieved_at_the_final_year():
    """Where the method itself judges the final year (as_of = t_T) it says achieved exactly when we do."""
    for value in (13, 13.99, 14, 15):
        final = evaluate_final(UP, obs(y2025=value))
        lens = assess(UP, obs(y2025=value), as_of=2025)
        assert (final.result == "achieved") == (lens.outlook == "achieved")


def test_points_and_dicts_give_the_same_and_json_is_plain():
    a = evaluate_final(UP, [Point(2025, 14.0)])
    b = evaluate_final(UP, obs(y2025=14.0))
    assert a == b and a.result in RESULTS
    assert json.loads(json.dumps(a.to_dict()))["value_year"] == 2025


def test_malformed_input_names_the_field():
    with pytest.raises(MalformedInput) as err:
        evaluate_final(UP, [{"year": "2025", "value": 1}])
    assert err.value.field == "observations[0].year"

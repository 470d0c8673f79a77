"""Properties of the progress method that must hold for any input."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from ipcity.progress.method import OUTLOOKS, SPEC_KEYS, YEAR_STATUS_ORDER, assess

values = st.floats(min_value=-50, max_value=1000, allow_nan=False, allow_infinity=False)
years = st.integers(min_value=2018, max_value=2032)


@st.composite
def cases(draw, direction: str):
    comparator = "<=" if direction == "down" else ">="
    target_years = draw(st.lists(years, max_size=4, unique=True))
    indicator = {
        "unit": draw(st.sampled_from(["件", "%", "分", "亿元", None])),
        "baseline": draw(st.none() | st.fixed_dictionaries({"year": years, "value": values})),
        "targets": [{"year": y, "value": draw(values), "comparator": comparator} for y in target_years],
        "tags": draw(st.sampled_from([[], ["年均值"], ["预期性"]])),
        "direction": direction,
        "reference": [{"year": y, "value": draw(values)} for y in draw(st.lists(years, max_size=3, unique=True))],
    }
    obs_years = draw(st.lists(years, min_size=1, max_size=6, unique=True))
    observations = [{"year": y, "value": draw(values)} for y in obs_years]
    as_of = draw(st.sampled_from(obs_years))
    return indicator, observations, as_of


def _with_value_changed(observations, year, delta):
    return [dict(o, value=o["value"] + delta) if o["year"] == year else o for o in observations]


def _rank(status: str) -> int:
    return YEAR_STATUS_ORDER.index(status)


@settings(max_examples=300, deadline=None)
@given(cases("up"), st.floats(min_value=0, max_value=500))
def test_raising_this_years_value_never_worsens_its_year_status(case, delta):
    indicator, observations, as_of = case
    before = assess(indicator, observations, as_of)
    after = assess(indicator, _with_value_changed(observations, as_of, delta), as_of)
    if before.year_status in YEAR_STATUS_ORDER:
        assert _rank(after.year_status) <= _rank(before.year_status)
    else:
        assert after.year_status == before.year_status


@settings(max_examples=300, deadline=None)
@given(cases("down"), st.floats(min_value=0, max_value=500))
def test_lowering_this_years_value_never_worsens_its_year_status_when_lower_is_better(case, delta):
    indicator, observations, as_of = case
    before = assess(indicator, observations, as_of)
    after = assess(indicator, _with_value_changed(observations, as_of, -delta), as_of)
    if before.year_status in YEAR_STATUS_ORDER:
        assert _rank(after.year_status) <= _rank(before.year_status)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["up", "down"]).flatmap(cases))
def test_the_verdict_is_deterministic_json_with_the_spec_keys(case):
    indicator, observations, as_of = case
    first = assess(indicator, observations, as_of).to_dict()
    assert list(first) == list(SPEC_KEYS)
    assert first["outlook"] in OUTLOOKS
    assert json.dumps(first) == json.dumps(assess(indicator, list(reversed(observations)), as_of).to_dict())

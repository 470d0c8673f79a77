"""The patents behind a figure, and the lists the office acts on (hand-counted, 330100, 2020)."""

from __future__ import annotations

import pytest

from ipcity.analytics import actions
from ipcity.analytics import indicators as ind
from ipcity.analytics.explain import explain
from ipcity.analytics.panel import compute_region

from .builders import record, write_records
from .test_indicators import CASES


@pytest.fixture(scope="module")
def hand_dataset(tmp_path_factory):
    return write_records(tmp_path_factory.mktemp("explain") / "records.parquet", list(CASES.values()))


def test_explain_high_value_lists_the_patents_and_their_criteria(duckdb_engine, hand_dataset, tiny_sei):
    params = ind.Parameters(sei=tiny_sei, pledge_threshold=1_000_000.0)
    frame = explain(duckdb_engine, hand_dataset, "330100", 2020, "high_value", params)
    expected = {
        "sei_g06f11": "sei", "sei_keyword_hit": "sei", "sei_keyword_miss": "sei", "family": "overseas_family",
        "maintained": "maintained_10y", "pledged_high": "pledge", "awarded": "award",
    }
    got = dict(zip(frame["pub_number"], frame["criteria"], strict=True))
    assert got == {CASES[label]["pub_number"]: criteria for label, criteria in expected.items()}
    figure = compute_region(duckdb_engine, hand_dataset, "330100", 2020, params, population_lookup=lambda r, y: None)
    assert len(frame) == figure["high_value"]
    codes = dict(zip(frame["pub_number"], frame["sei_codes"], strict=True))
    assert codes[CASES["sei_g06f11"]["pub_number"]] == "1.1"
    assert codes[CASES["sei_keyword_hit"]["pub_number"]] == "4.1"
    awarded = frame[frame["pub_number"] == CASES["awarded"]["pub_number"]].iloc[0]
    assert awarded["award"] == "中国专利金奖" and bool(awarded["meets_award"])


@pytest.mark.parametrize(
    ("indicator", "labels"),
    [
        ("high_value_maintained_10y", ["maintained"]),
        ("invention_grants", ["granted_on_dec31"]),
        ("invention_applications", ["application_2020", "invention_pct_2020"]),
        ("pct_applications", ["utility_pct_2020", "invention_pct_2020"]),
    ],
)
def test_explain_other_indicators(duckdb_engine, hand_dataset, tiny_sei, indicator, labels):
    params = ind.Parameters(sei=tiny_sei, pledge_threshold=1_000_000.0)
    frame = explain(duckdb_engine, hand_dataset, "330100", 2020, indicator, params)
    assert sorted(frame["pub_number"]) == sorted(CASES[label]["pub_number"] for label in labels)


def test_explain_invention_valid_counts_the_figure(duckdb_engine, hand_dataset, tiny_sei):
    params = ind.Parameters(sei=tiny_sei)
    frame = explain(duckdb_engine, hand_dataset, "330000", 2020, "invention_valid", params)
    assert len(frame) == 16


def test_explain_refuses_an_unknown_indicator(duckdb_engine, hand_dataset, tiny_sei):
    with pytest.raises(ValueError, match="unknown indicator"):
        explain(duckdb_engine, hand_dataset, "330100", 2020, "nonsense", ind.Parameters(sei=tiny_sei))


ACTION_CASES = {
    "crosses": record(app_date="2011-05-01", grant_date="2013-01-01", applicants="杭州甲科技有限公司"),
    "crosses_already_hv": record(app_date="2011-05-01", grant_date="2013-01-01", family_granted_offices="US",
                                 applicants="杭州甲科技有限公司"),
    "crosses_filed_dec31": record(app_date="2010-12-31", grant_date="2013-01-01", applicants="张伟"),
    "already_maintained": record(app_date="2010-05-01", grant_date="2012-01-01", applicants="杭州甲科技有限公司"),
    "crosses_later": record(app_date="2012-01-01", grant_date="2014-01-01"),
    "crosses_but_lapsed": record(app_date="2011-05-01", grant_date="2013-01-01", lapse_date="2019-03-01",
                                 status="invalid"),
    "hv_lapse_recorded": record(family_granted_offices="US", lapse_date="2021-03-01", status="invalid",
                                applicants="杭州乙股份有限公司"),
    "hv_term_ends": record(app_date="2001-06-01", grant_date="2004-01-01", applicants="浙江大学"),
    "hv_safe": record(family_granted_offices="EP", applicants="杭州乙股份有限公司"),
    "not_hv_lapse_recorded": record(lapse_date="2021-03-01", status="invalid"),
}


@pytest.fixture(scope="module")
def action_dataset(tmp_path_factory):
    return write_records(tmp_path_factory.mktemp("actions") / "records.parquet", list(ACTION_CASES.values()))


def _labels(frame, cases=ACTION_CASES):
    by_pub = {row["pub_number"]: label for label, row in cases.items()}
    return sorted(by_pub[p] for p in frame["pub_number"])


def test_crossing_the_ten_year_line_next_year(duckdb_engine, action_dataset):
    frame = actions.crossing_maintenance_line(duckdb_engine, action_dataset, "330100", 2020, ind.Parameters())
    assert _labels(frame) == ["crosses", "crosses_already_hv", "crosses_filed_dec31"]
    by_pub = {row["pub_number"]: label for label, row in ACTION_CASES.items()}
    joins = {by_pub[p]: bool(j) for p, j in zip(frame["pub_number"], frame["joins_high_value"], strict=True)}
    assert joins == {"crosses": True, "crosses_already_hv": False, "crosses_filed_dec31": True}


def test_high_value_at_risk(duckdb_engine, action_dataset):
    frame = actions.at_risk(duckdb_engine, action_dataset, "330100", 2020, ind.Parameters())
    by_pub = {row["pub_number"]: label for label, row in ACTION_CASES.items()}
    risks = {by_pub[p]: r for p, r in zip(frame["pub_number"], frame["risk"], strict=True)}
    assert risks == {"hv_lapse_recorded": "lapse_recorded;status_invalid", "hv_term_ends": "term_ends"}


def test_top_holders(duckdb_engine, action_dataset):
    params = ind.Parameters()
    enterprises = actions.top_holders(duckdb_engine, action_dataset, "330100", 2020, params)
    # 甲: 2 high-value (crosses_already_hv, already_maintained) of 3 in force (and crosses);
    # 乙: 2 high-value (hv_lapse_recorded, hv_safe) of 2: a tie, broken by inventions in force
    assert enterprises["first_applicant"].tolist() == ["杭州甲科技有限公司", "杭州乙股份有限公司"]
    assert enterprises["high_value"].tolist() == [2, 2]
    assert enterprises["invention_valid"].tolist() == [3, 2]
    everyone = actions.top_holders(duckdb_engine, action_dataset, "330100", 2020, params, kind=None)
    assert dict(zip(everyone["first_applicant"], everyone["holder_kind"], strict=True))["浙江大学"] == "university"


@pytest.mark.parametrize(
    ("name", "kind"),
    [("杭州甲科技有限公司", "enterprise"), ("浙江大学", "university"), ("浙江工商职业技术学院", "university"), ("中国科学院宁波材料技术与工程研究所", "institute"),
     ("张伟", "individual"), ("欧阳建国", "individual"), ("Siemens AG Co. Ltd", "enterprise"), ("", "other")],
)
def test_holder_kind(name, kind):
    assert actions.holder_kind(name) == kind

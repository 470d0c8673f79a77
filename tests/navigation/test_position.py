"""Position of a city by node: hand-worked numbers on the authored world (hand_world.py)."""

from __future__ import annotations

import pandas as pd
import pytest

from ipcity.analytics import engine as eng
from ipcity.analytics.indicators import Parameters
from ipcity.analytics.navigation.position import position
from tests.navigation import hand_world


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    path = hand_world.write(tmp_path_factory.mktemp("pos") / "records.parquet")
    engine = eng.connect()
    try:
        yield position(engine, engine.read_records(path), hand_world.definition(), city="330100", end_year=2022)
    finally:
        engine.close()


def node(result, key):
    return result.nodes.set_index("key").loc[key]


def test_totals_count_patents_not_rows_and_only_domestic_cn(result):
    # city c1..c6 (c1's A and B rows are one patent), province + p1, p2; country + b1..b6
    assert result.totals == {"city": 6, "province": 8, "country": 14}
    assert (result.province, result.years) == ("330000", [2018, 2019, 2020, 2021, 2022])


def test_counts_and_shares(result):
    bat, li, fc = node(result, "bat"), node(result, "li"), node(result, "fc")
    # bat = li ∪ fc: city c1 c2 c3; province + p1; country + b1 b2 b3 b6
    assert (bat.city_patents, bat.province_patents, bat.country_patents) == (3, 4, 8)
    assert (li.city_patents, li.province_patents, li.country_patents) == (2, 3, 3)
    assert (fc.city_patents, fc.province_patents, fc.country_patents) == (1, 1, 5)
    assert li.city_share == pytest.approx(2 / 6)
    assert li.city_share_of_country == pytest.approx(2 / 3)
    assert fc.country_share == pytest.approx(5 / 14)


def test_rta_is_the_share_in_the_region_over_the_share_in_the_country(result):
    assert node(result, "bat").city_rta == pytest.approx((3 / 6) / (8 / 14))  # 0.875
    assert node(result, "li").city_rta == pytest.approx((2 / 6) / (3 / 14))   # 1.556
    assert node(result, "fc").city_rta == pytest.approx((1 / 6) / (5 / 14))   # 0.467
    assert node(result, "li").province_rta == pytest.approx((3 / 8) / (3 / 14))
    assert node(result, "fc").country_rta == pytest.approx(1.0)


def test_cagr_over_the_last_five_complete_years(result):
    # fc nationally: 2018 b1 = 1, 2022 b2 b3 b6 = 3 → 3 ** (1/4) - 1
    assert node(result, "fc").country_cagr == pytest.approx(3 ** 0.25 - 1)
    # li nationally: 2018 c1 p1 = 2, 2022 c2 = 1
    assert node(result, "li").country_cagr == pytest.approx(0.5 ** 0.25 - 1)
    assert node(result, "li").city_cagr == pytest.approx(0.0)  # 1 → 1
    assert pd.isna(node(result, "fc").city_cagr)  # nothing in 2018
    by_year = result.by_year.set_index(["node", "year"])
    assert by_year.loc[("fc", 2022)].tolist() == [0, 0, 3]
    assert by_year.loc[("bat", 2018)].tolist() == [1, 2, 3]


def test_high_value_share_among_inventions_in_force(result):
    li, fc, bat = node(result, "li"), node(result, "fc"), node(result, "bat")
    # in force at the end of 2022: c1 (overseas family), p1 (no criterion), b1 (award);
    # c3 is a utility model, b6 lapsed in 2022, the rest are not granted
    assert (li.city_in_force, li.city_high_value, li.city_high_value_share) == (1, 1, 1.0)
    assert (li.province_in_force, li.province_high_value) == (2, 1)
    assert li.province_high_value_share == pytest.approx(0.5)
    assert (fc.country_in_force, fc.country_high_value) == (1, 1)
    assert pd.isna(fc.city_high_value_share)  # nothing in force
    assert bat.country_high_value_share == pytest.approx(2 / 3)


def test_citations_are_reported_missing_and_the_version_named(result):
    data = result.to_dict()
    assert data["citations"] == "导出数据不含引证信息，未计算引证指标"
    assert data["definition_version"] == hand_world.definition().version
    assert {n["key"] for n in data["nodes"]} == {"bat", "li", "fc"}


def test_default_end_year_is_the_year_before_the_latest_filing(tmp_path):
    path = hand_world.write(tmp_path / "records.parquet")
    engine = eng.connect()
    try:
        result = position(engine, engine.read_records(path), hand_world.definition(), city="330100",
                          params=Parameters())
    finally:
        engine.close()
    assert result.end_year == 2021  # the latest domestic filing is of 2022

"""The landscape equals the independent pandas reference (landscape_reference.py) on synthetic
records, for a definition with IPC patterns, exclusions, keywords and children, for an SEI
class, for a region and for the whole dataset, and for a city, its province and the country from
one pass (``landscapes``); DuckDB and Spark give the same numbers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from ipcity import divisions
from ipcity.analytics import engine as engines
from ipcity.analytics.navigation.definition import Definition, from_sei
from ipcity.analytics.navigation.landscape import landscape, landscapes
from ipcity.analytics.sei import load_sei_table
from ipcity.analytics.synth import write_synth
from tests.navigation.landscape_reference import assert_matches, reference

SEI = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "sei_ipc_2021" / "sei_ipc_2021.csv"

BATTERY = {
    "name": "新能源汽车（测试）",
    "root": {"key": "nev", "name": "新能源汽车", "children": [
        {"key": "bat", "name": "动力电池", "ipc": ["H01M*"], "exclude": ["H01M10/05", "H01M4"],
         "children": [{"key": "bms", "name": "电池管理", "keywords": ["电池管理"]}]},
        {"key": "drive", "name": "电驱动", "ipc": ["B60L*", "H02K*"]},
        {"key": "ctl", "name": "控制", "ipc": ["G05B19/042"], "keywords": ["温度控制"]},
    ]},
}


@pytest.fixture(scope="module")
def sei():
    return load_sei_table(SEI)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory, sei) -> Path:
    return write_synth(20_000, tmp_path_factory.mktemp("nav-synth"), seed=3, sei=sei)


@pytest.fixture(scope="module")
def frame(synthetic) -> pd.DataFrame:
    return pd.read_parquet(synthetic)


@pytest.fixture(scope="module")
def duck():
    engine = engines.connect("duckdb")
    yield engine
    engine.close()


def _busiest_city(frame: pd.DataFrame) -> str:
    codes = frame["region_code"].dropna()
    return (codes.str[:4] + "00").value_counts().index[0]


def test_definition_with_children_equals_reference(duck, synthetic, frame, sei):
    definition = Definition.from_dict(BATTERY)
    result = landscape(duck, duck.read_records(synthetic), definition, sei_table=sei)
    assert result["patents"] > 500
    assert result["definition"] == {"name": "新能源汽车（测试）", "version": definition.version}
    assert_matches(result, reference(frame, definition.root, sei_table=sei))


def test_sei_class_in_a_city_equals_reference(duck, synthetic, frame, sei):
    city = _busiest_city(frame)
    definition = from_sei("5", sei)
    result = landscape(duck, duck.read_records(synthetic), definition, city, sei_table=sei)
    assert result["patents"] > 20
    assert result["region"]["code"] == city
    assert_matches(result, reference(frame, definition.root, city, sei_table=sei))


def test_city_province_and_country_in_one_pass_equal_reference(duck, synthetic, frame, sei):
    city = _busiest_city(frame)
    scopes = [city, divisions.province_of(city), divisions.COUNTRY]
    definition = from_sei("5", sei)
    results = landscapes(duck, duck.read_records(synthetic), definition, scopes, sei_table=sei)
    for scope, result in zip(scopes, results, strict=True):
        assert result["region"]["code"] == scope
        assert_matches(result, reference(frame, definition.root, scope, sei_table=sei))
    city_n, province_n, country_n = (r["patents"] for r in results)
    assert 20 < city_n < province_n < country_n  # nested scopes, each a real subset
    # the country is every attributed patent: the whole-dataset landscape's regions add up to it
    whole = landscape(duck, duck.read_records(synthetic), definition, sei_table=sei)
    assert country_n == whole["patents"] - whole["regions"]["unattributed"]


def test_whole_dataset_equals_reference(duck, synthetic, frame):
    result = landscape(duck, duck.read_records(synthetic), None)
    expected = reference(frame)
    assert_matches(result, expected)
    # every application once: A and B publications share an application number
    assert result["patents"] == frame["app_number"].str.strip().str.upper().nunique()
    assert set(result["offices"]) == {"CN", "US", "EP", "JP", "WO"}


def test_aliases_merge_applicants(duck, synthetic, frame, sei):
    definition = Definition.from_dict(BATTERY)
    plain = landscape(duck, duck.read_records(synthetic), definition, sei_table=sei)
    first, second = plain["top_applicants"][0], plain["top_applicants"][1]
    aliases = {second["name"]: first["name"]}
    merged = landscape(duck, duck.read_records(synthetic), definition, sei_table=sei, aliases=aliases)
    assert_matches(merged, reference(frame, definition.root, sei_table=sei, aliases=aliases))
    assert merged["top_applicants"][0]["key"] == first["key"]
    assert merged["top_applicants"][0]["patents"] > first["patents"]
    merge = next(m for m in merged["applicant_merges"] if m["key"] == first["key"])
    assert second["name"] in merge["variants"] and first["name"] in merge["variants"]


def test_life_cycle_leaves_out_the_last_18_months(duck, synthetic, sei):
    result = landscape(duck, duck.read_records(synthetic), from_sei("5", sei), sei_table=sei,
                       data_date=dt.date(2025, 12, 31))
    cycle = result["life_cycle"]
    assert cycle["complete_through"] == 2023
    assert cycle["fit"]["years"] == [1995, 2023]
    assert "18 months" in cycle["caveat"]
    assert cycle["stage"] in ("emerging", "growth", "maturity")


def test_nothing_matches_names_the_nearest_groups(duck, synthetic):
    definition = Definition.from_dict({"name": "x", "root": {"key": "x", "name": "x", "ipc": ["H01M99*"]}})
    result = landscape(duck, duck.read_records(synthetic), definition)
    assert result["patents"] == 0
    assert "matches no patent" in result["message"]
    nearest = result["nearest_ipc_groups"]
    assert nearest and all(g["code"].startswith("H01M") for g in nearest)
    order = [(-g["shared_prefix"], -g["patents"], g["code"]) for g in nearest]
    assert order == sorted(order)  # the longest shared prefix first, then the most patents


@pytest.mark.spark
def test_spark_equals_duckdb(synthetic, frame, sei, duck):
    definition = Definition.from_dict(BATTERY)
    city = _busiest_city(frame)
    spark = engines.connect("spark")
    try:
        for target, region in ((definition, None), (from_sei("5", sei), city)):
            on_spark = landscape(spark, spark.read_records(str(synthetic)), target, region, sei_table=sei)
            on_duck = landscape(duck, duck.read_records(synthetic), target, region, sei_table=sei)
            on_spark.pop("engine"), on_duck.pop("engine")
            assert on_spark == on_duck
        scopes = [city, divisions.province_of(city), divisions.COUNTRY]
        on_spark = landscapes(spark, spark.read_records(str(synthetic)), from_sei("5", sei), scopes, sei_table=sei)
        on_duck = landscapes(duck, duck.read_records(synthetic), from_sei("5", sei), scopes, sei_table=sei)
        for left, right in zip(on_spark, on_duck, strict=True):
            left.pop("engine"), right.pop("engine")
            assert left == right
    finally:
        spark.close()

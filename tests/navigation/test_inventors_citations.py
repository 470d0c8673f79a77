"""Leading inventors and citations (the canonical record's optional columns): hand-worked cases,
the independent pandas reference (landscape_reference.py) on synthetic records whose applications
have several publications, datasets without the columns, and DuckDB = Spark."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from ipcity.analytics import engine as engines
from ipcity.analytics.navigation.contributors import NO_CITATIONS, NO_INVENTORS
from ipcity.analytics.navigation.definition import Definition, from_sei
from ipcity.analytics.navigation.landscape import landscape
from ipcity.analytics.navigation.position import CITATIONS_UNAVAILABLE, position
from ipcity.analytics.schema import CANONICAL_COLUMNS, CANONICAL_SCHEMA
from ipcity.analytics.sei import load_sei_table
from ipcity.analytics.synth import write_synth
from tests.analytics_compute.builders import record
from tests.navigation import hand_world
from tests.navigation.landscape_reference import assert_matches, reference
from tests.navigation.test_landscape import BATTERY, SEI, _busiest_city


@pytest.fixture(scope="module")
def duck():
    engine = engines.connect("duckdb")
    yield engine
    engine.close()


def _write(path: Path, rows: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pylist(rows, schema=CANONICAL_SCHEMA), path)
    return path


def _hand_rows() -> list[dict]:
    # Three applications of H01M. a1 has an A and a B publication; a2 one; a3 one, no count.
    return [
        record(app_number="CN1", pub_number="CN1A", ipc="H01M10/05", app_date="2019-01-01", title="甲",
               inventors="张三;李四", cited_by_count=3),
        record(app_number="CN1", pub_number="CN1B", ipc="H01M10/05", app_date="2019-01-01", title="甲（授权）",
               inventors="張三;李 四", cited_by_count=5),
        record(app_number="CN2", pub_number="CN2A", ipc="H01M8/02", app_date="2020-01-01", title="乙",
               inventors="张 三;王五", cited_by_count=5),
        record(app_number="CN3", pub_number="CN3A", ipc="H01M8/04", app_date="2020-06-01", title=None,
               inventors="ZHANG, SAN;王五", cited_by_count=None),
        record(app_number="CN9", pub_number="CN9A", ipc="A45D1/00", inventors="张三", cited_by_count=40),  # not H01M
    ]


def test_hand_worked_inventors_and_citations(duck, tmp_path):
    path = _write(tmp_path / "hand" / "records.parquet", _hand_rows())
    node = Definition.from_dict({"name": "电池", "root": {"key": "bat", "name": "电池", "ipc": ["H01M*"]}})
    out = landscape(duck, duck.read_records(path), node)
    assert out["patents"] == 3
    # 张三: a1 (张三, 張三: one application once), a2 (张 三) → 2; 王五: a2, a3 → 2; 李四 a1 (李四, 李 四) → 1;
    # ZHANG SAN (a3) is another key. Shown: the spelling on most applications, ties by code point.
    assert out["top_inventors"] == [
        {"name": "张 三", "patents": 2}, {"name": "王五", "patents": 2},
        {"name": "ZHANG, SAN", "patents": 1}, {"name": "李 四", "patents": 1},
    ]
    # a1 counts max(3, 5) = 5 (its B publication), a2 5, a3 has none: 2 patents, 10 citations.
    assert out["citations"] == {
        "patents_with_data": 2, "total_cited_by": 10,
        "most_cited": [{"pub_number": "CN1B", "title": "甲（授权）", "cited_by": 5},
                       {"pub_number": "CN2A", "title": "乙", "cited_by": 5}],
        "by_year": {"2019": {"patents": 1, "cited_by": 5}, "2020": {"patents": 1, "cited_by": 5}},
    }
    assert out["unavailable"] == {}
    assert_matches(out, reference(pd.read_parquet(path), node.root))


def test_a_dataset_without_the_columns_says_why_and_the_rest_is_unchanged(duck, tmp_path):
    rows = _hand_rows()
    old = pa.Table.from_pylist(rows, schema=CANONICAL_SCHEMA).select(CANONICAL_COLUMNS)  # written before them
    old_path = tmp_path / "old" / "records.parquet"
    old_path.parent.mkdir()
    pq.write_table(old, old_path)
    empty_path = _write(tmp_path / "empty" / "records.parquet",
                        [{**r, "inventors": None, "cited_by_count": None} for r in rows])
    full = landscape(duck, duck.read_records(_write(tmp_path / "full" / "records.parquet", rows)), None)
    for path in (old_path, empty_path):
        out = landscape(duck, duck.read_records(path), None)
        assert out["top_inventors"] is None and out["citations"] is None
        assert out["unavailable"] == {"top_inventors": NO_INVENTORS, "citations": NO_CITATIONS}
        assert_matches(out, reference(pd.read_parquet(path)))
        for key in ("patents", "applications_by_year", "top_applicants", "concentration", "life_cycle", "regions"):
            assert out[key] == full[key], key


def test_a_selection_without_values_in_a_dataset_with_them_says_zero(duck, tmp_path):
    path = _write(tmp_path / "d" / "records.parquet", _hand_rows())
    out = landscape(duck, duck.read_records(path), Definition.from_dict(
        {"name": "x", "root": {"key": "x", "name": "x", "ipc": ["H01M8/04"]}}))
    assert out["patents"] == 1
    assert out["citations"] == {"patents_with_data": 0, "total_cited_by": 0, "most_cited": [], "by_year": {}}
    assert out["top_inventors"] == [{"name": "ZHANG, SAN", "patents": 1}, {"name": "王五", "patents": 1}]
    nothing = landscape(duck, duck.read_records(path), Definition.from_dict(
        {"name": "x", "root": {"key": "x", "name": "x", "ipc": ["H01M99*"]}}))
    assert nothing["patents"] == 0 and nothing["top_inventors"] == [] and nothing["citations"]["most_cited"] == []


def test_position_citations_per_node(tmp_path):
    counts = {"CN1A": 2, "CN1B": 4}
    rows = hand_world.rows()
    for i, row in enumerate(rows):
        row["cited_by_count"] = None if row["app_number"] == "CN2022002" else counts.get(row["pub_number"], i % 3)
    path = _write(tmp_path / "pos" / "records.parquet", rows)
    engine = engines.connect()
    try:
        with_counts = position(engine, engine.read_records(path), hand_world.definition(), city="330100").to_dict()
        without = position(engine, engine.read_records(hand_world.write(tmp_path / "w" / "records.parquet")),
                           hand_world.definition(), city="330100").to_dict()
    finally:
        engine.close()
    assert without["citations"] == CITATIONS_UNAVAILABLE
    by_node = {c["node"]: c for c in with_counts["citations"]}
    # li (H01M10*): c1 (max 2, 4 → 4), c2 (no count: left out), p1; the foreign rows count nowhere
    # in the position, so not here either
    frame = pd.DataFrame(rows)
    p1 = frame.loc[frame["app_number"] == "CN2018007", "cited_by_count"].iloc[0]
    assert (by_node["li"]["patents"], by_node["li"]["citations"]) == (2, 4 + p1)
    assert by_node["li"]["mean"] == pytest.approx((4 + p1) / 2)


# ---------------------------------------------------------------- synthetic, against the reference


@pytest.fixture(scope="module")
def sei():
    return load_sei_table(SEI)


@pytest.fixture(scope="module")
def paired(tmp_path_factory, sei) -> Path:
    """Synthetic records where 2,000 applications get a second publication with other counts and
    inventors written another way (traditional characters, spaces, a name more)."""
    base = pq.read_table(write_synth(12_000, tmp_path_factory.mktemp("syn"), seed=5, sei=sei))
    frame = base.to_pandas()
    second = frame.iloc[::6].head(2_000).copy()
    second["pub_number"] = second["pub_number"].str[:-1] + "C"
    second["cited_by_count"] = [None if i % 5 == 0 else (i * 7) % 23 for i in range(len(second))]
    second["inventors"] = [
        (inv.replace("陈", "陳").replace("刘", "劉") if i % 2 else inv.replace(";", "; ")) + (";新发明人" if i % 3 == 0 else "")
        if isinstance(inv, str) else inv for i, inv in enumerate(second["inventors"])]
    table = pa.Table.from_pandas(pd.concat([frame, second], ignore_index=True), schema=CANONICAL_SCHEMA,
                                 preserve_index=False)
    path = tmp_path_factory.mktemp("paired") / "records.parquet"
    pq.write_table(table, path)
    return path


def test_synthetic_landscapes_equal_the_reference(duck, paired, sei):
    frame = pd.read_parquet(paired)
    records = duck.read_records(paired)
    definition = Definition.from_dict(BATTERY)
    city = _busiest_city(frame)
    for target, region in ((definition, None), (from_sei("5", sei), city), (None, None)):
        out = landscape(duck, records, target, region, sei_table=sei)
        node = target.root if target is not None else None
        assert_matches(out, reference(frame, node, region, sei_table=sei))
        assert out["top_inventors"] and out["citations"]["patents_with_data"] > 0


@pytest.mark.spark
def test_spark_equals_duckdb_with_inventors_and_citations(duck, paired, sei):
    frame = pd.read_parquet(paired)
    spark = engines.connect("spark")
    try:
        for target, region in ((Definition.from_dict(BATTERY), None), (from_sei("5", sei), _busiest_city(frame))):
            on_spark = landscape(spark, spark.read_records(str(paired)), target, region, sei_table=sei)
            on_duck = landscape(duck, duck.read_records(paired), target, region, sei_table=sei)
            on_spark.pop("engine"), on_duck.pop("engine")
            assert on_spark["top_inventors"] and on_spark["citations"]["most_cited"]
            assert on_spark == on_duck
    finally:
        spark.close()

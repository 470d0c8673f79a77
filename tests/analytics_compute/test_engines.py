"""One computation, three implementations: the DuckDB engine, the Spark engine (same Ibis
expressions) and the independent pandas baseline give identical numbers."""

from __future__ import annotations

import pandas as pd
import pytest

from ipcity.analytics import engine as eng
from ipcity.analytics import indicator_counts
from ipcity.analytics import indicators as ind
from ipcity.analytics.panel import compute_panel
from ipcity.analytics.synth import write_synth
from tests.analytics_compute import baseline_pandas

from .builders import write_records
from .test_indicators import CASES

YEARS = list(range(2016, 2026))


@pytest.fixture(scope="module")
def synth_records(tmp_path_factory, sei_2021):
    return write_synth(6000, tmp_path_factory.mktemp("synth"), seed=11, sei=sei_2021)


def test_engine_equals_pandas_baseline_on_synthetic_data(duckdb_engine, synth_records, sei_2021):
    params = ind.Parameters(sei=sei_2021, pledge_threshold=2_000_000.0)
    rows = ind.prepared_rows(duckdb_engine, duckdb_engine.read_records(synth_records), params, level="city")
    engine_frame = indicator_counts.indicator_frame(duckdb_engine, rows, params, YEARS, level="city")
    pandas_frame = baseline_pandas.panel(synth_records, sei_2021, YEARS, level="city", pledge_threshold=2_000_000.0)
    assert len(engine_frame) > 500  # hundreds of cities × years: a real comparison
    for column in ("high_value", "hv_sei", "hv_pledge", "hv_maintained_10y", "invention_grants"):
        assert engine_frame[column].sum() > 0, column
    pd.testing.assert_frame_equal(engine_frame, pandas_frame[list(engine_frame.columns)], check_dtype=False)


def test_engine_equals_pandas_baseline_on_the_hand_built_cases(duckdb_engine, tmp_path, tiny_sei):
    path = write_records(tmp_path / "records.parquet", list(CASES.values()))
    params = ind.Parameters(sei=tiny_sei)
    for level in ("city", "district", "province"):
        rows = ind.prepared_rows(duckdb_engine, duckdb_engine.read_records(path), params, level=level)
        engine_frame = indicator_counts.indicator_frame(duckdb_engine, rows, params, [2019, 2020, 2021], level=level)
        pandas_frame = baseline_pandas.panel(path, tiny_sei, [2019, 2020, 2021], level=level)
        pd.testing.assert_frame_equal(engine_frame, pandas_frame[list(engine_frame.columns)], check_dtype=False)


@pytest.mark.spark
def test_spark_equals_duckdb(duckdb_engine, tmp_path, tiny_sei, synth_records, sei_2021):
    """Local-mode Spark on the hand-built cases (keyword mode: every expression used) and on a
    small synthetic set; the panels must be identical, cell for cell."""
    hand = write_records(tmp_path / "records.parquet", list(CASES.values()))
    spark = eng.connect("spark")
    try:
        runs = [
            (hand, ind.Parameters(sei=tiny_sei, sei_mode="ipc_and_keyword", pledge_threshold=1_000_000.0), "city"),
            (synth_records, ind.Parameters(sei=sei_2021, pledge_threshold=2_000_000.0), "city"),
        ]
        for path, params, level in runs:
            on_duckdb = compute_panel(duckdb_engine, path, level, YEARS, params)
            on_spark = compute_panel(spark, path, level, YEARS, params)
            assert on_duckdb["high_value"].sum() > 0
            pd.testing.assert_frame_equal(on_duckdb, on_spark)
    finally:
        spark.close()

"""The SQL each indicator query compiles to, on DuckDB and on Spark, pinned in files.

A change of query shape (an extra join, a lost filter push-down, a different grouping) then shows
up in review as a diff of ``sql_snapshots/*.sql``, not later as a slower benchmark. The
expressions are built on an unbound table with the canonical schema and compiled with
``ibis.to_sql`` for the ``duckdb`` and ``pyspark`` dialects: no database, no JVM.

After a deliberate change, regenerate the files and review their diff::

    IPCITY_UPDATE_SNAPSHOTS=1 .venv/bin/pytest -p no:xdist tests/analytics_compute/test_sql_snapshots.py
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable
from pathlib import Path

import ibis
import ibis.expr.types as ir
import pandas as pd
import pytest

from ipcity.analytics import indicator_counts
from ipcity.analytics import indicators as ind
from ipcity.analytics.engine import Engine
from ipcity.analytics.schema import CANONICAL_FIELDS
from ipcity.analytics.sei import SeiTable

SNAPSHOTS = Path(__file__).parent / "sql_snapshots"
UPDATE = os.environ.get("IPCITY_UPDATE_SNAPSHOTS") == "1"
DIALECTS = ("duckdb", "pyspark")
YEARS = [2020, 2021]
# One address without a region code, so that attribution builds its address branch (the union).
ADDRESS = "广东省深圳市南山区科技园"
_IBIS_TYPES = {"string": "string", "date32": "date", "bool_": "boolean", "float64": "float64"}
# Ibis names each in-memory table (lookup frames) at random; numbered in order of appearance.
_MEMTABLE = re.compile(r"ibis_pandas_memtable_[a-z0-9]+")


class OfflineEngine(Engine):
    """Builds expressions like a real engine; its only "query" is the address lookup of
    :func:`attribution.attributed_records`, answered with one address, and the rows it keeps in memory
    are an unbound table named ``uncoded_records``."""

    def execute(self, expr: ir.Expr) -> pd.DataFrame:
        return pd.DataFrame({"first_applicant_address": [ADDRESS]})

    def materialise(self, expr: ir.Table) -> ir.Table:
        # A kept table is read by name, like the engine's temporary table (its own query is
        # not part of the figure's SQL: the rows without a region code, read once).
        return ibis.table(expr.schema(), name="uncoded_records")


def _records() -> ir.Table:
    return ibis.table(ibis.schema({name: _IBIS_TYPES[kind] for name, kind in CANONICAL_FIELDS}), name="records")


def _rows(sei: SeiTable | None = None, mode: str = "ipc_only", **where: str) -> tuple[Engine, ir.Table, ind.Parameters]:
    engine = OfflineEngine("duckdb", con=None)
    params = ind.Parameters(sei=sei, sei_mode=mode, pledge_threshold=1_000_000.0)
    return engine, ind.prepared_rows(engine, _records(), params, **where), params


def _stock(sei: SeiTable, mode: str) -> ir.Table:
    engine, rows, params = _rows(sei, mode, level="city")
    return indicator_counts.stock_by_year(engine, ind.with_sei_flag(engine, ind.granted_inventions(rows), params), YEARS)


QUERIES: dict[str, Callable[[SeiTable], ir.Table]] = {
    # the rows every figure starts from, for a level and for one region
    "prepared_rows_city": lambda sei: _rows(level="city")[1],
    "prepared_rows_region": lambda sei: _rows(region="440300")[1],
    # the figures of indicator_frame
    "stock_by_year_ipc_only": lambda sei: _stock(sei, "ipc_only"),
    "stock_by_year_ipc_and_keyword": lambda sei: _stock(sei, "ipc_and_keyword"),
    "flow_cells": lambda sei: indicator_counts.flow_cells(_rows(level="city")[1], YEARS, level="city"),
    "quality_counts": lambda sei: ind.quality_counts(_rows(level="city")[1]),
    "past_term_counts": lambda sei: ind.past_term_counts(_rows(level="city")[1], 2020),
}


def compile_sql(expr: ir.Table, dialect: str) -> str:
    names: dict[str, str] = {}

    def number(match: re.Match[str]) -> str:
        return names.setdefault(match[0], f"memtable_{len(names) + 1}")

    return _MEMTABLE.sub(number, ibis.to_sql(expr, dialect=dialect)).rstrip() + "\n"


def _path(name: str, dialect: str) -> Path:
    return SNAPSHOTS / f"{name}.{dialect}.sql"


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize("name", sorted(QUERIES))
def test_query_compiles_to_its_snapshot(name, dialect, tiny_sei):
    if dialect == "pyspark":
        pytest.importorskip("pyspark", reason="the Spark extra is not installed")
        # Loading the backend registers its compile options; it starts no JVM (connect() would).
        assert ibis.pyspark is not None
    sql = compile_sql(QUERIES[name](tiny_sei), dialect)
    path = _path(name, dialect)
    if UPDATE:
        SNAPSHOTS.mkdir(exist_ok=True)
        path.write_bytes(sql.encode("utf-8"))
        return
    assert path.is_file(), f"no snapshot {path.name}: run with IPCITY_UPDATE_SNAPSHOTS=1 to write it"
    # bytes, not text: the SQL holds a literal carriage return (TRIM's whitespace list)
    expected = path.read_bytes().decode("utf-8")
    if sql != expected:
        diff = "".join(difflib.unified_diff(
            expected.splitlines(keepends=True), sql.splitlines(keepends=True),
            fromfile=f"{path.name} (snapshot)", tofile=f"{path.name} (compiled now)",
        ))
        pytest.fail(
            f"the {dialect} SQL of {name} changed shape; if intended, regenerate with "
            f"IPCITY_UPDATE_SNAPSHOTS=1 and review the diff:\n{diff}",
            pytrace=False,
        )


def test_compiling_twice_gives_the_same_sql(tiny_sei):
    """The snapshots compare text, so compilation must not depend on the run (random names)."""
    for dialect in ("duckdb",):
        assert compile_sql(QUERIES["stock_by_year_ipc_and_keyword"](tiny_sei), dialect) == compile_sql(
            QUERIES["stock_by_year_ipc_and_keyword"](tiny_sei), dialect
        )


def test_every_snapshot_belongs_to_a_query():
    """A snapshot left behind by a renamed or removed query would pin nothing."""
    expected = {_path(name, dialect).name for name in QUERIES for dialect in DIALECTS}
    stale = sorted(p.name for p in SNAPSHOTS.glob("*.sql") if p.name not in expected)
    assert not stale, f"snapshots without a query (delete them): {stale}"

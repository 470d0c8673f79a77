"""Execution backends for the indicator expressions: DuckDB (default) and Spark, through Ibis.

The expressions in ``indicators.py`` are plain Ibis; an :class:`Engine` only knows how to
open a connection, read a dataset's Parquet and turn small pandas frames (lookup tables)
into tables of that backend. Spark runs in local mode unless told otherwise:
``IPCITY_SPARK_MASTER`` (e.g. ``spark://head:7077`` or ``yarn``) points it at a cluster, and
``IPCITY_SPARK_CONF`` adds ``key=value;key=value`` settings (see docs/indicators.md).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ibis
import ibis.expr.types as ir
import pandas as pd

ENGINES = ("duckdb", "spark")


class EngineError(ValueError):
    pass


def resolve_records(dataset: str | Path) -> Path:
    """A dataset name (the dataset store) or a path to a canonical Parquet file or directory."""
    path = Path(dataset)
    if path.suffix == ".parquet" and path.is_file():
        return path
    if path.is_dir() and (path / "records.parquet").is_file():
        return path / "records.parquet"
    from ipcity.analytics import datasets

    try:
        candidate = datasets.records_path(str(dataset))
    except datasets.DatasetError as exc:
        raise EngineError(f"no dataset or Parquet file {dataset!r}") from exc
    if not candidate.is_file():
        raise EngineError(f"no dataset named {dataset!r} (looked for {candidate})")
    return candidate


def _spark_session(master: str | None) -> Any:
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("ipcity-indicators")
    builder = builder.master(master or os.environ.get("IPCITY_SPARK_MASTER", "local[2]"))
    settings = {
        # Small lookup tables and per-region aggregates: few shuffle partitions is faster locally.
        "spark.sql.shuffle.partitions": os.environ.get("IPCITY_SPARK_PARTITIONS", "4"),
        "spark.sql.session.timeZone": "UTC",
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.driver.memory": os.environ.get("IPCITY_SPARK_DRIVER_MEMORY", "2g"),
    }
    for item in filter(None, os.environ.get("IPCITY_SPARK_CONF", "").split(";")):
        key, _, value = item.partition("=")
        settings[key.strip()] = value.strip()
    for key, value in settings.items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel(os.environ.get("IPCITY_SPARK_LOG_LEVEL", "ERROR"))
    return session


@dataclass
class Engine:
    """One Ibis connection and the way to feed it Parquet files and small frames."""

    name: str
    con: Any
    _tables: dict[str, ir.Table] = field(default_factory=dict)
    _materialised: list[str] = field(default_factory=list)

    def read_records(self, path: str | Path) -> ir.Table:
        key = str(path)
        if key not in self._tables:
            self._tables[key] = self.con.read_parquet(key)
        return self._tables[key]

    def frame(self, frame: pd.DataFrame) -> ir.Table:
        """A small lookup table (SEI patterns, years, address regions) in this backend."""
        return ibis.memtable(frame)

    def execute(self, expr: ir.Expr) -> pd.DataFrame:
        return self.con.execute(expr)

    def materialise(self, expr: ir.Table) -> ir.Table:
        """``expr`` computed once and kept by the engine (a DuckDB temporary table, a cached Spark
        DataFrame): for a small table that several queries read, so that none of them reads its
        source again. Dropped by :meth:`close`."""
        if self.name != "duckdb":
            return expr.cache()
        name = f"ipcity_materialised_{len(self._materialised)}"
        self._materialised.append(name)
        # Plain SQL: Ibis's create_table(temp=True) emits a DROP without a name on DuckDB 2.
        self.con._run_pre_execute_hooks(expr)  # registers the in-memory lookup tables it reads
        self.con.raw_sql(f'CREATE OR REPLACE TEMPORARY TABLE "{name}" AS {self.con.compile(expr)}')
        return self.con.table(name)

    def close(self) -> None:
        if self.name == "duckdb":
            for name in self._materialised:
                self.con.raw_sql(f'DROP TABLE IF EXISTS "{name}"')
            self.con.disconnect()


def connect(name: str = "duckdb", *, spark_master: str | None = None, threads: int | None = None) -> Engine:
    """Open an engine: ``duckdb`` (in-process) or ``spark`` (local mode or a cluster)."""
    if name == "duckdb":
        config: dict[str, Any] = {}
        if threads:
            config["threads"] = threads
        return Engine("duckdb", ibis.duckdb.connect(**config))
    if name == "spark":
        return Engine("spark", ibis.pyspark.connect(_spark_session(spark_master)))
    raise EngineError(f"unknown engine {name!r}; one of {', '.join(ENGINES)}")

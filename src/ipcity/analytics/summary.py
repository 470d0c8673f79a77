"""What a dataset holds: row counts by office, kind and status, the filing-date range."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from ipcity.analytics import datasets
from ipcity.analytics.schema import KINDS, STATUSES


def summarize(name: str, data_dir: str | Path | None = None) -> dict[str, Any]:
    """Counts straight from the Parquet file (DuckDB reads it without loading it whole)."""
    manifest = datasets.read_manifest(name, data_dir)
    path = str(datasets.records_path(name, data_dir)).replace("'", "''")
    con = duckdb.connect()
    try:
        source = f"read_parquet('{path}')"
        rows = con.execute(f"SELECT count(*), min(app_date), max(app_date) FROM {source}").fetchall()[0]
        by = {column: dict(con.execute(
            f"SELECT coalesce({column}, '') AS k, count(*) FROM {source} GROUP BY k ORDER BY count(*) DESC, k"
        ).fetchall()) for column in ("office", "kind", "status")}
    finally:
        con.close()
    return {
        "dataset": name,
        "rows": rows[0],
        "by_office": by["office"],
        "by_kind": {kind: by["kind"].get(kind, 0) for kind in KINDS},
        "by_status": {status: by["status"].get(status, 0) for status in STATUSES},
        "date_range": {"min": _iso(rows[1]), "max": _iso(rows[2])},
        "rejected": manifest.get("rejected_count", 0),
        "duplicates_dropped": manifest.get("duplicates_dropped", 0),
        "format": manifest.get("format"),
        "source": datasets.source_name(manifest),
        "imported_at": manifest.get("imported_at") or manifest.get("written_at"),
    }


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None

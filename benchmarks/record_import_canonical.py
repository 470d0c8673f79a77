"""Record import, the declarative (SQL) path: a generated canonical trademark CSV, import vs DuckDB.

    .venv/bin/python benchmarks/record_import_canonical.py --records 1000000

Writes N rows with exactly the canonical trademark columns (ip-records.md; 5 cities, 20,000
addresses, 5,000 holders, 1,000 repeated keys, a quarter invalid with a lapse date), imports them
with ``ipcity.analytics.record_import`` (format ``canonical``: the path every declarative format
takes; ``benchmarks/trademark_import.py`` times the CNIPA register's layout), then times DuckDB's
own CSV → Parquet of the same file in the same run (every column as text, 2 threads) and ends with
``records=N imported=… rejected=… import_s=… duckdb_s=… ratio_vs_duckdb=… peak_rss_mb=…``.
Peak RSS (this process: the import) is sampled every 50 ms.
"""

from __future__ import annotations

import argparse
import csv
import tempfile
import time
from pathlib import Path

from _harness import PeakRss, duckdb_csv_to_parquet

from ipcity.analytics import record_import, record_kinds

CITIES = ["广东省深圳市南山区", "浙江省杭州市余杭区", "江苏省南京市鼓楼区", "北京市海淀区", "湖北省武汉市洪山区"]
STATUSES = ["registered", "registered", "pending", "invalid"]


def write_export(path: Path, records: int) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(record_kinds.COLUMNS["trademark"])
        for i in range(records):
            year, month, day = 2000 + i % 24, 1 + i % 12, 1 + i % 28
            status = STATUSES[i % 4]
            registered = status != "pending"
            writer.writerow([
                str(10_000_000 + i % max(records - 1_000, 1)), 1 + i % 45, "ordinary", "false", "false", "CN",
                f"{year}-{month:02d}-{day:02d}", f"{year + 1}-{month:02d}-{day:02d}" if registered else "",
                f"{year + 11}-{month:02d}-{day:02d}" if registered else "",
                f"{year + 5}-{month:02d}-{day:02d}" if status == "invalid" else "", status,
                f"深圳市某某科技有限公司{i % 5000}", "CN", f"{CITIES[i % 5]}科技路{i % 20000}号", "",
            ])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=200_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ipcity-record-import-bench-") as tmp:
        path = Path(tmp) / "trademarks.csv"
        write_export(path, args.records)
        with PeakRss() as rss:
            started = time.perf_counter()
            report = record_import.import_records(path, "trademark", "bench", data_dir=tmp)
            elapsed = time.perf_counter() - started
        duckdb_s = duckdb_csv_to_parquet(path, Path(tmp) / "duckdb.parquet")
    print(f"records={report.rows_read} imported={report.rows_imported} rejected={report.rejected_count} "
          f"import_s={elapsed:.1f} duckdb_s={duckdb_s:.1f} ratio_vs_duckdb={elapsed / duckdb_s:.2f} "
          f"peak_rss_mb={rss.mb:.0f}")


if __name__ == "__main__":
    main()

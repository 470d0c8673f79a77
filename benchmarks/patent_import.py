"""Patent export import: throughput and peak memory on a generated CNIPA-style CSV.

    .venv/bin/python benchmarks/patent_import.py --records 200000 [--file export.csv]

Writes an export of N rows (5 cities, 1,000 repeated publication numbers, long abstracts) to a
temporary directory, imports it with ``ipcity.analytics.importer``, then times DuckDB's own
CSV → Parquet of the same file in the same run (its reference: the file read and written with
no mapping at all, 2 threads, all columns as text) and ends with one line:
``records=N import_s=… rows_per_s=… duckdb_s=… ratio_vs_duckdb=… peak_rss_mb=…``.
Peak RSS (the importer's, this process) is sampled every 50 ms. Targets: ratio ≤ 4 at 1M and
10M rows, peak ≤ 1.5 GB and flat as N grows.
"""

from __future__ import annotations

import argparse
import csv
import tempfile
import time
from pathlib import Path

from _harness import PeakRss, duckdb_csv_to_parquet

from ipcity.analytics import importer

HEADERS = ["公开(公告)号", "申请号", "申请日", "公开(公告)日", "专利类型", "法律状态", "申请人", "申请人地址",
           "IPC分类号", "IPC主分类号", "名称", "摘要"]
CITIES = ["广东省深圳市南山区", "浙江省杭州市余杭区", "江苏省南京市鼓楼区", "北京市海淀区", "湖北省武汉市洪山区"]
KINDS = [("发明", "B"), ("实用新型", "U"), ("外观设计", "S"), ("发明申请", "A")]
STATUSES = ["有效", "未缴年费", "实质审查", "期限届满"]


def write_export(path: Path, records: int) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        for i in range(records):
            kind, code = KINDS[i % 4]
            number = 110_000_000 + i % max(records - 1_000, 1)
            writer.writerow([
                f"CN{number}{code}", f"CN20{10 + i % 12}1{i:07d}.X", f"20{10 + i % 12}-{1 + i % 12:02d}-{1 + i % 28:02d}",
                f"20{12 + i % 12}/{1 + i % 12}/{1 + i % 28}", kind, STATUSES[i % 4], f"深圳市某某科技有限公司{i % 5000}",
                f"{CITIES[i % 5]}科技路{i % 20000}号", "G06F 16/36; G06N 3/08", "G06F 16/36", "一种方法",
                "本发明公开了一种方法。" * 10,
            ])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=200_000)
    parser.add_argument("--file", type=Path, help="import this file instead of a generated one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ipcity-import-bench-") as tmp:
        path = args.file or Path(tmp) / "export.csv"
        if args.file is None:
            write_export(path, args.records)
        with PeakRss() as rss:
            started = time.perf_counter()
            size = path.stat().st_size  # 10M rows are over the 2 GB default --max-bytes
            report = importer.import_file(path, "bench", data_dir=tmp,
                                          max_bytes=max(size, importer.DEFAULT_MAX_BYTES))
            elapsed = time.perf_counter() - started
        duckdb_s = duckdb_csv_to_parquet(path, Path(tmp) / "duckdb.parquet")
    print(f"records={report.rows_read} imported={report.rows_imported} import_s={elapsed:.1f} "
          f"rows_per_s={report.rows_read / elapsed:.0f} duckdb_s={duckdb_s:.1f} "
          f"ratio_vs_duckdb={elapsed / duckdb_s:.2f} peak_rss_mb={rss.mb:.0f}")


if __name__ == "__main__":
    main()

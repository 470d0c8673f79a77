"""Trademark import: throughput and peak memory on a synthesised CSV in the CNIPA register's layout.

    .venv/bin/python benchmarks/trademark_import.py --records 1000000 [--file export.csv]

Writes N rows with the CNIPA trademark register's columns (申请/注册号, 国际分类 written 第35类,
商标类型, 商标申请日期, 注册公告日期, 专用权期限 written ``2013年05月21日至2023年05月20日`` with
renewed terms, 商标状态 words, 国际注册日期 on Madrid rows, 申请人名称/地址(中文) over 5 cities and
20,000 addresses; 1,000 registrations repeated, 1 row in 10,000 bad), imports it with
``ipcity.analytics.record_import`` (format ``cnipa_trademark``, told from the headers), then times
DuckDB's own CSV → Parquet of the same file in the same run (every column as text, 2 threads, no
mapping) and ends with one line:
``records=N imported=… rejected=… import_s=… rows_per_s=… duckdb_s=… ratio_vs_duckdb=… peak_rss_mb=…``.
Peak RSS (this process: the import) is sampled every 50 ms. Targets (issue 14): ratio ≤ 4 at 1M
and 10M rows, peak ≤ 1.5 GB and flat as N grows.
"""

from __future__ import annotations

import argparse
import csv
import tempfile
import time
from pathlib import Path

from _harness import PeakRss, duckdb_csv_to_parquet

from ipcity.analytics import record_import

HEADERS = ["申请/注册号", "国际分类", "商标类型", "商标申请日期", "初审公告日期", "注册公告日期", "专用权期限",
           "商标状态", "国际注册日期", "申请人名称(中文)", "申请人地址(中文)", "申请人名称(英文)", "代理/办理机构"]
CITIES = ["广东省深圳市南山区", "浙江省杭州市余杭区", "江苏省南京市鼓楼区", "北京市海淀区", "湖北省武汉市洪山区"]
TYPES = ["普通商标"] * 47 + ["集体商标", "地理标志证明商标", "证明商标"]
STATUSES = ["商标已注册", "商标已注册", "商标注册申请中", "商标无效", "期满未续展", "撤销三年不使用审查中"]


def write_export(path: Path, records: int) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        for i in range(records):
            year, month, day = 2000 + i % 24, 1 + i % 12, 1 + i % 28
            status = STATUSES[i % len(STATUSES)]
            registered = status != "商标注册申请中"
            renewals = 10 * (i % 3) if year < 2013 else 0
            start = f"{year + 1 + renewals}年{month:02d}月{day:02d}日"
            end = f"{year + 11 + renewals}年{month:02d}月{day - 1 if day > 1 else 28:02d}日"
            madrid = i % 200 == 0
            number = f"G{1_000_000 + i}" if madrid else str(10_000_000 + i % max(records - 1_000, 1))
            nice = "第46类" if i % 10_000 == 9_999 else f"第{1 + i % 45}类"  # one bad row in 10,000
            writer.writerow([
                number, nice, TYPES[i % len(TYPES)], "" if madrid else f"{year}-{month:02d}-{day:02d}",
                f"{year}-{month:02d}-{day:02d}" if registered else "",
                f"{year + 1}-{month:02d}-{day:02d}" if registered and i % 4 else "",
                f"{start}至{end}" if registered else "", status,
                f"{year}-{month:02d}-{day:02d}" if madrid else "",
                f"深圳市某某科技有限公司{i % 5000}", f"{CITIES[i % 5]}科技路{i % 20000}号",
                f"Shenzhen Mou Technology Co., Ltd. {i % 5000}", "某某知识产权代理有限公司",
            ])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=200_000)
    parser.add_argument("--file", type=Path, help="import this file instead of a generated one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ipcity-tm-import-bench-") as tmp:
        path = args.file or Path(tmp) / "trademarks.csv"
        if args.file is None:
            write_export(path, args.records)
        with PeakRss() as rss:
            started = time.perf_counter()
            report = record_import.import_records(path, "trademark", "bench", data_dir=tmp,
                                                  max_bytes=max(record_import.DEFAULT_MAX_BYTES, path.stat().st_size))
            elapsed = time.perf_counter() - started
        duckdb_s = duckdb_csv_to_parquet(path, Path(tmp) / "duckdb.parquet")
    print(f"records={report.rows_read} imported={report.rows_imported} rejected={report.rejected_count} "
          f"format={report.format} import_s={elapsed:.1f} rows_per_s={report.rows_read / elapsed:.0f} "
          f"duckdb_s={duckdb_s:.1f} ratio_vs_duckdb={elapsed / duckdb_s:.2f} peak_rss_mb={rss.mb:.0f}")


if __name__ == "__main__":
    main()

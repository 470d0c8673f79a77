"""Patent export import: throughput and peak memory on a generated CNIPA-style CSV.

    .venv/bin/python benchmarks/patent_import.py --records 200000 [--file export.csv]

Writes an export of N rows (5 cities, 1,000 repeated publication numbers, long abstracts) to a
temporary directory, imports it with ``ipcity.analytics.importer`` and ends with one line:
``records=N import_s=… rows_per_s=… peak_rss_mb=…``. Peak RSS is sampled every 50 ms.
"""

from __future__ import annotations

import argparse
import csv
import tempfile
import threading
import time
from pathlib import Path

import psutil

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
        peak = 0
        stop = threading.Event()

        def sample() -> None:
            nonlocal peak
            process = psutil.Process()
            while not stop.wait(0.05):
                peak = max(peak, process.memory_info().rss)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        started = time.perf_counter()
        report = importer.import_file(path, "bench", data_dir=tmp)
        elapsed = time.perf_counter() - started
        stop.set()
        sampler.join()
    print(f"records={report.rows_read} imported={report.rows_imported} import_s={elapsed:.1f} "
          f"rows_per_s={report.rows_read / elapsed:.0f} peak_rss_mb={peak / 2**20:.0f}")


if __name__ == "__main__":
    main()

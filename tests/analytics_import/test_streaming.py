"""A 200,000-row export imports in batches with bounded memory (a sanity bound, not a benchmark)."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import pytest

from ipcity.analytics import datasets
from ipcity.analytics.summary import summarize

ROWS = 200_000
# The importer reads, maps, stages and reads back on three threads, each with a bounded buffer,
# beside DuckDB's 256 MB duplicate search: about 440 MB at this size on a quiet machine, up to
# 500 under a loaded CI, and flat from there (546-600 MB at 1M-10M rows, docs/patent-import.md
# "Memory"). The bound is a sanity check that buffers stay bounded, not a benchmark.
RSS_BOUND_MB = 600
HEADERS = ["公开(公告)号", "申请日", "公开(公告)日", "专利类型", "法律状态", "申请人", "申请人地址", "IPC分类号", "摘要"]
CITIES = ["广东省深圳市南山区", "浙江省杭州市余杭区", "江苏省南京市鼓楼区", "北京市海淀区", "湖北省武汉市洪山区"]


def _write_export(path, rows: int) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        for i in range(rows):
            pub = f"CN{110_000_000 + i % (rows - 1000)}B"  # the last 1,000 rows repeat earlier numbers
            writer.writerow([pub, f"20{10 + i % 12}-0{1 + i % 9}-1{i % 10}", "2023/5/6", "发明",
                             "有效" if i % 3 else "未缴年费", f"深圳市某科技有限公司{i % 5000}",
                             f"{CITIES[i % 5]}科技路{i % 20000}号", "G06F 16/36; G06N 3/08", "本发明公开了一种方法。" * 8])


# The import runs in a fresh interpreter: a test worker's own memory holds whatever earlier
# tests loaded, which says nothing about the importer.
IMPORT_AND_REPORT_PEAK = """
import json, re, sys
from ipcity.analytics import importer
report = importer.import_file(sys.argv[1], "big", data_dir=sys.argv[2])
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over execve from the forking test worker.
with open("/proc/self/status") as status:
    peak_kb = int(re.search(r"VmHWM:\\s+(\\d+)", status.read()).group(1))
print(json.dumps({"rows_read": report.rows_read, "rejected": report.rejected_count,
                  "dropped": report.duplicates_dropped, "imported": report.rows_imported,
                  "peak_kb": peak_kb}))
"""


@pytest.mark.slow
def test_large_csv_streams_with_bounded_memory(tmp_path):
    path = tmp_path / "big.csv"
    _write_export(path, ROWS)
    run = subprocess.run([sys.executable, "-c", IMPORT_AND_REPORT_PEAK, str(path), str(tmp_path)],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert report["rows_read"] == ROWS and report["rejected"] == 0
    assert report["dropped"] == 1_000 and report["imported"] == ROWS - 1_000
    assert report["peak_kb"] / 1024 < RSS_BOUND_MB, f"peak RSS {report['peak_kb'] / 1024:.0f} MB"
    summary = summarize("big", tmp_path)
    assert summary["rows"] == ROWS - 1_000
    assert summary["by_status"]["invalid"] + summary["by_status"]["valid"] == ROWS - 1_000
    records = datasets.read_records("big", tmp_path, columns=["region_code"]).column("region_code")
    assert records.null_count == 0

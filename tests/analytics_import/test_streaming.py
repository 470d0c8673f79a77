"""A 200,000-row export imports in batches with bounded memory (a sanity bound, not a benchmark)."""

from __future__ import annotations

import csv
import threading

import psutil
import pytest

from ipcity.analytics import datasets, importer
from ipcity.analytics.summary import summarize

ROWS = 200_000
RSS_BOUND_MB = 500
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


class PeakRss:
    """Samples this process's resident memory in a thread while the import runs."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        process = psutil.Process()
        while not self._stop.wait(0.05):
            self.peak = max(self.peak, process.memory_info().rss)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


@pytest.mark.slow
def test_large_csv_streams_with_bounded_memory(tmp_path):
    path = tmp_path / "big.csv"
    _write_export(path, ROWS)
    with PeakRss() as rss:
        report = importer.import_file(path, "big", data_dir=tmp_path)
    assert report.rows_read == ROWS and report.rejected_count == 0
    assert report.duplicates_dropped == 1_000 and report.rows_imported == ROWS - 1_000
    assert rss.peak / 2**20 < RSS_BOUND_MB, f"peak RSS {rss.peak / 2**20:.0f} MB"
    summary = summarize("big", tmp_path)
    assert summary["rows"] == ROWS - 1_000
    assert summary["by_status"]["invalid"] + summary["by_status"]["valid"] == ROWS - 1_000
    records = datasets.read_records("big", tmp_path, columns=["region_code"]).column("region_code")
    assert records.null_count == 0

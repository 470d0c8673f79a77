"""Benchmark: refusing a spreadsheet bomb, in time and memory (ipcity.core.spreadsheets).

    python benchmarks/upload_bomb.py [--rows 1000000]

Builds, in memory, a small .xlsx whose sheet holds ``--rows`` one-cell rows, three ways: with a
true ``<dimension>``, a lying one (A1:A1) and none, and times ``read_sheet`` refusing each, with
its peak Python memory (tracemalloc). Prints ``case=… bytes=… ms=… peak_mb=…``.

Target: each refused in under 2 s and under 50 MB (the field test's file held a worker 60–150 s
and took the process to 2.7 GB).
"""

from __future__ import annotations

import argparse
import io
import time
import tracemalloc
import zipfile

from django.conf import settings
from openpyxl import Workbook

from ipcity.core.spreadsheets import SpreadsheetRefused, read_sheet

settings.configure(USE_I18N=False)  # the refusals are translated strings; no project set-up is needed


def bomb(rows: int, dimension: str | None) -> bytes:
    wb = Workbook()
    wb.active.append(["x"])
    plain = io.BytesIO()
    wb.save(plain)
    head = b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    if dimension:
        head += b'<dimension ref="%s"/>' % dimension.encode()
    sheet = head + b"<sheetData>" + b'<row><c t="n"><v>1</v></c></row>' * rows + b"</sheetData></worksheet>"
    source = zipfile.ZipFile(plain)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for name in source.namelist():
            target.writestr(name, sheet if name == "xl/worksheets/sheet1.xml" else source.read(name))
    return out.getvalue()


def _refused(data: bytes) -> str:
    try:
        read_sheet(data)
    except SpreadsheetRefused:
        return "refused"
    return "read"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    for case, dimension in (("true-dimension", f"A1:A{args.rows}"), ("lying-dimension", "A1:A1"), ("no-dimension", None)):
        data = bomb(args.rows, dimension)
        started = time.perf_counter()
        outcome = _refused(data)
        elapsed = (time.perf_counter() - started) * 1000
        tracemalloc.start()  # a second run for memory: tracing slows Python several-fold
        _refused(data)
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        print(f"case={case} bytes={len(data)} outcome={outcome} ms={elapsed:.0f} peak_mb={peak:.1f}")


if __name__ == "__main__":
    main()

"""Benchmark: hostile .xls/.doc/web-page-table input against a normal file of the same size.

    python benchmarks/hostile_tables.py [--only NAME] [--no-office]

Each file is built (tests/hostile_tables.py, authored files) and written to disk; then a fresh
process reads it with the reader under attack, timed once, its peak memory taken as the growth
of the process's peak resident size (``VmHWM`` after a reset: C allocations of lxml and xlrd
included, unlike tracemalloc; LibreOffice's own peak for the conversion cases). Prints ``case=… bytes=… outcome=… ms=… peak_mb=…``; each
attack is followed by its ``reference``: a normal file of about the same size read the same way.

Paths: ``upload`` is an office's .xls upload (``core.uploads.check_bytes``, then
``core.spreadsheets.read_sheet`` with the 5 MB limit raised to the file's size where it is
larger), ``cli`` the importers' reader (``analytics.readers``), ``plan`` the plan reader.
``--no-office`` leaves out the LibreOffice cases (a conversion, and one that hangs, stopped at a
2 s limit with every process it started).

Targets: every attack refused or read in under 2 s and 100 MB above the loaded reader (a web
worker survives it; before the fixes, several never ended or took gigabytes), and a web page's
memory flat whatever its size (the CLI's 50 MB cases).
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from tests import hostile_tables as hostile  # noqa: E402


def _normal_page(size: int) -> bytes:
    row = ("<tr><td>CN202110012345.6</td><td>一种用于测试的装置及其方法</td><td>某某科技有限公司</td>"
           "<td>2021-03-04</td><td>发明</td><td>有效</td></tr>")
    header = "<tr><td>申请号</td><td>名称</td><td>申请人</td><td>申请日</td><td>类型</td><td>法律状态</td></tr>"
    return hostile.page(header + row * (size // len(row.encode())))


def _csv(cell: str, size: int) -> bytes:
    """A CSV of 申请号,名称 rows, every 申请号 ``cell``."""
    row = f"{cell},一种装置\n".encode()
    return "申请号,名称\n".encode() + row * (size // len(row))


def _normal_xls(cells: int) -> bytes:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("导出结果")
    for n in range(cells):
        sheet.write(n // 10, n % 10, f"文本{n}")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# name → (path, file builder, the reference's builder or None)
CASES = {
    "ole2-directory-loop": ("upload", lambda: hostile.directory_bomb(40), lambda: _normal_xls(300)),
    "ole2-short-stream-loop": ("upload", hostile.looping_short_stream, None),
    "xls-corner-cell": ("upload", hostile.xls_corner, None),
    "xls-30-corner-sheets": ("upload", lambda: hostile.xls_corner(sheets=30), lambda: _normal_xls(1_200)),
    "xls-300-corner-sheets": ("upload", lambda: hostile.xls_corner(sheets=300), lambda: _normal_xls(12_000)),
    "html-colspan-5mb": ("upload", hostile.colspan_bomb, lambda: _normal_page(5_000_000)),
    "html-100k-cells-row": ("upload", lambda: hostile.wide_row(100_000), lambda: _normal_page(1_000_000)),
    "html-paragraphs-5mb": ("upload", hostile.paragraph_flood, lambda: _normal_page(5_000_000)),
    "html-crowded-cell": ("upload", hostile.crowded_cell, lambda: _normal_page(4_800_000)),
    "html-nested-1m": ("upload", lambda: hostile.page("<tr><td>申请号</td><td>名称</td></tr>" + "<div>" * 1_000_000),
                       lambda: _normal_page(5_000_000)),
    "html-charset-rot13": ("upload", lambda: hostile.page("<tr><td>a</td><td>b</td></tr>", charset="rot13"), None),
    "html-unclosed-meta-1mb": ("upload", lambda: b"<html><table>" + b"<meta " * 175_000, lambda: _normal_page(1_000_000)),
    "cli-csv-apostrophe-cells-10mb": ("cli", lambda: _csv("'" + "1" * 30_000 + "!", 10_000_000),
                                      lambda: _csv("CN202110012345.6", 10_000_000)),
    "cli-html-colspan-50mb": ("cli", lambda: hostile.colspan_bomb(50_000_000), lambda: _normal_page(50_000_000)),
    "cli-html-paragraphs-50mb": ("cli", lambda: hostile.paragraph_flood(50_000_000), lambda: _normal_page(50_000_000)),
    "plan-doc-directory-loop": ("plan", lambda: hostile.directory_bomb(40, name="WordDocument"), None),
}
OFFICE_CASES = ("office-rtf-hostile-fields", "office-hang")


def _prepare(path_kind: str) -> None:
    """Load the reader before the measure, as in a running worker."""
    if path_kind == "upload":
        from django.conf import settings

        settings.configure(USE_I18N=False)
        import openpyxl.reader.excel  # noqa: F401  (read_sheet imports it on its first call)
        import openpyxl.worksheet._reader  # noqa: F401

        import ipcity.core.spreadsheets
        import ipcity.core.uploads  # noqa: F401
    elif path_kind == "cli":
        import ipcity.analytics.readers  # noqa: F401
    else:
        import ipcity.plans.read  # noqa: F401


def _read(path_kind: str, file: Path, data: bytes) -> str:
    if path_kind == "upload":
        from ipcity.core.spreadsheets import SpreadsheetRefused, WorkbookLimits, read_sheet
        from ipcity.core.uploads import UploadRejected, check_bytes

        try:
            check_bytes(data, "upload.xls", accept=["xls"], max_bytes=max(len(data), 10 << 20))
            rows = read_sheet(data, limits=WorkbookLimits(max_bytes=max(len(data), 5 << 20), max_rows=100_000))
        except (UploadRejected, SpreadsheetRefused) as exc:
            return "refused:" + exc.message[:40]
        return f"read:{len(rows)}rows"
    if path_kind == "cli":
        from ipcity.analytics import file_rows, readers

        try:
            return f"read:{sum(1 for _ in file_rows.iter_rows(readers.inspect(file)))}rows"
        except readers.InputError as exc:
            return "refused:" + str(exc).split(": ", 1)[1][:40]
    from ipcity.plans.errors import DocumentError
    from ipcity.plans.read import read_document

    try:
        return f"read:{len(read_document(file).text)}chars"
    except DocumentError as exc:
        return "refused:" + exc.problem_zh[:30]


def _office(case: str, tmp: Path) -> str:
    from ipcity.plans.errors import DocumentError
    from ipcity.plans.read import legacy_office, read_document

    if case == "office-rtf-hostile-fields":
        file = tmp / "方案.doc"
        file.write_bytes(b"{\\rtf1\\ansi \\pard Plan\\par {\\field{\\*\\fldinst INCLUDETEXT \"file:///etc/passwd\"}"
                          b"{\\fldrslt (cached)}}\\par {\\field{\\*\\fldinst INCLUDEPICTURE \"http://127.0.0.1:9/p.png\""
                          b" \\\\d}{\\fldrslt }}\\par}")
        text = read_document(file).text
        return "read:passwd-absent" if "root:" not in text else "read:PASSWD-LEAKED"
    tempfile.tempdir = str(tmp)  # the conversion's directory made here, so that only it is counted
    script = tmp / "soffice"
    script.write_text("#!/bin/sh\nsh -c 'sleep 612' &\nwait\n", encoding="utf-8")
    script.chmod(0o755)
    legacy_office.soffice = lambda: str(script)  # a conversion that never ends
    legacy_office.CONVERT_SECONDS = 2
    file = tmp / "plan.rtf"
    file.write_bytes(b"{\\rtf1 x}")
    try:
        with legacy_office.as_docx(file, "plan.rtf", "an RTF file", "RTF 文件"):
            pass
    except DocumentError:
        pass
    left = subprocess.run(["pgrep", "-f", "sleep 612"], capture_output=True, text=True).stdout.split()
    dirs = list(tmp.glob("ipcity-convert-*"))
    return f"refused:processes_left={len(left)},dirs_left={len(dirs)}"


def _status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise LookupError(field)


def _reset_peak() -> int:
    """The resident size now (KB), its high-water mark reset to it. (``ru_maxrss`` is kept across
    exec: the child would start with the parent's peak, which built the file.)"""
    Path("/proc/self/clear_refs").write_text("5")
    return _status_kb("VmRSS")


def child(case: str, which: str, file: Path) -> None:
    """Read one case's file (written by the parent) in this process and print its line."""
    with tempfile.TemporaryDirectory() as tmp:
        if case in OFFICE_CASES:
            before = _reset_peak()
            started = time.perf_counter()
            outcome = _office(case, Path(tmp))
            size = 0
        else:
            path_kind = CASES[case][0]
            size = file.stat().st_size
            # An upload is in the worker's memory before it is checked; the CLI reads its file itself.
            data = file.read_bytes() if path_kind == "upload" else b""
            _prepare(path_kind)
            before = _reset_peak()
            started = time.perf_counter()
            outcome = _read(path_kind, file, data)
        elapsed = (time.perf_counter() - started) * 1000
        peak = max(_status_kb("VmHWM") - before,
                   resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss if case in OFFICE_CASES else 0) / 1024
    name = case if which == "attack" else f"{case}:reference"
    print(f"case={name} bytes={size} outcome={outcome} ms={elapsed:.0f} peak_mb={peak:.0f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only")
    parser.add_argument("--no-office", action="store_true")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1], Path(args.child[2]))
        return
    names = [*CASES, *(() if args.no_office else OFFICE_CASES)]
    with tempfile.TemporaryDirectory() as tmp:
        for case in names:
            if args.only and args.only not in case:
                continue
            runs = ["attack"] + (["reference"] if case in CASES and CASES[case][2] is not None else [])
            for which in runs:
                suffix = ".doc" if case in CASES and CASES[case][0] == "plan" else ".csv" if "csv" in case else ".xls"
                file = Path(tmp) / ("file" + suffix)
                if case in CASES:
                    file.write_bytes((CASES[case][1] if which == "attack" else CASES[case][2])())
                subprocess.run([sys.executable, __file__, "--child", case, which, str(file)], check=False,
                               timeout=600, env={**os.environ, "PYTHONPATH": f"{ROOT / 'src'}:{ROOT}"})


if __name__ == "__main__":
    main()

"""The shared log files: several processes write one log, rotated once by size, no line lost."""

from __future__ import annotations

import logging
import multiprocessing
from pathlib import Path

from ipcity.web.logs import SharedRotatingFileHandler

LINES = 400
MAX_BYTES = 4000


def _write(path: str, tag: str, start) -> None:
    handler = SharedRotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=1000)
    handler.setFormatter(logging.Formatter("%(message)s"))
    log = logging.getLogger(f"shared-{tag}")
    log.propagate = False
    log.addHandler(handler)
    start.wait()
    for i in range(LINES):
        log.warning("%s %04d %s", tag, i, "x" * 40)
    handler.close()


def test_two_processes_share_one_rotated_log(tmp_path: Path):
    path = tmp_path / "ipcity.log"
    ctx = multiprocessing.get_context("fork")
    start = ctx.Event()
    procs = [ctx.Process(target=_write, args=(str(path), tag, start)) for tag in ("A", "B")]
    for proc in procs:
        proc.start()
    start.set()
    for proc in procs:
        proc.join(60)
        assert proc.exitcode == 0
    files = sorted(tmp_path.glob("ipcity.log*"))
    files = [f for f in files if not f.name.endswith(".lock")]
    lines = [line for f in files for line in f.read_text().splitlines()]
    # Every line once: none lost or duplicated by two processes rotating the same file.
    assert sorted(lines) == sorted(f"{tag} {i:04d} {'x' * 40}" for tag in "AB" for i in range(LINES))
    # Rotated by size: no file beyond the limit (a process writing on into a renamed file would be).
    assert len(files) > 5
    assert max(f.stat().st_size for f in files) <= MAX_BYTES
    # Each rotated file holds a contiguous stretch of time: A's lines in increasing order across files.
    backups = sorted((f for f in files if f.name != "ipcity.log"), key=lambda f: -int(f.suffix[1:]))
    a_lines = [ln for f in [*backups, path] for ln in f.read_text().splitlines() if ln.startswith("A")]
    assert a_lines == sorted(a_lines)

"""``kill -9`` at random moments of four writers leaves the old state or the new, never a mix.

Each writer runs as a process against its own copy of a demo installation and is killed with
SIGKILL after a random delay drawn across its measured run time, 20 times. After each kill the
state is read from disk and must equal the state before the run or the state a complete run
produces: the patent dataset (link, manifest and records agree), the programme tables, the
indicator values, the backup file (absent, or complete and verifiable).
"""

from __future__ import annotations

import csv
import json
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests.ops.helpers import REPO, env_for

pytestmark = pytest.mark.slow

KILLS = 20
PLAN = Path(__file__).resolve().parents[2].parent / "shared" / "seeds" / "gold" / "000_3c8ebd50ad477ee4.json"


@pytest.fixture
def installation(source_installation, tmp_path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(source_installation, copy, symlinks=True)
    return copy


def _start(args: list[str], data_dir: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, *args], env=env_for(data_dir), cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _timed_run(args: list[str], data_dir: Path) -> float:
    started = time.monotonic()
    proc = _start(args, data_dir)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    return time.monotonic() - started


def _kill_at_random(args: list[str], data_dir: Path, run_time: float, rng: random.Random) -> str:
    """Start the writer, SIGKILL it after a random part of its run time; returns its stdout."""
    proc = _start(args, data_dir)
    time.sleep(rng.uniform(0, run_time))
    proc.send_signal(signal.SIGKILL)
    out, _ = proc.communicate(timeout=60)
    return out


def _counts(data_dir: Path) -> dict[str, int]:
    db = sqlite3.connect(data_dir / "ipcity.sqlite3")
    try:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                           "AND name NOT LIKE 'sqlite_%'")]
        return {t: db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        db.close()


def _delta(before: dict[str, int], after: dict[str, int]) -> dict[str, int]:
    return {t: after[t] - before.get(t, 0) for t in after if after[t] != before.get(t, 0)}


# ---------------------------------------------------------------- the four writers


def _patent_csv(path: Path, rows: int, tag: str) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["公开(公告)号", "申请号", "申请日", "专利类型", "申请人", "申请人地址", "IPC分类号", "标题"])
        for i in range(rows):
            writer.writerow([f"CN{114000000 + i}{tag}", f"CN2021{10000000 + i:08d}.{i % 10}",
                             f"2021-{1 + i % 12:02d}-{1 + i % 28:02d}", "发明", "深圳市星河科技有限公司",
                             "广东省深圳市南山区科技园南区1号", "G06F 16/36", f"一种方法{i}"])
    return path


def _dataset_rows(data_dir: Path, name: str) -> int | None:
    """Rows of the current version, after checking its link, manifest and records agree."""
    link = data_dir / "datasets" / name
    if not link.is_symlink():
        assert not link.exists(), "a dataset is a link to a version"
        return None
    version = link.resolve()
    manifest = json.loads((version / "manifest.json").read_text(encoding="utf-8"))
    records = pq.ParquetFile(version / "records.parquet").metadata.num_rows
    assert manifest["rows"] == records, f"manifest says {manifest['rows']} rows, records hold {records}"
    return records


def test_patent_import_killed_leaves_old_or_new_dataset(installation, tmp_path):
    files = {3000: _patent_csv(tmp_path / "a.csv", 3000, "B"), 2000: _patent_csv(tmp_path / "b.csv", 2000, "A")}
    command = lambda rows: ["-m", "ipcity", "patents", "import", str(files[rows]), "--dataset", "crash"]  # noqa: E731
    run_time = _timed_run(command(3000), installation)
    rng = random.Random(10)
    for _ in range(KILLS):
        old = _dataset_rows(installation, "crash")
        new = 2000 if old == 3000 else 3000
        _kill_at_random(command(new), installation, run_time, rng)
        assert _dataset_rows(installation, "crash") in (old, new)
    assert _dataset_rows(installation, "city") == 2000, "the other dataset is untouched"


def test_plan_load_killed_leaves_no_partial_programme(installation):
    if not PLAN.exists():
        pytest.skip(f"no plan at {PLAN}")
    command = ["-m", "ipcity", "plan", "load", str(PLAN)]
    _timed_run(command, installation)  # the first load creates the plan's departments
    before = _counts(installation)
    run_time = _timed_run(command, installation)
    complete = _delta(before, _counts(installation))
    assert complete.get("programs_program") == 1 and complete.get("programs_indicator", 0) > 0
    rng = random.Random(20)
    for _ in range(KILLS):
        before = _counts(installation)
        _kill_at_random(command, installation, run_time, rng)
        assert _delta(before, _counts(installation)) in ({}, complete)


def _current_values(data_dir: Path, keys) -> dict[str, float]:
    db = sqlite3.connect(data_dir / "ipcity.sqlite3")
    try:
        found: dict[str, float] = {}
        for key in keys:
            indicator, year = key.split(":")
            rows = db.execute("SELECT value FROM monitoring_indicatoractual WHERE indicator_id=? AND year=? "
                              "AND is_current", (int(indicator), int(year))).fetchall()
            assert len(rows) <= 1, f"{key}: {len(rows)} current values"
            if rows:
                found[key] = rows[0][0]
        return found
    finally:
        db.close()


def test_value_upload_killed_writes_all_rows_or_none(installation):
    command = lambda seed: ["-m", "tests.ops.drivers.upload_values", str(seed)]  # noqa: E731
    started = time.monotonic()
    proc = _start(command(0), installation)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    run_time = time.monotonic() - started
    keys = list(json.loads(out.splitlines()[0]))
    rng = random.Random(30)
    for seed in range(1, KILLS + 1):
        old = _current_values(installation, keys)
        out = _kill_at_random(command(seed), installation, run_time, rng)
        now = _current_values(installation, keys)
        if now != old:
            assert out, "values changed before the driver said what it would write"
            assert now == json.loads(out.splitlines()[0]), "some rows of the upload written, others not"


def test_backup_killed_leaves_no_file_or_a_complete_one(installation, tmp_path):
    from ipcity.ops import archive

    out = tmp_path / "backups" / "ipcity.tar.gz"
    out.parent.mkdir()
    command = ["-m", "ipcity", "backup", "--out", str(out)]
    run_time = _timed_run(command, installation)
    archive.verify(out)
    rng = random.Random(40)
    for _ in range(KILLS):
        out.unlink(missing_ok=True)
        _kill_at_random(command, installation, run_time, rng)
        if out.exists():
            archive.verify(out)  # raises on an incomplete archive
        leftovers = [p.name for p in out.parent.iterdir() if p != out]
        assert all(name.startswith(".") for name in leftovers), leftovers
    # The next backup clears what the killed ones left (their database copies, partial archives).
    subprocess.run([sys.executable, *command], env=env_for(installation), check=True, capture_output=True)
    assert [p.name for p in out.parent.iterdir()] == [out.name]

"""On SQLite, two processes writing at once through the services lose nothing and never fail
with "database is locked" (WAL, IMMEDIATE transactions and a busy timeout queue the writers)."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys

import pytest

from tests.ops.drivers.write_values import value
from tests.ops.helpers import REPO, env_for

pytestmark = pytest.mark.slow
WRITES = 200


def test_two_processes_writing_200_times_each_lose_nothing(source_installation, tmp_path):
    data_dir = tmp_path / "data"
    shutil.copytree(source_installation, data_dir, symlinks=True)
    db_path = data_dir / "ipcity.sqlite3"
    with sqlite3.connect(db_path) as db:
        events_before = db.execute("SELECT count(*) FROM audit_auditevent").fetchone()[0]

    go = tmp_path / "go"
    procs = [subprocess.Popen([sys.executable, "-m", "tests.ops.drivers.write_values", str(worker), str(WRITES),
                               str(go)], env=env_for(data_dir), cwd=REPO,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for worker in (1, 2)]
    for proc in procs:  # both set up (Django, connection) before either writes
        assert proc.stdout.readline().strip() == "ready", proc.stderr.read()
    go.touch()
    results = [p.communicate(timeout=120) for p in procs]
    for proc, (_, err) in zip(procs, results, strict=True):
        assert "database is locked" not in err
        assert proc.returncode == 0, err
    (start1, end1), (start2, end2) = [map(float, out.split()) for out, _ in results]
    assert start1 < end2 and start2 < end1, "the two writers were at work at the same time"

    with sqlite3.connect(db_path) as db:
        indicator_id = db.execute("SELECT min(id) FROM programs_indicator").fetchone()[0]
        rows = db.execute("SELECT id, value, source, is_current, superseded_by_id FROM monitoring_indicatoractual "
                          "WHERE indicator_id=? AND source LIKE 'worker %' ORDER BY id", (indicator_id,)).fetchall()
        events = db.execute("SELECT count(*) FROM audit_auditevent").fetchone()[0]
    written = sorted((source, val) for _, val, source, _, _ in rows)
    expected = sorted((f"worker {w}", value(w, i)) for w in (1, 2) for i in range(WRITES))
    assert written == expected, "every write is there, once"
    assert events - events_before == 2 * WRITES, "every write has its audit record"
    # The history is one chain: each row but the last superseded by the next one written.
    assert [r[3] for r in rows].count(1) == 1 and rows[-1][3] == 1
    assert [r[4] for r in rows[:-1]] == [r[0] for r in rows[1:]]

"""A command run on a data directory that was never migrated (or not since an upgrade) says what to
do in one line, exit status 2, instead of a database traceback (found by the docs check of
2026-12-07: `ipcity report build` on a fresh directory)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from ipcity.cli.groups import _missing_schema


@pytest.mark.parametrize("args", [
    ["supervise", "rounds"],
    ["report", "build", "--kind", "annual", "--program", "1", "--year", "2025", "--out", "report.pdf"],
])
def test_a_command_on_an_unmigrated_database_names_ipcity_migrate(tmp_path, args):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(IPCITY_DATA_DIR=str(tmp_path), IPCITY_ENV="dev")
    done = subprocess.run([sys.executable, "-m", "ipcity", *args], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("ipcity: 数据库尚未建立") and "ipcity migrate" in done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "report.pdf").exists()


def test_only_a_missing_table_is_taken_for_an_unmigrated_database():
    from django.db.utils import IntegrityError, OperationalError, ProgrammingError

    assert _missing_schema(OperationalError("no such table: programs_program"))
    assert _missing_schema(ProgrammingError('relation "programs_program" does not exist\nLINE 1: …'))
    assert not _missing_schema(OperationalError("database is locked"))
    assert not _missing_schema(IntegrityError("no such table"))  # another kind of error
    assert not _missing_schema(RuntimeError("no such table: x"))  # not the database's

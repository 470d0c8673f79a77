"""Run ``ipcity`` in its own process against a given data directory, and compare installations.

The backup commands work on a whole installation (database file, data directory), so the
tests drive them as an operator would: one subprocess per command, each with its own
``IPCITY_DATA_DIR`` (and ``DATABASE_URL`` for PostgreSQL).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

AREAS = ("uploads", "datasets", "reference")
REPO = Path(__file__).resolve().parents[2]


def env_for(data_dir: Path, database_url: str | None = None) -> dict[str, str]:
    # The checkout on the path, so drivers run as ``python -m tests.ops.drivers.…``.
    path = os.pathsep.join(p for p in (os.environ.get("PYTHONPATH"), str(REPO)) if p)
    env = dict(os.environ, IPCITY_DATA_DIR=str(data_dir), IPCITY_ENV="test", PYTHONUNBUFFERED="1",
               PYTHONPATH=path)
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def ipcity(*args: str, data_dir: Path, database_url: str | None = None, check: bool = True,
           timeout: float = 300) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "ipcity", *args], env=env_for(data_dir, database_url),
                            capture_output=True, text=True, timeout=timeout)
    if check and result.returncode != 0:
        raise AssertionError(f"ipcity {' '.join(args)} failed ({result.returncode}):\n{result.stderr[-3000:]}")
    return result


def make_installation(data_dir: Path, database_url: str | None = None, *, records: int = 2000) -> None:
    """A small but complete installation: the demo, a patent dataset, reference data, uploads."""
    data_dir.mkdir(parents=True, exist_ok=True)
    ipcity("migrate", data_dir=data_dir, database_url=database_url)
    ipcity("demo", data_dir=data_dir, database_url=database_url)
    ipcity("patents", "synth", "--records", str(records), "--out", str(data_dir.parent / f"{data_dir.name}-synth"),
           "--dataset", "city", data_dir=data_dir, database_url=database_url)
    ipcity("patents", "reference", "pledge-threshold", "5000000", data_dir=data_dir, database_url=database_url)
    uploads = data_dir / "uploads" / "supervision" / "2026"
    uploads.mkdir(parents=True, exist_ok=True)
    (uploads / "佐证材料.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 64)
    (data_dir / "uploads" / "empty.txt").write_bytes(b"")


def tree(data_dir: Path) -> dict[str, tuple[str, str]]:
    """Every file (by SHA-256) and link (by target) of the backed-up areas, keyed by path."""
    found: dict[str, tuple[str, str]] = {}
    for area in AREAS:
        root = data_dir / area
        for dirpath, dirnames, filenames in os.walk(root):
            for name in dirnames + filenames:
                path = Path(dirpath) / name
                key = path.relative_to(data_dir).as_posix()
                if path.is_symlink():
                    found[key] = ("link", os.readlink(path))
                elif path.is_file() and not name.endswith(".lock"):
                    found[key] = ("file", hashlib.sha256(path.read_bytes()).hexdigest())
    return found


def sqlite_rows(path: Path) -> dict[str, list[tuple]]:
    """Every table's rows, sorted, from a SQLite file (read-only)."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                           "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return {t: sorted(db.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
    finally:
        db.close()


def state(data_dir: Path) -> tuple[dict, dict]:
    """What a restore must not change when it refuses: database rows and files."""
    return sqlite_rows(data_dir / "ipcity.sqlite3"), tree(data_dir)


def create_database(server: str, name: str) -> str:
    """A new database on the cluster at ``server``; returns its URL."""
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{server}/{name}"

"""Database snapshots for backups, and their restore.

- SQLite: ``sqlite3.Connection.backup`` copies a consistent snapshot while the platform keeps
  running (readers and writers are not stopped). Restore writes the file aside and renames it
  over the database, so the database is at every moment the old file or the new one.
- PostgreSQL: ``pg_dump`` in custom format (one consistent snapshot by design) with the client
  binaries of the server's major version (``/usr/lib/postgresql/<major>/bin``, or
  ``IPCITY_PG_BIN``); restore with ``pg_restore --single-transaction`` into an empty database.
  Connection settings go to the tools through ``PG*`` environment variables, so the password
  never appears on a command line.

Restoring a SQLite backup into PostgreSQL (or the reverse) is not supported.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection

SQLITE = "sqlite"
POSTGRESQL = "postgresql"
MEMBER = {SQLITE: "database/ipcity.sqlite3", POSTGRESQL: "database/ipcity.pgdump"}


class DatabaseToolError(Exception):
    """A database tool is missing or failed; the message is one line for the operator."""


def engine() -> str:
    vendor = connection.vendor
    if vendor in (SQLITE, POSTGRESQL):
        return vendor
    raise DatabaseToolError(f"backups support SQLite and PostgreSQL, not {vendor}")


def sqlite_path() -> Path:
    return Path(settings.DATABASES["default"]["NAME"])


# ---------------------------------------------------------------- snapshot


def snapshot(destination: Path) -> dict:
    """Write a consistent copy of the database to ``destination``; returns facts for the manifest."""
    kind = engine()
    if kind == SQLITE:
        _sqlite_snapshot(sqlite_path(), destination)
        return {"engine": SQLITE, "member": MEMBER[SQLITE], "sqlite_version": sqlite3.sqlite_version}
    connection.ensure_connection()
    major = connection.pg_version // 10000
    _run([str(pg_tool("pg_dump")), "--format=custom", "--compress=6", f"--file={destination}"], "pg_dump")
    return {"engine": POSTGRESQL, "member": MEMBER[POSTGRESQL], "server_version": connection.pg_version,
            "server_major": major}


def _sqlite_snapshot(source: Path, destination: Path) -> None:
    # The backup API restarts when another connection writes mid-copy; pages=-1 copies all at
    # once under a read lock, which in WAL mode does not block writers.
    if not source.is_file():
        raise DatabaseToolError(f"no database at {source}: nothing to back up (run `ipcity migrate` first?)")
    try:
        src = sqlite3.connect(_read_only(source), uri=True, timeout=30)
        dst = sqlite3.connect(destination)
        try:
            src.backup(dst, pages=-1)
            # A self-contained file: no -wal beside it in the archive.
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
            src.close()
    except sqlite3.Error as exc:
        raise DatabaseToolError(f"cannot copy {source}: {exc}") from None


def _read_only(path: Path) -> str:
    # as_uri() percent-encodes the path: a '?' or '#' in a directory name stays part of it.
    return f"{Path(path).resolve().as_uri()}?mode=ro"


def applied_migrations_in_sqlite(path: Path) -> dict[str, list[str]]:
    """The migration state recorded in a SQLite snapshot (the same moment as its data)."""
    db = sqlite3.connect(_read_only(path), uri=True)
    try:
        rows = db.execute("SELECT app, name FROM django_migrations").fetchall()
    except sqlite3.OperationalError:
        rows = []
    finally:
        db.close()
    return _group(rows)


def applied_migrations() -> dict[str, list[str]]:
    from django.db.migrations.recorder import MigrationRecorder

    return _group(MigrationRecorder(connection).applied_migrations().keys())


def _group(rows) -> dict[str, list[str]]:
    state: dict[str, list[str]] = {}
    for app, name in rows:
        state.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(state.items())}


# ---------------------------------------------------------------- restore


def is_empty() -> tuple[bool, str]:
    """Whether the target database holds no table; the second value names it for messages."""
    if engine() == SQLITE:
        path = sqlite_path()
        if not path.exists() or path.stat().st_size == 0:
            return True, str(path)
        db = sqlite3.connect(_read_only(path), uri=True)
        try:
            tables = db.execute("SELECT count(*) FROM sqlite_master WHERE type='table' "
                                "AND name NOT LIKE 'sqlite_%'").fetchone()[0]
        finally:
            db.close()
        return tables == 0, str(path)
    name = settings.DATABASES["default"]["NAME"]
    return not connection.introspection.table_names(), f"PostgreSQL database {name}"


def restore_sqlite(snapshot_file: Path) -> None:
    """Put ``snapshot_file`` (already on the same file system) in place of the database."""
    target = sqlite_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    connection.close()
    if target.exists():
        # Fold the old write-ahead log into its file first: a -wal left beside the new file
        # would be replayed onto it by the next connection and corrupt it.
        try:
            old = sqlite3.connect(target, timeout=30)
            try:
                old.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                old.close()
        except sqlite3.DatabaseError:
            pass  # not a database (any more): nothing to fold in, it is replaced whole anyway
    with open(snapshot_file, "rb+") as handle:
        os.fsync(handle.fileno())
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    os.replace(snapshot_file, target)
    fd = os.open(target.parent, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def restore_postgresql(dump_file: Path, *, replace: bool) -> None:
    """Load the dump in one transaction: all of it or none of it.

    Into an empty database with ``pg_restore --single-transaction``. With ``replace`` the old
    schema is dropped in the same transaction (``pg_restore`` writes SQL that ``psql`` runs
    after ``DROP SCHEMA public CASCADE``), so a failed restore leaves the old database intact.
    """
    connection.close()
    common = ["--no-owner", "--no-privileges"]
    if not replace:
        _run([str(pg_tool("pg_restore")), "--single-transaction", "--exit-on-error", *common,
              f"--dbname={_pg_env()['PGDATABASE']}", str(dump_file)], "pg_restore")
        return
    psql = [str(pg_tool("psql")), "-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction",
            "-c", "DROP SCHEMA public CASCADE", "-c", "CREATE SCHEMA public", "-f", "-"]
    script = subprocess.Popen([str(pg_tool("pg_restore")), *common, "--file=-", str(dump_file)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_pg_env())
    try:
        _run(psql, "psql", stdin=script.stdout)
    finally:
        script.stdout.close()  # psql gone: pg_restore must not wait on a pipe nobody reads
        _, err = script.communicate()
    if script.returncode:
        raise DatabaseToolError(f"pg_restore failed: {_last_line(err)}")


# ---------------------------------------------------------------- PostgreSQL tools


def pg_tool(name: str) -> Path:
    """The client binary matching the server's major version (pg_dump refuses older servers'
    peers and newer servers)."""
    override = os.environ.get("IPCITY_PG_BIN")
    connection.ensure_connection()
    major = connection.pg_version // 10000
    candidates = [Path(override) / name] if override else []
    candidates.append(Path(f"/usr/lib/postgresql/{major}/bin/{name}"))
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    found = shutil.which(name)
    if found:
        return Path(found)
    raise DatabaseToolError(f"{name} for PostgreSQL {major} not found: install postgresql-client-{major} "
                            "or point IPCITY_PG_BIN at its bin directory")


def _pg_env() -> dict[str, str]:
    # A plain dict: django-stubs types DATABASES entries as a TypedDict, which refuses a key
    # taken from a variable.
    db: dict[str, Any] = dict(settings.DATABASES["default"])
    env = dict(os.environ)
    for key, setting in (("PGDATABASE", "NAME"), ("PGUSER", "USER"), ("PGPASSWORD", "PASSWORD"),
                         ("PGHOST", "HOST"), ("PGPORT", "PORT")):
        if db.get(setting):
            env[key] = str(db[setting])
    if db.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = db["OPTIONS"]["sslmode"]
    return env


def _run(command: list[str], tool: str, stdin=None) -> None:
    result = subprocess.run(command, env=_pg_env(), stdin=stdin, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    if result.returncode:
        raise DatabaseToolError(f"{tool} failed: {_last_line(result.stderr)}")


def _last_line(stderr: bytes) -> str:
    lines = [line for line in stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    return lines[-1] if lines else "no message"

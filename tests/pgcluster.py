"""Run a command against a throw-away PostgreSQL 15 cluster on loopback.

    python tests/pgcluster.py -- pytest tests/web

initdb refuses to run as root, so as root the cluster belongs to the ``postgres`` user. The
cluster lives in a temporary directory, listens on 127.0.0.1 at a free port, and is stopped
and removed when the command ends, whatever its outcome. ``DATABASE_URL`` points the command at it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

PG_BIN = Path(os.environ.get("IPCITY_PG_BIN", "/usr/lib/postgresql/15/bin"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def as_cluster_owner(cmd: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


@contextlib.contextmanager
def cluster() -> Iterator[str]:
    """Start a throw-away cluster and yield its URL (database ``postgres``); removed on exit.

    Importable by tests that need PostgreSQL beside the default SQLite run (tests/ops).
    """
    root = Path(tempfile.mkdtemp(prefix="ipcity-pg-"))
    data = root / "data"
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    port = free_port()
    log = root / "server.log"
    try:
        subprocess.run(as_cluster_owner([str(PG_BIN / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres",
                                         "-E", "UTF8", "--locale=C.UTF-8"]), check=True, stdout=subprocess.DEVNULL)
        subprocess.run(as_cluster_owner([str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-o",
                                         f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off "
                                         "-c synchronous_commit=off -c full_page_writes=off", "start"]),
                       check=True, stdout=subprocess.DEVNULL)
        yield f"postgres://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(as_cluster_owner([str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(root, ignore_errors=True)


@contextlib.contextmanager
def fresh_database(server: str, prefix: str = "ipcity") -> Iterator[str]:
    """A new, empty database in the cluster at ``server`` (a PostgreSQL URL); dropped on exit."""
    import uuid
    from urllib.parse import urlsplit

    import psycopg

    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlsplit(server)._replace(path=f"/{name}").geturl()
    finally:
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main(argv: list[str]) -> int:
    if "--" not in argv:
        print("usage: pgcluster.py -- COMMAND...", file=sys.stderr)
        return 2
    command = argv[argv.index("--") + 1 :]
    with cluster() as url:
        env = dict(os.environ, DATABASE_URL=url)
        print(f"pgcluster: PostgreSQL on {url.rsplit('@', 1)[1].split('/')[0]}", flush=True)
        return subprocess.run(command, env=env).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv))

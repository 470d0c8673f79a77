"""A fresh PostgreSQL database for the tests that run `ipcity serve` as a subprocess.

When DATABASE_URL names a PostgreSQL cluster (``tests/pgcluster.py -- pytest …``) a throw-away
database is created in that cluster; otherwise the tests start their own throw-away cluster
(tests/pgcluster.py), and skip where PostgreSQL is not installed. So they run on PostgreSQL in
``make test``'s SQLite run, and its PostgreSQL run leaves them out (tests/database_subset.py).
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.pgcluster import PG_BIN, cluster, fresh_database


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database URL, removed afterwards."""
    server = os.environ.get("DATABASE_URL", "")
    if server.startswith(("postgres://", "postgresql://")):
        with fresh_database(server, "ipcity_serve") as url:
            yield url
        return
    if not (PG_BIN / "initdb").exists():
        pytest.skip(f"PostgreSQL not installed ({PG_BIN})")
    with cluster() as server:
        with fresh_database(server, "ipcity_serve") as url:
            yield url

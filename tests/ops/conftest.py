"""Fixtures for the backup, crash-safety and concurrency tests: whole installations on disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ops.helpers import ipcity, make_installation


@pytest.fixture(scope="session")
def source_installation(tmp_path_factory) -> Path:
    """A demo installation on SQLite with a dataset, reference data and uploads (made once)."""
    data_dir = tmp_path_factory.mktemp("ops") / "source"
    make_installation(data_dir)
    return data_dir


@pytest.fixture(scope="session")
def source_backup(source_installation: Path, tmp_path_factory) -> Path:
    """An uncompressed backup of ``source_installation`` (uncompressed, so tests can damage it)."""
    out = tmp_path_factory.mktemp("ops-backup") / "source.tar"
    ipcity("backup", "--out", str(out), data_dir=source_installation)
    return out


@pytest.fixture(scope="session")
def pg_server():
    """A throw-away PostgreSQL cluster for this session (tests/pgcluster.py); yields its base URL."""
    from tests.pgcluster import cluster

    with cluster() as url:
        yield url.rsplit("/", 1)[0]

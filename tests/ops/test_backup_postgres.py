"""``ipcity backup`` / ``ipcity restore`` on PostgreSQL (pg_dump / pg_restore of the server's
version), on a throw-away cluster of its own so that it runs in the ordinary ``make test``."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ops.helpers import create_database as _create_database
from tests.ops.helpers import ipcity, make_installation, tree
from tests.pgcluster import PG_BIN

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not (PG_BIN / "initdb").exists(), reason=f"PostgreSQL binaries not in {PG_BIN}")]
# pg_server (conftest): a throw-away cluster of this test session.


def pg_rows(url: str) -> dict[str, list[tuple]]:
    import psycopg

    with psycopg.connect(url) as conn:
        tables = [r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname='public' "
                                             "ORDER BY tablename")]
        rows = {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
        # Sequences too: a restored database must go on numbering after the restored ids.
        rows[" sequences"] = conn.execute("SELECT sequencename, last_value FROM pg_sequences "
                                          "WHERE schemaname='public' ORDER BY 1").fetchall()
        return rows


def test_round_trip_on_postgresql(pg_server, tmp_path):
    source_url = _create_database(pg_server, "source")
    source_dir = tmp_path / "source"
    make_installation(source_dir, source_url, records=500)
    archive = tmp_path / "pg.tar.gz"
    out = ipcity("backup", "--out", str(archive), data_dir=source_dir, database_url=source_url)
    assert "postgresql database" in out.stdout

    target_url = _create_database(pg_server, "target")
    target_dir = tmp_path / "target"
    ipcity("restore", str(archive), data_dir=target_dir, database_url=target_url)
    expected = pg_rows(source_url)
    assert expected["programs_program"] and expected["audit_auditevent"] and expected[" sequences"]
    assert pg_rows(target_url) == expected
    assert tree(target_dir) == tree(source_dir)

    # Not empty any more: refused without --force; with it, replaced whole in one transaction
    # (a table the backup does not know disappears with the old schema).
    import psycopg

    with psycopg.connect(target_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE stray (id int)")
    refused = ipcity("restore", str(archive), data_dir=target_dir, database_url=target_url, check=False)
    assert refused.returncode == 2 and "not empty" in refused.stderr
    ipcity("restore", str(archive), "--force", data_dir=target_dir, database_url=target_url)
    assert pg_rows(target_url) == expected
    assert tree(target_dir) == tree(source_dir)


def test_sqlite_backup_is_refused_by_a_postgresql_installation(pg_server, source_backup: Path, tmp_path):
    url = _create_database(pg_server, "empty")
    result = ipcity("restore", str(source_backup), data_dir=tmp_path / "d", database_url=url, check=False)
    assert result.returncode == 2
    assert "restoring across database engines is not supported" in result.stderr
    assert pg_rows(url) == {" sequences": []}
    assert not (tmp_path / "d" / "uploads").exists()

"""The platform starts, protects its pages, and the database settings are what they claim."""

from __future__ import annotations

import pytest


@pytest.mark.django_db
def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_login_page_speaks_chinese_first(client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert "登录" in response.content.decode()
    assert 'lang="zh-hans"' in response.content.decode()


def test_sqlite_file_database_runs_in_wal_mode(tmp_path, django_db_blocker):
    """The default database (a file under IPCITY_DATA_DIR) is opened in WAL mode."""
    from django.conf import settings
    from django.db.backends.sqlite3.base import DatabaseWrapper

    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("WAL applies to SQLite only")
    config = dict(settings.DATABASES["default"], NAME=str(tmp_path / "wal.sqlite3"))
    wrapper = DatabaseWrapper(config, alias="wal_probe")
    with django_db_blocker.unblock():
        try:
            with wrapper.cursor() as cursor:
                cursor.execute("PRAGMA journal_mode")
                assert cursor.fetchone()[0] == "wal"
        finally:
            wrapper.close()


def _settings_database(env: dict[str, str]) -> dict:
    """Our settings module's database, loaded fresh in a subprocess with the given environment."""
    import json
    import os
    import subprocess
    import sys

    script = ("import json; from ipcity.web import settings as s; "
              "d = s.DATABASES['default']; print(json.dumps({'engine': d['ENGINE'], 'name': str(d['NAME']), "
              "'options': d.get('OPTIONS', {})}))")
    clean = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    result = subprocess.run([sys.executable, "-c", script], env={**clean, **env}, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_settings_use_database_url_when_given(tmp_path):
    db = _settings_database({"IPCITY_DATA_DIR": str(tmp_path), "DATABASE_URL": "postgres://u@127.0.0.1:5433/x"})
    assert db["engine"] == "django.db.backends.postgresql" and db["name"] == "x"


def test_settings_default_to_sqlite_in_the_data_dir_with_wal(tmp_path):
    db = _settings_database({"IPCITY_DATA_DIR": str(tmp_path)})
    assert db["engine"] == "django.db.backends.sqlite3"
    assert db["name"] == str(tmp_path.resolve() / "ipcity.sqlite3")
    assert "journal_mode=WAL" in db["options"]["init_command"]

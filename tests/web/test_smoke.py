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


def test_settings_choose_database_from_environment(monkeypatch):
    import dj_database_url

    parsed = dj_database_url.parse("postgres://u@127.0.0.1:5433/x")
    assert parsed["ENGINE"] == "django.db.backends.postgresql"

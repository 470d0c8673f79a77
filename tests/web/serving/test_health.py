"""/healthz: no login, JSON with the state of the database, the job queue and the data directory;
200 when all are up, 503 when one is down (and the others still reported)."""

from __future__ import annotations

import pytest
from django.db.utils import OperationalError
from huey import SqliteHuey

from ipcity.web import health

pytestmark = pytest.mark.django_db


def test_anonymous_probe_gets_200_with_every_part_up(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "up",
                               "checks": {"database": "up", "job_queue": "up", "data_directory": "up"}}
    assert "no-cache" in response["Cache-Control"]  # a probe must never see a cached answer


def test_unwritable_data_directory_is_503(client, settings, tmp_path):
    # A file where the directory should be: writes fail as on a full or read-only disk (even as root).
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("")
    settings.DATA_DIR = blocked
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "down",
                               "checks": {"database": "up", "job_queue": "up", "data_directory": "down"}}


def test_unreachable_job_queue_is_503(client, monkeypatch, tmp_path):
    import huey.contrib.djhuey as djhuey

    monkeypatch.setattr(djhuey, "HUEY", SqliteHuey(
        "ipcity", filename=str(tmp_path / "missing-dir" / "huey.db"), create_tables=False))
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "up", "job_queue": "down", "data_directory": "up"}


def test_database_down_is_503(client, monkeypatch):
    def refused():
        raise OperationalError("connection refused")

    monkeypatch.setitem(health.CHECKS, "database", refused)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "down"
    assert "refused" not in response.content.decode()  # reasons go to the log, not to anonymous callers


def test_healthz_only_reads(client):
    assert client.post("/healthz").status_code == 405

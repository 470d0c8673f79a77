"""Every refusal under /api/ is JSON ``{"detail": …}`` in the user's language (field test of the
JSON API, 2026-12): a 401 read "Unauthorized" in English whatever the language, with no
``WWW-Authenticate``; a 405 was an English text/plain body; an unknown API path, and a server
error, answered the site's HTML page; monitoring's 400 had only ``field``/``message``."""

from __future__ import annotations

import json

import pytest

from ipcity.programs import selectors
from tests.web.test_i18n import english_catalogue  # noqa: F401  (builds the .mo when stale)

pytestmark = pytest.mark.django_db


def test_a_401_names_what_is_missing_in_the_users_language_and_the_scheme(client, world,
                                                                        english_catalogue):  # noqa: F811
    response = client.get("/api/programs")
    assert response.status_code == 401
    assert response.json() == {"detail": "需要登录或 API 令牌"}
    assert response["WWW-Authenticate"] == "Bearer"
    english = client.get("/api/programs", HTTP_ACCEPT_LANGUAGE="en")
    assert english.json() == {"detail": "Login or an API token is required"}
    assert client.get("/api/openapi.json")["WWW-Authenticate"] == "Bearer"


def test_a_method_the_endpoint_has_not_is_a_json_405_with_allow(client, world):
    client.force_login(world.office)
    response = client.delete("/api/programs")
    assert response.status_code == 405
    assert response["Content-Type"].startswith("application/json")
    assert "DELETE" in response.json()["detail"]
    assert "GET" in response["Allow"]


def test_an_unknown_api_path_is_a_json_404(client, world):
    client.force_login(world.office)
    response = client.get("/api/no-such-endpoint")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert set(response.json()) == {"detail"}


def test_a_server_error_of_the_api_is_json_and_still_logged(client, world, monkeypatch, caplog):
    def broken(user):
        raise RuntimeError("boom")

    monkeypatch.setattr(selectors, "program_list", broken)
    client.raise_request_exception = False
    client.force_login(world.office)
    response = client.get("/api/programs")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    assert set(response.json()) == {"detail"} and "boom" not in response.json()["detail"]
    assert any(record.exc_info for record in caplog.records)  # the traceback still reaches the log


def test_monitorings_refusal_carries_detail_like_every_other(client, world):
    client.force_login(world.office)
    indicator = world.tl_prog.indicators.first()
    response = client.post(f"/api/monitoring/indicators/{indicator.pk}/actuals",
                           data=json.dumps({"year": 1800, "value": 1}), content_type="application/json")
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == body["message"] and body["field"] == "year"


def test_head_answers_as_get_without_a_body(client, world):
    """RFC 9110: a server supports HEAD wherever it supports GET; django-ninja answered 405."""
    client.force_login(world.office)
    response = client.head("/api/programs")
    assert response.status_code == 200 and response.content == b""
    assert response["Content-Type"].startswith("application/json")
    client.logout()
    assert client.head("/api/programs").status_code == 401

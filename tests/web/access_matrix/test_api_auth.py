"""API authentication: a Bearer token writes without CSRF, a session keeps CSRF, nobody signed in
gets 401, and the schema and its documentation need a signed-in user (or a token)."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from ipcity.core.models import ApiToken
from tests.web.access_matrix.world import fetch

pytestmark = pytest.mark.django_db

VALUE = json.dumps({"year": 2024, "value": 7.5, "source": "统计公报", "note": ""})


def _actuals(world) -> str:
    return f"/api/monitoring/indicators/{world.objects['i1'].pk}/actuals"


@pytest.fixture
def token(matrix):
    world, _clients = matrix
    row, secret = ApiToken.new(user=world.users["reporter_a"], name="脚本")
    row.save()
    return secret


def test_a_bearer_token_post_works_without_csrf(matrix, token):
    world, _clients = matrix
    client = Client(enforce_csrf_checks=True)  # as a script: no cookie, no CSRF token
    status, _body, response = fetch(client, "POST", _actuals(world), data=VALUE, content_type="application/json",
                                     HTTP_AUTHORIZATION=f"Bearer {token}")
    assert status == 201, response.content
    assert response.json()["value"] == 7.5


def test_a_bearer_token_is_still_scoped(matrix):
    world, _clients = matrix
    row, secret = ApiToken.new(user=world.users["reporter_a2"], name="脚本")
    row.save()
    client = Client(enforce_csrf_checks=True)
    status, _body, _response = fetch(client, "POST", _actuals(world), data=VALUE, content_type="application/json",
                                     HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert status == 404  # D2's token cannot reach D1's indicator


def test_a_session_post_keeps_its_csrf_check(matrix):
    world, _clients = matrix
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["reporter_a"], backend="django.contrib.auth.backends.ModelBackend")
    status, _body, response = fetch(client, "POST", _actuals(world), data=VALUE, content_type="application/json")
    assert status == 403
    assert "CSRF" in response.json()["detail"]
    # With the token the page would send, the same request passes.
    client.get("/accounts/tokens/")  # sets the CSRF cookie (a page's GET: nothing to roll back)
    csrf = client.cookies["csrftoken"].value
    status, _body, _response = fetch(client, "POST", _actuals(world), data=VALUE, content_type="application/json",
                                     HTTP_X_CSRFTOKEN=csrf)
    assert status == 201


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_anonymous_api_calls_get_401_not_403(matrix, method):
    world, _clients = matrix
    client = Client(enforce_csrf_checks=True)
    status, _body, _response = fetch(client, method, _actuals(world), data=VALUE if method == "POST" else None,
                                     content_type="application/json")
    assert status == 401
    status, _body, _response = fetch(client, method, _actuals(world), content_type="application/json",
                                     HTTP_AUTHORIZATION="Bearer not-a-token")
    assert status == 401


def test_the_schema_and_docs_need_a_signed_in_user_or_a_token(matrix, token):
    _world, clients = matrix
    anonymous = Client()
    status, _body, _response = fetch(anonymous, "GET", "/api/openapi.json")
    assert status == 401
    status, _body, response = fetch(anonymous, "GET", "/api/docs")
    assert status == 302 and response["Location"].startswith("/accounts/login/?next=")
    status, body, _response = fetch(anonymous, "GET", "/api/openapi.json", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert status == 200 and json.loads(body)["info"]["title"] == "ipcity API"
    assert fetch(clients["reporter_a"], "GET", "/api/openapi.json")[0] == 200
    assert fetch(clients["leader_b"], "GET", "/api/docs")[0] == 200
    assert fetch(clients["leader_b"], "POST", "/api/openapi.json")[0] == 405

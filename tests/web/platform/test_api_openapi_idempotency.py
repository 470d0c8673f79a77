"""The OpenAPI schema is true to what a write answers a client that sends ``Idempotency-Key``
(api34, 2026-12): the header was nowhere in the schema, a retry's 409 was documented only for the
report routes, and the 422 of a key used for another request (``{"detail": text}``) did not fit
the documented 422 (a list of errors). The monitoring write's documented 400 required ``field``
and ``message``, which a body that is not JSON does not get."""

from __future__ import annotations

import json

import pytest

from ipcity.core.services import idempotency_claim
from tests.web.platform.openapi_schema import fetch_schema, operations, validate_response

pytestmark = pytest.mark.django_db


def test_every_write_lists_the_header_and_its_refusals_and_no_read_does(client, world):
    schema = fetch_schema(client, world)
    writes = 0
    for path, method, operation in operations(schema):
        headers = [p for p in operation.get("parameters", []) if p["in"] == "header"]
        if method == "get":
            assert headers == [], (method, path)
            continue
        writes += 1
        assert [h["name"] for h in headers] == ["Idempotency-Key"], (method, path)
        assert headers[0]["required"] is False
        assert {"409", "422"} <= set(operation["responses"]), (method, path)
    assert writes >= 20


def test_a_reports_own_conflict_keeps_its_words_and_names_the_key_once(client, world):
    first = fetch_schema(client, world)
    again = client.get("/api/openapi.json").json()
    conflict = again["paths"]["/api/supervision/reports/{report_id}"]["put"]["responses"]["409"]["description"]
    assert conflict.startswith("The report changed since it was read")
    assert conflict.count("Idempotency-Key") == 1
    assert first == again


def test_the_keys_refusals_fit_what_the_schema_documents(client, world):
    schema = fetch_schema(client, world)
    indicator = world.tl_prog.indicators.first()
    path = "/api/monitoring/indicators/{indicator_id}/actuals"
    operation = schema["paths"][path]["post"]
    url = path.format(indicator_id=indicator.pk)

    def post(body: str, key: str | None):
        headers = {"HTTP_IDEMPOTENCY_KEY": key} if key is not None else {}
        return client.post(url, data=body, content_type="application/json", **headers)

    # The same key for another request: 422 with a text detail.
    claim = idempotency_claim(user=world.office, key="used-once", fingerprint="another request")
    assert claim.row is not None
    mismatch = post(json.dumps({"year": 2024, "value": 1}), "used-once")
    assert mismatch.status_code == 422, mismatch.content
    validate_response(schema, operation, mismatch)
    # A key that is not 1-255 visible ASCII characters: 400.
    malformed = post(json.dumps({"year": 2024, "value": 1}), "ключ")
    assert malformed.status_code == 400
    validate_response(schema, operation, malformed)
    # A body that is not JSON: the route's own 400 schema, with detail only.
    unparsable = post("{", None)
    assert unparsable.status_code == 400 and set(unparsable.json()) == {"detail"}
    validate_response(schema, operation, unparsable)


def test_a_retry_while_the_first_runs_fits_the_documented_409(client, world):
    from ipcity.core import idempotency

    schema = fetch_schema(client, world)
    indicator = world.tl_prog.indicators.first()
    path = "/api/monitoring/indicators/{indicator_id}/actuals"
    url = path.format(indicator_id=indicator.pk)
    body = json.dumps({"year": 2024, "value": 1})
    # The first request's claim, not yet answered (what a request still running holds).
    idempotency_claim(user=world.office, key="running", fingerprint=idempotency.fingerprint("POST", url, body.encode()))
    busy = client.post(url, data=body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="running")
    assert busy.status_code == 409, busy.content
    validate_response(schema, schema["paths"][path]["post"], busy)

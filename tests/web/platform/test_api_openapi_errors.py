"""The OpenAPI schema says how every endpoint refuses (field test of the JSON API, 2026-12: no
operation but one listed an error status, so a generated client knew of no 401, 404 or 422), and
what the endpoints really answer matches it: every operation answered anonymously, a malformed id
and a hidden programme are validated against the schema's own description."""

from __future__ import annotations

import re

import pytest

from tests.web.platform.openapi_schema import fetch_schema, operations, validate_response

pytestmark = pytest.mark.django_db

SAMPLE_ID = "999999"


def _schema(client, world) -> dict:
    schema = fetch_schema(client, world)
    client.logout()
    return schema


def test_every_operation_documents_its_refusals(client, world):
    schema = _schema(client, world)
    for path, method, operation in operations(schema):
        codes = set(operation["responses"])
        assert {"401", "403"} <= codes, (method, path)
        if "{" in path:
            assert "404" in codes, (method, path)
        if operation.get("parameters") or operation.get("requestBody"):
            assert "422" in codes, (method, path)
        if method != "get":
            assert {"400", "413"} <= codes, (method, path)


def test_real_refusals_match_the_documented_shapes(client, world):
    schema = _schema(client, world)
    for path, method, operation in operations(schema):
        url = re.sub(r"\{[^}]+\}", SAMPLE_ID, path)
        response = client.generic(method.upper(), url, "{}", content_type="application/json")
        assert response.status_code == 401
        validate_response(schema, operation, response)
    client.force_login(world.office)
    detail = schema["paths"]["/api/programs/{program_id}"]["get"]
    validate_response(schema, detail, client.get("/api/programs/not-a-number"))
    validate_response(schema, detail, client.get(f"/api/programs/{world.bb_prog.pk}"))


def test_inputs_with_a_fixed_set_of_codes_list_them(client, world):
    """A client could not learn the allowed codes of a case type, a stage or a fee type from the
    schema (plain strings); the services' own tables are now the schema's ``enum``."""
    from ipcity.casework.workflow import CASE_TYPES, CHANNELS, IP_KINDS, PARTY_KINDS, PARTY_ROLES, RESULTS
    from ipcity.supervision.models import LineStatus
    from ipcity.transfer.labels import CONTRACT_KINDS, FEE_TYPES, MODES, PATENT_KINDS, STAGES

    components = _schema(client, world)["components"]["schemas"]

    def enum(component: str, field: str) -> set[str]:
        prop = components[component]["properties"][field]
        return set(prop.get("enum", []))

    assert enum("CaseIn", "case_type") == set(CASE_TYPES)
    assert enum("CaseIn", "channel") == set(CHANNELS) and enum("CaseIn", "ip_kind") == set(IP_KINDS)
    assert enum("PartyIn", "role") == set(PARTY_ROLES) and enum("PartyIn", "kind") == set(PARTY_KINDS)
    assert enum("CloseIn", "result") == set(RESULTS)
    assert enum("StageIn", "stage") == set(STAGES)
    assert enum("StageIn", "contract_kind") == {"", *CONTRACT_KINDS}
    assert enum("NeedIn", "mode") == {"", *MODES}
    assert enum("DeclarationIn", "patent_kind") == set(PATENT_KINDS)
    assert enum("DeclarationIn", "fee_type") == set(FEE_TYPES)
    assert enum("LineIn", "status") == {"", *LineStatus.values}


def test_the_schema_has_no_key_twice(client, world):
    """A route declaring a refusal (monitoring's 400) had it twice, as 400 and "400": JSON readers
    kept one, but Swagger UI's YAML reader refused the whole schema and /api/docs stayed blank."""
    import json

    client.force_login(world.office)
    repeated = []

    def pairs(items):
        keys = [key for key, _value in items]
        repeated.extend(key for key in set(keys) if keys.count(key) > 1)
        return dict(items)

    json.loads(client.get("/api/openapi.json").content, object_pairs_hook=pairs)
    assert repeated == []

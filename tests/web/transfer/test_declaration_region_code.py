"""A declaration's region code as a hostile client types it (api34, 2026-12): a code that is not a
six-digit division code was a 500 for an office (its prefix was taken before the code was
checked) and was stored as typed for the site admin (no prefix to compare). Both now get the
need's refusal, 未知的地区代码, in the client's language, and nothing is written."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from ipcity.audit.models import AuditEvent
from ipcity.transfer.models import LicenceDeclaration

pytestmark = pytest.mark.django_db

DECLARATION = {"pub_number": "CN99000002A", "title": "一种电解铜箔表面粗化处理方法", "patent_kind": "invention",
               "holder": "安徽某某大学", "region_code": "340700", "declared_on": "2025-06-01", "fee_type": "free"}


def _post(user, body: dict, **headers):
    client = Client(raise_request_exception=False, **headers)
    client.force_login(user)
    return client.post("/api/transfer/declarations", data=json.dumps(body), content_type="application/json")


@pytest.mark.parametrize("who", ["office_a", "admin"])
@pytest.mark.parametrize("code", ["12", "3407", "340700000000", "３４０７００", "34070x", "a\x00b", "999999"])
def test_a_region_code_that_is_not_a_known_division_is_refused(transfer_world, who, code):
    response = _post(getattr(transfer_world, who), {**DECLARATION, "region_code": code})
    assert response.status_code == 400, response.content
    assert f"未知的地区代码：{code}" in response.json()["detail"]
    assert not LicenceDeclaration.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="transfer.").exists()


def test_the_refusal_is_in_english_for_an_english_client(transfer_world):
    response = _post(transfer_world.office_a, {**DECLARATION, "region_code": "12"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400, response.content
    assert "12" in response.json()["detail"] and "未知" not in response.json()["detail"]


def test_a_known_code_of_the_offices_city_is_still_recorded(transfer_world):
    response = _post(transfer_world.office_a, DECLARATION)
    assert response.status_code == 201, response.content
    assert LicenceDeclaration.objects.get().region_code == "340700"


@pytest.mark.parametrize("day", [1748736000, "1748736000", "2025-06-01T00:00:00"])
def test_a_declaration_date_that_is_not_yyyy_mm_dd_text_is_refused(transfer_world, day):
    """The date of a declaration, a field the API takes from the service's input (``input_schema``):
    Unix seconds, or a date-time at midnight, were read as 2025-06-01."""
    response = _post(transfer_world.office_a, {**DECLARATION, "declared_on": day})
    assert response.status_code == 422, response.content
    assert response.json()["detail"][0]["loc"] == ["body", "payload", "declared_on"]
    assert not LicenceDeclaration.objects.exists()

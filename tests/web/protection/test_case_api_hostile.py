"""The case API under a hostile client (api34, 2026-12): what a refused call leaves behind, and
the words of a refusal in the client's language."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from ipcity.audit.models import AuditEvent
from ipcity.core.models import ApiToken
from ipcity.protection.models import Case, CaseNumberCounter

pytestmark = pytest.mark.django_db

CASE = {"case_type": "mediation", "channel": "hotline_12330", "ip_kind": "patent", "region_code": "340700",
        "subject": "专利侵权纠纷", "received_on": "2025-03-03",
        "parties": [{"role": "claimant", "kind": "individual", "name": "李四", "phone": "13812341234"}]}


def _token_client(user) -> Client:
    token, secret = ApiToken.new(user=user, name="hostile")
    token.save()
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def test_another_citys_case_is_refused_and_nothing_is_left_behind(cases_world):
    """City B's office registering a case of city A: the refusal came after the case was saved,
    and the service was not one transaction, so a 400 left the case (and its number) in the table."""
    response = _token_client(cases_world.office_b).post("/api/protection/cases", data=json.dumps(CASE),
                                                        content_type="application/json")
    assert response.status_code == 400, response.content
    assert response.json()["detail"] == "只能登记本辖区的案件"
    assert not Case.objects.exists()
    assert not CaseNumberCounter.objects.filter(last__gt=0).exists()
    assert not AuditEvent.objects.filter(action__startswith="protection.").exists()

"""The case API: scoped, masked list; create; one endpoint per step through the same services;
token auth; the audited contact details."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client

from ipcity.audit.models import AuditEvent
from ipcity.core.models import ApiToken
from ipcity.protection.models import Case, CaseType
from tests.web.protection.case_fixtures import register

D = dt.date
pytestmark = pytest.mark.django_db


def _token_client(user) -> Client:
    token, secret = ApiToken.new(user=user, name="cases")
    token.save()
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def _post(client: Client, path: str, body: dict):
    return client.post(path, data=json.dumps(body), content_type="application/json")


def test_create_and_walk_a_case_through_the_api(cases_world):
    w = cases_world
    CaseType.objects.filter(code="mediation").update(statutory_days=10)
    office = _token_client(w.office_a)
    created = _post(office, "/api/protection/cases", {
        "case_type": "mediation", "channel": "hotline_12330", "ip_kind": "patent", "region_code": "340700",
        "subject": "专利侵权纠纷调解", "received_on": "2025-04-25",
        "parties": [{"role": "claimant", "kind": "individual", "name": "王五", "phone": "13700001111"}]})
    assert created.status_code == 201, created.content
    case_id = created.json()["id"]
    assert created.json()["number"] == "WQ2025-00001" and created.json()["parties"][0]["phone"] == "137****1111"
    assert Case.objects.get(pk=case_id).source == "api"
    base = f"/api/protection/cases/{case_id}"
    assert _post(office, f"{base}/review", {"accept": True, "on": "2025-04-28"}).json()["statutory_due"] == "2025-05-15"
    assert _post(office, f"{base}/assign", {"department_id": w.d1.pk, "handler_id": w.handler.pk}).status_code == 200
    referred = _post(office, f"{base}/refer", {"body": "市市场监管局稽查支队", "on": "2025-05-08"}).json()
    assert referred["receipt_due"] == "2025-05-29"
    handler = _token_client(w.handler)
    assert _post(handler, f"{base}/receipt", {"on": "2025-05-12"}).json()["receipt_on"] == "2025-05-12"
    assert _post(handler, f"{base}/suspend", {"start": "2025-05-13", "reason": "鉴定"}).json()["suspended"] is True
    assert _post(handler, f"{base}/resume", {"on": "2025-05-15"}).json()["suspended"] is False
    assert _post(handler, f"{base}/extend", {"days": 1, "reason": "补充证据"}).json()["extension_days"] == 1
    assert _post(handler, f"{base}/close", {"result": "mediated", "on": "2025-05-16"}).json()["status"] == "closed"
    refused = _post(handler, f"{base}/follow-up", {"satisfaction": 5, "on": "2025-05-19"})
    assert refused.status_code == 403  # the office does the follow-up
    assert _post(office, f"{base}/follow-up", {"satisfaction": 6, "on": "2025-05-19"}).status_code == 400
    assert _post(office, f"{base}/follow-up", {"satisfaction": 4, "on": "2025-05-19"}).json()["satisfaction"] == 4
    archived = _post(office, f"{base}/archive", {"on": "2025-05-20"}).json()
    assert archived["status"] == "archived"
    assert [e["step"] for e in archived["timeline"]] == [
        "register", "accept", "assign", "refer", "receipt", "suspend", "resume", "extend", "close", "follow_up",
        "archive"]
    again = _post(office, f"{base}/archive", {"on": "2025-05-21"})
    assert again.status_code == 400 and "已归档" in again.json()["detail"]


def test_list_is_scoped_and_contacts_are_audited(cases_world):
    w = cases_world
    case = register(w)
    office_b = _token_client(w.office_b)
    assert office_b.get("/api/protection/cases").json()["count"] == 0
    assert office_b.get(f"/api/protection/cases/{case.pk}").status_code == 404
    listed = _token_client(w.office_a).get("/api/protection/cases", {"status": "registered"}).json()
    assert listed["count"] == 1 and listed["results"][0]["number"] == case.number
    assert "13812341234" not in json.dumps(_token_client(w.office_a).get(f"/api/protection/cases/{case.pk}").json())
    shown = _post(_token_client(w.office_a), f"/api/protection/cases/{case.pk}/contacts", {})
    assert shown.status_code == 200 and shown.json()["parties"][0]["phone"] == "13812341234"
    assert AuditEvent.objects.filter(action="protection.case.personal_data_view").count() == 1
    assert _token_client(w.leader_a).get("/api/protection/cases").status_code == 403
    assert Client().get("/api/protection/cases").status_code == 401

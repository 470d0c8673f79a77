"""A retried write with the same ``Idempotency-Key`` is done once (field test of the JSON API,
2026-12: a client retrying ``POST …/extend`` after a timeout extended the case twice, and a
retried registration made two cases). The second answer is the first one again."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from ipcity.core import idempotency
from ipcity.core.services import idempotency_claim
from ipcity.protection.models import Case
from tests.web.protection.case_fixtures import register

pytestmark = pytest.mark.django_db

CASE_IN = {"case_type": "mediation", "channel": "hotline_12330", "ip_kind": "patent", "region_code": "340700",
           "subject": "专利侵权纠纷调解", "received_on": "2025-04-25",
           "parties": [{"role": "claimant", "kind": "individual", "name": "王五"}]}


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _post(client, path, body, key=None):
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return client.post(path, data=json.dumps(body), content_type="application/json", **headers)


def _accepted(w) -> Case:
    case = register(w)
    office = _client(w.office_a)
    assert _post(office, f"/api/protection/cases/{case.pk}/review", {"accept": True, "on": "2025-03-04"}).status_code == 200
    return case


def test_a_retried_extension_extends_once_and_answers_the_same(cases_world):
    case = _accepted(cases_world)
    office = _client(cases_world.office_a)
    url = f"/api/protection/cases/{case.pk}/extend"
    first = _post(office, url, {"days": 5, "reason": "补充证据"}, key="retry-1")
    again = _post(office, url, {"days": 5, "reason": "补充证据"}, key="retry-1")
    assert first.status_code == again.status_code == 200
    assert again.json() == first.json() and again["Idempotent-Replayed"] == "true"
    assert Case.objects.get(pk=case.pk).extension_days == 5
    other = _post(office, url, {"days": 5, "reason": "补充证据"}, key="retry-2")
    assert other.json()["extension_days"] == 10  # a new key is a new request


def test_a_retried_registration_makes_one_case(cases_world):
    office = _client(cases_world.office_a)
    first = _post(office, "/api/protection/cases", CASE_IN, key="intake-7")
    again = _post(office, "/api/protection/cases", CASE_IN, key="intake-7")
    assert first.status_code == again.status_code == 201
    assert again.json()["id"] == first.json()["id"] and Case.objects.count() == 1


def test_the_same_key_for_another_request_is_refused(cases_world):
    case = _accepted(cases_world)
    office = _client(cases_world.office_a)
    url = f"/api/protection/cases/{case.pk}/extend"
    assert _post(office, url, {"days": 5, "reason": "补充证据"}, key="k").status_code == 200
    refused = _post(office, url, {"days": 9, "reason": "补充证据"}, key="k")
    assert refused.status_code == 422 and "Idempotency-Key" in refused.json()["detail"]
    assert Case.objects.get(pk=case.pk).extension_days == 5


def test_a_key_still_in_progress_is_a_409_and_keys_are_per_user(cases_world):
    case = _accepted(cases_world)
    url = f"/api/protection/cases/{case.pk}/extend"
    body = {"days": 5, "reason": "补充证据"}
    claim = idempotency_claim(user=cases_world.office_a, key="busy",
                                fingerprint=idempotency.fingerprint("POST", url, json.dumps(body).encode()))
    assert claim.replay is None
    busy = _post(_client(cases_world.office_a), url, body, key="busy")
    assert busy.status_code == 409 and set(busy.json()) == {"detail"}
    handler = _client(cases_world.handler)  # the handling department's reporter, its own "busy"
    _post(_client(cases_world.office_a), f"/api/protection/cases/{case.pk}/assign", {"department_id": cases_world.d1.pk})
    assert _post(handler, url, body, key="busy").status_code == 200


def test_a_malformed_key_is_refused(cases_world):
    case = _accepted(cases_world)
    response = _post(_client(cases_world.office_a), f"/api/protection/cases/{case.pk}/extend",
                     {"days": 5, "reason": "补充证据"}, key="x" * 300)
    assert response.status_code == 400 and "Idempotency-Key" in response.json()["detail"]
    assert Case.objects.get(pk=case.pk).extension_days == 0


def test_a_claim_left_by_a_request_that_died_is_taken_over(cases_world):
    """A worker killed mid-request leaves its claim without an answer: after ``ABANDONED`` a retry
    runs instead of answering 409 for a day."""
    import datetime as dt

    from django.utils import timezone

    from ipcity.core.models import ApiIdempotencyKey

    case = _accepted(cases_world)
    url = f"/api/protection/cases/{case.pk}/extend"
    body = {"days": 5, "reason": "补充证据"}
    claim = idempotency_claim(user=cases_world.office_a, key="died",
                              fingerprint=idempotency.fingerprint("POST", url, json.dumps(body).encode()))
    ApiIdempotencyKey.objects.filter(pk=claim.row.pk).update(
        created_at=timezone.now() - idempotency.ABANDONED - dt.timedelta(seconds=1))
    response = _post(_client(cases_world.office_a), url, body, key="died")
    assert response.status_code == 200 and response.json()["extension_days"] == 5

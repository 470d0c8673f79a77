"""The case API under a hostile client (field test of the JSON API, 2026-12): numbers beyond what a
date or a database id can be are refused as malformed input (422 naming the parameter) instead of
a server error, and a page past the end of the list is empty (a client reading pages until an
empty one stops)."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from ipcity.protection.models import Case
from tests.web.protection.case_fixtures import register

pytestmark = pytest.mark.django_db

TOO_BIG = 10 ** 20  # beyond a 64-bit id: SQLite raised OverflowError, a 500


def _office(w) -> Client:
    client = Client()
    client.force_login(w.office_a)
    return client


@pytest.mark.parametrize(("query", "name"), [
    (f"department={TOO_BIG}", "department"), ("department=0", "department"),
    ("year=-1", "year"), ("year=0", "year"), ("year=1000000000", "year"),
    ("page=0", "page"), ("page=-5", "page"),
    ("q=%00", "q"), ("status=%00", "status"), ("q=a%07b", "q"), ("q=" + "案" * 201, "q"),  # PostgreSQL cannot take a NUL: it was a 500
])
def test_a_list_filter_no_case_can_match_is_malformed_input(cases_world, query, name):
    response = _office(cases_world).get(f"/api/protection/cases?{query}")
    assert response.status_code == 422, response.content
    assert [error["loc"] for error in response.json()["detail"]] == [["query", name]]


def test_a_page_past_the_end_is_empty_not_the_last_page_again(cases_world):
    register(cases_world)
    listed = _office(cases_world).get("/api/protection/cases?page=1").json()
    assert (listed["count"], listed["pages"], len(listed["results"])) == (1, 1, 1)
    past = _office(cases_world).get("/api/protection/cases?page=2").json()
    assert past == {"count": 1, "page": 2, "pages": 1, "results": []}


def test_an_assignment_to_an_id_beyond_the_database_is_malformed_input(cases_world):
    w = cases_world
    case = register(w)
    office = _office(w)
    office.post(f"/api/protection/cases/{case.pk}/review", data=json.dumps({"accept": True, "on": "2025-03-04"}),
                content_type="application/json")
    for body, name in (({"department_id": w.d1.pk, "handler_id": TOO_BIG}, "handler_id"),
                       ({"department_id": TOO_BIG}, "department_id")):
        response = office.post(f"/api/protection/cases/{case.pk}/assign", data=json.dumps(body),
                               content_type="application/json")
        assert response.status_code == 422, response.content
        assert [error["loc"][-1] for error in response.json()["detail"]] == [name]
    assert Case.objects.get(pk=case.pk).handling_department_id is None


def test_a_region_code_with_a_nul_is_refused_not_looked_up(cases_world):
    """The code went to the region lookup as typed: on PostgreSQL a NUL in it was a 500."""
    body = {"case_type": "mediation", "channel": "hotline_12330", "ip_kind": "patent", "region_code": "34\x000700",
            "subject": "专利侵权纠纷调解", "received_on": "2025-04-25",
            "parties": [{"role": "claimant", "kind": "individual", "name": "王五"}]}
    response = _office(cases_world).post("/api/protection/cases", data=json.dumps(body), content_type="application/json")
    assert response.status_code == 400 and "区划代码无效" in response.json()["detail"]
    assert not Case.objects.exists()


@pytest.mark.parametrize(("step", "body", "name"), [
    ("extend", {"days": True, "reason": "补证"}, "days"),  # was read as 1 day
    ("extend", {"days": "5", "reason": "补证"}, "days"),
    ("extend", {"days": 5.0, "reason": "补证"}, "days"),
    ("review", {"accept": "yes", "on": "2025-03-04"}, "accept"),
    ("review", {"accept": 1, "on": "2025-03-04"}, "accept"),
])
def test_a_body_value_of_another_json_type_is_malformed_input(cases_world, step, body, name):
    """Field test of the JSON API (2026-12): pydantic's lax mode read ``true`` as 1 and "5" as 5."""
    case = register(cases_world)
    office = _office(cases_world)
    if step == "extend":
        office.post(f"/api/protection/cases/{case.pk}/review", data=json.dumps({"accept": True, "on": "2025-03-04"}),
                    content_type="application/json")
    response = office.post(f"/api/protection/cases/{case.pk}/{step}", data=json.dumps(body),
                           content_type="application/json")
    assert response.status_code == 422, response.content
    assert [error["loc"][-1] for error in response.json()["detail"]] == [name]
    case.refresh_from_db()
    assert case.extension_days == 0

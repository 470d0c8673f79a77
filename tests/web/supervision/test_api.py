"""The JSON API: fill, a stale save (409), submit, review, scorecard."""

from __future__ import annotations

import json

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _put(client, report_id, payload):
    return client.put(f"/api/supervision/reports/{report_id}", data=json.dumps(payload), content_type="application/json")


def test_api_fill_conflict_submit_and_review(world, report0):
    reporter, office = _client(world.users["reporter"]), _client(world.users["office"])
    data = reporter.get(f"/api/supervision/reports/{report0.id}").json()
    lines = [{"task_id": li["task_id"], "status": "on_track", "progress": 20, "done": "推进中"} for li in data["lines"]]
    values = [{"indicator_id": v["indicator_id"], "value": 8.2, "source": "统计公报"} for v in data["values"]]
    saved = _put(reporter, report0.id, {"version": data["version"], "summary": "好", "lines": lines, "values": values})
    assert saved.status_code == 200 and saved.json()["version"] == data["version"] + 1
    stale = _put(reporter, report0.id, {"version": data["version"], "summary": "旧版本"})
    assert stale.status_code == 409 and "已被他人修改" in stale.json()["detail"]
    assert reporter.post(f"/api/supervision/reports/{report0.id}/submit").json()["status"] == "submitted"
    returned = office.post(f"/api/supervision/reports/{report0.id}/return", data=json.dumps({"comment": ""}),
                           content_type="application/json")
    assert returned.status_code == 400  # a return needs a comment
    accepted = office.post(f"/api/supervision/reports/{report0.id}/accept")
    assert accepted.json()["status"] == "accepted"
    assert _put(reporter, report0.id, {"version": accepted.json()["version"]}).status_code == 409  # locked
    board = office.get(f"/api/supervision/rounds/{report0.round_id}/board").json()
    # 20 % reported against the schedule of a plan from last year to next year: today it stands at 33–66 %
    assert {c["colour"] for c in board["cells"] if c["department"] == "部门1"} == {"yellow"}
    ranking = office.get(f"/api/supervision/programs/{world.program.id}/scorecard").json()
    assert ranking[0]["department"] == "部门1" and ranking[0]["completeness"] == 100


def test_api_scorecard_takes_the_round_as_round(world, report0):
    """The query parameter is still ``round`` (the Python name is ``round_id``, not the builtin)."""
    office = _client(world.users["office"])
    url = f"/api/supervision/programs/{world.program.id}/scorecard"
    within = office.get(url, {"round": report0.round_id})
    assert within.status_code == 200 and within.json() == office.get(url).json()
    assert office.get(url, {"round": 999_999}).status_code == 404  # looked up through the access module
    assert office.get(url, {"round": "x"}).status_code == 422
    parameters = office.get("/api/openapi.json").json()["paths"][
        "/api/supervision/programs/{program_id}/scorecard"]["get"]["parameters"]
    assert "round" in {p["name"] for p in parameters} and "round_id" not in {p["name"] for p in parameters}


def test_api_scorecard_of_one_year_reported_on(world, report0):
    """``?year=`` as on the page: the rounds that report on that year; a year no round reports on is
    the empty scope (every department not ranked); a year out of range is refused (422)."""
    office = _client(world.users["office"])
    url = f"/api/supervision/programs/{world.program.id}/scorecard"
    year = report0.round.period_year
    assert office.get(url, {"year": year}).json() == office.get(url, {"round": report0.round_id}).json()
    assert all(row["rank"] is None for row in office.get(url, {"year": year - 5}).json())
    assert office.get(url, {"year": 99}).status_code == 422
    assert "year" in {p["name"] for p in office.get("/api/openapi.json").json()["paths"][
        "/api/supervision/programs/{program_id}/scorecard"]["get"]["parameters"]}

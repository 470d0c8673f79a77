"""What the report API does with what a client sends (field test of the JSON API, 2026-12):
a line or value for a task or indicator not in the report is refused, not dropped without a word;
a PUT without ``summary`` keeps the summary, as omitted lines and values are kept; the scorecard
takes only a round of its own programme."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client

from ipcity.programs.models import Task
from ipcity.supervision.calendar import next_working_day
from ipcity.supervision.services import rounds

from .factories import make_program, this_year

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _put(client, report, payload):
    return client.put(f"/api/supervision/reports/{report.id}", data=json.dumps(payload), content_type="application/json")


def test_a_line_for_a_task_not_in_the_report_is_refused_and_nothing_saved(world, report0):
    reporter = _client(world.users["reporter"])
    mine = report0.task_lines.first().task_id
    other = Task.objects.filter(program=world.program).exclude(supervision_lines__report=report0).first()
    assert other is not None  # a task of another department of the same programme
    for foreign in (other.pk, 999_999):
        response = _put(reporter, report0, {"version": report0.version, "summary": "好", "lines": [
            {"task_id": mine, "status": "on_track", "progress": 30}, {"task_id": foreign, "status": "done", "progress": 100}]})
        assert response.status_code == 400, response.content
        assert str(foreign) in response.json()["detail"]
    report0.refresh_from_db()
    assert (report0.version, report0.summary) == (1, "")
    assert report0.task_lines.get(task_id=mine).progress is None


def test_a_value_for_an_indicator_not_in_the_report_is_refused(world, report0):
    response = _put(_client(world.users["reporter"]), report0, {
        "version": report0.version, "values": [{"indicator_id": 999_999, "value": 3}]})
    assert response.status_code == 400 and "999999" in response.json()["detail"]
    report0.refresh_from_db()
    assert report0.version == 1


def test_a_put_without_summary_keeps_it_as_omitted_lines_are_kept(world, report0):
    reporter = _client(world.users["reporter"])
    task_id = report0.task_lines.first().task_id
    first = _put(reporter, report0, {"version": 1, "summary": "总体按计划推进"}).json()
    second = _put(reporter, report0, {"version": first["version"], "lines": [
        {"task_id": task_id, "status": "on_track", "progress": 40}]})
    assert second.status_code == 200
    assert second.json()["summary"] == "总体按计划推进"
    cleared = _put(reporter, report0, {"version": second.json()["version"], "summary": ""})
    assert cleared.json()["summary"] == ""  # an empty summary sent is still a change


def test_the_scorecard_refuses_a_round_of_another_programme(world, report0):
    other = make_program(region=world.region, title="另一个方案", dept_prefix="乙")
    year = other.program.end_year
    foreign = rounds.round_create(program=other.program, user=world.users["office"], title="另一轮",
                                  due=next_working_day(dt.date(year, 12, 15)), opens_on=dt.date(this_year(), 1, 1))
    office = _client(world.users["office"])
    url = f"/api/supervision/programs/{world.program.id}/scorecard"
    assert office.get(url, {"round": foreign.id}).status_code == 404
    assert office.get(url, {"round": 0}).status_code == 422
    assert office.get(url, {"round": report0.round_id}).status_code == 200


def test_every_answer_of_the_report_api_matches_its_openapi_schema(world, report0):
    """These routes had no response schema: a generated client knew nothing of what they return."""
    import jsonschema

    office, reporter = _client(world.users["office"]), _client(world.users["reporter"])
    schema = office.get("/api/openapi.json").json()
    task_id = report0.task_lines.first().task_id
    answers = {
        ("/api/supervision/reports/{report_id}", "get"): reporter.get(f"/api/supervision/reports/{report0.id}"),
        ("/api/supervision/reports/{report_id}", "put"): _put(reporter, report0, {"version": 1, "lines": [
            {"task_id": task_id, "status": "on_track", "progress": 10}]}),
        ("/api/supervision/rounds/{round_id}/board", "get"): office.get(f"/api/supervision/rounds/{report0.round_id}/board"),
        ("/api/supervision/programs/{program_id}/scorecard", "get"): office.get(
            f"/api/supervision/programs/{world.program.id}/scorecard"),
        ("/api/supervision/notifications", "get"): office.get("/api/supervision/notifications"),
        ("/api/supervision/reports/{report_id}", "put", 409): _put(reporter, report0, {"version": 1}),
    }
    for key, response in answers.items():
        path, method = key[0], key[1]
        documented = schema["paths"][path][method]["responses"][str(response.status_code)]
        assert "content" in documented, (path, response.status_code)
        body_schema = documented["content"]["application/json"]["schema"]
        jsonschema.validate(response.json(), {**body_schema, "components": schema["components"]})
    assert answers[("/api/supervision/reports/{report_id}", "put", 409)].status_code == 409


def test_submit_with_the_version_read_refuses_a_report_changed_since(world, report0):
    """Without it a client hands in whatever the latest save holds, even one it never saw."""
    from .factories import fill_report

    fill_report(report0)
    reporter = _client(world.users["reporter"])
    read = reporter.get(f"/api/supervision/reports/{report0.id}").json()["version"]
    changed = _put(reporter, report0, {"version": read, "summary": "另一位填报人的修改"}).json()["version"]
    stale = reporter.post(f"/api/supervision/reports/{report0.id}/submit?version={read}")
    assert stale.status_code == 409 and "已被他人修改" in stale.json()["detail"]
    report0.refresh_from_db()
    assert report0.status == "draft"
    submitted = reporter.post(f"/api/supervision/reports/{report0.id}/submit?version={changed}")
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"


@pytest.mark.parametrize(("body", "name"), [
    ({"version": 1, "lines": [{"task_id": None, "progress": True}]}, "progress"),
    ({"version": "1"}, "version"),
])
def test_a_report_number_of_another_json_type_is_malformed_input(world, report0, body, name):
    """``true`` was read as progress 1 (pydantic's lax mode); a number sent as text as that number."""
    if body.get("lines"):
        body["lines"][0]["task_id"] = report0.task_lines.first().task_id
    response = _put(_client(world.users["reporter"]), report0, body)
    assert response.status_code == 422, response.content
    assert [error["loc"][-1] for error in response.json()["detail"]] == [name]


def test_many_unknown_tasks_are_named_up_to_twenty(world, report0):
    """A client's wrong ids are named, but a body of 5,000 wrong ids does not echo all of them."""
    lines = [{"task_id": 100_000 + n} for n in range(5_000)]
    response = _put(_client(world.users["reporter"]), report0, {"version": report0.version, "lines": lines})
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert "100019" in detail and "100020" not in detail and "5,000" in detail

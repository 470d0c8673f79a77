"""POST/GET of the JSON API: a malformed call changes nothing and names the field."""

from __future__ import annotations

import json

import pytest

from ipcity.monitoring.models import IndicatorActual

pytestmark = pytest.mark.django_db


def _post(client, indicator_id, body):
    return client.post(f"/api/monitoring/indicators/{indicator_id}/actuals", data=json.dumps(body),
                       content_type="application/json")


def test_post_records_a_value(client, world):
    client.force_login(world.reporter)
    hv = world.indicators["high_value"].pk
    response = _post(client, hv, {"year": 2024, "value": 10.6, "source": "统计公报"})
    assert response.status_code == 201, response.content
    assert response.json()["value"] == 10.6 and response.json()["is_current"]
    actual = IndicatorActual.objects.get()
    assert actual.channel == "api" and actual.source == "统计公报"
    history = client.get(f"/api/monitoring/indicators/{hv}/actuals").json()
    assert [h["value"] for h in history] == [10.6]


@pytest.mark.parametrize(("body", "field"), [
    ({"year": 2024}, "value"),
    ({"year": "2024", "value": 1.0}, "year"),
    ({"year": 2024, "value": "多"}, "value"),
])
def test_malformed_body_is_422_naming_the_field(client, world, body, field):
    client.force_login(world.office)
    response = _post(client, world.indicators["high_value"].pk, body)
    assert response.status_code == 422
    assert all(field in detail["loc"] for detail in response.json()["detail"])
    assert IndicatorActual.objects.count() == 0


def test_value_the_plan_refuses_is_400_naming_the_field(client, world):
    client.force_login(world.office)
    response = _post(client, world.indicators["high_value"].pk, {"year": 2035, "value": 3})
    assert response.status_code == 400 and response.json()["field"] == "year"
    response = _post(client, world.indicators["high_value"].pk, {"year": 2024, "value": -3})
    assert response.status_code == 400 and response.json()["field"] == "value"
    assert IndicatorActual.objects.count() == 0


def test_other_departments_indicator_is_404_and_a_leader_gets_403(client, world):
    client.force_login(world.reporter)
    # Another department's indicator is not visible to a reporter at all (issue 9): 404, not 403.
    assert _post(client, world.indicators["pledge"].pk, {"year": 2024, "value": 5}).status_code == 404
    client.force_login(world.leader)
    assert _post(client, world.indicators["high_value"].pk, {"year": 2024, "value": 5}).status_code == 403
    assert _post(client, 999999, {"year": 2024, "value": 5}).status_code == 404
    assert IndicatorActual.objects.count() == 0


def test_verdicts_follow_the_spec_fields(client, world):
    client.force_login(world.office)
    _post(client, world.indicators["high_value"].pk, {"year": 2024, "value": 10.6})
    data = client.get(f"/api/monitoring/programs/{world.program.pk}/verdicts").json()
    hv = next(i for i in data["indicators"] if i["id"] == world.indicators["high_value"].pk)
    assert hv["year_status"] == "met" and hv["outlook"] == "needs_acceleration" and hv["outlook_word"] == "需加快"
    assert round(hv["progress_ratio"], 4) == 0.7952 and data["thresholds_changed"] == []


def test_anonymous_is_refused(client, world):
    assert _post(client, world.indicators["high_value"].pk, {"year": 2024, "value": 5}).status_code == 401


@pytest.mark.parametrize(("field", "text"), [("source", "统计\x00公报"), ("note", "说明\x07")])
def test_a_control_character_in_source_or_note_is_400_naming_the_field(client, world, field, text):
    """Field test of the JSON API (2026-12): a NUL reached the database (PostgreSQL: a 500)."""
    client.force_login(world.reporter)
    response = _post(client, world.indicators["high_value"].pk, {"year": 2024, "value": 10.6, field: text})
    assert response.status_code == 400, response.content
    assert response.json()["field"] == field and "控制字符" in response.json()["detail"]
    assert not IndicatorActual.objects.exists()

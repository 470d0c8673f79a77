"""The verdicts endpoint's response schema: its verdict fields are shared/spec/progress-method.md's
"Output" fields, the OpenAPI lists them, and what the endpoint returns for the demo's programme
(every year status and outlook the method has) is exactly what the schema describes."""

from __future__ import annotations

import io
import json
import re

import jsonschema
import pytest
from django.contrib.auth import get_user_model

from ipcity.monitoring import services
from ipcity.monitoring.demo import load_demo
from tests.conftest import SHARED
from tests.web.monitoring import factories as f

pytestmark = pytest.mark.django_db
PATH = "/api/monitoring/programs/{program_id}/verdicts"


def _spec_output_fields() -> set[str]:
    """The keys of the spec's example output object (the JSON block under "## Output")."""
    text = (SHARED / "spec" / "progress-method.md").read_text(encoding="utf-8")
    output = text.split("## Output", 1)[1]
    block = re.search(r"```json\n(.*?)```", output, re.S).group(1)
    return set(json.loads(block))


def _component(schema: dict, ref: dict) -> dict:
    return schema["components"]["schemas"][ref["$ref"].rsplit("/", 1)[1]]


def test_the_verdict_fields_are_the_specs_and_the_demo_programme_answers_exactly_them(client, world, catalogue):
    prog = world.program  # the demo adds its sample values to the indicators of the programme it finds
    f.indicator(prog, "PCT国际专利申请量", baseline=(2021, 50), targets={2026: 120}, order=4)
    f.indicator(prog, "专利审查周期", unit="月", baseline=(2021, 20), targets={2026: 15}, comparator="<=", order=5)
    f.indicator(prog, "知识产权贯标企业数", unit="家", baseline=(2021, 10), targets={2026: 40}, order=6)
    f.indicator(prog, "专利转化率", unit="%", baseline=(2021, 5), targets={2026: 12}, order=7)
    f.indicator(prog, "专利代理机构数量", unit="家", baseline=(2021, 12), order=8)  # tracked, no target
    load_demo(stdout=io.StringIO())
    admin = get_user_model().objects.create_superuser("demo-admin", password="Demo-Admin-2026!")
    client.force_login(admin)
    schema = client.get("/api/openapi.json").json()
    operation = schema["paths"][PATH]["get"]
    body_schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    programme = _component(schema, body_schema)
    verdict = _component(schema, programme["properties"]["indicators"]["items"])

    # The OpenAPI lists the spec's fields (and, only when changed, the thresholds beside them).
    spec = _spec_output_fields()
    fields = set(verdict["properties"])
    assert spec <= fields, spec - fields
    assert spec == set(verdict["required"]) - {"id", "name", "unit", "owner_department_id", "year_status_word",
                                               "outlook_word", "worse_since_last_year"}
    assert "thresholds" in fields and "thresholds" not in verdict["required"]

    response = client.get(PATH.format(program_id=prog.pk))
    assert response.status_code == 200
    data = response.json()
    jsonschema.validate(data, {**body_schema, "components": schema["components"]})
    assert len(data["indicators"]) == prog.indicators.count() >= 8
    for item in data["indicators"]:
        assert set(item) == set(verdict["required"]), item["name"]  # no field more, none less
    # The demo shows every status the enums name, so the enums are checked against real answers.
    assert {i["year_status"] for i in data["indicators"]} >= {"met", "near", "behind", "no_data", "no_target"}
    assert {i["outlook"] for i in data["indicators"]} >= {"on_track", "needs_acceleration", "off_track",
                                                         "regressing", "no_target", "insufficient_data"}

    # A changed threshold appears beside each verdict, as the spec says, and still matches the schema.
    services.thresholds_set(program=prog, user=admin, near=0.9, on_track=0.8, acceleration=0.5)
    changed = client.get(PATH.format(program_id=prog.pk)).json()
    jsonschema.validate(changed, {**body_schema, "components": schema["components"]})
    assert all(i["thresholds"] == {"on_track": 0.8, "acceleration": 0.5} for i in changed["indicators"])
    assert {c["name"] for c in changed["thresholds_changed"]} == {"on_track", "acceleration"}

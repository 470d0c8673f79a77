"""Exports: the responsibility matrix as .xlsx, the programme as plan JSON."""

from __future__ import annotations

import io
import json

import pytest
from django.urls import reverse
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db


def test_matrix_xlsx_has_the_matrix_and_the_task_list(client, world):
    client.force_login(world.leader)
    response = client.get(reverse("programs:matrix_xlsx", args=[world.tl_prog.pk]))
    assert response.status_code == 200
    assert "filename*=utf-8''" in response["Content-Disposition"].lower()
    wb = load_workbook(io.BytesIO(response.content))
    matrix, listing = wb["责任分工表"], wb["任务清单"]
    header = [c.value for c in matrix[2]]
    assert header[:4] == ["部门", "牵头数", "配合数", "三/（1）/1 任务0·实施专利导航工程"]
    rows = {r[0]: r[1:] for r in matrix.iter_rows(min_row=3, values_only=True)}
    assert rows["市市场监管局"][:5] == (2, 2, "牵头", None, "配合")
    assert [c.value for c in listing[2]] == ["三/（1）/1", "任务0·实施专利导航工程", "市市场监管局", "市科技局"]


def test_plan_json_export_round_trips_the_programme(client, world):
    client.force_login(world.office)
    response = client.get(reverse("programs:plan_json", args=[world.tl_prog.pk]))
    assert response.status_code == 200
    plan = json.loads(response.content)
    assert plan["format"] == "ipcity-plan/1"
    assert plan["title"] == world.tl_prog.title
    assert len(plan["indicators"]) == 3 and len(plan["tasks"]) == 6
    assert plan["tasks"][0]["lead"] == ["市市场监管局"]


def test_exported_plan_loads_back_into_an_identical_programme(client, world):
    from ipcity.programs.plan_export import program_to_plan
    from ipcity.programs.services import program_create_from_plan

    client.force_login(world.office)
    plan = json.loads(client.get(reverse("programs:plan_json", args=[world.tl_prog.pk])).content)
    copy = program_create_from_plan(plan=plan, user=world.office, region=world.tl)
    assert program_to_plan(copy) == plan
    assert {a.department_id for t in copy.tasks.all() for a in t.assignments.all()} == {
        world.msa.pk, world.sci.pk, world.fin.pk}  # the same department records, not new ones

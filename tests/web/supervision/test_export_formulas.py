"""The scorecard workbook writes a formula-looking department name as text."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_scorecard_xlsx_neutralises_formula_text(world, round_):
    department = world.departments[0]
    department.name = "=cmd|' /C calc'!A0"
    department.save()
    client = Client()
    client.force_login(world.users["leader"])
    response = client.get(f"/supervision/program/{world.program.id}/scorecard.xlsx?round={round_.id}")
    ws = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert "'=cmd|' /C calc'!A0" in {c.value for c in cells}

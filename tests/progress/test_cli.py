"""``ipcity indicators assess CASES.json``."""

from __future__ import annotations

import json

from click.testing import CliRunner

from ipcity.cli.main import cli
from tests.progress.test_method import EXAMPLE


def _run(tmp_path, payload, *args):
    path = tmp_path / "cases.json"
    path.write_text(payload if isinstance(payload, str) else json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    return CliRunner().invoke(cli, ["indicators", "assess", str(path), *args])


def test_assess_prints_the_spec_example(tmp_path):
    cases = [{"indicator": EXAMPLE, "observations": [{"year": 2024, "value": 10.6}], "as_of": 2024},
             {"indicator": EXAMPLE, "observations": []}]
    result = _run(tmp_path, cases)
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert len(out) == 2
    assert out[0]["year_status"] == "met" and out[0]["outlook"] == "needs_acceleration"
    assert round(out[0]["projected"], 4) == 13.0864 and round(out[0]["progress_ratio"], 4) == 0.7952
    assert out[1]["year_status"] == "no_data" and out[1]["as_of"] is None


def test_thresholds_can_be_changed_on_the_command_line(tmp_path):
    cases = [{"indicator": EXAMPLE, "observations": [{"year": 2024, "value": 10.6}]}]
    out = json.loads(_run(tmp_path, cases, "--on-track", "0.75").stdout)
    assert out[0]["outlook"] == "on_track"


def test_malformed_case_gives_one_line_naming_its_position_and_exit_2(tmp_path):
    cases = [{"indicator": EXAMPLE, "observations": []},
             {"indicator": EXAMPLE, "observations": [{"year": 2024, "value": "多"}]}]
    result = _run(tmp_path, cases)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "case 2 (index 1)" in lines[0] and "observations[0].value" in lines[0]


def test_case_without_indicator_and_non_list_file(tmp_path):
    result = _run(tmp_path, [{"observations": []}])
    assert result.exit_code == 2 and "case 1 (index 0): indicator" in result.stderr
    result = _run(tmp_path, {"indicator": EXAMPLE})
    assert result.exit_code == 2 and "list" in result.stderr
    result = _run(tmp_path, "not json")
    assert result.exit_code == 2 and "not JSON" in result.stderr


def test_help_documents_the_command():
    result = CliRunner().invoke(cli, ["indicators", "assess", "--help"])
    assert result.exit_code == 0 and "CASES_FILE" in result.output

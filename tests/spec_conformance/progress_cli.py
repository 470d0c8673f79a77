"""Run ``ipcity indicators assess`` the way a user does: a JSON file of cases in, JSON out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from ipcity.cli.main import cli


def run_assess(tmp_path: Path, cases: Any, *options: str) -> Result:
    path = tmp_path / "cases.json"
    text = cases if isinstance(cases, str) else json.dumps(cases, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    return CliRunner().invoke(cli, ["indicators", "assess", str(path), *options])


def assess_all(tmp_path: Path, cases: list[dict], *options: str) -> list[dict]:
    result = run_assess(tmp_path, cases, *options)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def assess_one(tmp_path: Path, indicator: dict, observations: dict[int, float] | None = None,
               as_of: int | None = None, *options: str) -> dict:
    """One case; ``observations`` as {year: value} for brevity."""
    case: dict[str, Any] = {
        "indicator": indicator,
        "observations": [{"year": y, "value": v} for y, v in (observations or {}).items()],
    }
    if as_of is not None:
        case["as_of"] = as_of
    (out,) = assess_all(tmp_path, [case], *options)
    return out


def indicator(unit: str | None = "件", baseline: tuple[int, float] | None = None,
              targets: dict[int, float] | None = None, comparator: str = ">=", tags: tuple[str, ...] = (),
              **extra: Any) -> dict:
    """An indicator of the plan format: targets as {year: value}, all with one comparator."""
    return {
        "name": "测试指标",
        "unit": unit,
        "baseline": {"year": baseline[0], "value": baseline[1]} if baseline else None,
        "targets": [{"year": y, "value": v, "comparator": comparator} for y, v in (targets or {}).items()],
        "qualitative_target": None,
        "tags": list(tags),
        **extra,
    }

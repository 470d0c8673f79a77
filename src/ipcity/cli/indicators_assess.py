"""``ipcity indicators assess CASES.json``: the progress method on a list of cases.

Each case is ``{"indicator": {...}, "observations": [...], "as_of": 2024}`` (``as_of`` optional);
the JSON list of results is printed in order. A malformed case: one line naming its position,
exit status 2 (shared/spec/progress-method.md, "Command").
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import click

from ipcity.cli.groups import BadInput, indicators
from ipcity.progress.inputs import MalformedInput
from ipcity.progress.method import Thresholds, assess


def assess_cases(cases: object, thresholds: Thresholds | None = None) -> list[dict]:
    """Judge every case; ``MalformedInput`` names the first bad one as ``case N (index i): field``."""
    if not isinstance(cases, list):
        raise MalformedInput("cases", "the file must hold a JSON list of cases")
    results = []
    for index, case in enumerate(cases):
        try:
            if not isinstance(case, Mapping):
                raise MalformedInput("case", "not an object")
            if "indicator" not in case:
                raise MalformedInput("indicator", "missing")
            result = assess(case["indicator"], case.get("observations") or [], case.get("as_of"), thresholds)
        except MalformedInput as exc:
            raise MalformedInput(f"case {index + 1} (index {index}): {exc.field}", exc.problem) from exc
        results.append(result.to_dict())
    return results


@indicators.command("assess")
@click.argument("cases_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--near", type=float, default=Thresholds.near, show_default=True,
              help="This year: share of the expected value that still counts as near.")
@click.option("--on-track", type=float, default=Thresholds.on_track, show_default=True,
              help="Outlook: progress ratio from which an indicator is on track.")
@click.option("--acceleration", type=float, default=Thresholds.acceleration, show_default=True,
              help="Outlook: progress ratio from which it needs acceleration (below: off track).")
def assess_command(cases_file: Path, near: float, on_track: float, acceleration: float) -> None:
    """Judge indicators (this year and outlook) and print the JSON list of verdicts."""
    try:
        cases = json.loads(cases_file.read_text(encoding="utf-8"))
    except OSError as exc:
        raise BadInput(f"{cases_file}: cannot read ({exc.strerror or exc})") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadInput(f"{cases_file}: not JSON ({exc})") from exc
    try:
        results = assess_cases(cases, Thresholds(near=near, on_track=on_track, acceleration=acceleration))
    except MalformedInput as exc:
        raise BadInput(f"{cases_file}: {exc}") from exc
    click.echo(json.dumps(results, ensure_ascii=False, indent=2))

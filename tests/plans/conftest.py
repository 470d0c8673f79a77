"""Fixtures for the plan parser tests: the seed documents and their gold plans."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def seed_pairs(seeds_dir: Path) -> list[tuple[Path, dict]]:
    """(seed .txt, gold plan) for every seed that has a gold file."""
    pairs = []
    for gold in sorted((seeds_dir / "gold").glob("*.json")):
        pairs.append((seeds_dir / f"{gold.stem}.txt", json.loads(gold.read_text(encoding="utf-8"))))
    assert pairs, "no gold files found"
    return pairs


@pytest.fixture(scope="session")
def parsed_seeds(seed_pairs) -> dict[str, dict]:
    from ipcity.plans import parse_text

    return {txt.stem: parse_text(txt.read_text(encoding="utf-8"), source_name=txt.name) for txt, _ in seed_pairs}


@pytest.fixture(scope="session")
def plan_schema(shared_dir: Path) -> dict:
    return json.loads((shared_dir / "spec" / "plan-format.schema.json").read_text(encoding="utf-8"))


# A blind probe's module (tests/plans/probeN) names its folder ``HERE`` and imports its render.py's
# ``render_all``; these give it its documents parsed from text and written in their real formats.
# A module that defines fixtures of these names (probe3, unseen, authored) keeps its own.
@pytest.fixture(scope="module")
def parsed(request) -> dict[str, dict]:
    from tests.plans.probe_scores import parse_documents

    return parse_documents(request.module.HERE)


@pytest.fixture(scope="module")
def rendered(request, tmp_path_factory) -> dict[str, Path]:
    return request.module.render_all(tmp_path_factory.mktemp(request.module.HERE.name))

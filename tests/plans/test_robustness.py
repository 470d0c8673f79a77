"""The parser never crashes: mutated seeds (lines deleted, duplicated, shuffled; punctuation
swapped between full and half width; noise inserted) and arbitrary text still give a plan."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ipcity.plans import parse_text
from tests.conftest import SHARED

SEEDS = sorted((SHARED / "seeds").glob("*.txt")) if (SHARED / "seeds").is_dir() else []
SEED_LINES = [p.read_text(encoding="utf-8").splitlines() for p in SEEDS] or [["一、总体目标", "到2025年，专利达到5件。"]]
WIDTH_SWAP = str.maketrans("（）()，,：:；;、。", "()（）,，:：;；,.")
NOISE = st.text(alphabet=st.sampled_from(list("（）()〔〕、，。；:\t —-0123456789%年月日市局负责牵头等按职责分工\ue000#*[]")),
                max_size=30)
SCHEMA_PATH = SHARED / "spec" / "plan-format.schema.json"


SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8")) if SCHEMA_PATH.exists() else None


def check(plan: dict) -> None:
    assert plan["format"] == "ipcity-plan/1"
    if SCHEMA is not None:
        jsonschema.validate(plan, SCHEMA)


@st.composite
def mutated_seed(draw) -> str:
    lines = list(draw(st.sampled_from(SEED_LINES)))
    for _ in range(draw(st.integers(0, 6))):
        if not lines:
            break
        k = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "noise", "width", "move"]))
        if op == "delete":
            del lines[k]
        elif op == "duplicate":
            lines.insert(k, lines[k])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[k], lines[j] = lines[j], lines[k]
        elif op == "noise":
            lines.insert(k, draw(NOISE))
        elif op == "width":
            lines[k] = lines[k].translate(WIDTH_SWAP)
        else:
            lines.insert(draw(st.integers(0, len(lines))), lines.pop(k))
    return "\n".join(lines)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_seed())
def test_mutated_seeds_give_a_valid_plan(text: str) -> None:
    check(parse_text(text))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400))
def test_any_text_gives_a_valid_plan(text: str) -> None:
    check(parse_text(text))


@settings(max_examples=60, deadline=None)
@given(st.lists(NOISE, max_size=20))
def test_punctuation_soup_gives_a_valid_plan(lines: list[str]) -> None:
    check(parse_text("\n".join(lines)))


def test_empty_text_gives_empty_lists() -> None:
    plan = parse_text("")
    check(plan)
    assert plan["indicators"] == [] and plan["tasks"] == [] and plan["phases"] == [] and plan["reporting"] == []


def test_whole_shuffle_of_a_seed_still_parses() -> None:
    import random

    for lines in SEED_LINES:
        shuffled = list(lines)
        random.Random(7).shuffle(shuffled)
        check(parse_text("\n".join(shuffled)))


def test_seed_path_constant_is_shared_dir() -> None:
    assert isinstance(SHARED, Path)

"""The parser never crashes on damaged text: seeds with lines deleted, duplicated, shuffled,
punctuation swapped between full and half width, and noise inserted."""

from __future__ import annotations

from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ipcity.plans import parse_text
from tests.conftest import SHARED

SCHEMA_KEYS = {"format", "title", "region", "issuer", "doc_number", "issued_on", "period",
               "indicators", "tasks", "phases", "reporting"}
FULL_TO_HALF = str.maketrans("（），：；。！？【】“”、　", "(),:;.!?[]\"\", ")
HALF_TO_FULL = str.maketrans("(),:;!?", "（），：；！？")
NOISE = ["\uf082", "— 3 —", "\t", "[image: image5.png]", "侵cc权", "第3页", "\x0c", "１２３", "##", "（", "〕"]


@cache
def seed_lines() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(p.read_text(encoding="utf-8").split("\n"))
                 for p in sorted((SHARED / "seeds").glob("*.txt")))


@st.composite
def mutated_seed(draw) -> str:
    lines = list(draw(st.sampled_from(seed_lines())))
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["delete", "duplicate", "shuffle", "full_to_half", "half_to_full",
                                   "noise", "cut"]))
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        j = draw(st.integers(i, min(len(lines), i + 40)))
        if op == "delete":
            del lines[i:j]
        elif op == "duplicate":
            lines[i:i] = lines[i:j]
        elif op == "shuffle":
            block = lines[i:j]
            draw(st.randoms(use_true_random=False)).shuffle(block)
            lines[i:j] = block
        elif op in ("full_to_half", "half_to_full"):
            table = FULL_TO_HALF if op == "full_to_half" else HALF_TO_FULL
            lines[i:j] = [line.translate(table) for line in lines[i:j]]
        elif op == "noise":
            line = lines[i]
            k = draw(st.integers(0, len(line)))
            lines[i] = line[:k] + draw(st.sampled_from(NOISE)) + line[k:]
        else:  # cut a line in the middle, as a page break does
            line = lines[i]
            k = draw(st.integers(0, len(line)))
            lines[i:i + 1] = [line[:k], "", line[k:]]
    return "\n".join(lines)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_seed())
def test_parser_survives_mutated_seeds(text):
    plan = parse_text(text)
    assert isinstance(plan, dict)
    assert SCHEMA_KEYS <= set(plan)
    assert plan["format"] == "ipcity-plan/1"
    assert all(isinstance(plan[k], list) for k in ("indicators", "tasks", "phases", "reporting"))


@settings(max_examples=30, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("一二三、（）()1.。：\t\n市局负责牵头到2025年达到件%万亿元目标任务")),
               max_size=400))
def test_parser_survives_plan_shaped_noise(text):
    plan = parse_text(text)
    assert SCHEMA_KEYS <= set(plan)

"""plan-format.md / plan-format.schema.json: the serialiser's output and what ``plan load`` accepts.

Only the format, never the parser's reading (tests/plans/ pin that): the parser's output on the
seed documents and on an authored plan must satisfy the schema, with its keys in the spec's
order; the gold files and their variants (evidence added, a target without a year, each form of
``due``) must be accepted by the loader's validation; what the schema forbids must be refused.
"""

from __future__ import annotations

import copy
import json

import jsonschema
import pytest

from ipcity.plans import parse_text
from tests.conftest import SHARED

SPEC = SHARED / "spec"
SEEDS = SPEC.parent / "seeds"
SCHEMA = json.loads((SPEC / "plan-format.schema.json").read_text(encoding="utf-8")) if SPEC.is_dir() else None
GOLD = sorted((SEEDS / "gold").glob("*.json")) if SEEDS.is_dir() else []

pytestmark = pytest.mark.skipif(SCHEMA is None, reason="../shared/spec is not beside the checkout")

TOP_KEYS = ["format", "title", "region", "issuer", "doc_number", "issued_on", "period", "indicators", "tasks",
            "phases", "reporting"]

# An authored plan (not from ../shared): a goals table, a yearly series in prose, two tasks (one
# with a responsibility list, one without), a phase and three reporting duties.
AUTHORED = """示例市人民政府关于印发示例市知识产权强市建设工作方案的通知
示政〔2026〕3号
示例市知识产权强市建设工作方案（2026—2028年）
一、工作目标
到2028年，每万人口高价值发明专利拥有量达到14件，2027年达到12件。
二、重点任务
（一）加强知识产权创造。到2027年完成专利导航项目3项。（市市场监管局牵头，市科技局、市财政局按职责分工负责）
（二）强化知识产权保护。
三、实施步骤
（一）启动阶段（2026年1月—2026年6月）。
四、保障措施
各责任单位每年12月15日前报送年度工作总结，每半年报送工作进展，2027年6月前完成中期评估。
示例市人民政府
2026年1月5日
"""


def _loader_problems(plan: dict) -> list[str]:
    from ipcity.programs.importing.validation import plan_problems

    return plan_problems(plan)


@pytest.mark.parametrize("gold", GOLD, ids=lambda p: p.stem)
def test_every_gold_file_follows_the_schema_and_the_loader_accepts_it(gold):
    plan = json.loads(gold.read_text(encoding="utf-8"))
    jsonschema.validate(plan, SCHEMA)
    assert _loader_problems(plan) == []


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else [], ids=lambda p: p.stem)
def test_the_parsers_output_on_each_seed_follows_the_schema_in_the_spec_order(seed):
    plan = parse_text(seed.read_text(encoding="utf-8"), source_name=seed.name)
    jsonschema.validate(plan, SCHEMA)
    assert list(plan) == TOP_KEYS and plan["format"] == "ipcity-plan/1"
    assert all(list(i)[:7] == ["name", "unit", "baseline", "targets", "qualitative_target", "tags", "source"]
               for i in plan["indicators"])
    assert all(list(t)[:5] == ["ref", "title", "departments", "lead", "targets"] for t in plan["tasks"])
    # and what parse prints, load accepts back
    assert _loader_problems(plan) == []


def test_an_authored_plan_serialises_to_the_schema_with_evidence_quoting_the_text():
    plan = parse_text(AUTHORED, source_name="authored.txt")
    jsonschema.validate(plan, SCHEMA)
    assert json.loads(json.dumps(plan, ensure_ascii=False)) == plan  # plain JSON: UTF-8 text, numbers as numbers
    for item in plan["indicators"] + plan["tasks"]:
        evidence = item["evidence"]
        assert AUTHORED[evidence["start"]:evidence["end"]] == evidence["text"]
    for item in plan["indicators"]:
        assert all(isinstance(t["value"], int | float) and not isinstance(t["value"], bool) for t in item["targets"])
    for task in plan["tasks"]:
        # "a task with no responsibility list has departments: [] and lead: []";
        # otherwise the lead is among the units or the first of them
        if not task["departments"]:
            assert task["lead"] == []
    assert _loader_problems(plan) == []


def _gold() -> dict:
    return json.loads(GOLD[0].read_text(encoding="utf-8"))


needs_gold = pytest.mark.skipif(not GOLD, reason="no gold files in ../shared/seeds/gold")


@needs_gold
def test_evidence_is_accepted_and_may_be_ignored():
    # "Consumers must accept and may ignore it": the gold file plus evidence on every item
    plan = _gold()
    for item in plan["indicators"] + plan["tasks"]:
        item["evidence"] = {"text": "原文", "start": 0, "end": 2}
    jsonschema.validate(plan, SCHEMA)
    assert _loader_problems(plan) == []


@needs_gold
@pytest.mark.parametrize("due", [{"month": 12, "day": 15}, {"date": "2025-01"}, {"every_months": 6}])
def test_each_form_of_due_is_accepted(due):
    plan = _gold()
    plan["reporting"] = [{"what": "报送年度工作总结", "who": None, "due": due}]
    jsonschema.validate(plan, SCHEMA)
    assert _loader_problems(plan) == []


@needs_gold
@pytest.mark.parametrize("due", [{"month": 12}, {"month": 12, "day": 15, "date": "2025-01"}, {"date": "2025-1"},
                                 {"every": 6}, "每半年"])
def test_a_due_of_no_form_is_refused_by_the_schema_and_the_loader(due):
    plan = _gold()
    plan["reporting"] = [{"what": "报送年度工作总结", "who": None, "due": due}]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(plan, SCHEMA)
    assert _loader_problems(plan)


@needs_gold
def test_a_target_and_a_baseline_without_a_year_are_accepted():
    plan = _gold()
    plan["indicators"] = [{"name": "专利导航项目", "unit": "项", "baseline": {"year": None, "value": 1},
                           "targets": [{"year": None, "value": 3, "comparator": ">="}], "qualitative_target": None,
                           "tags": [], "source": "text"}]
    jsonschema.validate(plan, SCHEMA)
    assert _loader_problems(plan) == []


@needs_gold
@pytest.mark.parametrize(("path", "value"), [
    (("format",), "ipcity-plan/2"),
    (("title",), ""),
    (("issued_on",), "2026/1/5"),
    (("period", "start"), "2022"),
    (("indicators", 0, "source"), "document"),
    (("indicators", 0, "targets", 0, "comparator"), ">"),
    (("indicators", 0, "targets", 0, "value"), "10.5"),
    (("tasks", 0, "title"), ""),
    (("phases",), [{"name": "启动阶段", "start": "2026-1", "end": "2026-06"}]),
])
def test_what_the_schema_forbids_the_loader_refuses(path, value):
    plan = copy.deepcopy(_gold())
    if path[0] == "indicators" and not plan["indicators"]:
        pytest.skip("the first gold file has no indicator")
    if path[0] == "tasks" and not plan["tasks"]:
        pytest.skip("the first gold file has no task")
    node = plan
    for key in path[:-1]:
        if isinstance(node, list) and not node:
            pytest.skip("the first gold file has nothing to change there")
        node = node[key]
    node[path[-1]] = value
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(plan, SCHEMA)
    assert _loader_problems(plan)


@needs_gold
@pytest.mark.parametrize("key", ["format", "title", "region", "period", "indicators", "tasks", "phases", "reporting"])
def test_a_missing_required_key_is_refused(key):
    plan = _gold()
    del plan[key]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(plan, SCHEMA)
    assert _loader_problems(plan)

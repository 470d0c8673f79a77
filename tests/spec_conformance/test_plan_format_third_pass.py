"""plan-format: the third, blind pass (session 29) — cases where the loader's validation let through
what ``plan-format.schema.json`` refuses, or failed on it. Authored plans, not from ../shared.

Each test names the clause it pins; NOTES.md (*Third pass*) has the readings.
"""

from __future__ import annotations

import copy
import json

import pytest

from ipcity.programs.importing.reading import plan_json_or_none
from ipcity.programs.importing.validation import plan_problems

PLAN = {
    "format": "ipcity-plan/1", "title": "示例市知识产权强市建设工作方案（2026—2028年）", "region": "示例市",
    "issuer": "示例市人民政府", "doc_number": "示政〔2026〕3号", "issued_on": "2026-01-05",
    "period": {"start": 2026, "end": 2028},
    "indicators": [{"name": "每万人口高价值发明专利拥有量", "unit": "件", "baseline": {"year": 2025, "value": 10},
                    "targets": [{"year": 2028, "value": 14, "comparator": ">="}], "qualitative_target": None,
                    "tags": [], "source": "text"}],
    "tasks": [{"ref": "二/（一）", "title": "加强知识产权创造", "departments": ["市市场监管局", "市科技局"],
               "lead": ["市市场监管局"],
               "targets": [{"name": "专利导航项目", "year": 2027, "value": 3, "unit": "项", "comparator": ">="}]}],
    "phases": [{"name": "启动阶段", "start": "2026-01", "end": "2026-06"}],
    "reporting": [{"what": "年度工作总结", "who": "各责任单位", "due": {"date": "2027-06"}}],
}


def _plan_with(path: tuple, value=None, *, delete: bool = False) -> dict:
    plan = copy.deepcopy(PLAN)
    node = plan
    for key in path[:-1]:
        node = node[key]
    if delete:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return plan


def test_the_authored_plan_is_accepted():
    assert plan_problems(PLAN) == []


@pytest.mark.parametrize("path", [
    ("indicators", 0, "targets", 0, "year"),
    ("indicators", 0, "baseline", "year"),
    ("tasks", 0, "targets", 0, "year"),
    ("tasks", 0, "targets", 0, "unit"),
], ids=lambda path: "/".join(map(str, path)))
def test_a_required_key_of_a_target_or_baseline_that_is_absent_is_refused_not_read_as_null(path):
    """Schema $defs target/indicator.baseline/task.targets: ``required`` includes ``year`` (and ``unit``
    for a task's target). The key may hold null, but it must be there; an absent ``year`` on an
    indicator's target raised KeyError instead of a problem."""
    problems = plan_problems(_plan_with(path, delete=True))
    assert problems and any(path[-1] in problem for problem in problems)


@pytest.mark.parametrize("path", [
    ("indicators", 0, "targets", 0, "value"),
    ("indicators", 0, "baseline", "value"),
    ("tasks", 0, "targets", 0, "value"),
], ids=lambda path: "/".join(map(str, path)))
def test_an_infinite_value_is_no_json_number(path):
    """plan-format.md top: "numbers as JSON numbers"; JSON has no Infinity (Python's json reads it)."""
    raw = json.dumps(_plan_with(path, float("inf"))).encode()
    assert b"Infinity" in raw
    plan = plan_json_or_none(raw)
    assert plan is not None
    assert plan_problems(plan)


@pytest.mark.parametrize(("path", "value"), [
    (("issued_on",), "2026-01-05\n"),
    (("issued_on",), "２０２６-０１-０５"),
    (("phases", 0, "start"), "2026-01\n"),
    (("phases", 0, "end"), "２０２６-０６"),
    (("reporting", 0, "due", "date"), "2027-06\n"),
    (("reporting", 0, "due", "date"), "２０２７-０６"),
])
def test_a_date_pattern_takes_ascii_digits_and_nothing_after(path, value):
    """Schema ``issued_on``/``phases[].start,end``/``due.date`` patterns ``^\\d{4}-\\d{2}(-\\d{2})?$`` are
    ECMA-262 regexes (JSON Schema): ``\\d`` is 0-9 only and ``$`` is the end of the string, not
    before a final newline as in Python's ``re``."""
    assert plan_problems(_plan_with(path, value))


@pytest.mark.parametrize("value", ["2026-02-30", "2026-13-01", "0000-01-01"])
def test_an_issue_date_that_is_no_calendar_date_is_refused_before_the_save(value):
    """plan-format.md top level ``issued_on``: "YYYY-MM-DD … date of issue". The schema's pattern
    lets 2026-02-30 through; the loader passed it and the save then failed in ``date.fromisoformat``
    inside the transaction. NOTES.md 38."""
    assert plan_problems(_plan_with(("issued_on",), value))


def test_a_leap_day_issue_date_is_accepted():
    """The other side of the same clause: 2028-02-29 is a date."""
    assert plan_problems(_plan_with(("issued_on",), "2028-02-29")) == []

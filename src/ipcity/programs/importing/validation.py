"""Check a plan dict before anything is written: the rules of ``ipcity-plan/1``, in code.

The JSON schema in ``shared/spec`` is the contract and the tests check plans against it; the
product must not read ``shared/``, so the same rules are written out here, with messages in
Chinese that say which item is wrong. Beyond the schema, the rules the database needs: one
target per indicator and year, leads among the task's departments, years that fit the columns.
"""

from __future__ import annotations

import calendar
import datetime
import math
import re
from numbers import Real
from typing import Any

from django.utils.translation import gettext as _

from ipcity.core.templatetags.punctuation import list_comma
from ipcity.plans.serialise import REGION_NOT_FOUND
from ipcity.programs.importing.limits import count_problems

PLAN_FORMAT = "ipcity-plan/1"
COMPARATORS = (">=", "<=", "=")
# The schema's patterns are ECMA-262 regexes: ``\d`` is 0-9 only and ``$`` ends the string (Python's
# ``\d`` takes any Unicode digit and its ``$`` a final newline), so ASCII classes and fullmatch.
_YEAR_MONTH = re.compile(r"[0-9]{4}-[0-9]{2}")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# The longest text each field may hold (the database columns); longer text is refused here with a
# message rather than failing inside the transaction (PostgreSQL enforces lengths, SQLite does not).
MAX_LENGTHS = {"title": 255, "region": 64, "issuer": 128, "doc_number": 64, "indicator": 255, "unit": 32,
               "qualitative_target": 255, "ref": 64, "task": 500, "department": 128, "target": 255,
               "phase": 128, "what": 255, "who": 255}
_REQUIRED = ("format", "title", "region", "period", "indicators", "tasks", "phases", "reporting")


class PlanInvalid(ValueError):
    """The plan breaks the format; ``problems`` lists every fault found, in Chinese."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("；".join(problems[:5]) + ("……" if len(problems) > 5 else ""))


def plan_validate(plan: Any) -> None:
    problems = plan_problems(plan)
    if problems:
        raise PlanInvalid(problems)


def plan_problems(plan: Any, *, draft: bool = False) -> list[str]:
    """Every reason the plan cannot be saved. ``draft=True`` (a document just read) lets the fields
    the parser did not find (``period`` ``{0, 0}``, ``region`` 未识别: docs/plan-parser.md) through
    to the review, where the office writes them in; a programme is never saved without them."""
    if not isinstance(plan, dict):
        return [_("不是计划对象（应为 JSON 对象）")]
    problems = [_("缺少字段 %(fields)s") % {"fields": key} for key in _REQUIRED if key not in plan]
    if problems:
        return problems
    # Over the size limits nothing else is checked: the limit is the one message that matters,
    # and checking thousands of items would be the very work the limit exists to avoid.
    problems = count_problems(plan)
    if problems:
        return problems
    if plan["format"] != PLAN_FORMAT:
        problems.append(_("格式应为 %(format)s") % {"format": PLAN_FORMAT})
    for key in ("title", "region"):
        if not _text(plan[key]):
            problems.append(_("%(field)s 不能为空") % {"field": key})
    if plan["region"] == REGION_NOT_FOUND and not draft:
        problems.append(_("未识别规划所属地区：请填写地区"))
    for key in ("issuer", "doc_number"):
        if plan.get(key) is not None and not isinstance(plan[key], str):
            problems.append(_("%(field)s 应为文字或空") % {"field": key})
    for key in ("title", "region", "issuer", "doc_number"):
        problems += _too_long(plan.get(key), key, key)
    issued_on = plan.get("issued_on")
    if issued_on is not None and not (isinstance(issued_on, str) and _is_date(issued_on)):
        problems.append(_("印发日期应为 YYYY-MM-DD"))
    if not draft or plan["period"] != PERIOD_NOT_FOUND:
        problems += _period_problems(plan["period"])
    problems += _list_problems(plan, "indicators", _indicator_problems, _("指标"))
    if not problems:
        problems += _yearless_target_problems(plan)
    problems += _list_problems(plan, "tasks", _task_problems, _("任务"))
    problems += _list_problems(plan, "phases", _phase_problems, _("阶段"))
    problems += _list_problems(plan, "reporting", _reporting_problems, _("报送事项"))
    return problems


def _list_problems(plan: dict, key: str, check, label: str) -> list[str]:
    items = plan[key]
    if not isinstance(items, list):
        return [_("%(field)s 应为列表") % {"field": key}]
    problems = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            problems.append(_("%(label)s%(number)s：应为对象") % {"label": label, "number": number})
            continue
        problems += [_("%(label)s%(number)s：%(problem)s") % {"label": label, "number": number, "problem": problem}
                     for problem in check(item)]
    return problems


# What the parser writes when a document names no years (the format requires the key); its
# placeholder for a region it did not find is ``plans.serialise.REGION_NOT_FOUND``.
PERIOD_NOT_FOUND = {"start": 0, "end": 0}


def _period_problems(period: Any) -> list[str]:
    if not isinstance(period, dict) or not all(_year(period.get(k)) for k in ("start", "end")):
        return [_("起止年份 period 应为 {start, end} 两个年份")]
    if period["start"] > period["end"]:
        return [_("起始年份晚于结束年份")]
    return []


def _indicator_problems(item: dict) -> list[str]:
    problems = []
    missing = [k for k in ("name", "unit", "baseline", "targets", "qualitative_target", "tags", "source") if k not in item]
    if missing:
        return [_("缺少字段 %(fields)s") % {"fields": list_comma().join(missing)}]
    if not _text(item["name"]):
        problems.append(_("名称不能为空"))
    if item["unit"] is not None and not isinstance(item["unit"], str):
        problems.append(_("单位应为文字或空"))
    problems += _too_long(item["name"], "indicator", _("名称"))
    problems += _too_long(item["unit"], "unit", _("单位"))
    problems += _too_long(item["qualitative_target"], "qualitative_target", _("定性目标"))
    baseline = item["baseline"]
    if baseline is not None and not (
        isinstance(baseline, dict) and "year" in baseline and _number(baseline.get("value"))
        and _year_or_none(baseline["year"])
    ):
        problems.append(_("基期值应为 {year, value}"))
    targets = item["targets"]
    if not isinstance(targets, list):
        problems.append(_("目标 targets 应为列表"))
    else:
        years = []
        for target in targets:
            if not (isinstance(target, dict) and "year" in target and _year_or_none(target["year"])
                    and _number(target.get("value"))
                    and target.get("comparator") in COMPARATORS):
                problems.append(_("目标 %(target)s 应为 {year, value, comparator}") % {"target": repr(target)})
            else:
                years.append(target["year"])
        if len(set(years)) != len(years):
            problems.append(_("同一年份有多个目标值"))
    if item["qualitative_target"] is not None and not isinstance(item["qualitative_target"], str):
        problems.append(_("定性目标应为文字或空"))
    if not (isinstance(item["tags"], list) and all(isinstance(t, str) for t in item["tags"])):
        problems.append(_("属性 tags 应为文字列表"))
    if item["source"] not in ("table", "text"):
        problems.append(_("来源 source 应为 table 或 text"))
    return problems + _evidence_problems(item)


def _yearless_target_problems(plan: dict) -> list[str]:
    """A target without a year is stored as the plan's end-year target: it must not clash with one."""
    end = plan["period"]["end"]
    problems = []
    for number, item in enumerate(plan["indicators"], start=1):
        years = [end if t["year"] is None else t["year"] for t in item["targets"]]
        if len(set(years)) != len(years):
            problems.append(_("指标%(number)s：未写年份的目标与 %(end)s 年的目标重复") % {"number": number, "end": end})
    return problems


def _task_problems(item: dict) -> list[str]:
    missing = [k for k in ("ref", "title", "departments", "lead", "targets") if k not in item]
    if missing:
        return [_("缺少字段 %(fields)s") % {"fields": list_comma().join(missing)}]
    problems = []
    if not isinstance(item["ref"], str):
        problems.append(_("编号 ref 应为文字"))
    if not _text(item["title"]):
        problems.append(_("标题不能为空"))
    for key in ("departments", "lead"):
        if not (isinstance(item[key], list) and all(_text(d) for d in item[key])):
            problems.append(_("%(field)s 应为非空文字列表") % {"field": key})
    if not problems and not set(item["lead"]) <= set(item["departments"]):
        problems.append(_("牵头单位应在责任单位之中"))
    problems += _too_long(item["ref"], "ref", _("编号")) + _too_long(item["title"], "task", _("标题"))
    if isinstance(item["departments"], list):
        for name in item["departments"]:
            problems += _too_long(name, "department", _("责任单位"))
    if not isinstance(item["targets"], list):
        problems.append(_("目标 targets 应为列表"))
    else:
        for target in item["targets"]:
            if not (isinstance(target, dict) and {"year", "unit"} <= set(target) and _text(target.get("name"))
                    and _year_or_none(target["year"])
                    and _number(target.get("value")) and target.get("comparator") in COMPARATORS
                    and (target.get("unit") is None or isinstance(target.get("unit"), str))):
                problems.append(_("目标 %(target)s 应为 {name, year, value, unit, comparator}") % {"target": repr(target)})
            elif len(target["name"]) > MAX_LENGTHS["target"] or len(target.get("unit") or "") > MAX_LENGTHS["unit"]:
                problems.append(_("目标“%(name)s…”的名称或单位过长") % {"name": target["name"][:20]})
    return problems + _evidence_problems(item)


def _phase_problems(item: dict) -> list[str]:
    if not _text(item.get("name")):
        return [_("名称不能为空")]
    if len(item["name"]) > MAX_LENGTHS["phase"]:
        return [_("名称过长（超过 %(limit)s 字）") % {"limit": MAX_LENGTHS["phase"]}]
    if not all(isinstance(item.get(k), str) and _YEAR_MONTH.fullmatch(item[k]) for k in ("start", "end")):
        return [_("起止应为 YYYY-MM")]
    return []


def _reporting_problems(item: dict) -> list[str]:
    problems = []
    if not _text(item.get("what")):
        problems.append(_("事项 what 不能为空"))
    if item.get("who") is not None and not isinstance(item.get("who"), str):
        problems.append(_("责任主体 who 应为文字或空"))
    problems += _too_long(item.get("what"), "what", _("事项")) + _too_long(item.get("who"), "who", _("责任主体"))
    due = item.get("due")
    valid = isinstance(due, dict) and (
        (set(due) == {"month", "day"} and _int_between(due["month"], 1, 12)
         and _int_between(due["day"], 1, longest_month(due["month"])))
        or (set(due) == {"date"} and isinstance(due["date"], str) and bool(_YEAR_MONTH.fullmatch(due["date"])))
        or (set(due) == {"every_months"} and _int_between(due["every_months"], 1, 120))
    )
    if not valid:
        problems.append(_("期限 due 应为 {month, day}、{date} 或 {every_months}"))
    return problems


def _evidence_problems(item: dict) -> list[str]:
    evidence = item.get("evidence")
    if evidence is None:
        return []
    if not (isinstance(evidence, dict) and isinstance(evidence.get("text"), str)):
        return [_("原文依据 evidence 应为 {text, start, end}")]
    return []


def _too_long(value: Any, limit_key: str, label: str) -> list[str]:
    limit = MAX_LENGTHS[limit_key]
    if isinstance(value, str) and len(value) > limit:
        return [_("%(label)s过长（超过 %(limit)s 字）：%(value)s…") % {"label": label, "limit": limit, "value": value[:20]}]
    return []


def _is_date(value: str) -> bool:
    """YYYY-MM-DD and a day of the calendar (the save reads it with ``date.fromisoformat``)."""
    if not _DATE.fullmatch(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _number(value: Any) -> bool:
    # NaN and ±Infinity are no JSON numbers (Python's json reads them all)
    return isinstance(value, Real) and not isinstance(value, bool) and math.isfinite(value)


def _year(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1900 <= value <= 2200


def _year_or_none(value: Any) -> bool:
    return value is None or _year(value)


def longest_month(month: int) -> int:
    """Days a yearly deadline's month may have: 29 for February (the schedule moves 2-29 to 2-28
    in a common year), from the calendar for the others."""
    return calendar.monthrange(2000, month)[1]  # 2000: a leap year


def _int_between(value: Any, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high

"""Quantities in plan text: ``达到14件``, ``1.2万件``, ``不低于 60 亿元``, ``80% 以上``, ``增幅超过20%``.

A goal is a number with a unit (a bare number is a year, a code or an ordinal, never a goal).
Its comparator comes from the words around it: 达到/超过/以上/不低于/突破 → ``>=``,
以内/不超过/低于/以下 → ``<=``, and a bare goal number is ``>=`` (a plan's numbers are floors).
A 100% rate (结案率 100%) is ``=``: a rate cannot exceed 100%.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ipcity.plans.vocabulary import AT_LEAST_VERBS, AT_MOST_VERBS, COUNT_UNITS, DURATION_UNITS, alternation

NUMBER = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"  # 10,000 or 12.5
# Longest first: a regex alternation takes the first that fits, and 人次 must win over 人.
_MEASURE = alternation(COUNT_UNITS + DURATION_UNITS)
UNIT = rf"(?:个百分点|%|％|‰|[万亿千百]?(?:{_MEASURE}))"

# Verbs between a goal's name and its number (vocabulary); longest first so 不低于 wins over 低于.
_AT_LEAST_VERBS = AT_LEAST_VERBS
_AT_MOST_VERBS = AT_MOST_VERBS
_DURATIONS = DURATION_UNITS
VERB = alternation(AT_LEAST_VERBS + AT_MOST_VERBS)

GOAL = re.compile(
    rf"(?P<verb>(?:{VERB})?)\s*(?P<cmp>[≥≤><]=?)?\s*(?P<num>{NUMBER})(?:\s*[-—~～至到]\s*{NUMBER})?\s*"
    rf"(?P<unit>{UNIT})\s*(?P<post>及以上|以上|以内|以下|左右)?"
)
# A count that describes a noun (拥有20件发明专利的组合) is no goal of its own.
_ATTRIBUTE_BEFORE = re.compile(r"(?:拥有|具有|含有|包含|包括|每|第)$")
_VALUE_CELL = re.compile(
    rf"^(?P<cmp>[≥≤><]=?)?\s*(?P<num>{NUMBER})\s*(?P<unit>{UNIT})?\s*(?P<post>及以上|以上|以内|以下|左右)?$"
)
_EMPTY_CELL = re.compile(r"^[-—–－/／\s]*$")


@dataclass
class Quantity:
    value: float | int
    unit: str | None
    comparator: str
    start: int = 0  # where the match starts in the text it came from (verb included)
    num_start: int = 0
    end: int = 0
    verb: str = ""


def to_number(text: str) -> float | int:
    text = text.replace(",", "")
    return float(text) if "." in text else int(text)


def normalise_unit(unit: str | None) -> str | None:
    if not unit:
        return None
    return unit.replace("％", "%")


def comparator_of(verb: str, sign: str | None, post: str | None) -> str:
    if sign in ("≤", "<=", "<") or post in ("以内", "以下") or verb in _AT_MOST_VERBS:
        return "<="
    return ">="


def rate_comparator(name: str, value: float | int, unit: str | None, comparator: str) -> str:
    """A 100% rate is exact: it cannot be exceeded."""
    if unit == "%" and float(value) == 100.0 and "率" in name:
        return "="
    return comparator


def find_goals(text: str) -> list[Quantity]:
    """Every number-with-unit in ``text`` that can be a goal, in order."""
    out = []
    for m in GOAL.finditer(text):
        if _ATTRIBUTE_BEFORE.search(text[:m.start("num")].rstrip()):
            continue
        after = text[m.end():m.end() + 1]
        if after and after in "年月日号":
            continue
        if is_bare_duration(m):
            continue
        out.append(Quantity(
            value=to_number(m.group("num")),
            unit=normalise_unit(m.group("unit")),
            comparator=comparator_of(m.group("verb"), m.group("cmp"), m.group("post")),
            start=m.start(), num_start=m.start("num") if not m.group("cmp") else m.start("cmp"),
            end=m.end(), verb=m.group("verb"),
        ))
    return out


def is_bare_duration(m: re.Match) -> bool:
    """A span of time with no comparator (用3个月时间) is a duration in the text, not a goal."""
    return (m.group("unit") in _DURATIONS and not m.group("cmp") and not m.group("post")
            and m.group("verb") not in _AT_MOST_VERBS)


def parse_value_cell(cell: str) -> Quantity | str | None:
    """A table cell: a quantity, a qualitative target (text), or None when empty (——)."""
    cell = cell.strip()
    if _EMPTY_CELL.match(cell):
        return None
    m = _VALUE_CELL.match(cell.replace(",", "").replace("，", ""))
    if m:
        return Quantity(value=to_number(m.group("num")), unit=normalise_unit(m.group("unit")),
                        comparator=comparator_of("", m.group("cmp"), m.group("post")))
    goals = find_goals(cell)
    if goals:
        return goals[0]
    if re.search(r"[\u4e00-\u9fff]", cell) and not re.search(r"\d", cell):
        return cell
    return None


_UNIT_IN_NAME = re.compile(rf"[（(]\s*(?P<unit>{UNIT}|[^（）()]{{1,4}})\s*[）)]\s*$")


def split_unit_from_name(name: str) -> tuple[str, str | None]:
    """``知识产权质押融资登记金额（亿元）`` → (``知识产权质押融资登记金额``, ``亿元``)."""
    m = _UNIT_IN_NAME.search(name)
    if m and re.fullmatch(UNIT, m.group("unit").strip()):
        return name[:m.start()].strip(), normalise_unit(m.group("unit").strip())
    return name.strip(), None

"""Quantities in plan text: ``达到14件``, ``1.2万件``, ``不低于 60 亿元``, ``80% 以上``, ``增幅超过20%``.

A goal is a number with a unit (a bare number is a year, a code or an ordinal, never a goal).
Its comparator comes from the words around it: 达到/超过/以上/不低于/突破 → ``>=``,
以内/不超过/低于/以下 → ``<=``, and a bare goal number is ``>=`` (a plan's numbers are floors).
A 100% rate (结案率 100%) is ``=``: a rate cannot exceed 100%.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ipcity.plans.numbering import cn_to_int
from ipcity.plans.registry import Registry
from ipcity.plans.vocabulary import (
    AT_LEAST_VERBS,
    AT_MOST_VERBS,
    COUNT_UNITS,
    DURATION_UNITS,
    RANK_SCOPES,
    RANK_VERBS,
    REFERENCE_LABELS,
    alternation,
)

NUMBER = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"  # 10,000 or 12.5
# Longest first: a regex alternation takes the first that fits, and 人次 must win over 人.
_MEASURE = alternation(COUNT_UNITS + DURATION_UNITS)
UNIT = rf"(?:个百分点|%|％|‰|[万亿千百]?(?:{_MEASURE}))"

# Verbs between a goal's name and its number (vocabulary); longest first so 不低于 wins over 低于.
_AT_LEAST_VERBS = AT_LEAST_VERBS
_AT_MOST_VERBS = AT_MOST_VERBS
_DURATIONS = DURATION_UNITS
VERB = alternation(AT_LEAST_VERBS + AT_MOST_VERBS)

# ``从2023年的12件提高到2026年的18件``: a figure may carry its own year (``YYYY年的``) between the
# verb and the number; the goal is set for that year, the figure before it is where it starts from.
GOAL = re.compile(
    rf"(?P<verb>(?:{VERB})?)\s*(?:(?P<year>(?:19|20)\d{{2}})\s*年(?:底|末)?\s*的\s*)?"
    rf"(?P<cmp>[≥≤><]=?)?\s*(?P<num>{NUMBER})"
    rf"(?:\s*[-—~～至到]\s*{NUMBER}|\s*(?P<low_unit>{UNIT})\s*[-—~～至]\s*{NUMBER}(?=\s*(?P=low_unit)))?\s*"
    rf"(?P<unit>{UNIT})\s*(?P<post>及以上|以上|以内|以下|左右)?"
)
# (a range may write its unit twice, ``3家至5家``: its lower bound, as ``3至5家``; only with 至 or a
# dash, never 到, which joins where a goal starts from to where it ends: ``由12件提高到18件``)
# A count that describes a noun (拥有20件发明专利的组合) is no goal of its own, nor a number that
# labels a part of the document (附件1所列目标), nor a place in a ranking (前10位: the ``rank`` rule).
_ATTRIBUTE_BEFORE = re.compile(rf"(?:拥有|具有|含有|包含|包括|每|第|(?<![目提此之以年])前|{alternation(REFERENCE_LABELS)})$")
_VALUE_CELL = re.compile(
    rf"^(?P<cmp>[≥≤><]=?)?\s*(?P<num>{NUMBER})(?:\s*[-—–~～至到]+\s*{NUMBER})?\s*(?P<unit>{UNIT})?\s*"
    r"(?P<post>及以上|以上|以内|以下|左右)?$"
)
_YEAR_SPAN = re.compile(r"^\s*(?:19|20)\d{2}\s*[-—–~～至到]+\s*(?:19|20)\d{2}\s*$")
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
    year: int | None = None  # a year written with the figure itself (提高到2026年的18件)


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


# Goal figures written otherwise than in digits: ``rule(text) -> quantities``; each adds those that
# overlap no figure found before it (digits first).
WRITTEN_NUMBER_RULES: Registry[Callable[[str], list[Quantity]]] = Registry(
    "quantities.written_number", "goal figures written in words, not digits")
_CN_NUMERAL = "[零〇一二两三四五六七八九十百千]"
_CN_GOAL = re.compile(
    rf"(?P<verb>{VERB})\s*(?P<num>{_CN_NUMERAL}+)\s*(?P<unit>[万亿千]?(?:{_MEASURE}))(?!之)\s*(?P<post>及以上|以上|以内|以下|左右)?")
_PERCENT_WORDS = re.compile(
    rf"(?P<verb>(?:{VERB})?)\s*百分之\s*(?P<num>{_CN_NUMERAL}+|{NUMBER})\s*(?P<post>及以上|以上|以内|以下|左右)?")


@WRITTEN_NUMBER_RULES.register("chinese_numeral", priority=10)
def chinese_numeral_goals(text: str) -> list[Quantity]:
    """``示范企业达到一百家``, ``商标总数达到八件``: a figure in Chinese numerals after a goal's verb. A
    lone 一 is the article (``形成一批``, ``打造一支``), and without the verb a numeral is a word
    (``十大工程``, ``一流水平``)."""
    out = []
    for m in _CN_GOAL.finditer(text):
        value = cn_to_int(m.group("num"))
        if m.group("num") == "一" or value <= 0:
            continue
        out.append(Quantity(value=value, unit=normalise_unit(m.group("unit")),
                            comparator=comparator_of(m.group("verb"), None, m.group("post")),
                            start=m.start(), num_start=m.start("num"), end=m.end(), verb=m.group("verb")))
    return out


@WRITTEN_NUMBER_RULES.register("percent_in_words", priority=20)
def percent_in_words(text: str) -> list[Quantity]:
    """``比重达到百分之十以上`` → 10 %: a share written in words, its number in numerals or digits."""
    out = []
    for m in _PERCENT_WORDS.finditer(text):
        num = m.group("num")
        value = to_number(num) if num[0].isdigit() else cn_to_int(num)
        if not value:
            continue
        out.append(Quantity(value=value, unit="%", comparator=comparator_of(m.group("verb"), None, m.group("post")),
                            start=m.start(), num_start=m.start() + m.group().index("百分之"), end=m.end(),
                            verb=m.group("verb")))
    return out


# 进入全省前三, 位居全市前10名, a cell ``前3``: a rank among peers, its figure the worst place aimed at.
_RANK = re.compile(
    rf"(?P<verb>{alternation(RANK_VERBS)})?\s*(?:{alternation(RANK_SCOPES)})?\s*前\s*"
    r"(?P<num>\d{1,2}|[一二三四五六七八九十]{1,3})\s*(?P<unit>名|位)?")


@WRITTEN_NUMBER_RULES.register("rank", priority=30)
def rank(text: str) -> list[Quantity]:
    """``考核排名进入前三名``, ``综合发展指数位居全省前10位``, a table cell ``前3``: a goal of rank is
    met at that place or better, so its comparator is ``<=`` (unit 名/位 as written). Without a
    verb only a whole cell is a rank (``前3个月``, ``年前`` are none), and a numeral must end there
    (``前三季度`` is a span of time)."""
    out = []
    for m in _RANK.finditer(text):
        whole = m.start() == len(text) - len(text.lstrip()) and not text[m.end():].strip()
        if not (m.group("verb") or whole):
            continue
        if not m.group("unit") and re.match(r"[\u4e00-\u9fff\d]", text[m.end():m.end() + 1]):
            continue
        num = m.group("num")
        value = int(num) if num.isdigit() else cn_to_int(num)
        if value <= 0:
            continue
        out.append(Quantity(value=value, unit=m.group("unit"), comparator="<=", start=m.start(),
                            num_start=m.start("num"), end=m.end(), verb=m.group("verb") or ""))
    return out


def find_goals(text: str) -> list[Quantity]:
    """Every number-with-unit in ``text`` that can be a goal, in order (figures in digits, then
    those written in words that overlap none of them)."""
    out = digit_goals(text)
    for rule in WRITTEN_NUMBER_RULES:
        out += [q for q in rule(text) if not any(q.start < o.end and o.start < q.end for o in out)]
    out = sorted(out, key=lambda q: q.start)
    return [q for q in out if not is_threshold(text, q, out)]


def is_threshold(text: str, q: Quantity, found: list[Quantity]) -> bool:
    """``年专利申请量超2000件的县市区超过30个``, ``主营业务收入超10亿元的企业达到20家``: a figure right
    before 的 and a noun, with another figure after it in the same clause, is the bar what is counted
    must pass, not a goal (the goal is the count after it, named with the bar)."""
    if not text.startswith("的", q.end):
        return False
    return any(o.start > q.end and not re.search(r"[，,。；;：:]", text[q.end:o.start]) for o in found)


def digit_goals(text: str) -> list[Quantity]:
    """Every number-with-unit written in digits that can be a goal, in order."""
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
            end=m.end(), verb=m.group("verb"), year=int(m.group("year")) if m.group("year") else None,
        ))
    return out


def is_bare_duration(m: re.Match) -> bool:
    """A span of time with no comparator (用3个月时间) is a duration in the text, not a goal."""
    return (m.group("unit") in _DURATIONS and not m.group("cmp") and not m.group("post")
            and m.group("verb") not in _AT_MOST_VERBS)


def parse_value_cell(cell: str) -> Quantity | str | None:
    """A table cell: a quantity, a qualitative target (text), or None when empty (——). A range
    (``30—35``) is its lower bound, the figure the plan commits to, as in prose (``1-2个``)."""
    cell = cell.strip()
    if _EMPTY_CELL.match(cell):
        return None
    m = _VALUE_CELL.match(cell.replace(",", "").replace("，", ""))
    if m and _YEAR_SPAN.match(cell):
        m = None  # 2025—2027: a span of years, no figure
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

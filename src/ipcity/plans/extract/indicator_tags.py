"""Attribute words an indicator carries (预期性, 约束性, 累计值, 年均值…), wherever the plan writes them.

A table row takes them from its 属性 column, its caption and the note under the table; a prose
goal from a bracket after its figure or a note later in its paragraph; both from a bracket after
the name. The words themselves live in ``vocabulary``; this module is the one home of the rules
that find them, which the table reader (``indicator_tables``) and the prose reader
(``prose_goals``) share.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ipcity.plans.registry import Registry
from ipcity.plans.vocabulary import CUMULATIVE_WORDS, PROSE_TAG_WORDS, ROW_ATTRIBUTE_WORDS, alternation

# Tags a table's note (``注：1. 带*的为约束性指标，其余为预期性指标；2. …为累计值``) gives a row:
# ``rule(name as written, note) -> tags``, all of them in turn.
NOTE_RULES: Registry[Callable[[str, str], list[str]]] = Registry(
    "indicators.table_note", "attribute words a table's note gives its rows")
NOTE_MARKS = "*＊※"
_TAG_WORD = alternation(PROSE_TAG_WORDS)
_MARKED_ROWS = re.compile(
    rf"带\s*(?P<mark>[{NOTE_MARKS}])\s*号?的?(?:指标)?(?:为|是)(?P<tag>{_TAG_WORD})指标"
    rf"(?:[，,；;]?\s*其余(?:指标)?(?:均)?(?:为|是)(?P<rest>{_TAG_WORD})指标)?")
_NOTE_CLAUSE = re.compile(r"[^；;。]+")


@NOTE_RULES.register("marked_rows", priority=20)
def marked_rows(name: str, note: str) -> list[str]:
    """``带*的为约束性指标，其余为预期性指标``: a name ending in the mark (``…拥有量*``, a superscript
    in the page) has the first word, every other row the second."""
    m = _MARKED_ROWS.search(note)
    if m is None:
        return []
    if name.rstrip().replace("＊", "*").endswith(m.group("mark").replace("＊", "*")):
        return [m.group("tag")]
    return [m.group("rest")] if m.group("rest") else []


@NOTE_RULES.register("named_rows", priority=10)
def named_rows(name: str, note: str) -> list[str]:
    """``2. 知识产权质押融资登记金额为2025—2027年累计值``: a clause of the note naming the row gives it
    the attribute words it writes (累计值, 年均值…)."""
    bare = name.rstrip(NOTE_MARKS).strip()
    return [w for clause in _NOTE_CLAUSE.findall(note) if bare and bare in clause
            for w in re.findall(_TAG_WORD, clause)]


def note_tags(name: str, note: str | None) -> list[str]:
    return [tag for rule in NOTE_RULES for tag in rule(name, note)] if note else []


# Attribute words an indicator writes in a bracket after its name (a table row or a prose goal) or
# in a table row's value cells: ``rule(name, target cells) -> (the name without them, tags)``, all of
# them in turn (a prose goal has no cells).
ATTRIBUTE_RULES: Registry[Callable[[str, list[str]], tuple[str, list[str]]]] = Registry(
    "indicators.attributes", "attribute words an indicator writes after its name or in its value cells")
_NAME_ATTRIBUTE = re.compile(rf"\s*[（(](?P<word>{alternation(ROW_ATTRIBUTE_WORDS)})[）)]\s*$")
_CUMULATIVE_CELL = re.compile(rf"^\s*(?P<word>{alternation(CUMULATIVE_WORDS)})\s*[\d０-９]")


@ATTRIBUTE_RULES.register("bracketed_name_attribute", priority=20)
def bracketed_name_attribute(name: str, cells: list[str]) -> tuple[str, list[str]]:
    """``专利密集型产品备案数（累计）`` (a table row), ``发明专利授权量（预期性）：较上年增长12%`` (a goal
    line): a bracket after the name holding only an attribute word (累计, 年均, 预期性) tags the goal;
    the name is what precedes it."""
    m = _NAME_ATTRIBUTE.search(name)
    return (name[:m.start()], [m.group("word")]) if m and m.start() else (name, [])


@ATTRIBUTE_RULES.register("cumulative_cell", priority=10)
def cumulative_cell(name: str, cells: list[str]) -> tuple[str, list[str]]:
    """``累计60家次`` in a target cell: the figure is a running total, as a 属性 column's 累计 says."""
    words = [m.group("word") for c in cells if (m := _CUMULATIVE_CELL.match(c))]
    return name, words[:1]


# Tags of a prose goal, from the text right after its figure: ``rule(after) -> tags``, the first
# rule that gives some wins.
PROSE_TAG_RULES: Registry[Callable[[str], list[str]]] = Registry(
    "indicators.prose_tags", "attribute words a prose goal carries after its figure")
_BRACKETED_TAGS = re.compile(
    rf"^\s*(?:以上|以内|左右)?\s*[（(]\s*((?:{_TAG_WORD})(?:\s*[、，,/；;]\s*(?:{_TAG_WORD}))*)\s*[)）]")


@PROSE_TAG_RULES.register("bracketed_attribute", priority=10)
def bracketed_attribute(after: str) -> list[str]:
    """``…拥有量达到9.6件（预期性）；``: a bracket right after a goal's figure holding only attribute
    words (预期性, 约束性, 累计值, 年均值) tags that goal, as a table's 属性 column does its row."""
    m = _BRACKETED_TAGS.match(after)
    return re.findall(_TAG_WORD, m.group(1)) if m else []


def prose_tags(after: str) -> list[str]:
    return next((tags for rule in PROSE_TAG_RULES if (tags := rule(after))), [])


# A note later in a goal's paragraph that gives attribute words to every goal before it (as a
# caption word does to every row of its table): ``rule(text after the goal's figure) -> tags``, all
# of them.
COVERING_NOTE_RULES: Registry[Callable[[str], list[str]]] = Registry(
    "indicators.covering_note", "attribute words a note gives every prose goal before it")
_COVERING_NOTE = re.compile(
    rf"[（(]\s*(?:上述|以上|上列)(?:各项|所列)?(?:目标|指标)+(?:均|都|全部)?(?:为|是|属于|属)\s*"
    rf"((?:{_TAG_WORD})(?:\s*[、和及]\s*(?:{_TAG_WORD}))*)(?:指标)?")


@COVERING_NOTE_RULES.register("goals_above", priority=10)
def goals_above(after: str) -> list[str]:
    """``…达到14%，…达到12件（上述指标均为预期性指标）。``: a bracketed note saying what all the goals
    above it are tags each of them, wherever it stands later in their paragraph."""
    m = _COVERING_NOTE.search(after)
    return re.findall(_TAG_WORD, m.group(1)) if m else []

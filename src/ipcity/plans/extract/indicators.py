"""Indicators: quantitative goals of the goals part, from tables of every layout and from prose.

Tables: a header row names the columns by their words (指标/名称 → name, 单位 → unit,
备注/属性 → tags, a year → a value column; a year before the plan's start or a 现状/实现/基期
header → the baseline). A unit comes from the unit column, else the name's ``（件）``, else the
value (``1.2万件``). Caption words 预期性/约束性 tag every row.

Prose: each clause of the goals part with a number and a unit is a goal; its name is the noun
phrase before the verb (达到, 超过…), its year the sentence's 到YYYY年 or the plan's end year.
``实现零的突破`` is a qualitative goal. A prose goal that a table already states (same year and
quantity, similar name) is recorded once, from the table.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import zip_longest
from typing import Any

from ipcity.plans.extract.quantities import Quantity, parse_value_cell, rate_comparator, split_unit_from_name
from ipcity.plans.extract.text import Goal, clauses, clean_name, goals_in
from ipcity.plans.normalise import Line
from ipcity.plans.registry import Registry
from ipcity.plans.structure import Document, Section, Table
from ipcity.plans.vocabulary import (
    BASELINE_COLUMN_WORDS,
    CUMULATIVE_WORDS,
    DEADLINE_COLUMN_WORDS,
    DEPARTMENT_COLUMN_WORDS,
    FACT_COPULAS,
    GROUP_COLUMN_WORDS,
    INDICATOR_TAG_WORDS,
    LEAD_COLUMN_WORDS,
    NAME_COLUMN_WORDS,
    PROSE_TAG_WORDS,
    ROW_ATTRIBUTE_WORDS,
    TAG_COLUMN_WORDS,
    TARGET_COLUMN_WORDS,
    UNIT_COLUMN_WORDS,
    alternation,
)

_NAME_COL = re.compile(alternation(NAME_COLUMN_WORDS))
_UNIT_COL = re.compile(alternation(UNIT_COLUMN_WORDS))
_TAG_COL = re.compile(alternation(TAG_COLUMN_WORDS))
_GROUP_COL = re.compile(alternation(GROUP_COLUMN_WORDS))
_DEADLINE_COL = re.compile(alternation(DEADLINE_COLUMN_WORDS))
_OWNER_COL = re.compile(alternation((*DEPARTMENT_COLUMN_WORDS, *LEAD_COLUMN_WORDS)))
_SEQ_COL = re.compile(r"^序号$")
_YEAR = re.compile(r"((?:19|20)\d{2})")
_BASELINE_WORDS = re.compile(alternation(BASELINE_COLUMN_WORDS))
_TARGET_WORDS = re.compile(alternation(TARGET_COLUMN_WORDS))
_CAPTION_TAGS = re.compile(alternation(INDICATOR_TAG_WORDS))
_ZERO_BREAKTHROUGH = re.compile(r"^(?P<name>.+?)(?P<goal>(?:实现|取得)?零的突破)")


@dataclass
class Indicator:
    name: str
    unit: str | None
    baseline: dict | None
    targets: list[dict]
    qualitative_target: str | None
    tags: list[str]
    source: str
    span: tuple[int, int]
    extra: dict = field(default_factory=dict)


@dataclass
class Columns:
    name: int
    unit: int | None = None
    tags: int | None = None
    baseline: tuple[int, int | None] | None = None  # (column, year)
    targets: list[tuple[int, int | None]] = field(default_factory=list)
    undated: set[int] = field(default_factory=set)  # target columns whose head names no year
    deadline: int | None = None  # a 完成时限 column: each row's own date


def extract_indicators(doc: Document, period: tuple[int, int] | None) -> list[Indicator]:
    table_items: list[Indicator] = []
    prose_items: list[Indicator] = []
    for section in doc.sections():
        for table in section.tables:
            if section.part == "goals" or "指标" in (table.caption or ""):
                table_items += indicators_of_table(table, period)
        if section.part == "goals" and not section.is_box:
            prose_items += prose_indicators(section, period)
    if not any(section.part == "goals" for section in doc.sections()):
        prose_items += stated_goals_outside_parts(doc, period)
    prose_items = dedupe(prose_items)
    for rule in PROSE_RULES:
        prose_items = rule(prose_items)
    return table_items + [p for p in prose_items if not stated_by_table(p, table_items)]


# --- tables -----------------------------------------------------------------------------

# Layouts of an indicator table: ``rule(table, period) -> indicators``; the first that reads any wins.
TABLE_RULES: Registry[Callable[[Table, tuple[int, int] | None], list[Indicator]]] = Registry(
    "indicators.table", "the layouts of an indicator table")


# Header columns that are no column of an indicator's own: ``rule(header, name_col) -> indexes``, all of them.
COLUMN_RULES: Registry[Callable[[list[str], int], set[int]]] = Registry(
    "indicators.table_columns", "columns of an indicator table's header that name no column of an indicator")


@COLUMN_RULES.register("group_before_name", priority=10)
def group_before_name(header: list[str], name_col: int) -> set[int]:
    """``指标类型 | 序号 | 指标名称 | …`` with 创造/运用/保护 merged down the rows: a 类型/类别 column
    before the name column names the rows' group, not an attribute of each (属性/备注 words such
    as 预期性 stand after the values); its words are no tags."""
    return {k for k, c in enumerate(header[:name_col]) if _GROUP_COL.search(c)}


@COLUMN_RULES.register("owner_column", priority=20)
def owner_column(header: list[str], name_col: int) -> set[int]:
    """``… | 2027年目标值 | 责任单位``: a column naming who answers for each indicator (责任单位,
    牵头单位) holds departments, not the indicator's unit of measure, though its header ends in 单位;
    the format has no field for an indicator's owner."""
    return {k for k, c in enumerate(header) if k != name_col and _OWNER_COL.search(c)}


def indicators_of_table(table: Table, period: tuple[int, int] | None) -> list[Indicator]:
    for rule in TABLE_RULES:
        found = rule(table, period)
        if found:
            return found
    return []


@TABLE_RULES.register("indicators_as_rows", priority=20)
def table_indicators(table: Table, period: tuple[int, int] | None) -> list[Indicator]:
    """Indicators as rows, named by the 指标/名称 column; years or 目标值/基期值 as columns."""
    return [item for item in table_rows(table, period) if item.targets or item.qualitative_target]


def baseline_rows(doc: Document, period: tuple[int, int] | None) -> list[Indicator]:
    """Rows of the indicator tables that give a baseline and no target (``有效发明专利拥有量 | 件 |
    400 | ——``): no indicator of their own, but where a target written as a multiple of the
    baseline (翻一番, extract/multiples.py) finds its base."""
    return [item for section in doc.sections() for table in section.tables
            if section.part == "goals" or "指标" in (table.caption or "")
            for item in table_rows(table, period) if item.baseline and not (item.targets or item.qualitative_target)]


def table_rows(table: Table, period: tuple[int, int] | None) -> list[Indicator]:
    """Every row of an indicators-as-rows table with a baseline or a target."""
    header_at = next((k for k, row in enumerate(table.rows) if is_header(row)), None)
    if header_at is None:
        return []
    header = table.rows[header_at]
    while header_at + 1 < len(table.rows) and is_sub_header(table.rows[header_at + 1], table.rows[header_at]):
        # a header over two rows or more (目标值 spanning 年度目标 | 期末目标 spanning 2025年 | 2026年 |
        # 2027年): each column reads every row; a merged cell the reader repeats below counts once
        below, above = table.rows[header_at + 1], table.rows[header_at]
        header = [a if b.strip() == c.strip() else a + b
                  for a, b, c in zip_longest(header, below, above, fillvalue="")]
        header_at += 1
    columns = read_columns(header, period)
    if columns is None:
        return []
    caption_tags = _CAPTION_TAGS.findall(table.caption or "")
    out = []
    for k, row in enumerate(table.rows[header_at + 1:], start=header_at + 1):
        item = row_indicator(row, columns, caption_tags, table, k)
        if item is not None:
            out.append(item)
    return out


_YEAR_HEADER = re.compile(r"^(?:年份|年度|时间|年|时间节点)$")
_YEAR_CELL = re.compile(r"^\s*((?:19|20)\d{2})\s*年?(?:[（(]?(?:目标值?|预期值?|基期值?|现状值?|实现值?)[）)]?)?\s*$")


@TABLE_RULES.register("years_as_rows", priority=10)
def years_as_rows(table: Table, period: tuple[int, int] | None) -> list[Indicator]:
    """Years as rows and indicators as columns (``年份 | 有效发明专利（件） | …``): each column
    is one indicator, each year row one of its targets (a year before the plan's start, or a
    row marked 基期/现状, is its baseline)."""
    rows = [row for row in table.rows if any(c.strip() for c in row)]
    if len(rows) < 2 or len(rows[0]) < 2:
        return []
    header, body = rows[0], rows[1:]
    year_rows = [row for row in body if _YEAR_CELL.match(row[0])]
    if not (_YEAR_HEADER.match(header[0].strip()) or not header[0].strip()) or len(year_rows) != len(body):
        return []
    start = period[0] if period else None
    out = []
    for col in range(1, len(header)):
        name, unit = split_unit_from_name(header[col])
        if not name or not re.search(r"[\u4e00-\u9fff]", name):
            continue
        baseline, targets, qualitative, qualitative_year = None, [], None, None
        for k, row in enumerate(year_rows):
            m = _YEAR_CELL.match(row[0])
            assert m is not None
            year = int(m.group(1))
            value = parse_value_cell(cell(row, col))
            if isinstance(value, str):
                qualitative, qualitative_year = value, year
            if not isinstance(value, Quantity):
                continue
            unit = unit or value.unit
            # only the first row can be where the plan starts from (a series of targets follows it)
            if _BASELINE_WORDS.search(row[0]) or (k == 0 and start is not None and year < start):
                baseline = {"year": year, "value": value.value}
            else:
                targets.append({"year": year, "value": value.value,
                                "comparator": rate_comparator(name, value.value, unit, value.comparator)})
        if targets or qualitative:
            span = (table.lines[0].start, table.lines[-1].end) if table.lines else (0, 0)
            out.append(Indicator(name=name, unit=unit, baseline=baseline, targets=targets,
                                 qualitative_target=qualitative, tags=_CAPTION_TAGS.findall(table.caption or ""),
                                 source="table", span=span, extra={"qualitative_year": qualitative_year}))
    return out


def is_sub_header(row: list[str], above: list[str] | None = None) -> bool:
    """A further row of a header: years (or 目标值/基期值/年度目标…) and empty cells only, or the
    cell above again (a Word or HTML reader repeats a cell merged down in each row it spans)."""
    above = above or []
    filled = [(k, c) for k, c in enumerate(row) if c.strip()]
    new = [c for k, c in filled if not (k < len(above) and above[k].strip() == c.strip())]
    return bool(new) and all(_YEAR.fullmatch(c.strip().rstrip("年")) or _TARGET_WORDS.search(c)
                             or _BASELINE_WORDS.search(c) for c in new)


def is_header(row: list[str]) -> bool:
    return any(_NAME_COL.search(c) and len(c) <= 8 for c in row) and any(
        _YEAR.search(c) or _UNIT_COL.search(c) or _TARGET_WORDS.search(c) for c in row)


def read_columns(header: list[str], period: tuple[int, int] | None) -> Columns | None:
    value_at = next((k for k, c in enumerate(header) if _YEAR.search(c) or _UNIT_COL.search(c)), len(header))
    # with 一级指标/二级指标 columns the last one before the values names the row
    name_cols = [k for k, c in enumerate(header[:value_at]) if _NAME_COL.search(c) and len(c) <= 8]
    if not name_cols:
        return None
    name_col = name_cols[-1]
    columns = Columns(name=name_col)
    start = period[0] if period else None
    end = period[1] if period else None
    no_column = {k for rule in COLUMN_RULES for k in rule(header, name_col)}
    for k, cell in enumerate(header):
        if k == name_col or _SEQ_COL.match(cell) or k in no_column:
            continue
        if _DEADLINE_COL.search(cell):
            columns.deadline = k
        elif _UNIT_COL.search(cell):
            columns.unit = k
        elif _TAG_COL.search(cell):
            columns.tags = k
        elif (m := _YEAR.search(cell)) or _TARGET_WORDS.search(cell) or _BASELINE_WORDS.search(cell):
            year = int(m.group(1)) if m else None
            is_base = bool(_BASELINE_WORDS.search(cell)) or (year is not None and start is not None and year < start)
            if is_base and columns.baseline is None:
                columns.baseline = (k, year)
            else:
                columns.targets.append((k, year if year is not None else end))
                if year is None:
                    columns.undated.add(k)
    return columns if columns.targets else None


# The year of a row's targets whose column heads name none (``目标值``), where the row itself
# dates them: ``rule(row, columns) -> year`` or None, first that answers (else the plan's end year).
ROW_YEAR_RULES: Registry[Callable[[list[str], Columns], int | None]] = Registry(
    "indicators.row_year", "the year of a table row's targets whose column heads name none")


@ROW_YEAR_RULES.register("deadline_column", priority=10)
def deadline_column(row: list[str], columns: Columns) -> int | None:
    """``工作指标 | 目标值 | 完成时限`` with ``2025年底`` in the row: the goal is due that year (the last
    year where the cell writes a span)."""
    years = _YEAR.findall(cell(row, columns.deadline)) if columns.deadline is not None else []
    return int(years[-1]) if years else None


def cell(row: list[str], k: int | None) -> str:
    return row[k].strip() if k is not None and k < len(row) else ""


# Tags a table's note (``注：1. 带*的为约束性指标，其余为预期性指标；2. …为累计值``) gives a row:
# ``rule(name as written, note) -> tags``, all of them in turn.
NOTE_RULES: Registry[Callable[[str, str], list[str]]] = Registry(
    "indicators.table_note", "attribute words a table's note gives its rows")
_MARK = "*＊※"
_NOTE_TAG_WORD = alternation(PROSE_TAG_WORDS)
_MARKED_ROWS = re.compile(
    rf"带\s*(?P<mark>[{_MARK}])\s*号?的?(?:指标)?(?:为|是)(?P<tag>{_NOTE_TAG_WORD})指标"
    rf"(?:[，,；;]?\s*其余(?:指标)?(?:均)?(?:为|是)(?P<rest>{_NOTE_TAG_WORD})指标)?")
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
    bare = name.rstrip(_MARK).strip()
    return [w for clause in _NOTE_CLAUSE.findall(note) if bare and bare in clause
            for w in re.findall(_NOTE_TAG_WORD, clause)]


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


def row_indicator(row: list[str], columns: Columns, caption_tags: list[str], table: Table,
                  k: int) -> Indicator | None:
    raw_name = cell(row, columns.name)
    if not raw_name or is_header(row) or not re.search(r"[\u4e00-\u9fffA-Za-z]", raw_name):
        return None
    marked_name = raw_name
    raw_name = raw_name.rstrip(_MARK + " ")  # a note's mark (带*的为约束性指标) is no part of the name
    attributes: list[str] = []
    for attribute_rule in ATTRIBUTE_RULES:
        raw_name, found = attribute_rule(raw_name, [cell(row, col) for col, _ in columns.targets])
        attributes += [w for w in found if w not in attributes]
    name, unit = split_unit_from_name(raw_name)
    unit = cell(row, columns.unit) or unit
    baseline = None
    if columns.baseline is not None:
        value = parse_value_cell(cell(row, columns.baseline[0]))
        if isinstance(value, Quantity):
            unit = unit or value.unit
            baseline = {"year": columns.baseline[1], "value": value.value}
    targets: list[dict[str, Any]] = []
    qualitative: str | None = None
    qualitative_year: int | None = None
    row_year = next((dated for rule in ROW_YEAR_RULES if (dated := rule(row, columns)) is not None), None)
    for col, year in columns.targets:
        if col in columns.undated and row_year is not None:
            year = row_year
        value = parse_value_cell(cell(row, col))
        if isinstance(value, Quantity):
            unit = unit or value.unit
            targets.append({"year": year, "value": value.value, "comparator": value.comparator})
        elif isinstance(value, str):
            qualitative, qualitative_year = value, year
    if not targets and qualitative is None and baseline is None:
        return None
    for t in targets:
        t["comparator"] = rate_comparator(name, t["value"], unit, t["comparator"])
    row_tags = [w for w in re.split(r"[、,，/；;\s]+", cell(row, columns.tags)) if w]
    row_tags += [w for w in attributes if w not in row_tags]
    tags = row_tags + [t for t in caption_tags if t not in row_tags]
    tags += [t for t in note_tags(marked_name, table.note) if t not in tags]
    line = table.lines[min(k, len(table.lines) - 1)] if table.lines else None
    span = (line.start, line.end) if line is not None else (0, 0)
    if len(table.lines) != len(table.rows):
        span = (table.lines[0].start, table.lines[-1].end)
    # the year of a target in words, should the words imply a value (翻一番: extract/multiples.py)
    return Indicator(name=name, unit=unit or None, baseline=baseline, targets=targets,
                     qualitative_target=qualitative, tags=tags, source="table", span=span,
                     extra={"qualitative_year": qualitative_year})


# --- prose ------------------------------------------------------------------------------


def prose_indicators(section: Section, period: tuple[int, int] | None) -> list[Indicator]:
    heading = section.line is not None and (section.head_body or any(rule(section) for rule in GOAL_HEADING_RULES))
    lines = ([section.line] if heading and section.line is not None else []) + section.paragraphs
    out = []
    for line in lines:
        out += line_indicators(line, period)
    return out


# Paragraphs of a plan without a goals part that state its goals: ``rule(text) -> offset`` where
# its goals begin, or None; the first rule that answers wins.
GOAL_PARAGRAPH_RULES: Registry[Callable[[str], int | None]] = Registry(
    "indicators.paragraph", "paragraphs that state the goals of a plan without a goals part")
_STATED_GOALS = re.compile(r"(?:主要|工作|年度|全年|总体|具体)?目标(?:任务)?(?:(?:是|为|如下)\s*[：:]|(?:是|为)\s*[，,])")


@GOAL_PARAGRAPH_RULES.register("stated_goals", priority=10)
def stated_goals(text: str) -> int | None:
    """``全年工作的主要目标是：发明专利授权量达到1600件，…``: a paragraph that says it states the
    goals, in a plan with no goals heading (an annual 工作要点 has none): its goals after the colon
    (or after the comma of ``主要目标是，到2023年底，…``, as a summary of the plan writes it)."""
    m = _STATED_GOALS.search(text)
    return m.end() if m else None


def stated_goals_outside_parts(doc: Document, period: tuple[int, int] | None) -> list[Indicator]:
    return [item for line, start in stated_goal_lines(doc) for item in line_indicators(line, period, start)]


def stated_goal_lines(doc: Document) -> list[tuple[Line, int]]:
    """The paragraphs outside the goals and tasks parts that state goals, each with where its goals
    begin (``unsure`` places them too)."""
    out = []
    for section in doc.sections():
        if section.part == "tasks" or section.in_box():
            continue
        stated = False
        for line in section.paragraphs:
            start = next((found for rule in GOAL_PARAGRAPH_RULES if (found := rule(line.text)) is not None), None)
            if start is None and stated and _CONTINUED_GOALS.match(line.text):
                start = 0  # ``到2030年，…``: the stated goals go on for a later year in a paragraph of their own
            stated = start is not None
            if start is not None:
                out.append((line, start))
    return out


_CONTINUED_GOALS = re.compile(r"^\s*(?:到|至)\s*20\d{2}\s*年")


def line_indicators(line: Line, period: tuple[int, int] | None, start: int = 0) -> list[Indicator]:
    """The prose goals of one line (from ``start`` on)."""
    end_year = period[1] if period else None
    out = []
    text = line.text
    goals = [goal for goal in goals_in(text, strip_actions=False) if goal.start >= start]
    k = 0
    while k < len(goals):
        goal, baseline = goals[k], None
        if k + 1 < len(goals) and is_from_to(text, goal, goals[k + 1]):
            # 由2020年的8.5件提高到15件: the first number is where the goal starts from
            baseline_goal, goal = goal, goals[k + 1]
            origin = _FROM.search(text, goal.start)
            name = clean_name(text[goal.start:origin.start()]) if origin else ""
            baseline = {"year": year_before(text, baseline_goal), "value": baseline_goal.quantity.value}
            goal = Goal(name=name or goal.name, quantity=goal.quantity, year=goal.year,
                        start=baseline_goal.start, end=goal.end)
            k += 1
        k += 1
        q = goal.quantity
        name, tags = goal.name, []
        for attribute_rule in ATTRIBUTE_RULES:  # ``发明专利授权量（预期性）：较上年增长12%``
            name, found = attribute_rule(name, [])
            tags += [w for w in found if w not in tags]
        tags += [w for w in prose_tags(text[goal.end:]) if w not in tags]
        for note_rule in COVERING_NOTE_RULES:
            tags += [w for w in note_rule(text[goal.end:]) if w not in tags]
        out.append(Indicator(
            name=name, unit=q.unit, baseline=baseline,
            targets=[{"year": goal.year or end_year, "value": q.value,
                      "comparator": rate_comparator(name, q.value, q.unit, q.comparator)}],
            qualitative_target=None, tags=tags, source="text",
            span=line.span(named_from(text, goal), goal.end),
            # a figure with no year in its own clause may state a fact (extract/yardsticks.py)
            extra={"year_written": _YEAR_WRITTEN.search(text, goal.start, goal.end) is not None,
                   # a copula right before the figure (``…拥有量为9.4件``), which the name no longer keeps
                   "copula": _COPULA_FIGURE.search(text, goal.start, goal.end) is not None}))
    out += [item for item in zero_breakthroughs(line) if item.span[0] >= line.span(start, start)[0]]
    return out


_YEAR_WRITTEN = re.compile(r"20\d{2}\s*年")
# A fact copula (为, 已达…) right before a figure: the clause states where something stands.
_COPULA_FIGURE = re.compile(rf"(?:{alternation(FACT_COPULAS)})\s*[约近]?\d")


def named_from(text: str, goal: Goal) -> int:
    """Where the passage of a goal starts: at its name when the name stands before the goal's own
    clause in the same sentence (``有效发明专利拥有量：2026年达到520件``), so that the reviewer sees
    the words the indicator was named by highlighted with its figures."""
    if not goal.name or goal.name in text[goal.start:goal.end]:
        return goal.start
    sentence_start = max(text.rfind(mark, 0, goal.start) for mark in "。；;\n") + 1
    written = text.rfind(goal.name, sentence_start, goal.start)
    return written if written >= 0 else goal.start


# Tags of a prose goal, from the text right after its figure: ``rule(after) -> tags``, the first
# rule that gives some wins.
PROSE_TAG_RULES: Registry[Callable[[str], list[str]]] = Registry(
    "indicators.prose_tags", "attribute words a prose goal carries after its figure")
_TAG_WORD = alternation(PROSE_TAG_WORDS)
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


# Numbered lines of the goals part read as goal prose though they have no body after a 。:
# ``rule(section) -> True`` reads the section's own line.
GOAL_HEADING_RULES: Registry[Callable[[Section], bool]] = Registry(
    "indicators.heading", "numbered lines of the goals part that are goal sentences, not headings")
# Passes over the goals part's prose indicators, in turn: ``rule(items) -> items``.
PROSE_RULES: Registry[Callable[[list[Indicator]], list[Indicator]]] = Registry(
    "indicators.prose", "passes over the prose goals of the goals part")


@GOAL_HEADING_RULES.register("goal_list_item", priority=10)
def is_goal_list_item(section: Section) -> bool:
    """A numbered item of the goals part with nothing under it (``（2）有效注册商标总量提高到8.6万件；``
    on its own line): the line is a goal sentence, not a heading over goals."""
    return section.part == "goals" and not section.children and not section.paragraphs and not section.tables


_FROM = re.compile(r"[由从]")
_TO_VERBS = ("提高到", "提高至", "提升到", "提升至", "增加到", "增加至", "增长到", "增长至", "增至", "达到", "降至", "降低到", "下降到")


def is_from_to(text: str, first: Goal, second: Goal) -> bool:
    """Two quantities of one clause written 由/从 A … 提高到 B."""
    return (first.start == second.start and second.quantity.verb in _TO_VERBS
            and _FROM.search(text, first.start, first.start + first.quantity.num_start) is not None)


def year_before(text: str, goal: Goal) -> int | None:
    m = re.findall(r"(20\d{2})\s*年", text[goal.start:goal.start + goal.quantity.num_start])
    return int(m[-1]) if m else None


def zero_breakthroughs(line) -> list[Indicator]:
    """``…网点实现零的突破``: a count goal written without a number."""
    out = []
    for c_start, c_end in clauses(line.text):
        m = _ZERO_BREAKTHROUGH.search(line.text[c_start:c_end])
        if m:
            out.append(Indicator(name=m.group("name").strip(), unit=None, baseline=None, targets=[],
                                 qualitative_target=m.group("goal"), tags=[], source="text",
                                 span=line.span(c_start, c_end)))
    return out


def dedupe(items: list[Indicator]) -> list[Indicator]:
    seen: set[tuple] = set()
    out = []
    for item in items:
        key = (item.name, tuple((t["year"], t["value"]) for t in item.targets))
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


# ``全省…达到20件，我市力争达到16件``: a figure of a higher level quoted before the plan's own.
_HIGHER_LEVEL = re.compile(r"^(?:全国|全省)(?=[\u4e00-\u9fff]{3})")
_OWN_PLACE = re.compile(r"^(?:我|本|全)(?:市|区|县|州|盟|旗)$")
_NAME_COPULA = re.compile(r"(?<!行)(?:为|是)$")


@PROSE_RULES.register("higher_level_figure", priority=20)
def higher_level_figure(items: list[Indicator]) -> list[Indicator]:
    """``全省每万人口发明专利拥有量预期达到20件，我市力争达到16件``: the first figure is the province's
    (or the country's), quoted as a yardstick; only the plan's own place's figure is its goal, named
    by what the higher level's clause names (without 全省/全国, nor a copula 为 before its figure)."""
    out: list[Indicator] = []
    for item in items:
        before = out[-1] if out else None
        if before is not None and _OWN_PLACE.match(item.name) and _HIGHER_LEVEL.match(before.name):
            item.name = _NAME_COPULA.sub("", _HIGHER_LEVEL.sub("", before.name)).strip()
            item.span = (before.span[0], item.span[1])
            out[-1] = item
            continue
        out.append(item)
    return out


@PROSE_RULES.register("yearly_series", priority=10)
def yearly_series(items: list[Indicator]) -> list[Indicator]:
    """Prose goals of one name and unit set for different years (``到2025年…达到9.5件，到2026年
    达到11件``) are one indicator with a target per year, as a table's year columns are."""
    out: list[Indicator] = []
    for item in items:
        same = next((o for o in out if o.name == item.name and o.unit == item.unit and o.targets and item.targets
                     and not {t["year"] for t in o.targets} & {t["year"] for t in item.targets}), None)
        if same is None:
            out.append(item)
            continue
        same.targets = sorted(same.targets + item.targets, key=lambda t: t["year"] or 0)
        same.baseline = same.baseline or item.baseline
        same.span = (min(same.span[0], item.span[0]), max(same.span[1], item.span[1]))
    return out


def bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def base_quantity(value: float, unit: str | None) -> tuple[float, str]:
    scale = {"万": 1e4, "亿": 1e8, "千": 1e3, "百": 1e2}
    u = unit or ""
    mult = 1.0
    while len(u) > 1 and u[0] in scale:
        mult *= scale[u[0]]
        u = u[1:]
    return float(value) * mult, u


def stated_by_table(item: Indicator, table_items: list[Indicator]) -> bool:
    """A prose goal that repeats a table row: the same year and quantity and a similar name."""
    for target in item.targets:
        mine = base_quantity(target["value"], item.unit)
        for other in table_items:
            if len(bigrams(item.name) & bigrams(other.name)) < 2:
                continue
            for t in other.targets:
                theirs = base_quantity(t["value"], other.unit)
                if t["year"] == target["year"] and abs(mine[0] - theirs[0]) < 1e-6 * max(1, mine[0]) \
                        and (not mine[1] or not theirs[1] or mine[1] == theirs[1]):
                    return True
    return False

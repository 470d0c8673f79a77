"""Indicator tables: the layouts of a goals table, read into indicators.

A header row names the columns by their words (指标/名称 → name, 单位 → unit, 备注/属性 → tags, a
year → a value column; a year before the plan's start or a 现状/实现/基期 header → the baseline),
over one row or several. A unit comes from the unit column, else the name's ``（件）``, else the
value (``1.2万件``). Caption words 预期性/约束性 tag every row. A table with years as rows gives one
indicator per column. The task tables reader asks this module whether a table is one of these.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import zip_longest
from typing import Any

from ipcity.plans.extract.departments import split_departments
from ipcity.plans.extract.indicator_item import Indicator
from ipcity.plans.extract.indicator_tags import ATTRIBUTE_RULES, NOTE_MARKS, note_tags
from ipcity.plans.extract.quantities import Quantity, parse_value_cell, rate_comparator, split_unit_from_name
from ipcity.plans.registry import Registry
from ipcity.plans.structure import Document
from ipcity.plans.table_layouts import Table
from ipcity.plans.vocabulary import (
    BASELINE_COLUMN_WORDS,
    DEADLINE_COLUMN_WORDS,
    DEPARTMENT_COLUMN_WORDS,
    GROUP_COLUMN_WORDS,
    INDICATOR_TAG_WORDS,
    LEAD_COLUMN_WORDS,
    NAME_COLUMN_WORDS,
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


@dataclass
class Columns:
    name: int
    unit: int | None = None
    tags: int | None = None
    baseline: tuple[int, int | None] | None = None  # (column, year)
    targets: list[tuple[int, int | None]] = field(default_factory=list)
    undated: set[int] = field(default_factory=set)  # target columns whose head names no year
    deadline: int | None = None  # a 完成时限 column: each row's own date
    # 责任单位/牵头单位 columns: who answers for each row (no field of the format: the warnings tell
    # which of them no task names, ``unsure.indicator_owners``)
    owners: list[int] = field(default_factory=list)


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


def goal_tables(doc: Document) -> list[Table]:
    """The tables indicators are read from: those of the goals part, and any with 指标 in its caption."""
    return [table for section in doc.sections() for table in section.tables
            if section.part == "goals" or "指标" in (table.caption or "")]


def baseline_rows(doc: Document, period: tuple[int, int] | None) -> list[Indicator]:
    """Rows of the indicator tables that give a baseline and no target (``有效发明专利拥有量 | 件 |
    400 | ——``): no indicator of their own, but where a target written as a multiple of the
    baseline (翻一番, extract/multiples.py) finds its base."""
    return [item for table in goal_tables(doc)
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
    columns.owners = sorted(owner_column(header, name_col) & no_column)
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


def row_indicator(row: list[str], columns: Columns, caption_tags: list[str], table: Table,
                  k: int) -> Indicator | None:
    raw_name = cell(row, columns.name)
    if not raw_name or is_header(row) or not re.search(r"[\u4e00-\u9fffA-Za-z]", raw_name):
        return None
    marked_name = raw_name
    raw_name = raw_name.rstrip(NOTE_MARKS + " ")  # a note's mark (带*的为约束性指标) is no part of the name
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
                     extra={"qualitative_year": qualitative_year,
                            "owners": [u for col in columns.owners for u in split_departments(cell(row, col))[0]]})

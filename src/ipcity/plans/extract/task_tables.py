"""Tasks laid out as a table: ``序号 | 重点任务 | 具体措施 | 牵头单位 | 责任单位 | 完成时限``.

A table is a task table when its header has a task column (任务/事项/举措, else 内容/措施) and a
lead (牵头) or department (责任单位/配合单位…) column, and no 指标 column (an indicator table
may name responsible units too). Each row is a task: its title the task cell's first sentence,
its departments the lead cell's units then the other department cells', its lead the lead cell.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise, zip_longest

from ipcity.plans.extract.departments import split_departments, split_marked
from ipcity.plans.registry import Registry
from ipcity.plans.structure import Section
from ipcity.plans.table_layouts import Table
from ipcity.plans.vocabulary import (
    DEPARTMENT_COLUMN_WORDS,
    GROUP_COLUMN_WORDS,
    LEAD_COLUMN_WORDS,
    LEAD_MARKS,
    NOT_UNIT_HEAD_WORDS,
    PARTNER_MARKS,
    PERSON_COLUMN_WORDS,
    REFERENCE_COLUMN_WORDS,
    SHORT_UNIT_HEAD_CHARS,
    TASK_COLUMN_WORDS,
    TASK_TITLE_COLUMN_WORDS,
    UNIT_ENDINGS,
    alternation,
)

_TASK_COL = re.compile(alternation(TASK_COLUMN_WORDS))
_TITLE_COL = re.compile(alternation(TASK_TITLE_COLUMN_WORDS))
_LEAD_COL = re.compile(alternation(LEAD_COLUMN_WORDS))
_DEPT_COL = re.compile(alternation(DEPARTMENT_COLUMN_WORDS))
_REF_COL = re.compile(alternation(REFERENCE_COLUMN_WORDS))
_GROUP_COL = re.compile(alternation(GROUP_COLUMN_WORDS))
_PERSON_COL = re.compile(alternation(PERSON_COLUMN_WORDS))
_EDGE = " \t，,；;。：:、"


@dataclass
class Task:
    ref: str
    title: str
    departments: list[str]
    lead: list[str]
    targets: list[dict]
    span: tuple[int, int]
    from_table: bool = False  # read from a task table (重点任务分工表), not from the body's text
    refers_to: str = ""  # a table row's pointer to the body's item (对应条目 ``三（一）1``)
    # other passages the task was read from (the table row that names it), for the warnings
    more_spans: list[tuple[int, int]] = field(default_factory=list)
    # a unit's duty paragraph (各部门职责分工: ``县科技局：牵头负责第6项任务``) naming the task items
    # it serves: no task of its own (``extract/unit_duties.py``)
    names_items: tuple[int, ...] = ()
    # its list opens ``以上任务由…``: the items before it under the same heading are its units' too
    covers_above: bool = False
    # its list names the items it covers (``以上第1至3项由X牵头``): (numbers, units, lead) per part
    covers_items: list[tuple[tuple[int, ...], list[str], list[str]]] = field(default_factory=list)
    # its units are a responsibility matrix's column heads as written (市监, 科技): the plan may name
    # them in full elsewhere (``extract/unit_heads.py``)
    from_matrix: bool = False


@dataclass
class TaskColumns:
    title: int
    body: int | None
    lead: int | None
    departments: list[int]
    seq: int | None
    refers_to: int | None = None
    # a responsibility matrix's unit columns: the header cell names the unit, a row's cell marks it
    marked: list[int] = field(default_factory=list)


# Header columns that are no column of a task's own: ``rule(header) -> their indexes``, all of them.
COLUMN_RULES: Registry[Callable[[list[str]], set[int]]] = Registry(
    "tasks.table_columns", "columns of a task table's header that name no column of a task")


@COLUMN_RULES.register("group_column", priority=10)
def group_column(header: list[str]) -> set[int]:
    """``序号 | 任务类别 | 具体任务 | 牵头单位…``: a column naming the rows' group (类别, 领域), its cell
    merged down over the group, titles no task though its word is 任务; the task column after it does."""
    return {k for k, c in enumerate(header) if _GROUP_COL.search(c) and not _LEAD_COL.search(c)
            and not _DEPT_COL.search(c)}


@COLUMN_RULES.register("person_column", priority=5)
def person_column(header: list[str]) -> set[int]:
    """``… | 牵头领导 | 责任科室 | 完成时间``: a column naming the leader over each task (a person, by
    post: ``陈副局长``) holds no unit, though its head says 牵头; the units are the 科室 column's."""
    return {k for k, c in enumerate(header) if _PERSON_COL.search(c)}


# The column detailing a task table's rows where no 措施/内容 column does: ``rule(header, title
# column, title-word columns) -> its index`` or None, first that answers. The row's targets are
# read from its title and this cell.
BODY_RULES: Registry[Callable[[list[str], int, list[int]], int | None]] = Registry(
    "tasks.body_column", "the column detailing a task table's rows where no 措施/内容 column does")


@BODY_RULES.register("second_task_column", priority=10)
def second_task_column(header: list[str], title: int, titles: list[int]) -> int | None:
    """``序号 | 重点任务 | 具体举措 | 牵头单位 | 配合单位 | 完成时限``: both heads are a task's words
    (任务, 举措, 事项); the first names the task, the one after it details it, as a 具体措施 column
    does, and holds the row's targets (``每年举办供需对接活动不少于4场``)."""
    return next((k for k in titles if k > title), None)


def task_columns(header: list[str]) -> TaskColumns | None:
    if any("指标" in c for c in header):
        return None  # an indicator table, even with a 责任单位 column
    refers_to = next((k for k, c in enumerate(header) if _REF_COL.search(c)), None)
    aside = {refers_to} | {k for rule in COLUMN_RULES for k in rule(header)}
    titles = [k for k, c in enumerate(header)
              if _TITLE_COL.search(c) and not _LEAD_COL.search(c) and k not in aside]
    bodies = [k for k, c in enumerate(header)
              if _TASK_COL.search(c) and k not in titles and not _LEAD_COL.search(c) and k not in aside]
    lead = next((k for k, c in enumerate(header) if _LEAD_COL.search(c) and k not in aside), None)
    departments = [k for k, c in enumerate(header) if _DEPT_COL.search(c) and k != lead and k not in aside]
    title = titles[0] if titles else (bodies.pop(0) if bodies else None)
    if title is None or (lead is None and not departments):
        return None
    body = bodies[0] if bodies else next((k for rule in BODY_RULES if (k := rule(header, title, titles)) is not None),
                                         None)
    seq = next((k for k, c in enumerate(header) if c.strip() == "序号"), None)
    return TaskColumns(title=title, body=body, lead=lead, departments=departments, seq=seq, refers_to=refers_to)


# A task table whose units are its columns (a responsibility matrix): ``rule(header, rows) -> the
# unit columns`` or None; the first rule that reads them wins.
MATRIX_RULES: Registry[Callable[[list[str], list[list[str]]], list[int] | None]] = Registry(
    "tasks.table_matrix", "a task table whose columns are units and whose cells mark their share")
_MARKS = set(LEAD_MARKS + PARTNER_MARKS)
_ALIAS = re.compile(r"[（(][^（）()]*[）)]$")  # 省市场监管局（省知识产权局）: the unit's other name


_SHORT_HEAD = re.compile(rf"[\u4e00-\u9fff]{{2,{SHORT_UNIT_HEAD_CHARS}}}")
_NOT_UNIT_HEAD = re.compile(alternation(NOT_UNIT_HEAD_WORDS))


@MATRIX_RULES.register("marked_unit_columns", priority=10)
def marked_unit_columns(header: list[str], rows: list[list[str]]) -> list[int] | None:
    """``序号 | 重点任务 | 省市场监管局 | 省科技厅 | … | 完成时限`` with ``●``/``○`` in the cells (注：●为牵头单位，
    ○为配合单位): the matrix is known by its body, columns whose cells hold a mark or nothing (a
    mark in one at least), under a head that names a unit or is a short name (``市监``, ``科技``,
    ``财政``: at most ``SHORT_UNIT_HEAD_CHARS`` characters ending in no unit character, named in
    full by ``extract/unit_heads.py``) and no column word (备注 may hold a ✓ too); two of them at
    least, and a mark in most rows. The lead's mark is the one the legend under the table names
    (``√为牵头单位``), else ``●``."""
    columns = [k for k, name in enumerate(header)
               if (unit := _ALIAS.sub("", name.strip()))
               and (unit[-1] in UNIT_ENDINGS or (_SHORT_HEAD.fullmatch(unit) and not _NOT_UNIT_HEAD.search(unit)))
               and all(row_cell(row, k) in _MARKS or not row_cell(row, k) for row in rows)
               and any(row_cell(row, k) for row in rows)]
    marked_rows = sum(any(row_cell(row, k) for k in columns) for row in rows)
    return columns if len(columns) >= 2 and marked_rows * 2 > len(rows) else None


def matrix_columns(header: list[str], rows: list[list[str]]) -> TaskColumns | None:
    """The task column and the unit columns of a responsibility matrix (None if the table is none)."""
    for rule in MATRIX_RULES:
        marked = rule(header, rows)
        if marked:
            titles = [k for k, c in enumerate(header) if k not in marked and (_TITLE_COL.search(c) or _TASK_COL.search(c))]
            if not titles or any("指标" in c for c in header):
                return None
            seq = next((k for k, c in enumerate(header) if c.strip() == "序号"), None)
            return TaskColumns(title=titles[0], body=None, lead=None, departments=[], seq=seq, marked=marked)
    return None


# 注：√为牵头单位，○为配合单位: the legend under the matrix names its lead mark
_LEGEND_LEAD = re.compile(rf"([{''.join(sorted(_MARKS))}])\s*(?:为|是|表示|代表)\s*牵头")


def lead_marks(note: str | None) -> str:
    """The marks of the lead: those the table's legend names (``√为牵头单位``), else ``●★▲``."""
    return "".join(_LEGEND_LEAD.findall(note or "")) or LEAD_MARKS


def marked_units(row: list[str], header: list[str], columns: TaskColumns, leads_by: str) -> tuple[list[str], list[str]]:
    """A matrix row's units in the order of their columns, and those marked as the lead."""
    units = [header[k].strip() for k in columns.marked if row_cell(row, k)]
    leads = [header[k].strip() for k in columns.marked if row_cell(row, k) and row_cell(row, k) in leads_by]
    return units, leads


def row_cell(row: list[str], i: int | None) -> str:
    return row[i].strip() if i is not None and i < len(row) else ""


def table_tasks(table: Table, section: Section, end_year: int | None,
                targets_of: Callable[[str, int | None], list[dict]]) -> list[Task]:
    """One task per row of a task table (none if the table is not one)."""
    if not table.rows:
        return []
    header, spanned = table_header(table.rows)
    columns = task_columns(header) or matrix_columns(header, table.rows[spanned:])
    if columns is None:
        return []
    ref = "/".join(section.path())
    out = []
    # a header of several lines repeated where a page broke: every one of its lines is no row
    rows = [(k, row) for k, row in enumerate(table.rows[spanned:], start=spanned)
            if spanned == 1 or row not in table.rows[:spanned]]
    for rule in ROW_RULES:
        rows = rule(rows, header, columns, table)
    for k, row in rows:
        title_cell = row_cell(row, columns.title)
        if not title_cell:
            continue
        lead = split_departments(row_cell(row, columns.lead))[0] if columns.lead is not None else []
        departments = list(lead)
        marked: list[str] = []  # a 责任单位 cell may mark its lead (``市监局（牵头），市科技局``)
        for col in columns.departments:
            units, leads = split_marked(row_cell(row, col))
            departments += [d for d in units if d not in departments]
            marked += [d for d in leads if d not in marked]
        if columns.marked:
            departments, marked = marked_units(row, header, columns, lead_marks(table.note))
        lead = lead or marked
        line = table.lines[k] if len(table.lines) == len(table.rows) else table.lines[-1]
        number = row_cell(row, columns.seq) or f"#{k}"
        text = title_cell + "。" + row_cell(row, columns.body)
        out.append(Task(ref=f"{ref}/{number}" if ref else number, title=title_cell.split("。")[0].strip(_EDGE),
                        departments=departments, lead=lead or departments[:1],
                        targets=targets_of(text, end_year), span=(line.start, line.end), from_table=True,
                        refers_to=row_cell(row, columns.refers_to), from_matrix=bool(columns.marked)))
    return out


# The header of a task table: ``rule(rows) -> (column names, rows it spans)`` or None; the first
# rule that reads one wins, else the first row is the header.
HEADER_RULES: Registry[Callable[[list[list[str]]], tuple[list[str], int] | None]] = Registry(
    "tasks.table_header", "a task table's header written over more than one row")
_HEADER_CELL_CHARS = 8


def table_header(rows: list[list[str]]) -> tuple[list[str], int]:
    for rule in HEADER_RULES:
        found = rule(rows)
        if found is not None:
            return found
    return rows[0], 1


def is_column_name(cell: str) -> bool:
    return any(p.search(cell) for p in (_LEAD_COL, _DEPT_COL, _TITLE_COL, _TASK_COL))


@HEADER_RULES.register("two_line_header", priority=10)
def two_line_header(rows: list[list[str]]) -> tuple[list[str], int] | None:
    """``责任分工`` spanning ``牵头单位 | 配合单位`` on the line below: each column is named by its
    lower cell, else by the cell above (a cell spanning both lines, which a PDF repeats below)."""
    if len(rows) < 3:
        return None
    top, below = rows[0], rows[1]
    cells = [c.strip() for c in below if c.strip()]
    if not cells or any(len(c) > _HEADER_CELL_CHARS or re.search(r"\d", c) for c in cells):
        return None  # a row of the table, not a header line
    new = [b.strip() for t, b in zip_longest(top, below, fillvalue="") if b.strip() and b.strip() != t.strip()]
    if not new or not all(is_column_name(c) for c in new):
        return None
    names = [b.strip() or t.strip() for t, b in zip_longest(top, below, fillvalue="")]
    return (names, 2) if task_columns(names) is not None else None


_MAX_HEADER_ROWS = 4


def is_header_line(row: list[str]) -> bool:
    """A line of a header: short words only, no figure (a row of the table has a 序号 or a task)."""
    cells = [c.strip() for c in row if c.strip()]
    return bool(cells) and not any(len(c) > _HEADER_CELL_CHARS or re.search(r"\d", c) for c in cells)


@HEADER_RULES.register("header_over_rows", priority=20)
def header_over_rows(rows: list[list[str]]) -> tuple[list[str], int] | None:
    """A header of three lines or more (``责任单位`` over ``市级 | 县级`` over ``牵头单位 | 配合单位 |
    实施单位``): each column is named by its lowest cell, the words above it group columns. The
    lowest line must name columns (else it is a row of the table)."""
    depth = 1
    while depth < min(_MAX_HEADER_ROWS, len(rows) - 1) and is_header_line(rows[depth]):
        depth += 1
    if depth < 3:
        return None  # one line, or two (two_line_header)
    width = max(len(row) for row in rows[:depth])
    names = []
    for col in range(width):
        cells = [row[col].strip() for row in rows[:depth] if col < len(row) and row[col].strip()]
        names.append(cells[-1] if cells else "")
    lowest = [c.strip() for c in rows[depth - 1] if c.strip()]
    above = {c.strip() for row in rows[:depth - 1] for c in row}
    new = [c for c in lowest if c not in above]
    if not new or not all(is_column_name(c) for c in new):
        return None
    return (names, depth) if task_columns(names) is not None else None


Rows = list[tuple[int, list[str]]]  # (index in the table, cells)
# How a task table's rows come as text: ``rule(rows, header, columns, table) -> rows``, in turn.
ROW_RULES: Registry[Callable[[Rows, list[str], TaskColumns, Table], Rows]] = Registry(
    "tasks.table_row", "how a task table's rows come as text (page breaks, merged cells)")


@ROW_RULES.register("repeated_header", priority=20)
def drop_repeated_header(rows: Rows, header: list[str], columns: TaskColumns, table: Table) -> Rows:
    """The header row again inside the table (repeated on each page the table runs over) is no row."""
    names = [c.strip() for c in header]
    return [(k, row) for k, row in rows if [c.strip() for c in row] != names]


@ROW_RULES.register("merged_lead_cell", priority=10)
def fill_merged_lead(rows: Rows, header: list[str], columns: TaskColumns, table: Table) -> Rows:
    """An empty 牵头单位 cell under a filled one is a vertically merged cell: text gives its
    units on its first row only, and the rows below it have the same lead. Where the reader
    repeats a merged cell in every row (Word, HTML), an empty cell is empty and stays so; so it
    does where the table, as text, writes one lead out again on the next row (it does not merge
    cells, so a lead left empty is no lead). A PDF's reader repeats a merged cell on each row of
    one page, not on the first row of the next: there an empty lead continues the one above only
    in a row that names no unit at all (a row naming its 配合单位 but no lead has none)."""
    if columns.lead is None or table.merges_repeated:
        return rows
    in_page = table.merges_repeated_in_page
    if not in_page and writes_leads_out(rows, columns):
        return rows
    out: Rows = []
    above = ""
    for k, row in rows:
        lead = row_cell(row, columns.lead)
        names_units = any(row_cell(row, col) for col in columns.departments)
        if not lead and above and row_cell(row, columns.title) and not (in_page and names_units):
            row = row + [""] * (columns.lead + 1 - len(row))
            row = [*row[:columns.lead], above, *row[columns.lead + 1:]]
        above = row_cell(row, columns.lead) or above
        out.append((k, row))
    return out


def writes_leads_out(rows: Rows, columns: TaskColumns) -> bool:
    """Two neighbouring rows with the same lead written in full: a table that repeats, not merges.
    Rows a repeated header stands between do not count: a PDF writes a merged cell that runs over
    a page break again on the new page, under the header it repeats there."""
    leads = [(k, row_cell(row, columns.lead)) for k, row in rows if row_cell(row, columns.title)]
    return any(a and a == b and k2 == k1 + 1 for (k1, a), (k2, b) in pairwise(leads))

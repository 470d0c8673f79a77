"""Tasks laid out as a table: ``序号 | 重点任务 | 具体措施 | 牵头单位 | 责任单位 | 完成时限``.

A table is a task table when its header has a task column (任务/事项/举措, else 内容/措施) and a
lead (牵头) or department (责任单位/配合单位…) column, and no 指标 column (an indicator table
may name responsible units too). Each row is a task: its title the task cell's first sentence,
its departments the lead cell's units then the other department cells', its lead the lead cell.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ipcity.plans.extract.departments import split_departments
from ipcity.plans.structure import Section, Table
from ipcity.plans.vocabulary import (
    DEPARTMENT_COLUMN_WORDS,
    LEAD_COLUMN_WORDS,
    TASK_COLUMN_WORDS,
    TASK_TITLE_COLUMN_WORDS,
    alternation,
)

_TASK_COL = re.compile(alternation(TASK_COLUMN_WORDS))
_TITLE_COL = re.compile(alternation(TASK_TITLE_COLUMN_WORDS))
_LEAD_COL = re.compile(alternation(LEAD_COLUMN_WORDS))
_DEPT_COL = re.compile(alternation(DEPARTMENT_COLUMN_WORDS))
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


@dataclass
class TaskColumns:
    title: int
    body: int | None
    lead: int | None
    departments: list[int]
    seq: int | None


def task_columns(header: list[str]) -> TaskColumns | None:
    if any("指标" in c for c in header):
        return None  # an indicator table, even with a 责任单位 column
    titles = [k for k, c in enumerate(header) if _TITLE_COL.search(c) and not _LEAD_COL.search(c)]
    bodies = [k for k, c in enumerate(header) if _TASK_COL.search(c) and k not in titles and not _LEAD_COL.search(c)]
    lead = next((k for k, c in enumerate(header) if _LEAD_COL.search(c)), None)
    departments = [k for k, c in enumerate(header) if _DEPT_COL.search(c) and k != lead]
    title = titles[0] if titles else (bodies.pop(0) if bodies else None)
    if title is None or (lead is None and not departments):
        return None
    seq = next((k for k, c in enumerate(header) if c.strip() == "序号"), None)
    return TaskColumns(title=title, body=bodies[0] if bodies else None, lead=lead, departments=departments, seq=seq)


def row_cell(row: list[str], i: int | None) -> str:
    return row[i].strip() if i is not None and i < len(row) else ""


def table_tasks(table: Table, section: Section, end_year: int | None,
                targets_of: Callable[[str, int | None], list[dict]]) -> list[Task]:
    """One task per row of a task table (none if the table is not one)."""
    if not table.rows:
        return []
    columns = task_columns(table.rows[0])
    if columns is None:
        return []
    ref = "/".join(section.path())
    out = []
    for k, row in enumerate(table.rows[1:], start=1):
        title_cell = row_cell(row, columns.title)
        if not title_cell:
            continue
        lead = split_departments(row_cell(row, columns.lead))[0] if columns.lead is not None else []
        departments = list(lead)
        for col in columns.departments:
            departments += [d for d in split_departments(row_cell(row, col))[0] if d not in departments]
        line = table.lines[k] if len(table.lines) == len(table.rows) else table.lines[-1]
        number = row_cell(row, columns.seq) or f"#{k}"
        text = title_cell + "。" + row_cell(row, columns.body)
        out.append(Task(ref=f"{ref}/{number}" if ref else number, title=title_cell.split("。")[0].strip(_EDGE),
                        departments=departments, lead=lead or departments[:1],
                        targets=targets_of(text, end_year), span=(line.start, line.end), from_table=True))
    return out

"""Responsibilities written unit by unit: a section 各部门职责分工 of paragraphs
``县科技局：牵头负责第6项任务；配合做好第1、4项任务。``, each naming the numbered task items a
unit leads or helps with, instead of a list closing each task.

The paragraphs are read into :class:`~ipcity.plans.extract.task_tables.Task` records that name
items (``names_items``) and are no tasks of their own; a document rule of ``extract/tasks.py``
then gives each named task its units (leads first, then helpers, each in the order written).
"""

from __future__ import annotations

import re

from ipcity.plans.extract.departments import ends_unit
from ipcity.plans.extract.task_tables import Task
from ipcity.plans.normalise import Line
from ipcity.plans.numbering import ITEM_NUMBERS, cn_to_int, item_numbers
from ipcity.plans.vocabulary import HELPER_DUTY_WORDS, alternation
from ipcity.text import fold_width

_UNIT_LABEL = re.compile(r"^\s*([^：:，,。；;、\s]{2,30}?)\s*[：:]")
_ITEMS = ITEM_NUMBERS  # 第6项, 第1、4项, 第2至5项, 第（三）项: the items a clause names
_HELPER = re.compile(alternation(HELPER_DUTY_WORDS))
_CLAUSE_START = re.compile(r"[；;。，,]")


def duty_of(line: Line) -> list[Task] | None:
    """The records of one ``单位：…第N项…`` paragraph (one per role), or None if it is none."""
    m = _UNIT_LABEL.match(line.text)
    if m is None or not ends_unit(m.group(1)):
        return None
    unit, rest = m.group(1), line.text[m.end():]
    leads: list[int] = []
    helps: list[int] = []
    for item in _ITEMS.finditer(rest):
        clause_start = max((c.end() for c in _CLAUSE_START.finditer(rest, 0, item.start())), default=0)
        role = helps if _HELPER.search(rest[clause_start:item.start()]) else leads
        role += [n for n in item_numbers(item.group(1)) if n not in role]
    if not leads and not helps:
        return None
    span = (line.start, line.end)
    out = []
    if leads:
        out.append(Task(ref="", title=unit, departments=[unit], lead=[unit], targets=[], span=span,
                        names_items=tuple(leads)))
    if helps:
        out.append(Task(ref="", title=unit, departments=[unit], lead=[], targets=[], span=span,
                        names_items=tuple(helps)))
    return out


def unit_duty_records(lines: list[Line]) -> list[Task] | None:
    """The records of a section written unit by unit: two paragraphs or more are ``单位：…第N项…``,
    and every paragraph naming items is one (an opening sentence may stand before them)."""
    records: list[Task] = []
    matched = 0
    for line in lines:
        found = duty_of(line)
        if found is None:
            if _ITEMS.search(line.text):
                return None
            continue
        matched += 1
        records += found
    return records if matched >= 2 else None


def give_units(tasks: list[Task]) -> list[Task]:
    """Each numbered task named by a duty record takes the record's unit: the units named as leads
    first, then the helpers, each in the order written; its own list (if any) comes before them.
    A number names the task whose ref ends in it, when exactly one does (tasks numbered across
    sections: ``二/1`` … ``四/9``). The records are no tasks."""
    records = [t for t in tasks if t.names_items]
    if not records:
        return tasks
    body = [t for t in tasks if not t.names_items and not t.from_table]
    last = {id(t): _last_number(t.ref) for t in body}
    leads: dict[int, list[str]] = {}
    helps: dict[int, list[str]] = {}
    for record in records:
        for n in record.names_items:
            named = [t for t in body if last[id(t)] == n]
            if len(named) != 1:
                continue
            bucket = leads if record.lead else helps
            bucket.setdefault(id(named[0]), [])
            bucket[id(named[0])] += [u for u in record.departments if u not in bucket[id(named[0])]]
            named[0].more_spans.append(record.span)
    for task in body:
        own = list(task.departments)
        given = leads.get(id(task), []) + helps.get(id(task), [])
        if not given:
            continue
        task.departments = list(dict.fromkeys(own + given))
        task.lead = task.lead if own else (leads.get(id(task)) or task.departments[:1])
    return [t for t in tasks if not t.names_items]


def _last_number(ref: str) -> int | None:
    tokens = re.findall(r"[一二三四五六七八九十]+|\d+", fold_width(ref.split("/")[-1]) if ref else "")
    return (int(tokens[-1]) if tokens[-1].isdigit() else cn_to_int(tokens[-1])) if tokens else None

"""A responsibility matrix's column heads written short (市监, 科技, 财政), named in full.

A matrix (``序号 | 重点任务 | 市监 | 科技 | …`` with ●/○ marks) may head its columns with units'
short names. The plan names the same units in full elsewhere (in its responsibility lists, its
working group's members): a head stands for the one unit so named that it abbreviates. Where
none or several fit, the head is kept as written (a guess would put a task on the wrong desk).
"""

from __future__ import annotations

import re

from ipcity.plans.extract.task_tables import Task
from ipcity.plans.structure import Document
from ipcity.plans.vocabulary import UNIT_ENDINGS, UNIT_LEVEL_PREFIXES, UNIT_NAME_ABBREVIATIONS

# A unit named in full in running text: its level, at most twelve characters, a unit ending.
_FULL_NAME = re.compile(rf"(?:{'|'.join(UNIT_LEVEL_PREFIXES)})[\u4e00-\u9fff]{{1,12}}?[{UNIT_ENDINGS}]")
_ALIAS = re.compile(r"[（(][^（）()]*[）)]")
# The kind of body at a name's end (局, 委员会, 办公室…), dropped before a short head is compared.
_KIND = re.compile(r"(?:委员会|办公室|人民政府|政府|协会|[局委办厅院会室部处所])$")


def with_full_names(tasks: list[Task], doc: Document) -> list[Task]:
    """Matrix tasks' units and leads written short, replaced by the plan's full name for each."""
    if not any(t.from_matrix for t in tasks):
        return tasks
    names = names_in_plan(tasks, doc)
    for task in tasks:
        if task.from_matrix:
            task.departments = [full_name(d, names) for d in task.departments]
            task.lead = [full_name(d, names) for d in task.lead]
    return tasks


def names_in_plan(tasks: list[Task], doc: Document) -> list[str]:
    """The units the plan names in full: its responsibility lists' units, then names in its text."""
    names = [d for t in tasks if not t.from_matrix for d in t.departments]
    for section in doc.sections():
        for line in ([section.line] if section.line is not None else []) + section.paragraphs:
            names += _FULL_NAME.findall(line.text)
    return list(dict.fromkeys(names))


def core(name: str) -> str:
    """What a unit's short name abbreviates: its name folded (市场监督管理 → 市场监管), without
    its other name in brackets, its level (市) and its kind of body (局)."""
    name = _ALIAS.sub("", name)
    for long, short in UNIT_NAME_ABBREVIATIONS:
        name = name.replace(long, short)
    if name.startswith(UNIT_LEVEL_PREFIXES):
        name = name[1:]
    return _KIND.sub("", name)


def is_subsequence(short: str, long: str) -> bool:
    chars = iter(long)
    return all(c in chars for c in short)


def full_name(head: str, names: list[str]) -> str:
    """The one name the head abbreviates, tried from the closest fit (科技 is 市科技局's core, not
    市科学技术协会's) to the loosest (市监: 市场监管 in order, from its first character); else the head."""
    if not head or head[-1] in UNIT_ENDINGS:
        return head  # a unit's own name
    cores = [(name, core(name)) for name in names]
    for fits in (lambda c: c == head, lambda c: c.startswith(head),
                 lambda c: c[:1] == head[:1] and is_subsequence(head, c)):
        found = list(dict.fromkeys(name for name, c in cores if c and fits(c)))
        if len(found) == 1:
            return found[0]
        if found:
            return head  # several fit as closely: which one is a guess
    return head

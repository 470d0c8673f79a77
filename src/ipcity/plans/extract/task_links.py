"""What the tasks of a whole document say about each other (``tasks.document``), once every
section is read.

A list covering the items above or naming items by number (以上第1至3项由…) gives them its units;
a task table row pointing back to a body item (对应条目 ``三（一）1``, ``（二）（三）``) is that item's
responsibility; a unit's duty paragraph names the items it leads; a task table that lists the
tasks makes the body's bare headings no tasks of their own. Numbering paths are matched here.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ipcity.plans.extract.task_tables import Task
from ipcity.plans.extract.unit_duties import give_units
from ipcity.plans.numbering import cn_to_int
from ipcity.plans.registry import Registry
from ipcity.text import fold_width

# Rules over the whole list of tasks once every section is read: ``rule(tasks) -> tasks``.
DOCUMENT_RULES: Registry[Callable[[list[Task]], list[Task]]] = Registry(
    "tasks.document", "what the tasks of the whole document say about each other")


_REF_TOKEN = re.compile(r"[一二三四五六七八九十]+|\d+")


def ref_numbers(ref: str) -> tuple[int, ...]:
    """``三/（一）/1`` and ``三（一）1`` → (3, 1, 1): a numbering path's numbers, whatever its brackets."""
    return tuple(int(t) if t.isdigit() else cn_to_int(t) for t in _REF_TOKEN.findall(fold_width(ref)))


@DOCUMENT_RULES.register("unit_duties_name_items", priority=30)
def unit_duties_name_items(tasks: list[Task]) -> list[Task]:
    """The task items a unit's duty paragraph names (``第1、4项``) take its unit, as lead where the
    paragraph leads them (牵头, 负责) and after the leads where it helps (配合); the paragraphs
    are no tasks."""
    return give_units(tasks)


@DOCUMENT_RULES.register("list_covers_items_above", priority=35)
def list_covers_items_above(tasks: list[Task]) -> list[Task]:
    """``1.…`` ``2.…`` ``3.…`` ``（以上任务由市市场监管局牵头，各有关单位配合）``: a list that says it
    covers the items above gives its units to the items before it under the same heading that have
    no list of their own (back to the first one that has, which closes the run)."""
    for k, task in enumerate(tasks):
        if not task.covers_above or task.from_table:
            continue
        parent = task.ref.rsplit("/", 1)[0] if "/" in task.ref else ""
        for before in reversed(tasks[:k]):
            if before.from_table or (before.ref.rsplit("/", 1)[0] if "/" in before.ref else "") != parent:
                break
            if before.departments:
                break
            before.departments, before.lead = list(task.departments), list(task.lead)
    return tasks


@DOCUMENT_RULES.register("range_covers_items", priority=36)
def range_covers_items(tasks: list[Task]) -> list[Task]:
    """``（以上第1至3项由县市场监管局牵头；第4—6项由县科技局牵头）``: a cover list naming items gives each
    part's units to the items it names that have no list of their own. An item is sought under the
    heading the list stands under first (numbering restarts in each section), else in the whole
    document where one task only ends in that number (numbering straight through)."""
    body = [t for t in tasks if not t.from_table and not t.names_items]
    for task in tasks:
        for numbers, departments, lead in task.covers_items:
            parent = ref_parent(task.ref)
            for n in numbers:
                named = [t for t in body if ref_parent(t.ref) == parent and last_ref_number(t.ref) == n] \
                    or [t for t in body if last_ref_number(t.ref) == n]
                if len(named) == 1 and not named[0].departments:
                    named[0].departments, named[0].lead = list(departments), list(lead or departments[:1])
                    if named[0] is not task:
                        named[0].more_spans.append(task.span)
    return tasks


def ref_parent(ref: str) -> str:
    return ref.rsplit("/", 1)[0] if "/" in ref else ""


def last_ref_number(ref: str) -> int | None:
    numbers = ref_numbers(ref.rsplit("/", 1)[-1])
    return numbers[-1] if numbers else None


@DOCUMENT_RULES.register("table_row_names_body_task", priority=20)
def table_row_names_body_task(tasks: list[Task]) -> list[Task]:
    """A task table row that points to the body's item (对应条目 ``三（一）1``) is that item's
    responsibility: the body task (its ref, title and targets) takes the row's departments and
    lead, and the row is no task of its own. The pointer names the whole path, or its tail when
    that tail fits one body task only."""
    body = [t for t in tasks if not t.from_table]
    paths = {id(t): ref_numbers(t.ref) for t in body}
    merged: set[int] = set()
    for row in (t for t in tasks if t.from_table and t.refers_to):
        task = body_task_named(body, paths, ref_numbers(row.refers_to))
        if task is not None:
            take_row(task, row)
            merged.add(id(row))
    return [t for t in tasks if id(t) not in merged]


def body_task_named(body: list[Task], paths: dict[int, tuple[int, ...]], wanted: tuple[int, ...]) -> Task | None:
    """The one body task whose numbering path is ``wanted``, or ends with it."""
    if not wanted:
        return None
    found = [t for t in body if paths[id(t)] == wanted] or \
        [t for t in body if len(paths[id(t)]) > len(wanted) and paths[id(t)][-len(wanted):] == wanted]
    return found[0] if len(found) == 1 else None


def take_row(task: Task, row: Task) -> None:
    """The body task takes a table row's units (its own list first) and the targets it lacks."""
    task.lead = task.lead if task.departments else row.lead
    task.departments = list(dict.fromkeys(task.departments + row.departments))
    known = {(t["value"], t["unit"]) for t in task.targets}
    task.targets += [t for t in row.targets if (t["value"], t["unit"]) not in known]
    task.more_spans.append(row.span)


# ``（二）（三）``, ``（五）、（六）``, ``2、3``, ``三（一）2、3``: one pointer to several items
_POINTER_GAP = re.compile(r"\s*[、，,；;和及与]\s*|(?<=[）)])\s*(?=[（(])")


def pointers_of(refers_to: str) -> list[tuple[int, ...]]:
    """Each item a pointer names; a later piece shorter than the first shares its leading numbers
    (``三（一）2、3`` → 三（一）2 and 三（一）3)."""
    texts = [p.strip() for p in _POINTER_GAP.split(refers_to.strip()) if p.strip()]
    # siblings end in numbers of one kind; ``三、（一）`` is a path written with 、, not two items
    if len({_last_level_kind(p) for p in texts}) != 1:
        return []
    pieces = [ref_numbers(p) for p in texts]
    if len(pieces) < 2 or not all(pieces):
        return []
    first = pieces[0]
    return [first] + [p if len(p) >= len(first) else first[:len(first) - len(p)] + p for p in pieces[1:]]


_LAST_LEVEL = re.compile(r"([（(])?\s*(?:([一二三四五六七八九十]+)|\d+)\s*[）)]?\s*[.．、]?$")


def _last_level_kind(piece: str) -> tuple[bool, bool] | None:
    """(bracketed, Chinese numeral) of a pointer's last number: its level's style."""
    m = _LAST_LEVEL.search(fold_width(piece))
    return (bool(m.group(1)), bool(m.group(2))) if m else None


@DOCUMENT_RULES.register("row_names_several_body_tasks", priority=25)
def row_names_several_body_tasks(tasks: list[Task]) -> list[Task]:
    """A table row pointing to several body items (对应条目 ``（二）（三）`` or ``2、3``): its units
    serve each of them, as a row pointing to one serves that one. Every item must be found (one
    body task each), else the row is left to the rules after."""
    body = [t for t in tasks if not t.from_table]
    paths = {id(t): ref_numbers(t.ref) for t in body}
    merged: set[int] = set()
    for row in (t for t in tasks if t.from_table and t.refers_to):
        named = [body_task_named(body, paths, wanted) for wanted in pointers_of(row.refers_to)]
        if not named or any(t is None for t in named) or len({id(t) for t in named}) != len(named):
            continue
        for task in named:
            assert task is not None
            take_row(task, row)
        merged.add(id(row))
    return [t for t in tasks if id(t) not in merged]


@DOCUMENT_RULES.register("task_table_over_headings", priority=10)
def task_table_over_headings(tasks: list[Task]) -> list[Task]:
    """Tasks listed in a table (an appendix 重点任务分工表) while the body has only headings and
    prose: the body's headings are those tasks described, not tasks of their own. A body task
    without a responsibility list goes when no body task has one, or when a table task has
    its title (two shared character pairs in every three)."""
    table = [t for t in tasks if t.from_table]
    body = [t for t in tasks if not t.from_table]
    if not table or not body:
        return tasks
    any_listed = any(t.departments for t in body)

    def restated(task: Task) -> bool:
        mine = _bigrams(task.title)
        return any(len(mine & _bigrams(t.title)) * 3 >= 2 * max(1, len(mine)) for t in table)

    return [t for t in tasks if t.from_table or t.departments or (any_listed and not restated(t))]


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}

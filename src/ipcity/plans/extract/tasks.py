"""Tasks: numbered items of the key-tasks part, and any unit of text closed by a responsibility list.

- In the tasks part, a numbered section without numbered children is one task (its heading is
  the title; every responsibility list in it gives its departments).
- A heading-only section whose paragraphs hold several units (each closed by a responsibility
  list) gives one task per unit, ``ref`` ``…/#n``. A unit's title is its own heading (a short
  first line, or the text before its first 。); a section that is one unit without a heading of
  its own gives the section's heading. In the tasks part a headed unit without a list is still
  a task; elsewhere only units with a list count.
- Items inside 专栏 boxes are never tasks.

This module holds the readers of one section's tasks (``tasks.section``) and the run over the
document. Cutting text into units is ``task_units``, naming a unit ``task_titles``, what the tasks
say about each other once all are read ``task_links``, and task tables ``task_tables``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import takewhile

from ipcity.plans.extract.departments import find_lists, is_deadline_group
from ipcity.plans.extract.indicator_tables import indicators_of_table
from ipcity.plans.extract.quantities import rate_comparator
from ipcity.plans.extract.task_links import DOCUMENT_RULES
from ipcity.plans.extract.task_tables import Task, table_tasks
from ipcity.plans.extract.task_titles import first_clause, unit_title
from ipcity.plans.extract.task_units import EDGE, Segment, Unit, departments_of, is_bare_list, split_units
from ipcity.plans.extract.text import goals_in
from ipcity.plans.extract.unit_duties import unit_duty_records
from ipcity.plans.extract.unit_heads import with_full_names
from ipcity.plans.normalise import Line, field_label
from ipcity.plans.parts import own_part
from ipcity.plans.registry import Registry
from ipcity.plans.structure import Document, Section
from ipcity.plans.table_layouts import Table
from ipcity.text import fold_width


def section_lines(section: Section) -> list[Line]:
    head = [section.line] if section.line is not None and section.head_body else []
    return head + section.paragraphs


@dataclass
class TaskContext:
    end_year: int | None
    done: set[int] = field(default_factory=set)  # ids of sections a rule has read already


# Rules reading the tasks of one section: ``rule(section, context) -> tasks``, or None for "not
# mine, ask the next rule" (the first rule that answers wins).
SECTION_RULES: Registry[Callable[[Section, TaskContext], list[Task] | None]] = Registry(
    "tasks.section", "the tasks one numbered section (or the text of any section) holds")


# Tables of a section that hold no task, whatever their columns: ``rule(table, section) -> bool``, any.
TABLE_SKIP_RULES: Registry[Callable[[Table, Section], bool]] = Registry(
    "tasks.table_skip", "tables that hold no task, whatever their columns say")


@TABLE_SKIP_RULES.register("goals_part_indicator_table", priority=10)
def goals_part_indicator_table(table: Table, section: Section) -> bool:
    """``表1 年度目标任务分解`` in the goals part (``目标任务 | 单位 | 2024年 | 2025年 | 牵头单位``): its
    rows are the goals by year, read as indicators, though its head says 任务 and names a lead unit."""
    return section.part == "goals" and bool(indicators_of_table(table, None))


def extract_tasks(doc: Document, end_year: int | None) -> list[Task]:
    tasks: list[Task] = []
    context = TaskContext(end_year)
    for section in doc.sections():
        if section.in_box():
            continue
        for table in section.tables:
            if not any(rule(table, section) for rule in TABLE_SKIP_RULES):
                tasks += table_tasks(table, section, end_year, task_targets)
        if id(section) in context.done:
            continue
        for rule in SECTION_RULES:
            found = rule(section, context)
            if found is not None:
                tasks += found
                break
    for document_rule in DOCUMENT_RULES:
        tasks = document_rule(tasks)
    return with_full_names(tasks, doc)


@SECTION_RULES.register("unit_duty_paragraphs", priority=40)
def unit_duty_paragraphs(section: Section, context: TaskContext) -> list[Task] | None:
    """``五、各部门职责分工`` + ``县科技局：牵头负责第6项任务；配合做好第1、4项任务。``: paragraphs each
    opening with a unit and naming the task items it leads or helps with are no tasks; they give
    those tasks their units (``extract/unit_duties.py``, then ``unit_duties_name_items``)."""
    if section.numbered_children():
        return None
    return unit_duty_records(section_lines(section))


@SECTION_RULES.register("sub_points", priority=30)
def sub_point_task(section: Section, context: TaskContext) -> list[Task] | None:
    """``1.推动专利培育。`` + ``（1）…（2）…（3）…`` + ``责任单位：…``: the sub-points are part of
    the task that holds them, which is one task with the list that closes them."""
    if not holds_sub_points(section):
        return None
    return task_with_points(section, context)


@SECTION_RULES.register("clause_points", priority=29)
def clause_point_task(section: Section, context: TaskContext) -> list[Task] | None:
    """``1.壮大专利密集型产业。围绕…。`` + ``(1)…；`` + ``(2)…。`` with no list anywhere: points that
    end in ；, all but the last, are one enumeration, the body of the heading that opens it with a
    sentence of its own; they are part of that task, not tasks (a plan numbering its leaf tasks
    ``(1)`` writes each as a sentence, under a heading without a body)."""
    children = section.numbered_children()
    if (section.part != "tasks" or section.numbering is None or not section.head_body or len(children) < 2
            or any(c.scheme not in _SUB_POINT_SCHEMES or c.children for c in children)):
        return None
    if any(find_lists(ln.text, ln.breaks) for ln in section_lines(section)) or any(map(points_have_lists, children)):
        return None
    ends = [fold_width(point_text(c)).rstrip()[-1:] for c in children]
    if not all(end == ";" for end in ends[:-1]) or ends[-1] not in ("。", ";"):
        return None
    return task_with_points(section, context)


def point_text(point: Section) -> str:
    return "".join(ln.text for ln in [point.line, *point.paragraphs] if ln is not None)


def task_with_points(section: Section, context: TaskContext) -> list[Task]:
    """One task of the section with every point's text (and targets) in it."""
    lines = section_lines(section)
    for child in section.numbered_children():
        for node in child.walk():
            context.done.add(id(node))
            lines += ([node.line] if node.line is not None else []) + node.paragraphs
    units = split_units(lines)
    whole = Unit(segments=[Segment(ln, 0, len(ln.text)) for ln in lines],
                 lists=[lst for u in units for lst in u.lists],
                 list_segments=[s for u in units for s in u.list_segments])
    if section.line is not None and not section.head_body:
        whole.segments.insert(0, Segment(section.line, 0, len(section.line.text)))
    return [make_task("/".join(section.path()), section.title, whole, context.end_year)]


_SUB_POINT_SCHEMES = ("paren_num", "circled")


def holds_sub_points(section: Section) -> bool:
    """Whether the numbered children of a task are its sub-points, not tasks of their own.

    Evidence: they are item-level points (（1）, ①) without responsibility lists of their own,
    and a list stands for the whole — on the task's own lines, or on a line of its own after
    the last point. Points without any list anywhere stay tasks (a plan may number its leaf
    tasks （1）)."""
    children = section.numbered_children()
    if (section.part != "tasks" or section.numbering is None or len(children) < 2
            or any(c.scheme not in _SUB_POINT_SCHEMES or c.children for c in children)):
        return False
    if any(lst for ln in section_lines(section) for lst in find_lists(ln.text, ln.breaks)):
        return not any(points_have_lists(c) for c in children)
    *points, last = children
    if any(points_have_lists(c) for c in points):
        return False
    own = [ln for ln in [last.line, *last.paragraphs] if ln is not None]
    listed = [k for k, ln in enumerate(own) if find_lists(ln.text, ln.breaks)]
    # only a list standing alone on a line after the last point's own text speaks for all points
    return bool(listed) and all(k > 0 and is_bare_list(own[k]) for k in listed)


def points_have_lists(point: Section) -> bool:
    return any(find_lists(ln.text, ln.breaks) for ln in [point.line, *point.paragraphs] if ln is not None)


@SECTION_RULES.register("labelled_fields", priority=25)
def labelled_field_task(section: Section, context: TaskContext) -> list[Task] | None:
    """``（一）专利质量提升行动`` + ``工作目标：…`` ``主要举措：…`` ``责任单位：…`` ``完成时间：…``: a
    numbered leaf whose every line is a labelled field, one of them its responsibility list, is
    one record: one task titled by the heading, its units from the list, its targets from the
    other fields; the deadline field (完成时间) is neither a unit nor a task."""
    lines = section_lines(section)
    if not is_task_item(section) or section.head_body or len(lines) < 2:
        return None
    if not all(field_label(ln.text) for ln in lines) or not any(is_bare_list(ln) for ln in lines):
        return None
    body = [ln for ln in lines if not is_deadline_group(ln.text)]
    units = split_units(body)
    whole = Unit(segments=[Segment(ln, 0, len(ln.text)) for ln in body],
                 lists=[lst for u in units for lst in u.lists],
                 list_segments=[s for u in units for s in u.list_segments])
    return [make_task("/".join(section.path()), section.title, whole, context.end_year, section)]


@SECTION_RULES.register("numbered_leaf", priority=20)
def numbered_leaf_tasks(section: Section, context: TaskContext) -> list[Task] | None:
    """A numbered leaf of the tasks part: one task, or one per unit of a heading-only section."""
    return tasks_of_leaf(section, context.end_year) if is_task_item(section) else None


@SECTION_RULES.register("listed_units", priority=10)
def listed_unit_tasks(section: Section, context: TaskContext) -> list[Task] | None:
    """Anywhere: a unit of text closed by a responsibility list."""
    return listed_units(section, context.end_year)


def is_task_item(section: Section) -> bool:
    """A numbered leaf of the tasks part, other than the 重点任务 heading itself."""
    return (section.part == "tasks" and section.numbering is not None and not section.numbered_children()
            and own_part(section.title) != "tasks" and not (section.tables and not section_lines(section)))


def is_one_task(section: Section, units: list[Unit]) -> bool:
    """A numbered paragraph, a heading written as a sentence (``1.强化保护。``), a leaf without
    lists, or an item-level leaf with one unit: one task titled by its heading. Otherwise a
    heading-only section holds units, each a task."""
    if section.head_body or not any(u.lists for u in units):
        return True
    if section.line is not None and section.line.text.rstrip().endswith("。"):
        return True
    return len(units) == 1 and section.scheme in ("num", "paren_num", "circled")


def tasks_of_leaf(section: Section, end_year: int | None) -> list[Task]:
    """A numbered item of the tasks part: one task, or one per unit of a heading-only section."""
    units = split_units(section_lines(section))
    # a list on a line of its own right under the heading (``1.建设基地`` + ``责任单位：X``)
    # closes no text of the section's, but it is the heading's
    leading = list(takewhile(is_bare_list, section_lines(section)))
    ref = "/".join(section.path())
    if is_one_task(section, units):
        lines = section_lines(section) or ([section.line] if section.line else [])
        if not lines:
            return []
        whole = Unit(segments=[Segment(ln, 0, len(ln.text)) for ln in lines],
                     lists=[lst for ln in leading for lst in find_lists(ln.text, ln.breaks)]
                     + [lst for u in units for lst in u.lists],
                     list_segments=[Segment(ln, 0, len(ln.text)) for ln in leading]
                     + [s for u in units for s in u.list_segments])
        if section.line is not None and not section.head_body and lines[0] is not section.line:
            whole.segments.insert(0, Segment(section.line, 0, len(section.line.text)))  # read once
        return [make_task(ref, section.title, whole, end_year)]
    return [make_task(f"{ref}/#{k}", unit_title(unit, section, len(units)), unit, end_year, section)
            for k, unit in enumerate(units, start=1)]


def listed_units(section: Section, end_year: int | None) -> list[Task]:
    """Outside the tasks part: every unit closed by a responsibility list is a task."""
    units = split_units(section_lines(section))
    listed = [u for u in units if u.lists]
    if not listed:
        return []
    ref = "/".join(section.path())
    if section.head_body:
        # a numbered paragraph: its heading titles its first unit
        out = [make_task(ref, section.title, listed[0], end_year)] if units[0] is listed[0] else []
        return out + [make_task(f"{ref}/#{k}", unit_title(u, section, len(units)), u, end_year)
                      for k, u in enumerate(listed, start=1) if u is not units[0]]
    return [make_task(f"{ref}/#{k}" if ref else f"#{k}", unit_title(u, section, len(units)), u, end_year, section)
            for k, u in enumerate(listed, start=1)]


def make_task(ref: str, title: str, unit: Unit, end_year: int | None, section: Section | None = None) -> Task:
    # a list naming the items it covers (以上第1至3项由…) is theirs, given by range_covers_items
    departments, lead = departments_of([lst for lst in unit.lists if not lst.covers_items])
    span = unit.span()
    if section is not None and section.line is not None and title == section.title:
        span = (min(span[0], section.line.start), span[1])  # the evidence shows the heading it is named by
    title = title.strip(EDGE) or first_clause(unit.text()) or first_clause(unit.text(with_lists=True)) or ref
    return Task(ref=ref, title=title, departments=departments,
                lead=lead, targets=task_targets(unit.text(), end_year), span=span,
                covers_above=any(lst.covers_above for lst in unit.lists),
                covers_items=[part for lst in unit.lists for part in lst.covers_items])


def task_targets(text: str, end_year: int | None) -> list[dict]:
    out = []
    for goal in goals_in(text, strip_actions=True):
        q = goal.quantity
        out.append({"name": goal.name, "year": goal.year or end_year, "value": q.value, "unit": q.unit,
                    "comparator": rate_comparator(goal.name, q.value, q.unit, q.comparator)})
    return out

"""Tasks: numbered items of the key-tasks part, and any unit of text closed by a responsibility list.

- In the tasks part, a numbered section without numbered children is one task (its heading is
  the title; every responsibility list in it gives its departments).
- A heading-only section whose paragraphs hold several units (each closed by a responsibility
  list) gives one task per unit, ``ref`` ``…/#n``. A unit's title is its own heading (a short
  first line, or the text before its first 。); a section that is one unit without a heading of
  its own gives the section's heading. In the tasks part a headed unit without a list is still
  a task; elsewhere only units with a list count.
- Items inside 专栏 boxes are never tasks.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import takewhile

from ipcity.plans.extract.departments import ResponsibilityList, find_lists, is_deadline_group
from ipcity.plans.extract.indicator_tables import indicators_of_table
from ipcity.plans.extract.quantities import rate_comparator
from ipcity.plans.extract.task_tables import Task, table_tasks
from ipcity.plans.extract.text import goals_in
from ipcity.plans.extract.unit_duties import give_units, unit_duty_records
from ipcity.plans.extract.unit_heads import with_full_names
from ipcity.plans.normalise import Line, field_label
from ipcity.plans.numbering import cn_to_int
from ipcity.plans.registry import Registry
from ipcity.plans.structure import Document, Section, Table, own_part
from ipcity.text import fold_width

# A unit's own heading is short: longer first sentences are body text.
_OWN_HEADING_MAX = 30
_LINE_HEADING_MAX = 40
_EDGE = " \t，,；;。：:、"


@dataclass
class Segment:
    line: Line
    i: int
    j: int

    @property
    def text(self) -> str:
        return self.line.text[self.i:self.j]


@dataclass
class Unit:
    segments: list[Segment] = field(default_factory=list)
    lists: list[ResponsibilityList] = field(default_factory=list)
    list_segments: list[Segment] = field(default_factory=list)

    def text(self, *, with_lists: bool = False) -> str:
        parts = []
        for seg in self.segments:
            parts.append(seg.text)
        body = "".join(parts)
        if not with_lists:
            for lst_seg in self.list_segments:
                body = body.replace(lst_seg.text, "")
        return body

    def span(self) -> tuple[int, int]:
        first, last = self.segments[0], self.segments[-1]
        return first.line.span(first.i, first.i + 1)[0], last.line.span(last.j - 1, last.j)[1]

    def is_blank(self) -> bool:
        return not self.text().strip(_EDGE + "（）()")


def split_units(lines: list[Line]) -> list[Unit]:
    """Cut paragraphs into units, each closed by a responsibility list (the last may have none)."""
    units: list[Unit] = []
    current = Unit()
    for line in lines:
        pos = 0
        for lst in find_lists(line.text, line.breaks):
            current.segments.append(Segment(line, pos, lst.end))
            current.lists.append(lst)
            current.list_segments.append(Segment(line, lst.start, lst.end))
            units.append(current)
            current = Unit()
            pos = lst.end
        if line.text[pos:].strip(_EDGE):
            current.segments.append(Segment(line, pos, len(line.text)))
    if current.segments:
        units.append(current)
    return attach_bare_lists(units)


def attach_bare_lists(units: list[Unit]) -> list[Unit]:
    """A list standing in a paragraph of its own closes the unit before it."""
    out: list[Unit] = []
    for unit in units:
        if unit.lists and unit.is_blank() and out:
            out[-1].segments.extend(unit.segments)
            out[-1].lists.extend(unit.lists)
            out[-1].list_segments.extend(unit.list_segments)
        elif not unit.is_blank():
            out.append(unit)
        # a bare list with no text before it to close is no task
    return out


def unit_heading(unit: Unit) -> str | None:
    """The unit's own heading: a short first line without 。, or a short first sentence."""
    first = unit.segments[0]
    line_end = next((b for b in first.line.breaks if b > first.i), len(first.line.text))
    first_line = first.line.text[first.i:min(line_end, first.j)].strip(_EDGE)
    text = unit.text().strip(_EDGE)
    if "。" not in first_line and len(first_line) <= _LINE_HEADING_MAX and len(text) > len(first_line) + 1:
        return first_line.rstrip("，,")
    sentence = text.split("。", 1)[0].strip(_EDGE)
    # a heading is a phrase or two (深化…改革，加大…力度); a sentence of three clauses is body text
    if sentence and len(sentence) <= _OWN_HEADING_MAX and len(re.findall(r"[，,]", sentence)) <= 1:
        return sentence
    return None


def first_clause(text: str) -> str:
    return re.split(r"[，,。；;]", text.strip(_EDGE), maxsplit=1)[0][:60]


def departments_of(lists: list[ResponsibilityList]) -> tuple[list[str], list[str]]:
    departments: list[str] = []
    lead: list[str] = []
    for lst in lists:
        departments += [d for d in lst.departments if d not in departments]
        lead += [d for d in lst.lead if d not in lead]
    return departments, lead or departments[:1]


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
# Rules over the whole list of tasks once every section is read: ``rule(tasks) -> tasks``.
DOCUMENT_RULES: Registry[Callable[[list[Task]], list[Task]]] = Registry(
    "tasks.document", "what the tasks of the whole document say about each other")


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


def is_bare_list(line: Line) -> bool:
    """A line that is a responsibility list and nothing else (``责任单位：…``)."""
    lists = find_lists(line.text, line.breaks)
    rest, pos = "", 0
    for lst in lists:
        rest += line.text[pos:lst.start]
        pos = lst.end
    rest += line.text[pos:]
    return bool(lists) and not rest.strip(_EDGE)


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


# A unit's title before its own heading is looked for: ``rule(unit, section, n_units) -> title``
# or None; the first that gives one wins.
TITLE_RULES: Registry[Callable[[Unit, Section, int], str | None]] = Registry(
    "tasks.unit_title", "a unit's title where its first sentence is no heading of its own")


@TITLE_RULES.register("lone_sentence_under_heading", priority=10)
def lone_sentence_under_heading(unit: Unit, section: Section, n_units: int) -> str | None:
    """``（四）促进专利转化运用`` + ``搭建…平台，推动…转化。`` + ``牵头单位：…``: a section that is one
    unit whose text is a single sentence is titled by the section's heading; the sentence is its
    body (a heading of its own would have a body after it)."""
    if n_units != 1 or not section.title or section.line is None or section.head_body:
        return None
    sentences = [s for s in re.split(r"[。；;！？!?]", unit.text().strip(_EDGE)) if s.strip(_EDGE)]
    return section.title if len(sentences) == 1 else None


def unit_title(unit: Unit, section: Section, n_units: int) -> str:
    ruled = next((title for rule in TITLE_RULES if (title := rule(unit, section, n_units))), None)
    if ruled:
        return ruled
    heading = unit_heading(unit)
    if heading:
        return heading
    if n_units == 1 and section.title:
        return section.title  # one unit without a heading of its own: the section's heading
    return heading_run_into_body(first_clause(unit.text()))


def pos_tagged(text: str) -> list:
    """jieba's (word, flag) pairs. The dictionary is given by path: jieba would otherwise read
    it through ``pkg_resources``, which may be absent or a stand-in in this process."""
    import logging
    import os
    import warnings

    with warnings.catch_warnings():  # jieba's import of pkg_resources warns of its deprecation
        warnings.simplefilter("ignore")
        import jieba

        jieba.setLogLevel(logging.WARNING)
        if jieba.dt.dictionary is None:
            jieba.dt.set_dictionary(os.path.join(os.path.dirname(jieba.__file__), "dict.txt"))
        import jieba.posseg

    return list(jieba.posseg.cut(text))


# A run-together heading is a verb phrase of at least this many characters.
_RUN_TOGETHER_MIN = 6


def heading_run_into_body(clause: str) -> str:
    """``构建知识产权大宣传格局创新宣传手段`` → ``构建知识产权大宣传格局``: extraction lost the 。
    after a heading, so the clause is two verb phrases; cut before the second verb that follows
    a noun. jieba is loaded only for this rare case."""
    words = pos_tagged(clause)
    if not words or words[0].flag != "v":
        return clause
    pos = len(words[0].word)
    for prev, word, nxt in zip(words[1:], words[2:], words[3:], strict=False):
        pos += len(prev.word)
        if word.flag == "v" and prev.flag.startswith("n") and nxt.flag.startswith(("n", "v")) \
                and pos >= _RUN_TOGETHER_MIN:
            return clause[:pos]
    return clause


def make_task(ref: str, title: str, unit: Unit, end_year: int | None, section: Section | None = None) -> Task:
    # a list naming the items it covers (以上第1至3项由…) is theirs, given by range_covers_items
    departments, lead = departments_of([lst for lst in unit.lists if not lst.covers_items])
    span = unit.span()
    if section is not None and section.line is not None and title == section.title:
        span = (min(span[0], section.line.start), span[1])  # the evidence shows the heading it is named by
    title = title.strip(_EDGE) or first_clause(unit.text()) or first_clause(unit.text(with_lists=True)) or ref
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

"""Stage 3: clean lines → a tree of numbered sections with their paragraphs, tables and 专栏 boxes.

Rules:
- A line that starts with a numbering token (一、 （一） 1. (1) ① 第一章) opens a section. The
  hierarchy is not fixed: a scheme seen before closes every deeper section; a new scheme nests.
- A numbered line with text after its first ``。`` is a numbered paragraph: a heading and a body.
- ``专栏N`` opens a box. Inside it, a numbered line continues the box unless it carries on the
  numbering outside the box (the next task, the next section).
- Tables: tab-separated rows; one cell per line after a tab (rows split by blank lines); or one
  cell per line under a header row (``指标名称`` followed by year/unit/value headers).
- Each section knows its part of the plan (goals, tasks, other), from its heading's words or
  its parent's; a five-year plan with no 任务 heading has its task parts after 总体要求.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from ipcity.plans.normalise import Line, is_header_cell, spaced_cells
from ipcity.plans.numbering import Numbering, match_numbering
from ipcity.plans.registry import Registry
from ipcity.plans.vocabulary import (
    ARTICLE_TAIL_WORDS,
    GOALS_PART_WORDS,
    NAME_HEADER_WORDS,
    OTHER_PART_WORDS,
    REQUIREMENT_WORDS,
    TASKS_PART_WORDS,
    VALUE_HEADER_WORDS,
    alternation,
)

_BOX = re.compile(r"^专栏\s*[\d一二三四五六七八九十]*")
_CAPTION = re.compile(r"^(?:附?表\s*[\d一二三四五六七八九十]+|专栏)")
_NAME_HEADER = re.compile(rf"^(?:主要)?(?:{alternation(NAME_HEADER_WORDS)})$")
_COLUMN_HEADER = re.compile(rf"^(?:(?:19|20)\d{{2}}\s*年?.{{0,6}}|{alternation(VALUE_HEADER_WORDS)})$")
_GOALS_WORDS = re.compile(alternation(GOALS_PART_WORDS))
_TASK_WORDS = re.compile(alternation(TASKS_PART_WORDS))
_OTHER_WORDS = re.compile(alternation(OTHER_PART_WORDS))
_APPENDIX = re.compile(r"^(?:名词解释|附录.{0,20}|附表.{0,20}|附件\s*\d*(?:[:：].{0,40})?)$")
# Part names are short (重点任务, 保障措施, 发展目标); longer headings are content.
_PART_TITLE_MAX = 12
_REQUIREMENT_WORDS = re.compile(alternation(REQUIREMENT_WORDS))


@dataclass
class Table:
    rows: list[list[str]]
    lines: list[Line]
    caption: str | None = None
    # The reader repeated a cell spanning rows in each row (Word, HTML: plans/read's rule), so an
    # empty cell is empty; in text (and a PDF table without rules) a merged cell shows once.
    merges_repeated: bool = False
    # a PDF's ruled table: the reader repeats a merged cell in each row it spans on one page, not
    # on the next page, so a lead written twice in a row says nothing of how the table merges
    merges_repeated_in_page: bool = False
    # the note right under it (``注：1. 带*的为约束性指标；2. …``), which may give its rows' attributes
    note: str | None = None


@dataclass
class Section:
    """A numbered section (or the document root, or a 专栏 box) with what it holds."""

    numbering: Numbering | None
    title: str
    line: Line | None  # the heading line (None for the root)
    head_body: bool = False  # the heading line carries body text after its title
    paragraphs: list[Line] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    parent: Section | None = None
    is_box: bool = False
    part: str = "preamble"  # preamble, goals, tasks, other

    @property
    def scheme(self) -> str:
        return "box" if self.is_box else (self.numbering.scheme if self.numbering else "root")

    def path(self) -> list[str]:
        out: list[str] = []
        node: Section | None = self
        while node is not None:
            if node.numbering is not None and not node.is_box:
                out.append(node.numbering.token)
            node = node.parent
        return out[::-1]

    def in_box(self) -> bool:
        node: Section | None = self
        while node is not None:
            if node.is_box:
                return True
            node = node.parent
        return False

    def walk(self) -> Iterator[Section]:
        yield self
        for child in self.children:
            yield from child.walk()

    def numbered_children(self) -> list[Section]:
        return [c for c in self.children if not c.is_box]


@dataclass
class Document:
    lines: list[Line]
    root: Section

    def sections(self) -> Iterator[Section]:
        return self.root.walk()


def heading_title(text: str) -> tuple[str, bool]:
    """The heading of a numbered line's text (after its token) and whether a body follows."""
    idx = text.find("。")
    if idx < 0:
        return text.strip(" ：:"), False
    title = text[:idx].strip(" ：:")
    return title, bool(text[idx + 1:].strip())


# Lines from which on the text is no part of the plan proper, once its numbered sections have begun
# (its signature stands before them): ``rule(line) -> bool``, any of them.
PLAN_END_RULES: Registry[Callable[[str], bool]] = Registry(
    "structure.plan_end", "a line from which on the text is no part of the plan (its signature stands before)")
_ARTICLE_TAIL = re.compile(rf"^(?:{alternation(ARTICLE_TAIL_WORDS)})(?:\s*[:：].*|$)")


@PLAN_END_RULES.register("article_tail", priority=10)
def article_tail(line: str) -> bool:
    """``END``, ``编辑：…``, ``往期推荐``: the tail a WeChat article (or a news page) adds after the
    plan it carries: the other articles it recommends hold no goal, task or duty of this plan, and
    the signature before it closes the plan (its date is the plan's)."""
    return bool(_ARTICLE_TAIL.match(line))


def ends_plan(text: str) -> bool:
    return any(rule(text) for rule in PLAN_END_RULES)


def build(lines: list[Line]) -> Document:
    root = Section(numbering=None, title="", line=None)
    builder = _Builder(root)
    i = 0
    while i < len(lines):
        if ends_plan(lines[i].text) and any(c.numbering for c in root.children):
            break
        i = builder.feed(lines, i)
    assign_parts(root)
    return Document(lines=lines, root=root)


_TABLE_NOTE = re.compile(r"^\s*(?:注|备注|说明)\s*[：:]")


class _Builder:
    def __init__(self, root: Section):
        self.root = root
        self.stack: list[Section] = [root]
        self.caption: str | None = None
        # the lines read since this section's last table (None: no table before them in it)
        self.after_table: list[Line] | None = None

    @property
    def top(self) -> Section:
        return self.stack[-1]

    def feed(self, lines: list[Line], i: int) -> int:
        line = lines[i]
        table_end, table = read_table(lines, i)
        if table is not None:
            if self.after_table is not None and self.top.tables and self.caption is None:
                joined = join_tables(self.top.tables[-1], table, self.after_table)
                if joined is not None:
                    self.top.tables[-1] = joined
                    self.top.paragraphs = [p for p in self.top.paragraphs if p not in self.after_table]
                    self.after_table = []
                    return table_end
            table.caption = self.caption
            self.top.tables.append(table)
            self.caption = None
            self.after_table = []
            return table_end
        self.after_table = None if self.after_table is None else self.after_table + [line]
        text = line.text
        if self.after_table == [line] and self.top.tables and _TABLE_NOTE.match(text):
            self.top.tables[-1].note = text
        if _BOX.match(text):
            self.open_box(line)
            self.after_table = None
            return i + 1
        if _APPENDIX.match(text) and any(c.numbering for c in self.root.children):
            self.open_appendix(line)
            self.after_table = None
            return i + 1
        numbering = match_numbering(text)
        if numbering is not None:
            self.open_section(line, numbering)
            self.after_table = None
            return i + 1
        if _CAPTION.match(text) or (len(text) <= 40 and "指标" in text and "。" not in text):
            self.caption = text
        self.top.paragraphs.append(line)
        return i + 1

    def open_box(self, line: Line) -> None:
        self.close_box()
        box = Section(numbering=None, title=line.text, line=line, is_box=True, parent=self.top)
        self.top.children.append(box)
        self.stack.append(box)
        self.caption = line.text

    def open_appendix(self, line: Line) -> None:
        """名词解释, 附件: the plan proper has ended; what follows is no goal and no task."""
        appendix = Section(numbering=None, title=line.text, line=line, parent=self.root, part="other")
        self.root.children.append(appendix)
        self.stack = [self.root, appendix]
        self.caption = line.text  # 附表1 主要指标: the caption of the table that follows

    def close_box(self) -> None:
        while any(s.is_box for s in self.stack):
            self.stack.pop()

    def open_section(self, line: Line, numbering: Numbering) -> None:
        if any(s.is_box for s in self.stack) and self.leaves_box(numbering):
            self.close_box()
        # inside an open box only the box's own sections can be closed by this one
        floor = next((k for k, s in enumerate(self.stack) if s.is_box), 0)
        schemes = [s.scheme for s in self.stack]
        for depth in range(len(schemes) - 1, floor, -1):
            if schemes[depth] == numbering.scheme:
                del self.stack[depth:]
                break
        title, has_body = heading_title(line.text[numbering.rest:])
        section = Section(numbering=numbering, title=title, line=line, head_body=has_body, parent=self.top)
        self.top.children.append(section)
        self.stack.append(section)

    def leaves_box(self, numbering: Numbering) -> bool:
        """Whether a numbered line ends the open 专栏 (it carries on the numbering outside it)."""
        box_at = next(k for k, s in enumerate(self.stack) if s.is_box)
        outside = [s for s in self.stack[:box_at] if s.scheme == numbering.scheme]
        if not outside:
            # a scheme the box's surroundings do not use: inside, unless it is a higher level
            return numbering.scheme in ("cn", "chapter章", "chapter部分", "chapter条")
        last = outside[-1].numbering
        assert last is not None
        if numbering.ordinal == last.ordinal + 1:
            return True
        inside = [c for c in self.stack[box_at].walk() if c.scheme == numbering.scheme]
        return numbering.ordinal > len(inside) + 1


# A table that carries on the one before it: ``rule(previous, table, lines between) -> the joined
# table`` or None; the first that joins wins.
TABLE_JOINS: Registry[Callable[[Table, Table, list[Line]], Table | None]] = Registry(
    "structure.table_join", "a table that is the continuation of the table before it")
_SEQ_CELL = re.compile(r"^\d{1,3}$")
_STRAY_CELL_MAX = 8  # the text of a merged cell the page break left between the two parts


def join_tables(previous: Table, table: Table, between: list[Line]) -> Table | None:
    for rule in TABLE_JOINS:
        joined = rule(previous, table, between)
        if joined is not None:
            return joined
    return None


@TABLE_JOINS.register("headless_continuation", priority=10)
def headless_continuation(previous: Table, table: Table, between: list[Line]) -> Table | None:
    """A table split by a page with its header not repeated (WPS, Word): the rows after the break
    carry on the 序号 of the rows before it (``8`` then ``9``), with at most a merged cell's short
    text between the parts (its cell drawn once, on the first page). A row that lost the leading
    merged cells gets them back, empty, so that its columns stand under the header's."""
    if len(between) > 2 or any(len(ln.text) > _STRAY_CELL_MAX or re.search(r"[。，,；;：:、]", ln.text)
                               for ln in between):
        return None
    last = previous.rows[-1]
    seq_at = next((k for k, c in enumerate(last[:2]) if _SEQ_CELL.match(c.strip())), None)
    first = table.rows[0]
    if seq_at is None or not first or not _SEQ_CELL.match(first[0].strip()):
        return None
    if int(first[0]) != int(last[seq_at]) + 1:
        return None
    width = max(len(r) for r in previous.rows)
    if any(len(row) + seq_at > width for row in table.rows):
        return None
    rows = [[""] * seq_at + row for row in table.rows]
    return replace(previous, rows=previous.rows + rows, lines=previous.lines + table.lines)


# Table layouts: ``rule(lines, i) -> (index after the table, Table)`` or ``(i, None)``.
TABLE_LAYOUTS: Registry[Callable[[list[Line], int], tuple[int, Table | None]]] = Registry(
    "structure.table", "the layouts a table comes in once read as text")


def read_table(lines: list[Line], i: int) -> tuple[int, Table | None]:
    """A table starting at ``lines[i]``, in the first layout that reads one, and the index after it."""
    for layout in TABLE_LAYOUTS:
        end, table = layout(lines, i)
        if table is not None:
            return end, table
    return i, None


@TABLE_LAYOUTS.register("tab_rows", priority=30)
def read_tab_rows(lines: list[Line], i: int) -> tuple[int, Table | None]:
    """Rows of tab-separated cells on consecutive lines (a merged category row may lose its tabs)."""
    line = lines[i]
    if line.cells is None or len([c for c in line.cells if c]) < 2:
        return i, None
    j = i
    rows = []
    while j < len(lines) and (lines[j].cells is not None or is_category_row(lines, j)):
        rows.append(lines[j].cells or [lines[j].text])
        j += 1
    return j, Table(rows=rows, lines=lines[i:j])


@TABLE_LAYOUTS.register("space_separated_rows", priority=25)
def read_space_separated_rows(lines: list[Line], i: int) -> tuple[int, Table | None]:
    """Rows whose cells are set apart by spaces, under a header row of column header words
    (指标名称, 单位, a year, 序号…): a web page's or a PDF's table without tabs. A row with more
    words than the header has spaces in its name: the extra words join the name cell."""
    header = spaced_cells(lines[i].text)
    if header is None or not all(is_header_cell(c) for c in header):
        return i, None
    name_at = next((k for k, c in enumerate(header) if _NAME_HEADER.match(c)), 0)
    j = i + 1
    rows = [header]
    while j < len(lines) and (cells := spaced_cells(lines[j].text)) is not None and len(cells) >= len(header):
        extra = len(cells) - len(header)
        rows.append(cells[:name_at] + [" ".join(cells[name_at:name_at + extra + 1])] + cells[name_at + extra + 1:])
        j += 1
    if len(rows) < 2:
        return i, None
    return j, Table(rows=rows, lines=lines[i:j])


@TABLE_LAYOUTS.register("cell_per_line_header", priority=10)
def read_under_header(lines: list[Line], i: int) -> tuple[int, Table | None]:
    """One cell per line under a header line ``指标名称`` (or ``序号`` + ``指标名称``)."""
    text = lines[i].text
    if _NAME_HEADER.match(text) or (text == "序号" and i + 1 < len(lines) and _NAME_HEADER.match(lines[i + 1].text)):
        return read_cell_per_line_table(lines, i)
    return i, None


def is_category_row(lines: list[Line], j: int) -> bool:
    """A row merged across the table (``一、创造质量`` over its indicators) that lost its tabs:
    a short line with no sentence in it, set tight between two rows of the table (a blank line
    or a caption such as ``表2 …`` starts another table instead)."""
    if not (0 < j < len(lines) - 1) or lines[j - 1].cells is None:
        return False
    line, after = lines[j], lines[j + 1]
    if line.blank_before or after.blank_before or _CAPTION.match(line.text):
        return False
    return (len(line.text) <= 20 and "。" not in line.text and after.cells is not None
            and len([c for c in after.cells if c]) >= 2)


@TABLE_LAYOUTS.register("tab_lead_cells", priority=20)
def read_tab_lead_table(lines: list[Line], i: int) -> tuple[int, Table | None]:
    """Cells each on a line after a tab; a blank line before a cell starts a new row; a line
    without the tab inside the table continues the cell above it (a wrapped header)."""
    if not lines[i].tab_lead:
        return i, None
    rows: list[list[str]] = []
    j = i
    while j < len(lines):
        line = lines[j]
        if line.tab_lead:
            if not rows or line.blank_before:
                rows.append([])
            rows[-1].append(line.text)
        elif rows and rows[-1] and len(line.text) <= 12 and j + 1 < len(lines) and lines[j + 1].tab_lead:
            rows[-1][-1] += line.text
        else:
            break
        j += 1
    if len(rows) < 2:
        return i, None
    return j, Table(rows=rows, lines=lines[i:j])


def read_cell_per_line_table(lines: list[Line], i: int) -> tuple[int, Table | None]:
    """One cell per line under a header of a name column and year/unit/value columns."""
    header = [lines[i].text]
    j = i + 1
    if header[0] == "序号":
        header.append(lines[j].text)
        j += 1
    while j < len(lines) and _COLUMN_HEADER.match(lines[j].text):
        header.append(lines[j].text)
        j += 1
    width = len(header)
    if width < 2:
        return i, None
    rows = [header]
    while j + width <= len(lines):
        chunk = lines[j:j + width]
        if any(len(c.text) > 40 or "。" in c.text for c in chunk):
            break
        if match_numbering(chunk[0].text) is not None and "序号" not in header:
            break
        rows.append([c.text for c in chunk])
        j += width
    if len(rows) < 2:
        return i, None
    return j, Table(rows=rows, lines=lines[i:j])


# Rules naming the part of the plan a heading opens: ``rule(title) -> part``, ``""`` for "no
# part, stop" or None for "not mine, ask the next rule".
PART_RULES: Registry[Callable[[str], str | None]] = Registry(
    "structure.part", "the part of the plan (goals, tasks, other) a section heading opens")


def own_part(title: str) -> str | None:
    for rule in PART_RULES:
        part = rule(title)
        if part is not None:
            return part or None
    return None


# ``到2026年的``, ``2024—2026年``: the years a goals heading may open with
_HEADING_YEARS = re.compile(r"^(?:到|至)?\s*(?:19|20)\d{2}\s*年?\s*(?:[—\-－–~～至到]+\s*(?:19|20)\d{2}\s*年)?\s*的?")


_GOALS_HEADING_END = re.compile(r"(?:主要)?目标(?:[和与及](?:主要)?(?:指标|任务))?$")


@PART_RULES.register("dated_goals_heading", priority=40)
def dated_goals_heading(title: str) -> str | None:
    """``2024—2026年主要工作目标``, ``到2026年的发展目标和主要指标``, ``目标任务``: a goals part
    whose heading opens with its years or with 目标 (the years do not count to its length)."""
    rest = _HEADING_YEARS.sub("", title)
    if not (rest != title or rest.startswith("目标")) or _OTHER_WORDS.search(rest):
        return None
    if len(rest) <= _PART_TITLE_MAX and _GOALS_WORDS.search(rest):
        return "goals"
    # a longer dated heading that ends in a goals phrase (到2026年…建设的主要目标和指标)
    return "goals" if rest != title and _GOALS_HEADING_END.search(rest) else None


@PART_RULES.register("long_heading_is_content", priority=30)
def long_heading_is_content(title: str) -> str | None:
    """A heading longer than a part name (…夯实发展基础) names its content, not a part of the plan."""
    return "" if len(title) > _PART_TITLE_MAX else None


@PART_RULES.register("task_words", priority=20)
def task_words(title: str) -> str | None:
    """重点任务, 主要举措, 重点工作: the tasks part."""
    return "tasks" if _TASK_WORDS.search(title) else None


@PART_RULES.register("goal_words", priority=10)
def goal_words(title: str) -> str | None:
    """发展目标, 工作目标 (but not 目标保障…): the goals part."""
    return "goals" if _GOALS_WORDS.search(title) and not _OTHER_WORDS.search(title) else None


@PART_RULES.register("other_words", priority=0)
def other_words(title: str) -> str | None:
    """保障措施, 进度安排, 基本原则…: a part with neither goals nor tasks."""
    return "other" if _OTHER_WORDS.search(title) else None


def assign_parts(root: Section) -> None:
    """Label each section goals / tasks / other / preamble from its heading or its parent's."""
    for section in root.walk():
        if section is root:
            continue
        parent_part = section.parent.part if section.parent else "preamble"
        mine = None if section.is_box else own_part(section.title)
        if section.numbering is None and not section.is_box:
            mine = "other"  # an appendix
        if parent_part == "tasks" and mine in ("goals", "other"):
            mine = None  # a task named 建立…目标 体系 stays a task
        section.part = mine or parent_part
    if not any(s.part == "tasks" for s in root.walk()):
        mark_plan_chapters_as_tasks(root)


def mark_plan_chapters_as_tasks(root: Section) -> None:
    """A five-year plan: the numbered parts after 规划背景/总体要求 are its tasks."""
    top = root.numbered_children()
    seen_requirements = False
    for section in top:
        if _REQUIREMENT_WORDS.search(section.title) or section.part == "goals" or any(
                c.part == "goals" for c in section.walk()):
            seen_requirements = True
            continue
        if seen_requirements and section.part not in ("other", "goals"):
            for s in section.walk():
                s.part = "tasks"

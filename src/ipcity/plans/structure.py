"""Stage 3: clean lines → a tree of numbered sections with their paragraphs, tables and 专栏 boxes.

Rules:
- A line that starts with a numbering token (一、 （一） 1. (1) ① 第一章) opens a section. The
  hierarchy is not fixed: a scheme seen before closes every deeper section; a new scheme nests.
- A numbered line with text after its first ``。`` is a numbered paragraph: a heading and a body.
- ``专栏N`` opens a box. Inside it, a numbered line continues the box unless it carries on the
  numbering outside the box (the next task, the next section).
- Tables (``table_layouts``) join the section they stand in, with the caption before them and the
  note under them.
- Each section knows its part of the plan (goals, tasks, other), from its heading's words
  (``parts``) or its parent's; a five-year plan with no 任务 heading has its task parts after
  总体要求.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from ipcity.plans.normalise import Line
from ipcity.plans.numbering import Numbering, match_numbering
from ipcity.plans.parts import own_part
from ipcity.plans.registry import Registry
from ipcity.plans.table_layouts import CAPTION, Table, join_tables, read_table
from ipcity.plans.vocabulary import ARTICLE_TAIL_WORDS, REQUIREMENT_WORDS, alternation

_BOX = re.compile(r"^专栏\s*[\d一二三四五六七八九十]*")
_APPENDIX = re.compile(r"^(?:名词解释|附录.{0,20}|附表.{0,20}|附件\s*\d*(?:[:：].{0,40})?)$")
_REQUIREMENT_WORDS = re.compile(alternation(REQUIREMENT_WORDS))


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
        if CAPTION.match(text) or (len(text) <= 40 and "指标" in text and "。" not in text):
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

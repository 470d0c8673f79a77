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
from collections.abc import Iterator
from dataclasses import dataclass, field

from ipcity.plans.normalise import Line
from ipcity.plans.numbering import Numbering, match_numbering

_BOX = re.compile(r"^专栏\s*[\d一二三四五六七八九十]*")
_CAPTION = re.compile(r"^(?:附?表\s*[\d一二三四五六七八九十]+|专栏)")
_NAME_HEADER = re.compile(r"^(?:主要)?(?:指标|指标名称|指标项|名称|项目|主要指标|指标内容)$")
_COLUMN_HEADER = re.compile(
    r"^(?:(?:19|20)\d{2}\s*年?.{0,6}|单位|计量单位|目标值|预期值|基期值|基准值|现状值|备注|属性|指标属性|类型|序号)$"
)
_GOALS_WORDS = re.compile(r"目标")
_TASK_WORDS = re.compile(r"任务|重点工作|主要工作|举措|主要措施|工作措施|具体措施")
_OTHER_WORDS = re.compile(r"保障|措施|组织实施|名词解释|附件|附录|进度|步骤|安排|背景|基础|形势|原则|思路|指导思想")
_APPENDIX = re.compile(r"^(?:名词解释|附录.{0,20}|附表.{0,20}|附件\s*\d*(?:[:：].{0,40})?)$")
# Part names are short (重点任务, 保障措施, 发展目标); longer headings are content.
_PART_TITLE_MAX = 12
_REQUIREMENT_WORDS = re.compile(r"总体要求|指导思想|规划背景|发展基础|总体思路|发展目标|总体目标|主要目标")


@dataclass
class Table:
    rows: list[list[str]]
    lines: list[Line]
    caption: str | None = None


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


def build(lines: list[Line]) -> Document:
    root = Section(numbering=None, title="", line=None)
    builder = _Builder(root)
    i = 0
    while i < len(lines):
        i = builder.feed(lines, i)
    assign_parts(root)
    return Document(lines=lines, root=root)


class _Builder:
    def __init__(self, root: Section):
        self.root = root
        self.stack: list[Section] = [root]
        self.caption: str | None = None

    @property
    def top(self) -> Section:
        return self.stack[-1]

    def feed(self, lines: list[Line], i: int) -> int:
        line = lines[i]
        table_end, table = read_table(lines, i)
        if table is not None:
            table.caption = self.caption
            self.top.tables.append(table)
            self.caption = None
            return table_end
        text = line.text
        if _BOX.match(text):
            self.open_box(line)
            return i + 1
        if _APPENDIX.match(text) and any(c.numbering for c in self.root.children):
            self.open_appendix(line)
            return i + 1
        numbering = match_numbering(text)
        if numbering is not None:
            self.open_section(line, numbering)
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
            return numbering.scheme in ("cn", "chapter章", "chapter部分")
        last = outside[-1].numbering
        assert last is not None
        if numbering.ordinal == last.ordinal + 1:
            return True
        inside = [c for c in self.stack[box_at].walk() if c.scheme == numbering.scheme]
        return numbering.ordinal > len(inside) + 1


def read_table(lines: list[Line], i: int) -> tuple[int, Table | None]:
    """A table starting at ``lines[i]``, in any of the three layouts, and the index after it."""
    line = lines[i]
    if line.cells is not None and len([c for c in line.cells if c]) >= 2:
        j = i
        rows = []
        while j < len(lines) and (lines[j].cells is not None or is_category_row(lines, j)):
            rows.append(lines[j].cells or [lines[j].text])
            j += 1
        return j, Table(rows=rows, lines=lines[i:j])
    if line.tab_lead:
        return read_tab_lead_table(lines, i)
    if _NAME_HEADER.match(line.text) or (line.text == "序号" and i + 1 < len(lines)
                                         and _NAME_HEADER.match(lines[i + 1].text)):
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


def read_tab_lead_table(lines: list[Line], i: int) -> tuple[int, Table | None]:
    """Cells each on a line after a tab; a blank line before a cell starts a new row; a line
    without the tab inside the table continues the cell above it (a wrapped header)."""
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


def own_part(title: str) -> str | None:
    if len(title) > _PART_TITLE_MAX:
        return None  # a long heading names its content (…夯实发展基础), not a part of the plan
    if _TASK_WORDS.search(title):
        return "tasks"
    if _GOALS_WORDS.search(title) and not _OTHER_WORDS.search(title):
        return "goals"
    if _OTHER_WORDS.search(title):
        return "other"
    return None


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

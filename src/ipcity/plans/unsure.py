"""What the parser read but could not place: warnings for the person importing the plan.

Rather than drop silently, the parser says (in Chinese, with the offsets of the evidence in the
reader's text) where it was unsure:

- a table that gave neither indicators nor tasks;
- a paragraph that reads like a dated goal (``到2026年…达到…``) in a plan with no goals part;
- a line of the goals part that reads like a table row but gave no indicator;
- a responsibility list that no task took;
- a body that sends the reader to an appendix for its tasks when no task table was read;
- units an indicator table names as responsible (责任单位) that no task names.

The ``ipcity-plan/1`` format has no place for them, so they travel beside the plan
(``pipeline.parse_text_with_warnings``): the CLI prints them on standard error and the import
review shows them with the reader's warnings.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ipcity.notices import Notice, gettext_noop
from ipcity.plans.extract.departments import find_lists
from ipcity.plans.extract.indicator_item import Indicator
from ipcity.plans.extract.phases import announced_stage_years
from ipcity.plans.extract.prose_goals import stated_goal_lines
from ipcity.plans.extract.quantities import find_goals
from ipcity.plans.extract.task_tables import Task
from ipcity.plans.registry import Registry
from ipcity.plans.structure import Document, Section
from ipcity.plans.table_layouts import Table
from ipcity.plans.vocabulary import (
    FORMER_TEXT_COLUMN_WORDS,
    FUNDS_COLUMN_WORDS,
    PLACE_COLUMN_WORDS,
    PROJECT_COLUMN_WORDS,
    ROSTER_TITLE_ENDS,
    alternation,
)

_QUOTE_MAX = 30
_DATED_GOAL = re.compile(r"(?:到|至)\s*20\d{2}\s*年")

# Checks over the parsed document: ``rule(doc, indicators, tasks) -> warnings``.
WARNING_RULES: Registry[Callable[[Document, list[Indicator], list[Task]], list[str]]] = Registry(
    "warnings", "what the parser read but could not place, said instead of dropped")


def quote(text: str) -> str:
    text = text.replace("\t", " | ")
    return text if len(text) <= _QUOTE_MAX else text[:_QUOTE_MAX] + "…"


def covered(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in spans)


def warnings_of(doc: Document, indicators: list[Indicator], tasks: list[Task]) -> list[str]:
    out: list[str] = []
    for rule in WARNING_RULES:
        out += [w for w in rule(doc, indicators, tasks) if w not in out]
    return out


@WARNING_RULES.register("unplaced_table", priority=30)
def unplaced_tables(doc: Document, indicators: list[Indicator], tasks: list[Task]) -> list[str]:
    """A table of two rows or more from which no indicator and no task was read; a 专栏 box of the
    task part (projects, not 指标) holds nothing to read, so its tables are no loss, nor does a
    table listing funded projects (``is_project_list``), a table dividing the plan's goals among its
    places (``is_place_breakdown``), a roster of people (``follows_roster_title``) or a revised plan's
    修订说明 setting its former wording beside the new (``compares_former_text``)."""
    spans = [i.span for i in indicators] + [t.span for t in tasks] + [s for t in tasks for s in t.more_spans]
    out: list[str] = []
    for section in doc.sections():
        if section.in_box() and section.part != "goals" and "指标" not in box_title(section):
            continue
        for table in section.tables:
            if len(table.rows) < 2 or not table.lines:
                continue
            if any(covered(line.start, spans) or covered(line.end - 1, spans) for line in table.lines):
                continue
            if is_project_list(table.rows[0]) or is_place_breakdown(table.rows[0]):
                continue
            if follows_roster_title(section, table):
                continue
            if compares_former_text(table.rows[0]):
                continue
            start, end = table.lines[0].start, table.lines[-1].end
            out.append(Notice(gettext_noop("未能识别的表格（位置 %(start)s–%(end)s，%(rows)s 行）：%(quote)s"),
                              start=start, end=end, rows=len(table.rows), quote=quote(table.lines[0].text)))
    return out


_PROJECT_COL = re.compile(alternation(PROJECT_COLUMN_WORDS))
_FUNDS_COL = re.compile(alternation(FUNDS_COLUMN_WORDS))


def is_project_list(header: list[str]) -> bool:
    """``序号 | 项目名称 | 主要建设内容 | 资金安排 | 承担单位``: a list of funded projects (an annex of
    重点项目) holds neither goals nor tasks, as a 专栏 of projects does not; its money is no indicator."""
    return any(_PROJECT_COL.search(c) for c in header) and any(_FUNDS_COL.search(c) for c in header)


_FORMER_TEXT_COL = re.compile(alternation(FORMER_TEXT_COLUMN_WORDS))


def compares_former_text(header: list[str]) -> bool:
    """``序号 | 原条款 | 修改后 | 修订理由``: a revised plan's 修订说明 sets its former wording beside the
    new; the goals and headings it quotes are the body's (or the former plan's), so nothing is lost."""
    return any(_FORMER_TEXT_COL.match(re.sub(r"\s+", "", cell or "")) for cell in header[:3])


def is_place_breakdown(header: list[str]) -> bool:
    """``序号 | 区域 | 每万人口…（件） | …``: one row per district or county, each with its share of the
    city's goals (an annex's 指标分解表); the plan's own indicators are in its goals part, so these
    rows are none of them, and nothing is lost."""
    return any(re.sub(r"\s+", "", cell or "") in _PLACE_COLUMNS for cell in header[:3])


_PLACE_COLUMNS = {word + end for word in PLACE_COLUMN_WORDS for end in ("", "名称")}


def follows_roster_title(section: Section, table: Table) -> bool:
    """A table under a title ending in 名单 (``…工作领导小组成员名单``: posts and the people holding
    them) lists people, not goals or tasks."""
    before = [line for line in section.paragraphs if table.lines and line.end <= table.lines[0].start]
    return bool(before) and re.sub(r"\s+", "", before[-1].text).endswith(ROSTER_TITLE_ENDS)


def box_title(section: Section) -> str:
    node: Section | None = section
    while node is not None and not node.is_box:
        node = node.parent
    return node.title if node is not None else ""


@WARNING_RULES.register("goal_without_part", priority=20)
def goals_without_part(doc: Document, indicators: list[Indicator], tasks: list[Task]) -> list[str]:
    """A paragraph with a dated goal (到2026年…320件) in a plan where no part is the goals part (not one
    that says it states the goals, ``主要目标是：…``: its goals were read)."""
    if any(s.part == "goals" for s in doc.sections()):
        return []
    stated = {line.start for line, _ in stated_goal_lines(doc)}
    out: list[str] = []
    for section in doc.sections():
        if section.part == "tasks" or section.in_box():
            continue
        for line in section.paragraphs:
            if line.start in stated:  # a paragraph that says it states the goals: they were read
                continue
            if announced_stage_years(line.text) is not None:  # ``分为3个阶段：…``: read as the stages
                continue
            if _DATED_GOAL.search(line.text) and find_goals(line.text):
                out.append(Notice(gettext_noop("疑似目标段落，但方案中未找到目标部分（位置 %(start)s–%(end)s）：%(quote)s"),
                                  start=line.start, end=line.end, quote=quote(line.text)))
    return out


_INDICATOR_CAPTION = re.compile(r"^(?:附?表\s*[\d一二三四五六七八九十]+|专栏\s*[\d一二三四五六七八九十]*)?[^（(：:。；，,]{0,30}指标[^。；，,：:]{0,10}$")


@WARNING_RULES.register("caption_without_table", priority=18)
def captions_without_table(doc: Document, indicators: list[Indicator], tasks: list[Task]) -> list[str]:
    """``2023年知识产权发展指标`` in the goals part with no table under it: a web page publishes the
    indicator table as an image (or a PDF drew it), so its goals are not in the text."""
    out: list[str] = []
    for section in doc.sections():
        if section.part != "goals" or section.in_box():
            continue
        captions = {t.caption for t in section.tables}
        for line in section.paragraphs:
            text = line.text.strip()
            if text in captions or not _INDICATOR_CAPTION.match(text) or find_goals(text):
                continue
            out.append(Notice(gettext_noop("指标表标题下未读到表格（可能以图片发布）（位置 %(start)s–%(end)s）：%(quote)s"),
                              start=line.start, end=line.end, quote=quote(text)))
    return out


@WARNING_RULES.register("unattached_list", priority=10)
def unattached_lists(doc: Document, indicators: list[Indicator], tasks: list[Task]) -> list[str]:
    """A responsibility list that no task took (e.g. one standing before any task text)."""
    spans = [t.span for t in tasks]
    out: list[str] = []
    for section in doc.sections():
        if section.in_box():
            continue
        for line in ([section.line] if section.line is not None else []) + section.paragraphs:
            for lst in find_lists(line.text, line.breaks):
                start, end = line.span(lst.start, lst.end)
                if not covered(start, spans):
                    out.append(Notice(gettext_noop("未能归属到任务的责任单位（位置 %(start)s–%(end)s）：%(quote)s"),
                                      start=start, end=end, quote=quote(line.text[lst.start:lst.end])))
    return out


# A line of figures without a sentence: 有效发明专利拥有量件 3200 4800
_FIGURE = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])")


@WARNING_RULES.register("unread_table_row", priority=15)
def unread_table_rows(doc: Document, indicators: list[Indicator], tasks: list[Task]) -> list[str]:
    """A line of the goals part that reads like a table row (two figures or more, no clause
    punctuation) but gave no indicator: a table whose cells the reader could not separate."""
    spans = [i.span for i in indicators]
    out: list[str] = []
    for section in doc.sections():
        if section.part != "goals" or section.in_box():
            continue
        for line in section.paragraphs:
            if len(_FIGURE.findall(line.text)) >= 2 and not re.search(r"[，。；,;]", line.text) \
                    and not covered(line.start, spans):
                out.append(Notice(gettext_noop("目标部分有一行疑似表格行，未能读出指标（位置 %(start)s–%(end)s）：%(quote)s"),
                                  start=line.start, end=line.end, quote=quote(line.text)))
    return out


@WARNING_RULES.register("indicator_owners", priority=8)
def indicator_owners(doc: Document, indicators: list[Indicator], tasks: list[Task]) -> list[str]:
    """``指标名称 | … | 2027年目标值 | 责任单位``: the format has no field for an indicator's owner, and
    the plan's departments are its tasks' units, so a unit an indicator table names that no task
    names would be lost without a word; said once, with the rows that name such units."""
    named = {unit for task in tasks for unit in task.departments + task.lead}
    units: list[str] = []
    spans: list[tuple[int, int]] = []
    for item in indicators:
        lost = [u for u in item.extra.get("owners", []) if u not in named]
        if lost:
            units += [u for u in lost if u not in units]
            spans.append(item.span)
    if not units:
        return []
    start, end = min(s for s, _ in spans), max(e for _, e in spans)
    return [Notice(gettext_noop("指标表所列责任单位未出现在任何任务中，导入后不会成为责任部门（位置 %(start)s–%(end)s）：%(units)s"),
                   start=start, end=end, units="、".join(units))]


_TASKS_IN_APPENDIX = re.compile(r"(?:任务|分工|牵头单位).{0,30}(?:见|详见)\s*附件|附件.{0,10}(?:任务|分工)")


@WARNING_RULES.register("tasks_in_unread_appendix", priority=5)
def tasks_in_unread_appendix(doc: Document, indicators: list[Indicator], tasks: list[Task]) -> list[str]:
    """The body sends the reader to an appendix for its tasks (…分工见附件) but no task table was read."""
    if any(t.from_table for t in tasks):
        return []
    for line in doc.lines:
        if _TASKS_IN_APPENDIX.search(line.text) and not line.text.startswith("附件"):
            return [Notice(gettext_noop("正文称任务分工见附件，但未能从附件读出任务表（位置 %(start)s–%(end)s）：%(quote)s"),
                           start=line.start, end=line.end, quote=quote(line.text))]
    return []

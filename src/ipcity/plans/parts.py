"""The part of the plan a heading opens: goals, tasks, other (``structure.part``), from its words.

A heading opening with its years or with 目标 and a goals phrase is the goals part; otherwise a
short heading (a part name: at most 12 characters) with 任务/重点工作 the tasks part, with 目标 the
goals part, with 保障/措施/进度/原则… another part; a longer heading names its content. Which
sections inherit a part, and a five-year plan's task chapters, is the tree's (``structure``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ipcity.plans.registry import Registry
from ipcity.plans.vocabulary import (
    GOALS_PART_WORDS,
    OTHER_PART_WORDS,
    PARTICULAR_QUALIFIERS,
    PARTICULAR_WORDS,
    TASKS_PART_WORDS,
    alternation,
)

_GOALS_WORDS = re.compile(alternation(GOALS_PART_WORDS))
_TASK_WORDS = re.compile(alternation(TASKS_PART_WORDS))
_OTHER_WORDS = re.compile(alternation(OTHER_PART_WORDS))


# Part names are short (重点任务, 保障措施, 发展目标); longer headings are content.
_PART_TITLE_MAX = 12


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


# (``活动时间``, ``活动主题``, ``参加对象``, ``实施范围``: a whole heading, never a task's ``拓展服务范围``)
_PARTICULARS = re.compile(
    rf"^(?:{alternation(PARTICULAR_QUALIFIERS)})?(?:{alternation(PARTICULAR_WORDS)})$")


@PART_RULES.register("particulars", priority=35)
def particulars(title: str) -> str | None:
    """``二、活动时间`` / ``三、活动主题`` / ``参加对象`` / ``适用范围``: a notice of an activity (a 宣传周
    方案) states when, on what theme and for whom before its tasks; such a part is neither goals
    nor tasks, though it stands after the 指导思想 where a plan's task chapters begin."""
    return "other" if _PARTICULARS.match(title.strip()) else None


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

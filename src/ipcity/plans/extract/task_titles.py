"""Task titles: what a unit of text is called when it becomes a task.

Its own heading (a short first line without 。, or a short first sentence of two clauses at
most), else a rule's title (``tasks.unit_title``), else the section's heading when the section is
one unit, else its first clause, cut where a lost 。 ran a heading into its body (jieba's parts
of speech, loaded only then).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ipcity.plans.extract.task_units import EDGE, Unit
from ipcity.plans.registry import Registry
from ipcity.plans.structure import Section

# A unit's own heading is short: longer first sentences are body text.
_OWN_HEADING_MAX = 30
_LINE_HEADING_MAX = 40


def unit_heading(unit: Unit) -> str | None:
    """The unit's own heading: a short first line without 。, or a short first sentence."""
    first = unit.segments[0]
    line_end = next((b for b in first.line.breaks if b > first.i), len(first.line.text))
    first_line = first.line.text[first.i:min(line_end, first.j)].strip(EDGE)
    text = unit.text().strip(EDGE)
    if "。" not in first_line and len(first_line) <= _LINE_HEADING_MAX and len(text) > len(first_line) + 1:
        return first_line.rstrip("，,")
    sentence = text.split("。", 1)[0].strip(EDGE)
    # a heading is a phrase or two (深化…改革，加大…力度); a sentence of three clauses is body text
    if sentence and len(sentence) <= _OWN_HEADING_MAX and len(re.findall(r"[，,]", sentence)) <= 1:
        return sentence
    return None


def first_clause(text: str) -> str:
    return re.split(r"[，,。；;]", text.strip(EDGE), maxsplit=1)[0][:60]


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
    sentences = [s for s in re.split(r"[。；;！？!?]", unit.text().strip(EDGE)) if s.strip(EDGE)]
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

"""The document's number (文号, ``X〔2022〕49号``): a head line that is only a number, else the first
of the ``metadata.doc_number`` rules that finds one elsewhere (the foot's 版记, a bracketed line
under the notice's title, a site's labelled 文号 cell).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ipcity.plans.extract.head_lines import DOC_NUMBER, squeeze
from ipcity.plans.registry import Registry
from ipcity.plans.vocabulary import DOC_NUMBER_LABELS, spaced_alternation


def find_doc_number(texts: list[str]) -> str | None:
    for text in texts:
        if DOC_NUMBER.match(text.strip()):
            return squeeze(text)
    return None


# Where the head has no number line: the document's number found elsewhere, ``rule(all lines) ->
# number or None``, first that answers.
DOC_NUMBER_RULES: Registry[Callable[[list[str]], str | None]] = Registry(
    "metadata.doc_number", "the document's number where no head line is one (the foot's 版记)")
_IMPRINT = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日印发$")
_NUMBER_OPENING = re.compile(DOC_NUMBER.pattern.removesuffix("$"))


@DOC_NUMBER_RULES.register("imprint_line", priority=10)
def imprint_line(texts: list[str]) -> str | None:
    """The 版记 at the document's foot: ``檀政办发〔2025〕9号　某办公室　2025年6月12日印发`` (the number on
    the 印发 line, or on the line just above it), among the last lines; a number quoted in the text
    (``原方案（某政办发〔2024〕6号）``) opens no line and is never taken."""
    lines = [squeeze(t) for t in texts if t.strip()][-6:]
    for k, line in enumerate(lines):
        if _IMPRINT.search(line):
            for candidate in (line, lines[k - 1] if k else ""):
                m = _NUMBER_OPENING.match(candidate)
                if m:
                    return m.group()
    return None


@DOC_NUMBER_RULES.register("bracketed_number_line", priority=8)
def bracketed_number_line(texts: list[str]) -> str | None:
    """``（某政发〔2012〕8号）`` on a line of its own under the notice's title (as a gazette or a law
    database prints it): the number, less its brackets. Only the head's lines: a bracketed number
    in the text quotes another document (``根据《…》（某政发〔2020〕3号）``) and never stands alone."""
    for text in [t for t in texts if t.strip()][:12]:
        m = _BRACKETED_NUMBER.match(squeeze(text))
        if m:
            return m.group(1)
    return None


_BRACKETED_NUMBER = re.compile(r"^[（(](" + DOC_NUMBER.pattern.removeprefix("^").removesuffix("$") + r")[）)]$")


@DOC_NUMBER_RULES.register("labelled_number", priority=6)
def labelled_number(texts: list[str]) -> str | None:
    """A government site's 信息公开 table above the document: ``文号 | 温政办〔2022〕73 号 | 有效性…``,
    ``[ 发文字号 ] | 某府发〔2025〕12号``, ``发布机构：某区人民政府 文号：某政发〔2023〕4号`` (cells as the
    reader gives them: tabs, bars, brackets or a colon after the label), among the head's lines."""
    for text in [t for t in texts if t.strip()][:15]:
        m = _LABELLED_NUMBER.search(text)
        if m:
            return squeeze(m.group(1))
    return None


# (a label padded to the width of the table's longer labels: ``文　　号``, ``文 号:``)
_LABELLED_NUMBER = re.compile(
    rf"(?:{spaced_alternation(DOC_NUMBER_LABELS)})[\s|｜:：\]】]*"
    r"([\u4e00-\u9fff]{1,12}\s*[〔［\[【(（]\s*\d{4}\s*[〕］\]】)）]\s*\d{1,4}\s*号)")

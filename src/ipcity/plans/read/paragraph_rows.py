"""A table typed with the Tab key: consecutive paragraphs of a Word body that are a table's rows.

People align the columns of a small table with tabs instead of inserting a Word table. The
reader writes a table as tab-separated rows (as a text file with tabs is read), and a tab in
running text as a space, so the rules here (``read.paragraph_rows``) decide which tabbed
paragraphs are rows. Each rule is ``rule(paragraphs, i) -> (index after the rows, rows)`` or
``(i, None)``, where ``paragraphs[k]`` is the paragraph's text with ``\\t`` for each of Word's
tabs (``""`` for a block that is no paragraph: a Word table); the first rule that reads rows wins.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ipcity.plans.registry import Registry

PARAGRAPH_ROWS: Registry[Callable[[list[str], int], tuple[int, list[list[str]] | None]]] = Registry(
    "read.paragraph_rows", "consecutive Word paragraphs whose tabs set a table's cells apart")

# Fewer tabs than this in each row is text aligned with a tab (a numbered TOC line and its page).
MIN_TABS = 2
# A category row across the table (``一、创造运用``) is no longer than this (as ``structure`` reads it).
MAX_CATEGORY_CHARS = 20
# Whitespace a cell's edges drop (the reader's edge spaces: full-width and no-break ones too).
_EDGE_SPACE = " \u3000\u00a0\u2002\u2003"
# A contents entry typed with tabs: a heading's number, its title, its page (``第一章\t总体要求\t3``).
_HEADING_NUMBER = re.compile(r"^(?:第[一二三四五六七八九十百\d]+[章节部分]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])")
_PAGE = re.compile(r"^\d{1,3}$")
# A caption starts the next table; it is never a category row of the one before.
_CAPTION = re.compile(r"^(?:附?表\s*[\d一二三四五六七八九十]+|专栏)")


def paragraph_rows(paragraphs: list[str], i: int) -> tuple[int, list[list[str]] | None]:
    """The rows starting at ``paragraphs[i]`` in the first rule that reads some, and the index after them."""
    for rule in PARAGRAPH_ROWS:
        end, rows = rule(paragraphs, i)
        if rows is not None:
            return end, rows
    return i, None


@PARAGRAPH_ROWS.register("tabbed_paragraphs", priority=10)
def tabbed_paragraphs(paragraphs: list[str], i: int) -> tuple[int, list[list[str]] | None]:
    """Two or more consecutive paragraphs with the same number of tab-separated cells (two tabs
    or more; a cell may be empty), under a header row that may have another number of cells (a
    head over several columns: 目标值 over 2023年…2025年); a short line without a tab between two
    rows (a category across the table, 一、创造运用) is a row of its own, as in a text file. A lone
    tabbed line (a signature and its date set right) and a contents entry (a heading's number,
    title and page) are text."""
    first = i
    if i + 1 < len(paragraphs) and None not in (_width(paragraphs[i]), _width(paragraphs[i + 1])):
        i += _width(paragraphs[i]) != _width(paragraphs[i + 1])  # a header of its own width
    width = _width(paragraphs[i])
    if width is None:
        return first, None
    same = 1
    j = i + 1
    while j < len(paragraphs):
        if _width(paragraphs[j]) == width:
            same += 1
        elif not (_is_category(paragraphs[j]) and j + 1 < len(paragraphs) and _width(paragraphs[j + 1]) == width):
            break
        j += 1
    if same < 2:
        return first, None
    return j, [[cell.strip(_EDGE_SPACE) for cell in p.split("\t")] for p in paragraphs[first:j]]


def _is_category(paragraph: str) -> bool:
    """A row across the table typed without tabs: one short line with no sentence in it."""
    text = paragraph.strip(_EDGE_SPACE)
    return (0 < len(text) <= MAX_CATEGORY_CHARS and "\t" not in text and "\n" not in text and "。" not in text
            and not _CAPTION.match(text))


def _width(paragraph: str) -> int | None:
    """The number of cells of a one-line paragraph with enough tabs and some text in two cells."""
    if "\n" in paragraph or paragraph.count("\t") < MIN_TABS:
        return None
    cells = [cell.strip(_EDGE_SPACE) for cell in paragraph.split("\t")]
    if sum(1 for cell in cells if cell) < 2:
        return None
    if _HEADING_NUMBER.match(cells[0]) and _PAGE.match(cells[-1]):
        return None
    return len(cells)

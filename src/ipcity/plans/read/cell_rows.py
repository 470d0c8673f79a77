"""A table copied as one paragraph per cell (no tab) → tab-separated rows again.

A PDF or web page copy of a table, or a Word table pasted as text, leaves each cell as a
paragraph of its own: ``序号`` / ``指标名称`` / ``单位`` / ``2025年目标`` / ``1`` / ``专利…`` …
The later stages read tables as tab-separated rows, so the cells are put back into rows, but
only on strong evidence:

- a header: at least three consecutive short paragraphs that are all column words
  (序号, 指标, 名称, 单位, 基期, 目标, a year, 牵头单位, 责任单位, 完成时限 …), one of them naming
  the item column (指标/名称/任务 …);
- then rows of exactly as many cells; where the header opens with 序号, every row must open
  with the next number (1, 2, 3 …), else no cell may be a heading or a sentence-long paragraph;
  a column of numbers so far takes only a number or a dash (a lost cell shifts the row).

Lines that already hold tabs are tables already and are left alone.
"""

from __future__ import annotations

import re

from ipcity.plans.vocabulary import (
    BASELINE_COLUMN_WORDS,
    DEADLINE_COLUMN_WORDS,
    DEPARTMENT_COLUMN_WORDS,
    LEAD_COLUMN_WORDS,
    NAME_COLUMN_WORDS,
    NAME_HEADER_WORDS,
    REFERENCE_COLUMN_WORDS,
    TAG_COLUMN_WORDS,
    TARGET_COLUMN_WORDS,
    TASK_COLUMN_WORDS,
    UNIT_COLUMN_WORDS,
    VALUE_HEADER_WORDS,
    alternation,
)

MIN_HEADER_CELLS = 3
MAX_HEADER_CELL_CHARS = 12
# A cell in a table without a 序号 column: longer than this, or holding a full stop, is prose.
MAX_FREE_CELL_CHARS = 60
SERIAL_WORDS = ("序号", "序", "编号")
_ITEM_COLUMN = re.compile(alternation((*NAME_COLUMN_WORDS, *NAME_HEADER_WORDS, *TASK_COLUMN_WORDS)))
_COLUMN_WORD = re.compile(
    alternation((*SERIAL_WORDS, *NAME_COLUMN_WORDS, *NAME_HEADER_WORDS, *VALUE_HEADER_WORDS, *UNIT_COLUMN_WORDS,
                 *TAG_COLUMN_WORDS, *BASELINE_COLUMN_WORDS, *TARGET_COLUMN_WORDS, *TASK_COLUMN_WORDS,
                 *LEAD_COLUMN_WORDS, *DEPARTMENT_COLUMN_WORDS, *DEADLINE_COLUMN_WORDS, *REFERENCE_COLUMN_WORDS))
    + r"|^(?:19|20)\d{2}\s*年")
_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|第[一二三四五六七八九十\d]+[章节条部分])")
_NUMBER = re.compile(r"\d")
_DEADLINE_COLUMN = re.compile(alternation(DEADLINE_COLUMN_WORDS))
_DASH = re.compile(r"^[-—–－/／]+$")
# A heading or a caption names a table or a part; it is never one of its header cells.
_NOT_A_CELL = re.compile(_HEADING.pattern + r"|^(?:表\s*\d|专栏|附件|附表)")


def is_column_word(text: str) -> bool:
    return (0 < len(text) <= MAX_HEADER_CELL_CHARS and bool(_COLUMN_WORD.search(text)) and "。" not in text
            and not _NOT_A_CELL.match(text))


def is_header_row(cells: list[str]) -> bool:
    """A table's header: at least three column words, one of them naming the item column."""
    return (len(cells) >= MIN_HEADER_CELLS and all(is_column_word(c.strip()) for c in cells)
            and any(_ITEM_COLUMN.search(c) for c in cells))


def rebuild_cell_tables(text: str) -> str:
    """``text`` with every table laid out one cell per paragraph turned into tab rows."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        found = _table_at(lines, i)
        if found is None:
            out.append(lines[i])
            i += 1
            continue
        rows, i = found
        out.extend("\t".join(row) for row in rows)
        if i < len(lines) and lines[i].strip():
            out.append("")  # the paragraph after the table stays a paragraph of its own
    return "\n".join(out)


def _paragraphs_from(lines: list[str], i: int):
    """(index, text) of the non-blank lines from ``i`` on."""
    for j in range(i, len(lines)):
        if lines[j].strip():
            yield j, lines[j].strip()


def _table_at(lines: list[str], i: int) -> tuple[list[list[str]], int] | None:
    if not lines[i].strip() or "\t" in lines[i] or not is_column_word(lines[i].strip()):
        return None
    paragraphs = _paragraphs_from(lines, i)
    header: list[str] = []
    pending: tuple[int, str] | None = None
    for j, text in paragraphs:
        if "\t" in text or not is_column_word(text):
            pending = (j, text)
            break
        header.append(text)
    if len(header) < MIN_HEADER_CELLS or not any(_ITEM_COLUMN.search(h) for h in header) or pending is None:
        return None
    serial = header[0] in SERIAL_WORDS
    rows = [header]
    end = pending[0]
    cells = [pending]
    for item in paragraphs:
        cells.append(item)
        if len(cells) < len(header):
            continue
        row = [text for _, text in cells]
        if not _is_row(row, serial, len(rows)) or not _fits_columns(row, rows[1:], header):
            break
        rows.append(row)
        end = cells[-1][0] + 1
        cells = []
    if len(rows) < 2:
        return None
    # A row cut short by the end of the text, or one that failed the test, stays as paragraphs.
    return rows, _skip_blank(lines, end)


def _is_row(row: list[str], serial: bool, number: int) -> bool:
    if any("\t" in cell for cell in row):
        return False
    if serial:
        return row[0] == str(number)
    return not any(_HEADING.match(cell) or len(cell) > MAX_FREE_CELL_CHARS or "。" in cell for cell in row)


def _fits_columns(row: list[str], rows: list[list[str]], header: list[str]) -> bool:
    """A value column (every cell so far holds a number) takes only a number or a dash: a row
    shifted by a lost cell puts the next item's name there (a column of titles that name figures is
    no value column). A deadline column (完成时限) is no
    value column: after dates (2027年12月) it may say 持续推进 or 每年."""
    for c in range(1, len(row)):
        if _DEADLINE_COLUMN.search(header[c]):
            continue
        numeric = rows and all(is_value_cell(r[c]) for r in rows)
        if numeric and not (_NUMBER.search(row[c]) or _DASH.match(row[c])):
            return False
    return True


def is_value_cell(cell: str) -> bool:
    """A figure (``4.9万件``, ``85%``, ``——``): short, with a number or only a dash. A task's title that
    names a figure (``建设培育中心5家``) is text: a sentence-long cell is no value."""
    return bool(_DASH.match(cell)) or (bool(_NUMBER.search(cell)) and len(cell) <= MAX_HEADER_CELL_CHARS)


def _skip_blank(lines: list[str], j: int) -> int:
    while j < len(lines) and not lines[j].strip():
        j += 1
    return j

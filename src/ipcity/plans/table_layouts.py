"""Tables as the reader writes them, read back into rows (``structure.table``), and a table that
carries on the one before it across a page (``structure.table_join``).

The layouts: tab-separated rows (a merged category row may lose its tabs); one cell per line
after a tab (rows split by blank lines); cells set apart by spaces under a header row of column
header words; one cell per line under a header (``指标名称`` then year/unit/value headers). A line
``表1：…`` or ``专栏1 …指标`` is a table's caption. What a table's columns mean is for the
extractors (``extract/indicator_tables``, ``extract/task_tables``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from ipcity.plans.normalise import Line, is_header_cell, spaced_cells
from ipcity.plans.numbering import match_numbering
from ipcity.plans.registry import Registry
from ipcity.plans.vocabulary import NAME_HEADER_WORDS, VALUE_HEADER_WORDS, alternation

CAPTION = re.compile(r"^(?:附?表\s*[\d一二三四五六七八九十]+|专栏)")
_NAME_HEADER = re.compile(rf"^(?:主要)?(?:{alternation(NAME_HEADER_WORDS)})$")
_COLUMN_HEADER = re.compile(rf"^(?:(?:19|20)\d{{2}}\s*年?.{{0,6}}|{alternation(VALUE_HEADER_WORDS)})$")


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
    if line.blank_before or after.blank_before or CAPTION.match(line.text):
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

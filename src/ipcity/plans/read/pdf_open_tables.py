"""Tables without ruling lines whose cells wrap over several lines (an appendix 分工表 in a PDF).

pdfplumber's lines cut across such a table: one visual line holds pieces of several cells,
and a cell that is vertically centred puts its lines between those of its neighbours. The
table is rebuilt from where its words stand:

- the header: a line of at least three pieces that are column words (``重点任务 | 牵头单位 |
  配合单位``), with the short lines just above and below it whose pieces complete the column
  words of a wrapped header (``序``/``号``, ``完成时``/``限``);
- the columns: the header's pieces, widened by the pieces of the lines under it; a line belongs
  to the table while each of its pieces stands in one column (prose runs across the gaps); where
  the header's first column is 序号, that column may hold only numbers;
- the rows: each number in the 序号 column (else each run of lines in the first column, except
  the rest of a cell cut by a page break, alone at the top of the next page) opens a row; between
  two of them the row boundary is the widest band without ink (a page break counts as a band a
  little wider than the gap inside a wrapped cell, narrower than the gap between two rows);
  lines after a row gap below the last row follow the table;
- the table goes on at the top of the next page in the same columns (a repeated header, or what
  the furniture rule left of it, is dropped); page furniture has been removed before.

Each cell's lines are joined; the result is a :class:`TableBlock` like a ruled table's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from statistics import median

from ipcity.plans.read.cell_rows import MIN_HEADER_CELLS, SERIAL_WORDS, is_column_word, is_header_row
from ipcity.plans.read.pdf_layout import Item, Line, TableBlock
from ipcity.plans.read.textjoin import join_fragments

# Lines of a wrapped header cell stand this close (in character sizes) to the header line.
HEADER_LINE_GAP = 0.8
# A band without ink this much (in character sizes) wider than the gap between two lines of a
# wrapped cell parts two rows (cell padding); a page break counts as a band a little narrower.
ROW_GAP_EM = 0.2
PAGE_BREAK_EM = 0.15
# A table line this far below the previous one (in character sizes) is past the table.
MAX_LINE_GAP = 2.5
_SERIAL = re.compile(r"^\d{1,3}[.、．]?$")
_BARE_NUMBER = re.compile(r"^[\d.%]+$")

Piece = tuple[str, float, float]


@dataclass
class _Entry:
    """A text line of a page, or a ruled table (which no open table crosses)."""

    page: int
    line: Line | None
    pieces: list[Piece]
    block: TableBlock | None = None  # the unruled table the line was grouped into


@dataclass
class _Placed:
    entry: _Entry
    text: str
    x0: float
    x1: float
    column: int | None

    @property
    def top(self) -> float:
        assert self.entry.line is not None
        return self.entry.line.top

    @property
    def bottom(self) -> float:
        assert self.entry.line is not None
        return self.entry.line.bottom


def rebuild_open_tables(pages: list[list[Item]]) -> list[list[Item]]:
    """``pages`` with each open (unruled, wrapped-cell) table as one TableBlock on the page
    where it starts; its lines on later pages are taken out."""
    entries = _entries(pages)
    consumed: set[int] = set()
    found: list[TableBlock] = []
    i = 0
    while i < len(entries):
        table = None if id(entries[i].line) in consumed else _table_at(entries, i)
        if table is None:
            i += 1
            continue
        block, used, end = table
        consumed.update(used)
        found.append(block)
        i = end
    if not found:
        return pages
    out: list[list[Item]] = []
    for page_no, items in enumerate(pages):
        kept: list[Item] = []
        for item in items:
            if isinstance(item, Line):
                if id(item) not in consumed:
                    kept.append(item)
            elif item.lines and any(id(line) in consumed for line in item.lines):
                kept.extend(line for line in item.lines if id(line) not in consumed)
            else:
                kept.append(item)
        kept.extend(b for b in found if b.page == page_no)
        kept.sort(key=lambda it: it.top)
        out.append(kept)
    return out


def _entries(pages: list[list[Item]]) -> list[_Entry]:
    entries: list[_Entry] = []
    for page_no, items in enumerate(pages):
        for item in items:
            lines = [item] if isinstance(item, Line) else item.lines
            if not lines:
                entries.append(_Entry(page_no, None, []))
                continue
            block = None if isinstance(item, Line) else item
            for line in lines:
                entries.append(_Entry(page_no, line, line.cells or [(line.text, line.x0, line.x1)], block))
    return entries


def _table_at(entries: list[_Entry], i: int) -> tuple[TableBlock, set[int], int] | None:
    head = entries[i]
    if head.line is None or len(head.pieces) < MIN_HEADER_CELLS:
        return None
    if head.block is not None and head.block.lines[0] is head.line:
        return None  # it already heads a table read row by row from its gaps
    if sum(1 for text, _, _ in head.pieces if is_column_word(text.strip())) < MIN_HEADER_CELLS:
        return None  # (the others may be the first lines of wrapped header cells: 完成时)
    band = _header_band(entries, i)
    if band is None:
        return None
    columns, texts, members = band
    last = members[-1]
    serial = texts[0] in SERIAL_WORDS
    placed, end = _body(entries, last + 1, columns, texts, serial)
    if not placed:
        return None
    _settle_columns(placed, columns)
    rows, after = _rows(placed, len(columns), serial)
    # A last "row" with one cell filled is a short paragraph after the table.
    if after:
        rows.append(([], after))
    while rows and sum(1 for cell in rows[-1][0] if cell) < 2:
        kept = {id(p.entry.line) for p in rows[-1][1]}
        placed = [p for p in placed if id(p.entry.line) not in kept]
        end = min((n for n in range(last + 1, len(entries)) if id(entries[n].line) in kept), default=end)
        rows.pop()
    if not rows:
        return None
    used = {id(entries[n].line) for n in members} | {id(p.entry.line) for p in placed}
    top = min(line.top for n in members if (line := entries[n].line) is not None)
    table: list[list[str | None]] = [list(texts)]
    table += [list(cells) for cells, _ in rows]
    block = TableBlock(table, top, head.page)
    return block, used, end


def _header_band(entries: list[_Entry], i: int) -> tuple[list[list[float]], list[str], list[int]] | None:
    """Columns ([x0, x1] each), header texts and the indexes of the header's lines."""
    head = entries[i]
    assert head.line is not None
    size = head.line.size

    def near(n: int, m: int) -> bool:
        a, b = entries[n], entries[m]
        if a.line is None or b.line is None or a.page != b.page:
            return False
        upper, lower = (a.line, b.line) if a.line.top <= b.line.top else (b.line, a.line)
        fragments = all(len(t) <= 6 and not _BARE_NUMBER.match(t) for t, _, _ in entries[n].pieces)
        return fragments and lower.top - upper.bottom <= HEADER_LINE_GAP * size

    above = [n for n in (i - 1, i - 2) if n >= 0]
    below = [n for n in (i + 1, i + 2) if n < len(entries)]
    ups: list[list[int]] = [[]] + ([[above[0]]] if above and near(above[0], i) else [])
    if len(ups) == 2 and len(above) > 1 and near(above[1], above[0]):
        ups.append([above[1], above[0]])
    downs: list[list[int]] = [[]] + ([[below[0]]] if below and near(below[0], i) else [])
    if len(downs) == 2 and len(below) > 1 and near(below[1], below[0]):
        downs.append([below[0], below[1]])
    for up in sorted(ups, key=len, reverse=True):
        for down in sorted(downs, key=len, reverse=True):
            members = [*up, i, *down]
            joined = _join_header([p for n in members for p in entries[n].pieces])
            if joined and is_header_row([t for t, _ in joined]):
                return [list(span) for _, span in joined], [t for t, _ in joined], members
    return None


def _join_header(pieces: list[Piece]) -> list[tuple[str, tuple[float, float]]]:
    """Header pieces grouped by the column they overlap, top to bottom (already in line order);
    a wrapped header cell goes on only while it is no column word yet (``完成时`` + ``限``), or
    with a column word or one character (``2026年`` + ``目标值``, ``序`` + ``号``)."""
    groups: list[list[Piece]] = []
    for piece in pieces:
        for group in groups:
            if piece[1] < max(p[2] for p in group) and piece[2] > min(p[1] for p in group):
                group.append(piece)
                break
        else:
            groups.append([piece])
    groups.sort(key=lambda g: min(p[1] for p in g))
    out = []
    for group in groups:
        text = ""
        for piece in group:
            more = piece[0].strip()
            if text and is_column_word(text) and not is_column_word(more) and len(more) > 1:
                return []  # a whole column word with a row's text under it: not one wrapped cell
            text = join_fragments(text, more)
        out.append((text, (min(p[1] for p in group), max(p[2] for p in group))))
    return out


def _body(entries: list[_Entry], start: int, columns: list[list[float]], texts: list[str],
          serial: bool) -> tuple[list[_Placed], int]:
    """The table's pieces under the header, each with its column (``None``: between two)."""
    placed: list[_Placed] = []
    prev: _Entry | None = None
    n = start
    while n < len(entries):
        entry = entries[n]
        line = entry.line
        if line is None:
            break
        if prev is not None and prev.line is not None and entry.page == prev.page:
            if line.top - prev.line.bottom > MAX_LINE_GAP * line.size:
                break
        elif prev is not None:
            if _header_leftover(entry.pieces, columns, texts):
                # What page furniture left of a repeated wrapped header (``间`` of ``完成时间``).
                placed += [_Placed(entry, "", x0, x1, -1) for _, x0, x1 in entry.pieces]
                n += 1
                continue
            repeated = _repeated_header(entries, n)
            if repeated:
                # The header repeated at the top of a new page (its lines may be wrapped).
                placed += [_Placed(entries[m], "", x0, x1, -1) for m in repeated for _, x0, x1 in entries[m].pieces]
                prev, n = entries[repeated[-1]], repeated[-1] + 1
                continue
        here: list[_Placed] = []
        ok = True
        for text, x0, x1 in entry.pieces:
            hit = [c for c, (lo, hi) in enumerate(columns) if x0 < hi and x1 > lo]
            if len(hit) > 1 or x1 <= columns[0][0] - 1:
                ok = False
                break
            column = hit[0] if hit else None
            if serial and (column == 0 or (column is None and x1 <= columns[1][0])) and not _SERIAL.match(text.strip()):
                ok = False
                break
            here.append(_Placed(entry, text.strip(), x0, x1, column))
        if not ok:
            break
        if is_header_row([p.text for p in here]):
            # The header repeated on a new page.
            placed.extend(_Placed(entry, "", p.x0, p.x1, -1) for p in here)
        else:
            for p in here:
                if p.column is not None:
                    lo, hi = columns[p.column]
                    columns[p.column] = [min(lo, p.x0), max(hi, p.x1)]
            placed.extend(here)
        prev = entry
        n += 1
    return placed, n


def _header_leftover(pieces: list[Piece], columns: list[list[float]], texts: list[str]) -> bool:
    """True when every piece is the start or end of the header text of the column it stands in."""
    for text, x0, x1 in pieces:
        hit = [c for c, (lo, hi) in enumerate(columns) if x0 < hi and x1 > lo]
        text = text.strip()
        if len(hit) != 1 or not text or not (texts[hit[0]].startswith(text) or texts[hit[0]].endswith(text)):
            return False
    return bool(pieces)


def _repeated_header(entries: list[_Entry], n: int) -> list[int]:
    """The indexes of a header band that starts at line ``n``, else ``[]``."""
    for m in range(n, min(n + 3, len(entries))):
        entry = entries[m]
        if entry.line is None or entry.page != entries[n].page:
            break
        if sum(1 for t, _, _ in entry.pieces if is_column_word(t.strip())) >= MIN_HEADER_CELLS:
            band = _header_band(entries, m)
            if band is not None and band[2][0] == n:
                return band[2]
    return []


def _settle_columns(placed: list[_Placed], columns: list[list[float]]) -> None:
    for p in placed:
        if p.column is None:
            centre = (p.x0 + p.x1) / 2
            p.column = min(range(len(columns)),
                           key=lambda c: 0 if columns[c][0] <= centre <= columns[c][1]
                           else min(abs(centre - columns[c][0]), abs(centre - columns[c][1])))


def _rows(placed: list[_Placed], width: int,
          serial: bool) -> tuple[list[tuple[list[str], list[_Placed]]], list[_Placed]]:
    """The rows (cell texts and pieces) and the pieces after the table's last row."""
    body = [p for p in placed if p.column is not None and p.column >= 0]
    if not body:
        return [], []
    size = median(p.entry.line.size for p in body if p.entry.line is not None)
    in_cell = _in_cell_gap(body)
    row_gap = in_cell + ROW_GAP_EM * size
    firsts = sorted((p for p in body if p.column == 0), key=lambda p: (p.entry.page, p.top))
    anchors: list[_Placed] = []
    for at, (before, p) in enumerate(zip([None, *firsts], firsts, strict=False)):
        # Every number opens a row; else a first-column line after a gap wider than a wrapped
        # cell's, or at the top of a page unless only its first cell goes on there (a row cut
        # by the page break leaves the rest of its cells on the page before).
        if serial or before is None:
            anchors.append(p)
        elif p.entry.page != before.entry.page:
            if not _alone_at_page_top(body, firsts[at:], row_gap):
                anchors.append(p)
        elif p.top - before.bottom > row_gap:
            anchors.append(p)
    if not anchors:
        return [], []
    ordered = sorted(body, key=lambda p: (p.entry.page, p.top, p.x0))
    ordered, after = _cut_tail(ordered, anchors[-1], row_gap)
    page_break = in_cell + PAGE_BREAK_EM * size
    cuts = [_boundary(ordered, a, b, page_break, size) for a, b in zip(anchors, anchors[1:], strict=False)]
    rows: list[list[_Placed]] = [[] for _ in anchors]
    for p in ordered:
        key = (p.entry.page, (p.top + p.bottom) / 2)
        rows[sum(1 for cut in cuts if key > cut)].append(p)
    out = []
    for members in rows:
        cells = [""] * width
        for p in members:
            assert p.column is not None
            cells[p.column] = join_fragments(cells[p.column], p.text)
        out.append((cells, members))
    return out, after


def _alone_at_page_top(body: list[_Placed], firsts: list[_Placed], row_gap: float) -> bool:
    """True when the first-column lines opening a page (up to a row gap) have no other cell
    beside them."""
    run = [firsts[0]]
    for p in firsts[1:]:
        if p.entry.page != run[0].entry.page or p.top - run[-1].bottom > row_gap:
            break
        run.append(p)
    top, bottom = run[0].top, run[-1].bottom
    return not any(p.column != 0 and p.entry.page == run[0].entry.page and p.top < bottom and p.bottom > top
                   for p in body)


def _cut_tail(ordered: list[_Placed], last: _Placed, row_gap: float) -> tuple[list[_Placed], list[_Placed]]:
    """Pieces after a row gap below the last row's anchor belong to no row: they follow the table."""
    reach = last.bottom
    for at, p in enumerate(ordered):
        if (p.entry.page, p.top) <= (last.entry.page, last.top) or p.entry.page != last.entry.page:
            continue
        if p.top - reach > row_gap:
            return ordered[:at], ordered[at:]
        reach = max(reach, p.bottom)
    return ordered, []


def _in_cell_gap(body: list[_Placed]) -> float:
    """The usual gap between two lines of one column: the gap inside a wrapped cell."""
    gaps = []
    for column in {p.column for p in body}:
        pieces = sorted((p for p in body if p.column == column), key=lambda p: (p.entry.page, p.top))
        gaps += [b.top - a.bottom for a, b in zip(pieces, pieces[1:], strict=False)
                 if a.entry.page == b.entry.page and b.top > a.bottom]
    return median(gaps) if gaps else 0.0


def _boundary(ordered: list[_Placed], a: _Placed, b: _Placed, page_break: float,
              size: float) -> tuple[int, float]:
    """Where the row opened by ``a`` ends and the one opened by ``b`` starts: the widest band
    without ink between them (a page break counts as ``page_break`` wide)."""
    start, end = (a.entry.page, a.bottom), (b.entry.page, b.top)
    spans = sorted([(p.entry.page, p.top, p.bottom) for p in ordered
                    if start < (p.entry.page, p.bottom) and (p.entry.page, p.top) < end]
                   + [(a.entry.page, a.top, a.bottom), (b.entry.page, b.top, b.bottom)])
    best: tuple[float, tuple[int, float]] | None = None
    reach = spans[0]
    for span in spans[1:]:
        if span[0] != reach[0]:
            width, at = page_break, (reach[0], reach[2] + 0.01)
        elif span[1] > reach[2]:
            width, at = span[1] - reach[2], (span[0], (span[1] + reach[2]) / 2)
        else:
            reach = (reach[0], reach[1], max(reach[2], span[2]))
            continue
        if best is None or width > best[0] + 0.05 * size:
            best = (width, at)
        reach = span
    if best is not None:
        return best[1]
    if a.entry.page != b.entry.page:
        return (a.entry.page, a.bottom + 0.01)
    return (a.entry.page, ((a.top + a.bottom) / 2 + (b.top + b.bottom) / 2) / 2)

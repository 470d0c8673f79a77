"""OCR words → table rows: by the table's rules when it has them, else by columns of words.

An image has no ruling the reader can trust, so a table shows itself by its words standing
in columns. Consecutive lines of a page with two or more cells are one table; each cell goes
to the column (taken from the table's fullest row) its centre falls nearest to, so a row with
an empty cell keeps its values under the right headers.
"""

from __future__ import annotations

from bisect import bisect

from ipcity.plans.read.ocr_repair import repair_line
from ipcity.plans.read.ocr_rules import Grid
from ipcity.plans.read.ocr_text import OcrWord, normalise_ocr_text
from ipcity.plans.read.pdf_layout import Item, Line, TableBlock
from ipcity.plans.read.textjoin import join_fragments

# A run of fewer column-split lines is not a table (a signature line with a wide gap).
MIN_TABLE_ROWS = 2


Cell = tuple[str, int, int]  # text, left and right edge


def group_table_rows(lines: list[tuple[list[Cell], Line]], page: int, *, keep_text: bool = False) -> list[Item]:
    """Running text stays as lines; each run of column-split lines with as many cells becomes
    a TableBlock. ``keep_text``: a line left out of a table keeps its own text (a text layer's,
    with its spaces) rather than its cells joined."""
    items: list[Item] = []
    run: list[tuple[list[Cell], Line]] = []

    def flush() -> None:
        if len(run) >= MIN_TABLE_ROWS:
            items.append(TableBlock(_aligned_rows(run), run[0][1].top, page, lines=[line for _, line in run]))
        else:
            for cells, line in run:
                if not keep_text:
                    line.text = " ".join(text for text, _, _ in cells)
                items.append(line)
        run.clear()

    for cells, line in lines:
        if len(cells) >= 2:
            if run and not _same_shape(run[-1][0], cells, keep_text):
                flush()
            run.append((cells, line))
            continue
        flush()
        items.append(line)
    flush()
    return items


def _aligned_rows(run: list[tuple[list[Cell], Line]]) -> list[list[str | None]]:
    widest = max((cells for cells, _ in run), key=len)
    rows: list[list[str | None]] = []
    for cells, _ in run:
        if len(cells) == len(widest):
            rows.append([text for text, _, _ in cells])
            continue
        # A row with an empty cell: each value under the column whose centre is nearest.
        row: list[str | None] = [""] * len(widest)
        for text, x0, x1 in cells:
            centre = (x0 + x1) / 2
            column = min(range(len(widest)), key=lambda c: abs((widest[c][1] + widest[c][2]) / 2 - centre))
            row[column] = text if not row[column] else f"{row[column]} {text}"
        rows.append(row)
    return rows


def grid_rows(words: list[OcrWord], grid: Grid) -> list[list[str | None]]:
    """A ruled table's words placed by its rules: the row band and column each word's centre
    falls in; the lines of a wrapped cell joined."""
    cells: dict[tuple[int, int], list[OcrWord]] = {}
    for word in words:
        cx, cy = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
        key = (bisect(grid.rows, cy), bisect(grid.columns, cx))
        cells.setdefault(key, []).append(word)
    columns = range(1, len(grid.columns))
    rows = []
    for band in sorted({band for band, _ in cells}):
        row: list[str | None] = [_cell_text(cells.get((band, c), [])) for c in columns]
        if any(row):
            rows.append(row)
    return rows


def _cell_text(words: list[OcrWord]) -> str:
    lines: list[list[OcrWord]] = []
    for word in sorted(words, key=lambda w: (w.top + w.bottom) / 2):
        centre = (word.top + word.bottom) / 2
        if lines and abs(centre - (lines[-1][0].top + lines[-1][0].bottom) / 2) < 0.5 * (word.bottom - word.top):
            lines[-1].append(word)
        else:
            lines.append([word])
    text = ""
    for line in lines:
        line.sort(key=lambda w: w.x0)
        text = join_fragments(text, repair_line(normalise_ocr_text(" ".join(w.text for w in line))))
    return text


# How far (in points) a cell's left edge may stand from its column's in a text layer.
COLUMN_EDGE_SLACK = 2.0


def _same_shape(previous: list[Cell], cells: list[Cell], strict: bool) -> bool:
    """Rows of one table: in a text layer (``strict``) as many cells, or fewer each starting
    where a cell of the row above starts (a row with an empty cell, its other cells in their
    columns); OCR may lose an empty cell, so there any two column-split lines follow on."""
    if not strict or len(previous) == len(cells):
        return True
    if len(cells) > len(previous):
        return False
    edges = [x0 for _, x0, _ in previous]
    return all(any(abs(x0 - edge) <= COLUMN_EDGE_SLACK for edge in edges) for _, x0, _ in cells)

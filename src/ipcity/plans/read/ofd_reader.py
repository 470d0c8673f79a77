"""Read an OFD (GB/T 33190-2016) document: its text objects laid out as a PDF's text layer.

An OFD page is what a PDF page is: glyphs at positions and drawn lines. So each page's
``TextObject``s become positioned characters (``Boundary`` origin + ``CTM`` + ``TextCode``
``X``/``Y`` with its ``DeltaX`` advances; millimetres turned into points), grouped into text lines
the way pdfplumber groups a PDF's, and handed to the PDF reader's own layout
(:func:`pdf_reader.line_items`, :mod:`pdf_layout`, :mod:`pdf_open_tables`): page furniture
dropped, paragraphs rebuilt, unruled tables found by their column gaps. So an OFD and a PDF of
the same page give the same text.

Ruled tables come from the ``PathObject``s: their horizontal and vertical strokes make a grid
(two columns at least: a one-column frame is a 专栏 box, read as paragraphs); each character
goes to the cell its centre falls in. Where a stroke between two grid cells is missing the
cells are one merged cell, given once across the columns it spans and repeated in each row it
spans (the readers' merged-cell rule). An empty cell in a page's first table row, or in the row
under a header of column words (a header repeated after a page break), is ``None``: where
:func:`pdf_layout.assemble` joins the table to its part on the page before, such a cell is the
rest of a merge cut by the page break and continues the row above, as in a PDF.

Left out: template pages (``CommonData/TemplatePage``: running headers, frames), text turned
away from the reading direction (a seal's ring of text, a watermark), annotations and signature
appearances. Images are counted for a warning.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ipcity.notices import Notice, gettext_noop
from ipcity.plans.errors import DocumentError
from ipcity.plans.read.cell_rows import is_header_row
from ipcity.plans.read.notices import images_warning
from ipcity.plans.read.ofd_package import OfdPackage, child, local, open_package
from ipcity.plans.read.pdf_layout import Item, TableBlock, assemble, drop_furniture
from ipcity.plans.read.pdf_open_tables import rebuild_open_tables
from ipcity.plans.read.pdf_reader import MIN_TEXT_CHARS, empty_page_warning, line_items, visible_chars
from ipcity.plans.read.textjoin import drop_spaces_between_cjk, join_fragments

MM_TO_PT = 72 / 25.4
# Where a font's glyphs reach above and below the baseline, in character sizes (CJK fonts).
ASCENT, DESCENT = 0.88, 0.12
# Characters whose baselines differ by less than this (in character sizes) are one line.
SAME_LINE_EM = 0.3
# A gap this wide (points) between two characters of a line is a space: pdfplumber's default.
SPACE_GAP_PT = 3.0
# Strokes this close (points) are one grid line; a stroke this thin is a rule, not an area.
RULE_SNAP_PT = 1.0
THIN_PT = 1.5
# A turned text object (CTM shear/rotation beyond this) is a stamp or a watermark.
MAX_SKEW = 0.02


@dataclass
class Rule:
    at: float  # y of a horizontal stroke, x of a vertical one (points)
    start: float
    end: float
    horizontal: bool


@dataclass
class Grid:
    columns: list[float]  # x of each column line, left to right
    rows: list[float]  # y of each row line, top to bottom


def read_ofd(file: Path, name: str) -> tuple[str, list[str]]:
    """The OFD's text (paragraphs and tab-separated table rows) and warnings in Chinese."""
    package = open_package(file, name)
    try:
        pages, images = _read_pages(package)
    finally:
        package.close()
    visible, _ = visible_chars(pages)
    if visible < MIN_TEXT_CHARS:
        raise DocumentError(name, "OFD document without text (only images or seals, a scan?): needs OCR",
                            "OFD 文档中没有文字（只有图片或签章，可能是扫描件），需要先进行 OCR 文字识别")
    warnings = empty_page_warning(pages)
    if images:
        warnings.append(images_warning(images))
    if package.documents > 1:
        warnings.append(Notice(gettext_noop("OFD 文件中有 %(count)s 份文档，只读取了第一份"), count=package.documents))
    return assemble(rebuild_open_tables(drop_furniture(pages))), warnings


def _read_pages(package: OfdPackage) -> tuple[list[list[Item]], int]:
    pages: list[list[Item]] = []
    images = 0
    for index, part in enumerate(package.pages):
        try:
            chars, rules, count = page_content(package.xml(part))
        except (ValueError, TypeError, OverflowError) as exc:  # a number attribute that is no number
            raise DocumentError(package.name, f"corrupt OFD document: page {index + 1} has an unreadable value ({exc})",
                                f"OFD 文档已损坏：第 {index + 1} 页含有无法识别的数值") from exc
        images += count
        pages.append(page_items(chars, rules, index))
    return pages, images


def page_content(page: Any) -> tuple[list[dict], list[Rule], int]:
    """A page's characters (pdfplumber's keys, points from the page's top left), its strokes
    and how many images it shows. Only the page's own ``Content``: templates are furniture."""
    content = child(page, "Content")
    chars: list[dict] = []
    rules: list[Rule] = []
    images = 0
    if content is None:
        return chars, rules, images
    for obj in content.iter():
        kind = local(obj.tag)
        if obj.get("Visible", "true").lower() == "false":
            continue
        if kind == "TextObject":
            chars += text_chars(obj)
        elif kind == "PathObject":
            rules += path_rules(obj)
        elif kind == "ImageObject":
            images += 1
    return chars, rules, images


def _numbers(value: str | None, count: int) -> list[float] | None:
    try:
        numbers = [float(v) for v in (value or "").split()]
    except ValueError:
        return None
    return numbers if len(numbers) == count else None


def _deltas(value: str | None) -> list[float]:
    """A ``DeltaX``/``DeltaY`` list with its ``g N d`` runs (N times d) written out."""
    tokens = (value or "").split()
    out: list[float] = []
    i = 0
    try:
        while i < len(tokens):
            if tokens[i] == "g" and i + 2 < len(tokens):
                out += [float(tokens[i + 2])] * min(int(tokens[i + 1]), 100_000)
                i += 3
            else:
                out.append(float(tokens[i]))
                i += 1
    except ValueError:
        return out
    return out


def _transform(obj: Any) -> tuple[float, float, float, float, float, float, float, float] | None:
    """(a, b, c, d, e, f) of the object's CTM and its Boundary's origin; None without a Boundary."""
    box = _numbers(obj.get("Boundary"), 4)
    if box is None:
        return None
    ctm = _numbers(obj.get("CTM"), 6) or [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
    a, b, c, d, e, f = ctm
    return a, b, c, d, e, f, box[0], box[1]


def text_chars(obj: Any) -> list[dict]:
    """The characters of one TextObject, each with its box in points."""
    place = _transform(obj)
    size = float(obj.get("Size") or 0)
    if place is None or size <= 0:
        return []
    a, b, c, d, e, f, bx, by = place
    turned = obj.get("CharDirection", "0") != "0" or obj.get("ReadDirection", "0") != "0"
    if turned or a <= 0 or d <= 0 or abs(b) > MAX_SKEW * a or abs(c) > MAX_SKEW * d:
        return []
    hscale = float(obj.get("HScale") or 1)
    pt = size * d * MM_TO_PT
    chars: list[dict] = []
    x = y = 0.0
    for code in (k for k in obj if local(k.tag) == "TextCode"):
        text = code.text or ""
        x = float(code.get("X", x))
        y = float(code.get("Y", y))
        dx, dy = _deltas(code.get("DeltaX")), _deltas(code.get("DeltaY"))
        for i, ch in enumerate(text):
            nominal = size * hscale * (1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5)
            advance = dx[i] if i < len(dx) else nominal
            width = min(nominal, advance) if advance > 0 else nominal
            left = (bx + a * x + e) * MM_TO_PT
            baseline = (by + d * y + f) * MM_TO_PT
            chars.append({"text": ch, "x0": left, "x1": left + a * width * MM_TO_PT, "size": pt,
                          "top": baseline - ASCENT * pt, "bottom": baseline + DESCENT * pt, "baseline": baseline})
            x += advance
            y += dy[i] if i < len(dy) else 0.0
    return chars


def path_rules(obj: Any) -> list[Rule]:
    """The straight horizontal and vertical strokes of a PathObject (a filled bar thinner than
    ``THIN_PT`` counts as a stroke along its middle), in points; curves are no table rules."""
    place = _transform(obj)
    if place is None:
        return []
    a, b, c, d, e, f, bx, by = place
    stroked = obj.get("Stroke", "true").lower() != "false"
    filled = obj.get("Fill", "false").lower() == "true"

    def page_point(px: float, py: float) -> tuple[float, float]:
        return (bx + a * px + c * py + e) * MM_TO_PT, (by + b * px + d * py + f) * MM_TO_PT

    segments: list[tuple[tuple[float, float], tuple[float, float]]] = []
    subpaths: list[list[tuple[float, float]]] = []
    tokens = (_text_of(child(obj, "AbbreviatedData"))).split()
    # Operands per command: move (S/M), line (L), quadratic (Q), cubic (B), arc (A), close (C).
    arity = {"S": 2, "M": 2, "L": 2, "Q": 4, "B": 6, "A": 7, "C": 0}
    i, current, start = 0, None, None
    try:
        while i < len(tokens):
            op = tokens[i]
            n = arity.get(op)
            if n is None:
                i += 1
                continue
            args = [float(t) for t in tokens[i + 1:i + 1 + n]]
            i += 1 + n
            if op in "SM":
                current = start = page_point(*args)
                subpaths.append([current])
            elif op == "C":
                if current is not None and start is not None and current != start:
                    segments.append((current, start))
                current = start
            elif current is not None:
                point = page_point(*args[-2:])
                if op == "L":
                    segments.append((current, point))
                current = point
                subpaths[-1].append(point)
    except (ValueError, TypeError):
        pass
    rules: list[Rule] = []
    if stroked:
        for (x0, y0), (x1, y1) in segments:
            if abs(y0 - y1) < 0.5 and abs(x1 - x0) > THIN_PT:
                rules.append(Rule(y0, min(x0, x1), max(x0, x1), True))
            elif abs(x0 - x1) < 0.5 and abs(y1 - y0) > THIN_PT:
                rules.append(Rule(x0, min(y0, y1), max(y0, y1), False))
    elif filled:
        for points in subpaths:
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            w, h = max(xs) - min(xs), max(ys) - min(ys)
            if h < THIN_PT < w:
                rules.append(Rule((min(ys) + max(ys)) / 2, min(xs), max(xs), True))
            elif w < THIN_PT < h:
                rules.append(Rule((min(xs) + max(xs)) / 2, min(ys), max(ys), False))
    return rules


def _text_of(element: Any | None) -> str:
    return (element.text or "") if element is not None else ""


def page_items(chars: list[dict], rules: list[Rule], index: int) -> list[Item]:
    """The page's ruled tables and, outside them, its text lines through the PDF reader's
    line rules (column gaps, unruled tables)."""
    horizontal = [r for r in rules if r.horizontal]
    vertical = [r for r in rules if not r.horizontal]
    items: list[Item] = []
    rest = chars
    for grid in _grids(horizontal, vertical):
        inside = [ch for ch in rest if _in_grid(ch, grid)]
        rest = [ch for ch in rest if not _in_grid(ch, grid)]
        rows = grid_rows(inside, grid, horizontal, vertical)
        if rows:
            items.append(TableBlock(rows, grid.rows[0], index))
    items += line_items(text_lines(rest), index)
    items.sort(key=lambda item: item.top)
    return items


def text_lines(chars: list[dict]) -> list[dict]:
    """Characters → lines in pdfplumber's shape (``text``, box, ``chars``): one baseline each,
    left to right, a space where characters stand ``SPACE_GAP_PT`` apart."""
    lines: list[list[dict]] = []
    for ch in sorted(chars, key=lambda c: (c["baseline"], c["x0"])):
        if lines and abs(ch["baseline"] - lines[-1][0]["baseline"]) <= SAME_LINE_EM * max(ch["size"], lines[-1][0]["size"]):
            lines[-1].append(ch)
        else:
            lines.append([ch])
    out = []
    for line in lines:
        line.sort(key=lambda c: c["x0"])
        ink = [c for c in line if c["text"].strip()]
        if not ink:
            continue
        text = ""
        prev: dict | None = None
        for ch in line:
            if prev is not None and ch["text"].strip() and prev["text"].strip() and ch["x0"] - prev["x1"] > SPACE_GAP_PT:
                text += " "
            text += ch["text"]
            prev = ch
        # A run of typed spaces is layout (its width still parts cells, from the positions).
        out.append({"text": re.sub(" {2,}", " ", text.strip()), "x0": ink[0]["x0"], "x1": max(c["x1"] for c in ink),
                    "top": min(c["top"] for c in ink), "bottom": max(c["bottom"] for c in ink), "chars": ink})
    return out


def _snap(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > RULE_SNAP_PT:
            out.append(v)
    return out


def _grids(horizontal: list[Rule], vertical: list[Rule]) -> list[Grid]:
    """Tables: vertical strokes whose spans touch or overlap, with the horizontal strokes
    between them; two columns at least (a one-column frame is a box of paragraphs)."""
    groups: list[list[Rule]] = []
    for rule in sorted(vertical, key=lambda r: r.start):
        if groups and rule.start <= max(r.end for r in groups[-1]) + RULE_SNAP_PT:
            groups[-1].append(rule)
        else:
            groups.append([rule])
    grids = []
    for group in groups:
        columns = _snap([r.at for r in group])
        top, bottom = min(r.start for r in group), max(r.end for r in group)
        rows = _snap([h.at for h in horizontal if top - RULE_SNAP_PT <= h.at <= bottom + RULE_SNAP_PT
                      and h.start < columns[-1] - RULE_SNAP_PT and h.end > columns[0] + RULE_SNAP_PT])
        if len(columns) >= 3 and len(rows) >= 2:
            grids.append(Grid(columns, rows))
    return grids


def _in_grid(ch: dict, grid: Grid) -> bool:
    cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
    return grid.columns[0] <= cx <= grid.columns[-1] and grid.rows[0] <= cy <= grid.rows[-1]


def _covered(rules: list[Rule], at: float, middle: float) -> bool:
    return any(abs(r.at - at) <= RULE_SNAP_PT and r.start - RULE_SNAP_PT <= middle <= r.end + RULE_SNAP_PT
               for r in rules)


def grid_rows(chars: list[dict], grid: Grid, horizontal: list[Rule],
              vertical: list[Rule]) -> list[list[str | None]]:
    """The grid's rows of cell texts, merged cells (no stroke between two grid cells) given once
    across and repeated down; an empty cell in the first row is ``None`` (see the module doc)."""
    n_rows, n_cols = len(grid.rows) - 1, len(grid.columns) - 1
    parent = {(r, c): (r, c) for r in range(n_rows) for c in range(n_cols)}

    def find(cell: tuple[int, int]) -> tuple[int, int]:
        while parent[cell] != cell:
            parent[cell] = parent[parent[cell]]
            cell = parent[cell]
        return cell

    def union(one: tuple[int, int], other: tuple[int, int]) -> None:
        a, b = find(one), find(other)
        if a != b:
            parent[max(a, b)] = min(a, b)  # the top-left cell names the merge

    for r in range(n_rows):
        middle_y = (grid.rows[r] + grid.rows[r + 1]) / 2
        for c in range(n_cols):
            middle_x = (grid.columns[c] + grid.columns[c + 1]) / 2
            if c + 1 < n_cols and not _covered(vertical, grid.columns[c + 1], middle_y):
                union((r, c), (r, c + 1))
            if r + 1 < n_rows and not _covered(horizontal, grid.rows[r + 1], middle_x):
                union((r, c), (r + 1, c))
    placed: dict[tuple[int, int], list[dict]] = {}
    for ch in chars:
        cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        r = min(max(bisect(grid.rows, cy) - 1, 0), n_rows - 1)
        c = min(max(bisect(grid.columns, cx) - 1, 0), n_cols - 1)
        placed.setdefault(find((r, c)), []).append(ch)
    texts = {root: _cell_text(found) for root, found in placed.items()}
    rows: list[tuple[int, list[str | None]]] = []
    for r in range(n_rows):
        # A cell spanned from the left is given once (then ""); an empty cell that is no such
        # span may be the rest of a merge cut by the page break (None, for now).
        row: list[str | None] = ["" if find((r, c))[1] != c else texts.get(find((r, c))) or None
                                 for c in range(n_cols)]
        if any(row):
            rows.append((r, row))
    # Only a merge starting in the page's first row, or in the first under a repeated header,
    # can continue one from the page before (pdf_layout.assemble joins the parts, filling it
    # down the rows it spans here); elsewhere empty is empty.
    opens = 2 if rows and is_header_row([cell or "" for cell in rows[0][1]]) else 1
    open_rows = {r for r, _ in rows[:opens]}
    return [[None if cell is None and find((r, c))[0] in open_rows else cell or "" for c, cell in enumerate(row)]
            for r, row in rows]


def _cell_text(chars: list[dict]) -> str:
    text = ""
    for line in text_lines(chars):
        text = join_fragments(text, line["text"])
    return drop_spaces_between_cjk(text).replace("\t", " ")

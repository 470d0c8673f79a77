"""Pages set in two columns (a 政府公报 issue, a journal): read the left column, then the right.

pdfplumber makes one line of the characters at one height across the page, so a page in two
columns comes out as each left line glued to the right line beside it. A page is in two columns
when a vertical gutter near its middle is crossed by (next to) no line, and the lines on both
sides of it are text lines as wide as their column (an unruled table's cells are short). The
lines above and below the columns (the gazette's running head, the page number) stay whole; a line
crossing the gutter inside the columns (a title set across both) cuts them into bands, each read
left column first.

The right column's lines are moved under the left column's (their ``x`` by the columns' offset,
their ``top`` below the left column's last line), so that the layout's paragraph rules (margins,
"the line ran to the right margin", "the next line is close below") read a paragraph carried over
from the foot of the left column to the head of the right one as one.
"""

from __future__ import annotations

from collections.abc import Sequence
from statistics import median
from typing import Any

# Lines at each end of a page that may stand in its margins (a running head, a page number).
MARGIN_LINES = 2
# The gutter lies in the middle of the page, between these shares of its width.
GUTTER_ZONE = (0.3, 0.7)
# A gutter at least this wide, in character sizes.
GUTTER_EM = 1.0
# Share of the page's lines that may cross the gutter (titles set across both columns).
CROSSING_SHARE = 0.15
# Each column has at least this many lines of text ...
MIN_COLUMN_LINES = 6
# ... and its typical line is at least this share of the column's width (prose, not cells) ...
WIDE_SHARE = 0.6
# ... and at least this share of its lines are one stretch of ink (an unruled table's are several cells).
SOLID_SHARE = 0.8


def _runs(chars: list[dict], size: float) -> list[tuple[float, float]]:
    """The line's inked stretches: characters closer than half a character join."""
    out: list[list[float]] = []
    for c in sorted(chars, key=lambda c: c["x0"]):
        if out and c["x0"] - out[-1][1] < 0.5 * size:
            out[-1][1] = max(out[-1][1], c["x1"])
        else:
            out.append([c["x0"], c["x1"]])
    return [(a, b) for a, b in out]


def find_gutter(raw_lines: list[dict], width: float, before: float | None = None) -> float | None:
    """The x of the gap between two text columns, or None for a page in one column. ``before``
    is the gutter of the page before: a page too short to show its own (the last of an article)
    keeps it where no line of its body crosses it and one stands on both sides of it."""
    lines = [ln for ln in raw_lines if ln.get("chars")]
    if not lines:
        return None
    size = median(c.get("size", 10) for ln in lines for c in ln["chars"])
    runs = [_runs(ln["chars"], size) for ln in lines]
    if len(lines) < 2 * MIN_COLUMN_LINES:
        return before if before is not None and _kept(lines, runs, before, size) else None
    allowed = CROSSING_SHARE * len(lines)
    best: tuple[float, float] | None = None
    start = None
    x, end = GUTTER_ZONE[0] * width, GUTTER_ZONE[1] * width
    while x <= end:
        crossing = sum(1 for rs in runs if any(a <= x <= b for a, b in rs))
        if crossing <= allowed:
            start = x if start is None else start
            if best is None or x - start > best[1] - best[0]:
                best = (start, x)
        else:
            start = None
        x += 1.0
    if best is None or best[1] - best[0] < GUTTER_EM * size:
        return None
    gutter = (best[0] + best[1]) / 2
    left = [b - a for a, b in (_side(rs, gutter, True) for rs in runs) if b > a]
    right = [b - a for a, b in (_side(rs, gutter, False) for rs in runs) if b > a]
    if len(left) < MIN_COLUMN_LINES or len(right) < MIN_COLUMN_LINES:
        return None
    # a column of text is one stretch of ink a line; an unruled table's side holds several cells
    pieces = [len([r for r in rs if (r[1] <= gutter if side else r[0] >= gutter)]) for rs in runs for side in (True, False)]
    pieces = [n for n in pieces if n]
    if sum(1 for n in pieces if n == 1) < SOLID_SHARE * len(pieces):
        return None
    left_width = gutter - min(a for rs in runs for a, _ in rs)
    right_width = max(b for rs in runs for _, b in rs) - gutter
    if median(left) < WIDE_SHARE * left_width or median(right) < WIDE_SHARE * right_width:
        return None
    return gutter


def _kept(lines: list[dict], runs: list[list[tuple[float, float]]], gutter: float, size: float) -> bool:
    """The page before's gutter still divides this page: no body line crosses it, one spans it."""
    _, inside, _ = _margin_lines(sorted(lines, key=lambda ln: ln["top"]), size)
    body = [rs for ln, rs in zip(lines, runs, strict=True) if any(ln is i for i in inside)]
    crossing = any(a < gutter < b for rs in body for a, b in rs)
    both = any(_side(rs, gutter, True)[1] and _side(rs, gutter, False)[1] for rs in body)
    return not crossing and both


def _side(runs: list[tuple[float, float]], gutter: float, left: bool) -> tuple[float, float]:
    """The line's extent on one side of the gutter ((0, 0) when it has nothing there)."""
    pieces = [(a, b) for a, b in runs if (b <= gutter if left else a >= gutter)]
    return (min(a for a, _ in pieces), max(b for _, b in pieces)) if pieces else (0.0, 0.0)


Box = tuple[float, float, float, float]


def column_lines(text_page: Any, raw_lines: list[dict], gutter: float, tables: Sequence[Box] = ()) -> list[dict]:
    """The page's lines in reading order: those above the columns, each band's left column then
    its right column (moved under the left one), those below. Lines in pdfplumber's shape; a table
    (``tables``: its box) stands in its place as ``{"table": k, "top": …}``: one set across both
    columns cuts them into bands as a line across them does, one inside a column is read with it."""
    size = median(c.get("size", 10) for ln in raw_lines for c in ln.get("chars") or [{}])
    width = text_page.width

    def crosses(ln: dict) -> bool:
        return any(a < gutter < b for a, b in _runs(ln.get("chars") or [], size))

    boxes = [{"table": k, "x0": b[0], "top": b[1], "x1": b[2], "bottom": b[3]} for k, b in enumerate(tables)]
    above, inside, below = _margin_lines(sorted(raw_lines, key=lambda ln: ln["top"]), size, boxes)
    if not inside:
        return sorted(raw_lines + boxes, key=lambda e: e["top"])
    top, bottom = min(ln["top"] for ln in inside), max(ln["bottom"] for ln in inside)
    spanning = [b for b in boxes if b["x0"] < gutter < b["x1"]]
    breaks = sorted([ln for ln in inside if crosses(ln)] + spanning, key=lambda e: e["top"])
    out = list(above)
    offset = 0.0
    y0 = min([top, *(b["top"] for b in spanning)]) - 0.5
    for brk in [*breaks, None]:
        y1 = brk["top"] if brk is not None else max([bottom, *(b["bottom"] for b in boxes)]) + 0.5
        left = _column(text_page, (0, y0, gutter, y1), [b for b in boxes if b["x1"] <= gutter])
        right = _column(text_page, (gutter, y0, width, y1), [b for b in boxes if b["x0"] >= gutter])
        out += [_moved(e, 0.0, offset) for e in left]
        if right:
            shift_x = min(e["x0"] for e in right) - min((e["x0"] for e in left), default=0.0)
            # the right column's head goes a line's gap under the left column's foot
            lift = (left[-1]["bottom"] if left else y0) - right[0]["top"] + 0.4 * size
            out += [_moved(e, shift_x, offset + lift) for e in right]
            offset += max(lift, 0.0)
        if brk is not None:
            out.append(_moved(brk, 0.0, offset))
            y0 = brk["bottom"]
    return out + below


def _column(text_page: Any, box: Box, tables: list[dict]) -> list[dict]:
    """One column's lines within a band, and its tables in their places."""
    inside = [b for b in tables if box[1] <= b["top"] < box[3]]
    return sorted(_lines_within(text_page, box) + inside, key=lambda e: e["top"])


def _margin_lines(lines: list[dict], size: float,
                  tables: Sequence[dict] = ()) -> tuple[list[dict], list[dict], list[dict]]:
    """(above, inside, below): the running head and the page number stand in the page's margins,
    apart from the columns by a gap wider than any between the columns' lines (a gap a table
    fills is none)."""
    gaps = [0.0 if any(a["bottom"] <= b["top"] and b["bottom"] <= c["top"] for b in tables) else c["top"] - a["bottom"]
            for a, c in zip(lines, lines[1:], strict=False)]
    if not gaps:
        return [], lines, []
    far = max(2 * median(gaps), size)
    head = next((k for k in range(1, MARGIN_LINES + 1) if k < len(lines) and gaps[k - 1] > far), 0)
    foot = next((k for k in range(1, MARGIN_LINES + 1) if len(lines) - k > head and gaps[-k] > far), 0)
    return lines[:head], lines[head:len(lines) - foot], lines[len(lines) - foot:]


def _lines_within(text_page: Any, box: tuple[float, float, float, float]) -> list[dict]:
    if box[3] <= box[1]:
        return []
    part = text_page.within_bbox(box)
    return sorted(part.extract_text_lines(return_chars=True, strip=True), key=lambda ln: ln["top"])


def _moved(line: dict, dx: float, dy: float) -> dict:
    if not dx and not dy:
        return line
    chars = [{**c, "x0": c["x0"] - dx, "x1": c["x1"] - dx, "top": c["top"] + dy, "bottom": c["bottom"] + dy}
             for c in line.get("chars") or []]
    return {**line, "x0": line["x0"] - dx, "x1": line["x1"] - dx, "top": line["top"] + dy,
            "bottom": line["bottom"] + dy, "chars": chars}

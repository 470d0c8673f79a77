"""Table rules of a scanned page: found, erased before OCR, and used as the table's grid.

Tesseract reads a ruled table badly: the rules become ``|`` and invented characters, and a
cell that wraps becomes two rows. So the long straight dark runs of the page image (longer than
any stroke of a character) are taken out before OCR, and kept: the vertical ones split a row's words into cells, the horizontal ones tell
which text lines are one row of the table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

# Darker than this (0 black … 255 white) is ink.
INK_LEVEL = 160
# Shortest rule: across, an inch (a dash line of a few —— is shorter); down, 0.4 inch, over
# twice a character's height, so that a table's last rows cut off by a page break still count.
HORIZONTAL_RULE_INCHES = 1.0
VERTICAL_RULE_INCHES = 0.4


@dataclass
class Rule:
    at: int  # y of a horizontal rule, x of a vertical one (pixels)
    start: int
    end: int


@dataclass
class Grid:
    """One ruled table: its column rules (x) and row rules (y), in pixels."""

    columns: list[int]
    rows: list[int]
    top: int
    bottom: int
    left: int
    right: int


@dataclass
class PageRules:
    horizontal: list[Rule] = field(default_factory=list)
    vertical: list[Rule] = field(default_factory=list)

    def grids(self) -> list[Grid]:
        """Tables: vertical rules whose spans overlap form one grid, with the horizontal
        rules inside it."""
        groups: list[list[Rule]] = []
        for rule in sorted(self.vertical, key=lambda r: r.start):
            if groups and rule.start <= max(r.end for r in groups[-1]):
                groups[-1].append(rule)
            else:
                groups.append([rule])
        grids = []
        for group in groups:
            if len(group) < 2:
                continue
            top, bottom = min(r.start for r in group), max(r.end for r in group)
            left, right = min(r.at for r in group), max(r.at for r in group)
            rows = sorted(h.at for h in self.horizontal
                          if top - 5 <= h.at <= bottom + 5 and h.end - h.start >= 0.6 * (right - left))
            grids.append(Grid(sorted(_merge_close(r.at for r in group)), _merge_close(rows),
                              top, bottom, left, right))
        return grids


def _merge_close(values, gap: int = 4) -> list[int]:
    out: list[int] = []
    for v in sorted(values):
        if not out or v - out[-1] > gap:
            out.append(v)
    return out


def erase_rules(image_path: Path, dpi: int) -> PageRules:
    """Find the page's rules, write the image back without them, return them."""
    import numpy as np
    from PIL import Image

    with Image.open(image_path) as image:
        pixels = np.array(image.convert("L"))
    ink = pixels < INK_LEVEL
    horizontal = _long_runs(ink, int(dpi * HORIZONTAL_RULE_INCHES))
    vertical = _long_runs(ink.T, int(dpi * VERTICAL_RULE_INCHES)).T
    if not horizontal.any() and not vertical.any():
        return PageRules()
    # The rule's anti-aliased edge pixels go too.
    erase = horizontal | vertical
    erase[1:, :] |= horizontal[:-1, :]
    erase[:-1, :] |= horizontal[1:, :]
    erase[:, 1:] |= vertical[:, :-1]
    erase[:, :-1] |= vertical[:, 1:]
    pixels[erase] = 255
    Image.fromarray(pixels).save(image_path)
    return PageRules(_rules(horizontal), _rules(vertical.T))


def _long_runs(ink, length: int):
    """Mask of the pixels that lie in a horizontal run of ink at least ``length`` long."""
    import numpy as np

    height, width = ink.shape
    if width <= length:
        return np.zeros_like(ink)
    summed = np.zeros((height, width + 1), dtype=np.int32)
    np.cumsum(ink, axis=1, out=summed[:, 1:])
    full = (summed[:, length:] - summed[:, :-length]) == length  # run of `length` starting at x
    padded = np.zeros((height, width), dtype=np.int32)
    padded[:, :full.shape[1]] = full
    starts = np.zeros((height, width + 1), dtype=np.int32)
    np.cumsum(padded, axis=1, out=starts[:, 1:])
    # A pixel is covered when a full window starts at most `length - 1` before it.
    before = np.zeros((height, width), dtype=np.int32)
    before[:, length:] = starts[:, 1:width - length + 1]
    covered = (starts[:, 1:] - before) > 0
    return covered & ink


def _rules(mask) -> list[Rule]:
    """Each band of consecutive rows holding run pixels → one rule (its middle row, extent)."""
    import numpy as np

    rows = np.flatnonzero(mask.any(axis=1))
    rules: list[Rule] = []
    band: list[int] = []
    for y in list(rows) + [None]:
        if band and (y is None or y != band[-1] + 1):
            cols = np.flatnonzero(mask[band[0]:band[-1] + 1].any(axis=0))
            rules.append(Rule((band[0] + band[-1]) // 2, int(cols[0]), int(cols[-1])))
            band = []
        if y is not None:
            band.append(int(y))
    return rules

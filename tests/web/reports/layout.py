"""Measure a PDF against the checkable rules of GB/T 9704-2012 (../shared/spec/report-layout.md).

Used by the layout tests; plain functions over pdfplumber's characters, so a failure says which
page and which character broke which rule.
"""

from __future__ import annotations

import io
import subprocess
from collections import defaultdict
from functools import cache
from pathlib import Path

import pdfplumber
from fontTools.ttLib import TTCollection, TTFont

MM = 72 / 25.4
PAGE = (210 * MM, 297 * MM)
TOP, BOTTOM, BINDING, OUTSIDE = 37 * MM, 35 * MM, 28 * MM, 26 * MM
TOL = 1 * MM  # the spec's tolerance for the type area
BODY = 16


def block(page_number: int) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of the text block: binding margin left on odd pages, right on even."""
    left = BINDING if page_number % 2 else OUTSIDE
    return left, TOP, PAGE[0] - (OUTSIDE if page_number % 2 else BINDING), PAGE[1] - BOTTOM


def pages(pdf_bytes: bytes) -> list:
    pdf = pdfplumber.open(io.BytesIO(pdf_bytes))
    return pdf.pages


def body_chars(page) -> list[dict]:
    """Every character but the page number (below the text block)."""
    bottom = block(page.page_number)[3]
    return [c for c in page.chars if c["top"] < bottom + TOL and c["text"].strip()]


def lines_of(chars: list[dict], size: float = BODY) -> list[list[dict]]:
    """Characters of one size grouped into lines by their baseline."""
    rows: dict[int, list[dict]] = defaultdict(list)
    for c in chars:
        if abs(c["size"] - size) < 0.5:
            rows[round(c["bottom"])].append(c)
    return [sorted(r, key=lambda c: c["x0"]) for _, r in sorted(rows.items())]


def width_in_characters(line: list[dict]) -> float:
    """A full-width character counts 1, a half-width one (digit, Latin letter) ½: the grid's 字."""
    return sum(1 if ord(c["text"]) >= 0x2E80 or c["text"] in "—" else 0.5 for c in line)


def page_number_text(page) -> tuple[str, tuple[float, float, float]] | None:
    """The text below the text block, with (x0, x1, top) of its box."""
    below = [c for c in page.chars if c["top"] > block(page.page_number)[3] + TOL and c["text"].strip()]
    if not below:
        return None
    below.sort(key=lambda c: c["x0"])
    return "".join(c["text"] for c in below), (below[0]["x0"], below[-1]["x1"], min(c["top"] for c in below))


# ---------------------------------------------------------------- glyph coverage

def _font_files() -> list[Path]:
    from ipcity.reports.fonts import FONT_DIR

    out = subprocess.run(["fc-list", "--format", "%{file}\n"], capture_output=True, text=True, check=True).stdout
    return sorted(FONT_DIR.glob("*.otf")) + [Path(p) for p in out.splitlines() if p]


def _key(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum())


@cache
def font_index() -> dict[str, tuple[Path, int]]:
    """Font name as a PDF may carry it (PostScript, full or family name, or the report's own
    @font-face family), normalised → (file, index in a collection)."""
    from ipcity.reports.fonts import FANDOL, FONT_DIR

    index: dict[str, tuple[Path, int]] = {_key(family): (FONT_DIR / name, 0) for family, name in FANDOL.items()}
    for path in _font_files():
        if not any(k in path.name for k in ("Fandol", "NotoSerifCJK", "NotoSansCJK", "LXGW")):
            continue
        fonts = (TTCollection(str(path), lazy=True).fonts if path.suffix == ".ttc"
                 else [TTFont(str(path), lazy=True)])
        for number, font in enumerate(fonts):
            names = font["name"]
            family = names.getDebugName(16) or names.getDebugName(1) or ""
            style = names.getDebugName(17) or names.getDebugName(2) or ""
            for name in (names.getDebugName(6), names.getDebugName(4), family + style,
                         family if style == "Regular" else None):
                if name:
                    index.setdefault(_key(name), (path, number))
    return index


@cache
def cmap_of(key: str) -> frozenset[int]:
    path, number = font_index()[key]
    font = TTFont(str(path), fontNumber=number, lazy=True) if path.suffix == ".ttc" else TTFont(str(path), lazy=True)
    return frozenset(font.getBestCmap())


def missing_glyphs(pdf_bytes: bytes) -> list[tuple[int, str, str]]:
    """(page, character, font) for every character drawn in a font that has no glyph for it."""
    problems = []
    for page in pages(pdf_bytes):
        for c in page.chars:
            if not c["text"].strip():
                continue
            name = c["fontname"].split("+", 1)[-1]
            if _key(name) not in font_index():
                problems.append((page.page_number, c["text"], f"unknown font {name}"))
            elif any(ord(ch) not in cmap_of(_key(name)) for ch in c["text"]):
                problems.append((page.page_number, c["text"], name))
    return problems

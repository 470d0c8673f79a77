"""Small vector charts (bar, line) as inline SVG for the reports: axis labels, a legend, no script.

The same SVG goes into the PDF (WeasyPrint draws it as vectors) and, rasterised, into the .docx.
Sizes are in points; text uses the report's font stack so no glyph is missing.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

PALETTE = ("#1f4e9c", "#c0392b", "#2e8b57", "#b8860b", "#6a3d9a", "#555555")
FONT = "ReportFang, 'Noto Serif CJK SC', serif"


@dataclass(frozen=True)
class Series:
    name: str
    points: Sequence[tuple[float, float | None]]  # (x, y); x a year for lines, an index for bars
    dashed: bool = False


def _nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    if high == low:
        high = low + (abs(low) or 1)
    raw = (high - low) / count
    magnitude = 10.0 ** math.floor(math.log10(raw))
    step: float = next(m * magnitude for m in (1.0, 2.0, 2.5, 5.0, 10.0) if m * magnitude >= raw)
    start = math.floor(low / step) * step
    ticks: list[float] = []
    value = float(start)
    while value <= high + step * 0.001:
        ticks.append(round(value, 10))
        value += step
    if ticks[-1] < high:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def fmt(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".") if value % 1 else f"{value:,.0f}"


class _Canvas:
    def __init__(self, width: float, height: float, title: str):
        self.width, self.height = width, height
        self.parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}pt" height="{height}pt" '
                      f'viewBox="0 0 {width} {height}" font-family="{escape(FONT)}" role="img" '
                      f'aria-label="{escape(title)}">', f"<title>{escape(title)}</title>"]

    def text(self, x: float, y: float, s: str, *, size: float = 9, anchor: str = "middle", colour: str = "#000") -> None:
        self.parts.append(f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
                          f'fill="{colour}">{escape(s)}</text>')

    def line(self, x1, y1, x2, y2, *, colour="#000", width=0.6, dash: str = "") -> None:
        d = f' stroke-dasharray="{dash}"' if dash else ""
        self.parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{colour}" '
                          f'stroke-width="{width}"{d}/>')

    def svg(self) -> str:
        return "".join(self.parts) + "</svg>"


def _axes(c: _Canvas, box: tuple[float, float, float, float], ticks: list[float], unit: str) -> None:
    left, top, right, bottom = box
    low, high = ticks[0], ticks[-1]
    for tick in ticks:
        y = bottom - (tick - low) / (high - low) * (bottom - top)
        c.line(left, y, right, y, colour="#cccccc", width=0.4)
        c.text(left - 4, y + 3, fmt(tick), size=8, anchor="end")
    c.line(left, top, left, bottom)
    c.line(left, bottom, right, bottom)
    if unit:
        c.text(left, top - 8, unit, size=8, anchor="middle")


def _legend(c: _Canvas, names: list[str], y: float) -> None:
    x = 40.0
    for i, name in enumerate(names):
        colour = PALETTE[i % len(PALETTE)]
        c.parts.append(f'<rect x="{x:.1f}" y="{y - 7:.1f}" width="10" height="7" fill="{colour}"/>')
        c.text(x + 13, y, name, size=8, anchor="start")
        x += 22 + 8.5 * len(name)


def line_chart(series: list[Series], *, title: str, unit: str = "", width: float = 420, height: float = 200) -> str:
    """Years along x, one polyline per series (dashed when asked), points marked, a legend below."""
    xs = sorted({p[0] for s in series for p in s.points})
    ys = [p[1] for s in series for p in s.points if p[1] is not None]
    c = _Canvas(width, height, title)
    box = (50.0, 22.0, width - 15, height - 42)
    left, top, right, bottom = box
    ticks = _nice_ticks(min([0.0, *ys]) if ys and min(ys) >= 0 and min(ys) < max(ys) / 3 else min(ys or [0]),
                        max(ys or [1]))
    _axes(c, box, ticks, unit)
    first, last = (xs[0], xs[-1]) if xs else (0, 1)
    span = (last - first) or 1

    def px(x: float) -> float:
        return left + 12 + (x - first) / span * (right - left - 24)

    def py(y: float) -> float:
        return bottom - (y - ticks[0]) / (ticks[-1] - ticks[0]) * (bottom - top)

    for x in xs:
        c.text(px(x), bottom + 12, str(int(x)), size=8)
    for i, s in enumerate(series):
        colour = PALETTE[i % len(PALETTE)]
        pts = [(px(x), py(y)) for x, y in s.points if y is not None]
        if len(pts) > 1:
            dash = ' stroke-dasharray="4 3"' if s.dashed else ""
            c.parts.append(f'<polyline points="{" ".join(f"{x:.1f},{y:.1f}" for x, y in pts)}" fill="none" '
                           f'stroke="{colour}" stroke-width="1.4"{dash}/>')
        for x, y in pts:
            c.parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2" fill="{colour}"/>')
    _legend(c, [s.name for s in series], height - 10)
    return c.svg()


def bar_chart(categories: list[str], series: list[Series], *, title: str, unit: str = "",
              width: float = 420, height: float = 200) -> str:
    """Grouped vertical bars: one group per category, one bar per series; values above the bars."""
    ys = [p[1] for s in series for p in s.points if p[1] is not None]
    c = _Canvas(width, height, title)
    box = (50.0, 22.0, width - 15, height - 42)
    left, top, right, bottom = box
    ticks = _nice_ticks(min([0.0, *ys]), max([1.0, *ys]))
    _axes(c, box, ticks, unit)
    group = (right - left) / max(1, len(categories))
    bar = group * 0.7 / max(1, len(series))

    def py(y: float) -> float:
        return bottom - (y - ticks[0]) / (ticks[-1] - ticks[0]) * (bottom - top)

    for k, category in enumerate(categories):
        c.text(left + group * (k + 0.5), bottom + 12, category[:8], size=8)
    for i, s in enumerate(series):
        colour = PALETTE[i % len(PALETTE)]
        for index, y in s.points:
            if y is None:
                continue
            x = left + group * int(index) + group * 0.15 + bar * i
            c.parts.append(f'<rect x="{x:.1f}" y="{min(py(y), py(0)):.1f}" width="{bar:.1f}" '
                           f'height="{abs(py(0) - py(y)):.1f}" fill="{colour}"/>')
            c.text(x + bar / 2, py(y) - 3, fmt(y), size=7)
    _legend(c, [s.name for s in series], height - 10)
    return c.svg()

"""Page layout of a PDF's text layer: drop page furniture, rebuild paragraphs from lines.

A PDF has visual lines, not paragraphs. Chinese official documents indent a paragraph's first
line by two characters and justify the rest, so a line continues the previous one when the
previous line runs to the right margin and this one starts at the left margin (and is not a
heading such as ``二、`` or ``（三）``). That also repairs paragraphs broken by a page break.

Running headers and footers are lines at the top or bottom of a page that repeat (digits
aside) on most pages; page numbers (``— 3 —``, ``- 3 -``, ``第3页``, ``3/12``, a bare ``3``)
are dropped wherever they stand at the top or bottom of a page.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ipcity.plans.read.textjoin import join_fragments

EDGE_LINES = 2  # lines at each end of a page that may be furniture
REPEAT_SHARE = 0.6
MIN_PAGES_FOR_REPEAT = 2
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－~～·•\s]*\d{1,4}[-—–－~～·•\s]*"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|(?:page|p\.)\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$",
    re.IGNORECASE,
)
_HEADING_START = re.compile(
    r"^(?:[一二三四五六七八九十百]+[、．.]|[（(][一二三四五六七八九十百\d]+[）)]|\d{1,3}[.．、](?!\d)"
    r"|[①-⑳]|第[一二三四五六七八九十百\d]+[章节条部分]|附件|专栏|表\s*\d)"
)

_CN_DIGIT = "〇零一二三四五六七八九十"
_DATE_LINE = re.compile(rf"^\s*(?:\d{{4}}|[{_CN_DIGIT}]{{4}})\s*年\s*(?:\d{{1,2}}|[{_CN_DIGIT}]{{1,2}})\s*月"
                        rf"\s*(?:\d{{1,2}}|[{_CN_DIGIT}]{{1,3}})\s*日\s*$")


@dataclass
class Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    page: int
    # The line's pieces where its characters stand a column gap apart: (text, x0, x1).
    cells: list[tuple[str, float, float]] = field(default_factory=list)


@dataclass
class TableBlock:
    rows: list[list[str | None]]
    top: float
    page: int
    columns: int = field(init=False)
    # The text lines an unruled table was made of (none for a ruled table).
    lines: list[Line] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.columns = max((len(r) for r in self.rows), default=0)


Item = Line | TableBlock


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text.strip()))


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def drop_furniture(pages: list[list[Item]]) -> list[list[Item]]:
    """Remove running headers/footers and page numbers from the ends of each page."""
    edges: list[list[Line]] = []
    for items in pages:
        lines = [i for i in items if isinstance(i, Line)]
        edges.append(lines[:EDGE_LINES] + lines[-EDGE_LINES:] if len(lines) > EDGE_LINES else lines)
    counts: Counter[str] = Counter()
    for edge in edges:
        counts.update({_furniture_key(line.text) for line in edge})
    repeated = set()
    if len(pages) >= MIN_PAGES_FOR_REPEAT:
        repeated = {k for k, n in counts.items() if n >= max(2, REPEAT_SHARE * len(pages))}
    number_rows = _page_number_positions(edges)
    out = []
    for items, edge in zip(pages, edges, strict=True):
        drop: set[int] = set()
        seen_keys: set[str] = set()
        for line in edge:
            key = _furniture_key(line.text)
            if is_page_number(line.text):
                # Judged by where it stands: a bare "3" may also be a table cell.
                if len(pages) == 1 or round(line.top / 4) in number_rows:
                    drop.add(id(line))
            elif key in repeated and key not in seen_keys:
                # Only the first: a title on page 1 may repeat the running header below it.
                seen_keys.add(key)
                drop.add(id(line))
        out.append([i for i in items if id(i) not in drop])
    return out


def _page_number_positions(edges: list[list[Line]]) -> set[int]:
    """Heights (in 4-pt bands) where page-number-like lines recur: the page number's place.

    A bare ``3`` at the bottom of one page may be a table cell; page numbers stand at one height.
    """
    bands: Counter[int] = Counter()
    for edge in edges:
        bands.update({round(line.top / 4) for line in edge if is_page_number(line.text)})
    needed = max(2, 0.5 * len(edges))
    found = {band for band, n in bands.items() if n >= needed}
    return found | {b + d for b in found for d in (-1, 1)}


@dataclass
class Margins:
    left: float
    right: float
    size: float
    indented: bool = False  # paragraphs open with a first-line indent (the official style)
    # How far short of the right margin (in characters) a line may stop and still be full.
    slack: float = 1.5
    # Join two lines of one larger-type title; off for OCR, whose type sizes are guesses.
    join_titles: bool = True


def measure_margins(lines: list[Line]) -> Margins:
    """The body's left margin (most common line start), right margin and character size."""
    if not lines:
        return Margins(0, 0, 10)
    # Starts within 3 pt are one position (OCR boxes jitter). Where paragraphs are short, the
    # first-line indent is as common as the margin: the leftmost frequent position is the margin.
    starts = Counter(3 * round(line.x0 / 3) for line in lines)
    most = starts.most_common(1)[0][1]
    left = min(x for x, n in starts.items() if n >= 0.3 * most)
    # Short lines (table cells copied as paragraphs, headings) say nothing about the margin.
    widest = max(line.x1 for line in lines)
    rights = sorted(x1 for x1 in (line.x1 for line in lines) if x1 - left >= 0.5 * (widest - left))
    right = rights[int(0.9 * (len(rights) - 1))]
    sizes = sorted(line.size for line in lines)
    size = sizes[len(sizes) // 2] or 10
    indented = sum(1 for line in lines if abs(line.x0 - left - 2 * size) <= 0.5 * size) >= 0.1 * len(lines)
    return Margins(float(left), right, size, indented)


def continues(prev: Line, line: Line, m: Margins) -> bool:
    """True when ``line`` is the wrapped continuation of ``prev``'s paragraph."""
    # Justified CJK lines stop short of the margin before punctuation or Latin text; where the
    # indent marks each new paragraph, a looser test of "the line was full" is safe.
    full = prev.x1 >= m.right - (5 if m.indented else m.slack) * m.size
    at_left = abs(line.x0 - m.left) <= 0.6 * m.size
    if line.page == prev.page:
        close = line.top - prev.bottom <= 1.2 * m.size
    else:
        close = line.page == prev.page + 1
    if _DATE_LINE.match(prev.text) or _DATE_LINE.match(line.text):
        # A signature date ends its page's text; the next page's title is no part of it.
        return False
    if close and m.join_titles and _same_heading(prev, line, m):
        return True
    return full and at_left and close and not _HEADING_START.match(line.text)


def _same_heading(prev: Line, line: Line, m: Margins) -> bool:
    """Two lines of one title: larger than body text, same size, the first one not ending a sentence."""
    same = abs(prev.size - line.size) < 0.5 and line.size > 1.15 * m.size
    return (same and line.page == prev.page and not prev.text.endswith(("。", "：", ":"))
            and not _HEADING_START.match(line.text))


def assemble(pages: list[list[Item]], *, slack: float | None = None) -> str:
    """Paragraphs separated by blank lines; each table's rows as consecutive tab-separated lines.
    ``slack`` widens the "line runs to the margin" test and turns off title joining (for OCR,
    whose boxes end less exactly and whose type sizes are guesses)."""
    lines = [i for items in pages for i in items if isinstance(i, Line)]
    margins = measure_margins(lines)
    if slack is not None:
        margins.slack, margins.join_titles = slack, False
    blocks: list[str | TableBlock] = []
    paragraph = ""
    prev: Line | None = None
    for item in (i for items in pages for i in items):
        if isinstance(item, TableBlock):
            if paragraph:
                blocks.append(paragraph)
            paragraph, prev = "", None
            last = blocks[-1] if blocks else None
            if isinstance(last, TableBlock) and last.columns == item.columns and last.page < item.page:
                # A table broken by a page break; a repeated header row is dropped.
                rows = item.rows[1:] if item.rows and item.rows[0] == last.rows[0] else list(item.rows)
                # A cell merged down across the page break continues the last row's value, down
                # every row it spans on this page (an OFD's merge leaves each of them open).
                above = last.rows[-1]
                for n, row in enumerate(rows):
                    rows[n] = above = [above[c] if v is None and c < len(above) else v for c, v in enumerate(row)]
                last.rows.extend(rows)
                last.page = item.page
            else:
                blocks.append(TableBlock([list(r) for r in item.rows], item.top, item.page))
            continue
        if prev is not None and paragraph and continues(prev, item, margins):
            paragraph = join_fragments(paragraph, item.text)
        else:
            if paragraph:
                blocks.append(paragraph)
            paragraph = item.text
        prev = item
    if paragraph:
        blocks.append(paragraph)
    return "\n\n".join(b if isinstance(b, str) else _table_text(b) for b in blocks)


def _table_text(table: TableBlock) -> str:
    return "\n".join("\t".join(cell or "" for cell in row) for row in table.rows)

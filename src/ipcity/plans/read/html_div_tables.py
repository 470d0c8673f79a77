"""Tables a web page builds of ``<div>``s instead of ``<table>``: rows of cells, or a CSS grid.

Two shapes are read as tables, on the evidence of the markup alone (no guess from the words):

- **rows of cells**: a ``<div>`` whose children are two or more ``<div>`` rows, each of the same
  number (two or more) of ``<div>`` cells holding text only (no block inside but ``<p>``), with no
  loose text between them (``.table > .tr > .td``, ``display: table`` or flex rows);
- **a flat grid**: a ``<div>`` laid out with ``display: grid`` whose children are its cells, every
  cell a sibling; the row length is only in ``grid-template-columns`` (``repeat(8, 1fr)`` or eight
  track sizes), found in the element's own style or a ``<style>`` rule for one of its classes.

A page's layout (a sidebar beside the article, a box of paragraphs) nests blocks in its ``<div>``s
and so is never taken for a table. Stylesheets the page links to are not read: a grid styled only
there comes back one cell a line, which ``cell_rows`` rebuilds where its header is column words.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bs4 import BeautifulSoup, NavigableString, Tag

COLUMNS_ATTR = "data-ipcity-grid-columns"  # set on a grid container while the page is read
_BLOCKS_IN_CELL = ["div", "section", "table", "ul", "ol", "article", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"]
_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_CLASS = re.compile(r"\.([\w-]+)\s*$")
_DISPLAY_GRID = re.compile(r"display\s*:\s*(?:inline-)?grid", re.IGNORECASE)
_TEMPLATE = re.compile(r"grid-template-columns\s*:\s*([^;]+)", re.IGNORECASE)
_REPEAT = re.compile(r"^repeat\(\s*(\d+)\s*,", re.IGNORECASE)


def grid_columns(declarations: str) -> int | None:
    """Columns of ``grid-template-columns`` (``repeat(4, 1fr)`` → 4, ``80px 1fr 2fr`` → 3)."""
    m = _TEMPLATE.search(declarations)
    if m is None:
        return None
    value = re.sub(r"\s*!important\s*$", "", m.group(1).strip())
    repeat = _REPEAT.match(value)
    if repeat:
        return int(repeat.group(1))
    tracks, depth, current = [], 0, ""
    for ch in value:  # tracks are separated by spaces outside brackets (minmax(0, 1fr))
        depth += ch == "("
        depth -= ch == ")"
        if ch.isspace() and depth == 0:
            tracks.append(current)
            current = ""
        else:
            current += ch
    tracks.append(current)
    tracks = [t for t in tracks if t and not t.startswith("[")]  # [name] lines are no tracks
    return len(tracks) if "repeat(" not in value else None


def mark_css_grids(soup: BeautifulSoup) -> None:
    """Mark every grid container whose column count is known (before ``<style>`` is dropped)."""
    by_class: dict[str, int] = {}
    for style in soup.find_all("style"):
        for selectors, declarations in _RULE.findall(style.get_text()):
            columns = grid_columns(declarations)
            if columns is None or not _DISPLAY_GRID.search(declarations):
                continue
            for selector in selectors.split(","):
                m = _CLASS.search(selector.strip())
                if m:
                    by_class[m.group(1)] = columns
    for tag in soup.find_all("div"):
        inline = str(tag.get("style") or "")
        raw: object = tag.get("class") or []
        classes = [str(c) for c in raw] if isinstance(raw, list) else str(raw).split()
        columns = grid_columns(inline)
        from_class = next((by_class[c] for c in classes if c in by_class), None)
        if columns is None or not (_DISPLAY_GRID.search(inline) or from_class is not None):
            columns = from_class
        if columns is not None and columns >= 2:
            tag[COLUMNS_ATTR] = str(columns)


def _elements(tag: Tag) -> list[Tag]:
    return [child for child in tag.children if isinstance(child, Tag)]


def _loose_text(tag: Tag) -> bool:
    return any(type(child) is NavigableString and child.strip() for child in tag.children)


def _is_cell(tag: Tag) -> bool:
    return tag.name == "div" and tag.find(_BLOCKS_IN_CELL) is None


def div_table_rows(tag: Tag, cell_text: Callable[[Tag], str]) -> list[list[str]] | None:
    """The rows of a table built of ``<div>``s, or None where ``tag`` is no such table."""
    if tag.name != "div" or _loose_text(tag):
        return None
    children = _elements(tag)
    columns = int(str(tag.get(COLUMNS_ATTR) or 0))
    if columns >= 2:
        if len(children) >= 2 * columns and len(children) % columns == 0 and all(map(_is_cell, children)):
            texts = [cell_text(cell) for cell in children]
            return [texts[k:k + columns] for k in range(0, len(texts), columns)]
        return None
    if len(children) < 2 or any(row.name != "div" or _loose_text(row) for row in children):
        return None
    rows = [_elements(row) for row in children]
    width = len(rows[0])
    if width < 2 or any(len(row) != width or not all(map(_is_cell, row)) for row in rows):
        return None
    return [[cell_text(cell) for cell in row] for row in rows]

"""Exports that are web pages saved as ``.xls``: an HTML table Excel opens as a sheet.

Many Chinese platforms' "导出Excel" buttons write an HTML page (often GBK, with Excel's
``xmlns:x="urn:schemas-microsoft-com:office:excel"`` and ``mso-number-format`` styles) under an
``.xls`` name; Excel and WPS open it as a sheet, so an office sees a spreadsheet and has no reason
to think it is anything else. The rows are streamed from the table's ``<tr>`` elements with lxml's
pull parser (each row dropped once read, so memory stays flat), every cell as its text, a
``colspan`` cell followed by empty cells so the columns stay under their header. A row that holds a
table of its own (a layout table around the data) is skipped: its inner rows were read already.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ipcity.text import declared_charset

# The start of a file that is a web page (after any BOM and white space).
# (Comments may come first: a page saved by a browser opens with ``<!-- saved from url=… -->``.)
_MARKUP_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*"
                           rb"<(?:!doctype\s+html|html|table|head|meta|body|style|title|\?xml[^>]*>\s*<html)",
                           re.IGNORECASE | re.DOTALL)
_TABLE = re.compile(rb"<table[\s>]", re.IGNORECASE)
# A page's charset is looked for in its first 8 KB only (``ipcity.text.declared_charset``).
_CHARSET_BYTES = 8192
_SPACES = re.compile(r"\s+")
_MAX_COLSPAN = 256  # an export's widest header; a larger span is a damaged or hostile page
_CHUNK = 1 << 16  # what the parser reads at a time: the events of one chunk are held together


def is_html_table(head: bytes) -> bool:
    """Whether a file's first bytes are a web page holding a table."""
    return bool(_MARKUP_START.match(head)) and bool(_TABLE.search(head))


def encoding_of(head: bytes, fallback: str) -> str:
    """The page's declared charset (``gb2312`` read as its superset GB18030), else ``fallback``.
    The declaration is looked for in the first 8 KB.

    A declaration is believed only when it names a text encoding both Python and lxml know: a page
    may declare anything (``rot13``, ``zlib``, a made-up name), which lxml refused with a
    ``LookupError`` that no reader expected. A declared UTF-16 or UTF-32 is ignored, as browsers do:
    the declaration itself was read as ASCII, so the page is not in either."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8"
    name = declared_charset(head[:_CHARSET_BYTES])
    if name:
        if name in ("gb2312", "gbk", "gb18030", "x-gbk"):
            return "gb18030"
        return name if _usable(name) else fallback
    return fallback


def _usable(name: str) -> bool:
    from lxml import etree

    try:
        info = codecs.lookup(name)
        etree.HTMLPullParser(encoding=name)
    except LookupError:
        return False
    return info._is_text_encoding and not info.name.startswith(("utf-16", "utf-32"))  # type: ignore[attr-defined]


# Excel's widest sheet: a row wider than this is no sheet. A caller passes its own, lower limit.
MAX_COLUMNS = 16_384
# Elements one row may hold before it ends (cells and what is inside them: a <br>, a <span>; an
# export's row holds a few hundred): lxml keeps a row whole until its end tag, about 1 KB an
# element with the events' objects, so a 5 MB row of 250,000 cells cost 600 MB before its width
# could be counted.
MAX_ROW_ELEMENTS = 20_000


class TableTooLarge(ValueError):
    """A row wider than the caller's limit (``columns``: its width), or holding more than
    ``MAX_ROW_ELEMENTS`` elements (``columns`` None): refused while it is read."""

    def __init__(self, row: int, columns: int | None) -> None:
        self.row, self.columns = row, columns
        super().__init__(f"table row {row}: " + (f"{columns:,} columns" if columns is not None
                                                 else f"more than {MAX_ROW_ELEMENTS:,} elements"))


def html_rows(source: Path | BinaryIO, encoding: str,
              max_columns: int = MAX_COLUMNS) -> Iterator[tuple[int, list[object]]]:
    """(row number from 1, cell texts) for every ``<tr>`` of the page (a file, or an open binary
    stream), in document order; ``TableTooLarge`` for a row wider than ``max_columns``.

    Memory stays flat whatever the page holds: a row is freed once read, every element outside a
    row (a page of paragraphs around a small table) once it ends, and a row holding more than
    ``MAX_ROW_ELEMENTS`` elements is refused before it ends."""
    from lxml import etree

    parser = etree.HTMLPullParser(events=("end",), encoding=encoding, no_network=True,
                                  remove_comments=True, remove_pis=True)
    number = 0
    held: dict = {}  # an open row → the elements it holds so far (a row may hold a table of its own)
    with open(source, "rb") if isinstance(source, Path) else source as handle:
        while True:
            chunk = handle.read(_CHUNK)
            if chunk:
                parser.feed(chunk)
            else:
                parser.close()
            for _event, element in parser.read_events():
                if element.tag != "tr":
                    row = _row_of(element)
                    if row is None:
                        _drop_read(element)  # outside every row: nothing of it is read
                    else:  # kept until its row ends (an inner table's rows are freed as they are read)
                        count = held[row] = held.get(row, 0) + 1
                        if count > MAX_ROW_ELEMENTS:
                            raise TableTooLarge(number + 1, None)
                    continue
                held.pop(element, None)
                if element.find(".//table") is None:
                    number += 1
                    yield number, _cells(element, number, max_columns)
                _drop_read(element)
            if not chunk:
                return


def _row_of(element):
    """The nearest row holding the element (a cell's parent; a few steps up for what is inside a
    cell; libxml2 nests at most 256 deep), or None."""
    parent = element.getparent()
    while parent is not None and parent.tag != "tr":
        parent = parent.getparent()
    return parent


def _cells(row, number: int, max_columns: int) -> list[object]:
    """The row's cell texts, a ``colspan`` cell followed by empty cells; the width is counted before
    any cell is made (a 5 MB row of ``colspan="256"`` cells made 58 million)."""
    cells = [cell for cell in row if isinstance(cell.tag, str) and cell.tag.lower() in ("td", "th")]
    spans = [_span(cell) for cell in cells]
    width = len(cells) + sum(spans)
    if width > max_columns:
        raise TableTooLarge(number, width)
    texts: list[object] = []
    for cell, extra in zip(cells, spans, strict=True):
        texts.append(_SPACES.sub(" ", "".join(cell.itertext())).strip())
        texts.extend([""] * extra)
    return texts


def _span(cell) -> int:
    """The empty cells that follow a cell (its ``colspan`` less one, at most ``_MAX_COLSPAN``)."""
    span = (cell.get("colspan") or "1").strip()
    if not (span.isascii() and span.isdigit()):  # ("²" is a digit to Python and no number to int())
        return 0
    # (A span of thousands of digits would stop int(): Python refuses to convert such a string.)
    return _MAX_COLSPAN if len(span) > 6 else min(max(int(span) - 1, 0), _MAX_COLSPAN)


def _drop_read(element) -> None:
    """Free an element once read, and its siblings before it (lxml keeps the tree as it parses)."""
    element.clear()
    parent = element.getparent()
    while parent is not None and element.getprevious() is not None:
        del parent[0]

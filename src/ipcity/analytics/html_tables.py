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

# The start of a file that is a web page (after any BOM and white space).
_MARKUP_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*<(?:!doctype\s+html|html|table|head|meta|body|\?xml[^>]*>\s*<html)",
                           re.IGNORECASE)
_TABLE = re.compile(rb"<table[\s>]", re.IGNORECASE)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([a-zA-Z0-9_\-]+)", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_MAX_COLSPAN = 256  # an export's widest header; a larger span is a damaged or hostile page
_CHUNK = 1 << 20


def is_html_table(head: bytes) -> bool:
    """Whether a file's first bytes are a web page holding a table."""
    return bool(_MARKUP_START.match(head)) and bool(_TABLE.search(head))


def encoding_of(head: bytes, fallback: str) -> str:
    """The page's declared charset (``gb2312`` read as its superset GB18030), else ``fallback``."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8"
    match = _META_CHARSET.search(head)
    if match:
        name = match.group(1).decode("ascii").lower()
        try:
            codecs.lookup(name)
        except LookupError:
            return fallback
        return "gb18030" if name in ("gb2312", "gbk", "gb18030", "x-gbk") else name
    return fallback


def html_rows(source: Path | BinaryIO, encoding: str) -> Iterator[tuple[int, list[object]]]:
    """(row number from 1, cell texts) for every ``<tr>`` of the page (a file, or an open binary
    stream), in document order."""
    from lxml import etree

    parser = etree.HTMLPullParser(events=("end",), tag="tr", encoding=encoding, no_network=True,
                                  remove_comments=True, remove_pis=True)
    number = 0
    with open(source, "rb") if isinstance(source, Path) else source as handle:
        while True:
            chunk = handle.read(_CHUNK)
            if chunk:
                parser.feed(chunk)
            else:
                parser.close()
            for _event, row in parser.read_events():
                if row.find(".//table") is None:
                    number += 1
                    yield number, _cells(row)
                _drop_read(row)
            if not chunk:
                return


def _cells(row) -> list[object]:
    cells: list[object] = []
    for cell in row:
        if not isinstance(cell.tag, str) or cell.tag.lower() not in ("td", "th"):
            continue
        cells.append(_SPACES.sub(" ", "".join(cell.itertext())).strip())
        span = cell.get("colspan") or "1"
        extra = int(span) - 1 if span.strip().isdigit() else 0
        cells.extend([""] * min(max(extra, 0), _MAX_COLSPAN))
    return cells


def _drop_read(row) -> None:
    """Free a row once read, and the rows before it (lxml keeps the tree as it parses)."""
    row.clear()
    parent = row.getparent()
    while parent is not None and row.getprevious() is not None:
        del parent[0]

"""Old binary Excel workbooks (.xls, BIFF5/BIFF8), read with xlrd.

Several patent databases (incoPat's download among them), CNIPA-style provincial platforms and
WPS's default "Excel 97-2003" save still give .xls files, so refusing them sent an office to a
desktop converter for every export. Rows come out as openpyxl gives an .xlsx's: text as ``str``,
whole numbers as ``int``, other numbers as ``float``, date cells as ``datetime``, booleans as
``bool``, empty cells as ``None``, error cells as their text (``#N/A``), so every importer reads
both formats through one path.

A BIFF file always stores a formula's last result beside it, so unlike an .xlsx written by a
script there is no formula without a value to refuse.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from ipcity import ole2  # imported before xlrd reads any file: it makes xlrd's compound-file reader safe

# An OLE2 compound file's signature: the old binary Office files (.xls, .doc) are such files.
OLE2_MAGIC = ole2.MAGIC
# The streams a compound file holds when it is a workbook: BIFF8 ("Workbook") or BIFF5 ("Book").
_WORKBOOK_STREAMS = ("Workbook", "Book")


class XlsError(ValueError):
    """The workbook cannot be read (damaged, encrypted, not BIFF)."""


def is_workbook(data: bytes) -> bool:
    """Whether an OLE2 compound file holds an Excel workbook stream (a .doc holds none);
    ``XlsError`` when the compound file itself is damaged."""
    try:
        document = ole2.compound_file(data)
        return any(document.locate_named_stream(name)[0] is not None for name in _WORKBOOK_STREAMS)
    except Exception as exc:  # xlrd raises CompDocError, IndexError, struct.error... for a damaged file
        raise XlsError(f"a damaged old Office (XLS/DOC) file ({type(exc).__name__}: {exc})") from exc


def xls_rows(path: Path, choose: Callable[[Iterable[list[object]]], bool]) -> Iterator[tuple[int, list[object]]]:
    """(row number from 1, cells) of the first sheet (of the first ``MAX_SHEETS``) whose top rows
    ``choose`` accepts, else of the first sheet."""
    book = open_book(path)
    try:
        sheet = next((s for s in _sheets(book) if choose(_top_rows(book, s))), None) or book.sheet_by_index(0)
        for number in range(sheet.nrows):
            cells = [cell_value(book, cell) for cell in sheet.row(number)]
            # Every row as wide as the sheet, as openpyxl gives an .xlsx's (made one row at a time:
            # xlrd keeps each row as short as its cells, see ``open_book``).
            yield number + 1, cells + [None] * (sheet.ncols - len(cells))
    finally:
        book.release_resources()


# xlrd reads a sheet whole, and a sheet with one cell in its last row (65,536) costs about 10 MB
# and 0.1 s even with nothing else in it (a row list for every row above). A BIFF sheet takes
# about 400 bytes, so a 5 MB file could hold 12,000 such sheets: this many at most are opened, one
# at a time. An office's workbook or an export holds a few.
MAX_SHEETS = 30


_TOP_ROWS = 20


def _top_rows(book: Any, sheet: Any) -> Iterator[list[object]]:
    for number in range(min(sheet.nrows, _TOP_ROWS)):
        yield [cell_value(book, cell) for cell in sheet.row(number)]


def _sheets(book: Any) -> Iterator[Any]:
    """The first ``MAX_SHEETS`` sheets, each released once the next is asked for."""
    for index in range(min(book.nsheets, MAX_SHEETS)):
        yield book.sheet_by_index(index)
        book.unload_sheet(index)


def open_book(path: Path | None = None, data: bytes | None = None) -> Any:
    """The workbook (from a file or its bytes), its sheets loaded when asked for."""
    import xlrd

    try:
        # xlrd writes its diagnostics to standard output unless given a log: keep them off the
        # command line's output (which may be JSON).
        # ``ragged_rows``: each row holds the cells it has. Without it xlrd pads every row to the
        # widest, so one cell at row 65,536 column 256 of a 6 KB file filled 16.7 million cells
        # (150 MB a sheet, 3 GB for a 125 KB workbook of 20 such sheets).
        return xlrd.open_workbook(str(path) if path else None, file_contents=data, logfile=io.StringIO(),
                                  on_demand=True, ragged_rows=True)
    except Exception as exc:  # XLRDError, CompDocError, struct.error... for a damaged or encrypted file
        raise XlsError(f"unreadable XLS ({exc})") from exc


def cell_value(book: Any, cell: Any) -> object:
    """A cell as openpyxl would give it."""
    import xlrd

    kind, value = cell.ctype, cell.value
    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if kind == xlrd.XL_CELL_NUMBER:
        return int(value) if float(value).is_integer() else value
    if kind == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate_as_datetime(value, book.datemode)
        except (xlrd.xldate.XLDateError, OverflowError, ValueError):
            return value  # a number formatted as a date but outside the calendar: the number
    if kind == xlrd.XL_CELL_BOOLEAN:
        return bool(value)
    if kind == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(value, "#ERROR")
    return value


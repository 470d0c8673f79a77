"""Writing old binary Excel (.xls) files for the tests, the way an export or WPS saves them.

Written with xlwt (a test dependency only): dates as date cells (a date number format, which is
how a BIFF reader tells a date from a number), numbers as numbers, the rest as text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

import xlwt

_DATE = xlwt.easyxf(num_format_str="YYYY-MM-DD")


def write_xls(path: Path, rows: Iterable[Iterable[object]], *, sheet_name: str = "导出结果",
              before: Iterable[tuple[str, list[list[object]]]] = ()) -> Path:
    """``rows`` on a sheet named ``sheet_name``; ``before``: (name, rows) of sheets put in front
    (notes, a query), as some exports do."""
    book = xlwt.Workbook(encoding="utf-8")
    for name, other in before:
        _fill(book.add_sheet(name), other)
    _fill(book.add_sheet(sheet_name), rows)
    book.save(str(path))
    return path


def _fill(sheet, rows: Iterable[Iterable[object]]) -> None:
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is None or value == "":
                continue
            if isinstance(value, (dt.date, dt.datetime)):
                sheet.write(r, c, value, _DATE)
            else:
                sheet.write(r, c, value)

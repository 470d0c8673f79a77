"""A file's rows, from the reader of its type: the one entry the importers read a checked file
through (``readers.inspect`` checks it first and says its type).

Apart from ``readers`` because the readers of each type (``csv_reading``, ``xlsx_reading``,
``header_rows``) use ``readers``' errors, limits and ``Source``: the dispatch over them sits above
them all, so no module imports one that imports it back.
"""

from __future__ import annotations

from collections.abc import Iterator

from ipcity.analytics import csv_reading, header_rows, html_tables, readers, xls, xlsx_reading
from ipcity.analytics.readers import Source


def iter_rows(source: Source) -> Iterator[tuple[int, list[object]]]:
    """(line number, cells) for every row of the file, header included."""
    if source.kind == "xlsx":
        yield from xlsx_reading.xlsx_rows(source.path)
    elif source.kind == "html":
        try:
            yield from html_tables.html_rows(source.path, source.encoding or "utf-8")
        except html_tables.TableTooLarge as exc:  # a row no sheet has: refused as it is read
            raise readers.RowTooLarge(source.path, exc.row, str(exc)) from exc
    elif source.kind == "xls":
        try:
            yield from xls.xls_rows(source.path, header_rows.looks_like_data)
        except xls.XlsError as exc:
            raise readers.InputError(f"{source.path}: {exc}") from exc
    else:
        yield from csv_reading.csv_rows(source)

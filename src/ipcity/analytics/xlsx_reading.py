"""Reading an XLSX: the sheet that holds the data streamed row by row (openpyxl, read-only, its
formulas read as the results saved with them), after a check that no formula cell lacks a saved
result (``UncomputedFormula``).

It exists apart from ``readers`` because the workbook's own faults (a stale dimension, formulas
never computed, notes on the first sheet) take their own code and their own XML scan; the zip's
declared sizes are checked earlier, by ``readers.inspect`` (``check_xlsx_unpacked``).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from ipcity.analytics.header_rows import looks_like_data
from ipcity.analytics.readers import HEADER_SEARCH_ROWS, InputError


class UncomputedFormula(InputError):
    """An XLSX cell holds a formula but no saved result (a workbook written by a script, never
    opened in Excel or WPS). Read with cached values it would come out empty, and an importer
    would take a row with a formula for its description as a row without one."""

    def __init__(self, path: Path, row: int, column: int) -> None:
        from openpyxl.utils import get_column_letter

        self.row, self.column = row, get_column_letter(column)
        super().__init__(f"{path}: cell {self.column}{row} is a formula without a saved result "
                         "(open and save the file in Excel or WPS, or paste the values)")


def _load_workbook(path: Path):
    """The workbook, streamed, its formulas read as the results saved with them."""
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged workbook
        raise InputError(f"{path}: unreadable XLSX ({exc})") from exc
    # A streamed sheet stops at its <dimension>, which some exporters leave stale (the header's
    # row alone): without this, every row below it was silently dropped.
    for sheet in workbook.worksheets:
        sheet.reset_dimensions()
    return workbook


def xlsx_rows(path: Path) -> Iterator[tuple[int, list[object]]]:
    """(sheet row, cells) for every row of the data sheet, header included."""
    workbook = _load_workbook(path)
    try:
        sheet = _data_sheet(workbook)
        stat = path.stat()
        if cell := _uncomputed_cell(str(path), sheet._worksheet_path.lstrip("/"), stat.st_mtime_ns, stat.st_size):
            raise UncomputedFormula(path, *cell)
        for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, list(cells)
    finally:
        workbook.close()


@lru_cache(maxsize=32)
def _uncomputed_cell(path: str, member: str, mtime_ns: int, size: int) -> tuple[int, int] | None:
    """The first formula cell without a result, looked for once per file as it is on disk (keyed
    by its time and size): an import reads a file more than once (its header, then its rows)."""
    return _first_uncomputed(Path(path), member) if _has_formulas(Path(path), member) else None


# A formula element (<f>, <f t="shared" .../>, or <x:f> from writers that prefix the namespace).
_FORMULA_ELEMENT = re.compile(rb"<(?:\w+:)?f[\s>/]")


def _has_formulas(path: Path, member: str) -> bool:
    """Whether the sheet's XML holds any formula: one streamed scan of the decompressed member, so
    a sheet of plain values (every export seen) is parsed once, by openpyxl alone."""
    overlap = 16  # longer than any match, so one cut across a chunk boundary is still found
    with zipfile.ZipFile(path) as archive, archive.open(member) as xml:
        tail = b""
        while chunk := xml.read(1 << 20):
            if _FORMULA_ELEMENT.search(tail + chunk):
                return True
            tail = chunk[-overlap:]
    return False


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _first_uncomputed(path: Path, member: str) -> tuple[int, int] | None:
    """(row, column) of the first formula cell saved without a result, if any.

    Read from the sheet's XML because openpyxl's cached values cannot tell the two empties apart: a
    formula whose result is the empty text (``=IF(A2="","",A2)``) is saved as a ``t="str"`` cell
    with an empty ``<v>``, one never computed has no ``<v>`` or an empty one without that type.
    """
    from openpyxl.utils.cell import coordinate_to_tuple
    from openpyxl.xml.functions import iterparse

    row = column = 0
    with zipfile.ZipFile(path) as archive, archive.open(member) as xml:
        for event, element in iterparse(xml, events=("start", "end")):
            name = _local(element.tag)
            if event == "start":
                if name == "row":
                    row, column = int(element.get("r") or row + 1), 0
                continue
            if name == "c":
                reference = element.get("r")
                row, column = coordinate_to_tuple(reference) if reference else (row, column + 1)
                children = {_local(child.tag): child for child in element}
                value = children["v"].text if "v" in children else None
                if "f" in children and not value and element.get("t") != "str":
                    return row, column
                element.clear()
            elif name == "row":
                element.clear()
    return None


def _data_sheet(workbook):
    """The first sheet whose top rows look like a patent header (exports put notes on others)."""
    for sheet in workbook.worksheets:
        if looks_like_data(sheet.iter_rows(max_row=HEADER_SEARCH_ROWS, values_only=True)):
            return sheet
    return workbook.worksheets[0]

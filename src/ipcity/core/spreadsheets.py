"""Spreadsheets in and out, safely: the one place for formula neutralising and checked reading.

Out: every .xlsx/.csv export passes its text cells through ``neutralise`` (or ``safe_row``) so a
title such as ``=HYPERLINK(...)`` reaches the office's Excel as text, never as a live formula.

In: ``read_sheet`` reads an uploaded workbook (an old binary .xls too, through
``ipcity.analytics.xls``) only after cheap checks that need no parsing (the
compressed size, the zip's members and their declared unpacked size, the sheet's declared
dimension) and then streams the rows, counting them itself because a dimension can lie. A 260 KB
file that unpacks to a million rows is refused in well under a second instead of holding a worker
for minutes. Formula cells are refused with their row: with ``data_only`` openpyxl would silently
read them as empty (no cached value) and the user would never know their value was dropped.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ipcity.analytics import html_tables, xls
from ipcity.text import plain_number, without_xml_illegal

# Text starting with one of these is read as a formula (or a DDE payload) by Excel/LibreOffice.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise(value):
    """The value to write into an exported cell: control characters an .xlsx cannot hold are
    dropped, then dangerous text gets a leading apostrophe.

    Only text is touched; numbers (negative ones included) and dates stay numbers and dates. A
    whole float (values are stored as floats, 1850 filings as 1850.0) is written as an int, so a
    CSV reads 1850 rather than 1850.0; any other float goes out in full (``str`` of a float is its
    shortest exact form, never rounded).
    """
    if isinstance(value, float):
        return plain_number(value)
    if not isinstance(value, str):
        return value
    # openpyxl refuses the whole workbook (IllegalCharacterError) for one such character in a name.
    value = without_xml_illegal(value)
    if value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def restore(text: str) -> str:
    """The text ``neutralise`` wrote, read back from a re-uploaded template (``'=x`` → ``=x``)."""
    if text.startswith("'") and text[1:].startswith(FORMULA_PREFIXES):
        return text[1:]
    return text


def safe_row(values: Iterable) -> list:
    """``neutralise`` applied to every cell of a row (for ``ws.append`` and ``csv.writer``)."""
    return [neutralise(v) for v in values]


def workbook_bytes(workbook) -> bytes:
    """An openpyxl workbook saved to bytes, for an ``HttpResponse``."""
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# ------------------------------------------------------------------------------- reading

class SpreadsheetRefused(ValueError):
    """An uploaded workbook that will not be read; ``str(exc)`` is the Chinese message for the user."""

    def __init__(self, message: str, *, row: int | None = None):
        super().__init__(message)
        self.message = message
        self.row = row


@dataclass(frozen=True)
class WorkbookLimits:
    """What one uploaded workbook may hold. Defaults are generous for an office's templates."""

    max_bytes: int = 5 * 1024 * 1024  # the file as uploaded
    max_unpacked_bytes: int = 40 * 1024 * 1024  # all zip members together, as declared
    max_members: int = 500
    # The shared-string table is read whole into memory (not streamed), so it gets its own cap.
    max_shared_strings_bytes: int = 10 * 1024 * 1024
    max_rows: int = 5000
    max_columns: int = 50


DEFAULT_LIMITS = WorkbookLimits()
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"([A-Z]+)?(\d+)?(?::([A-Z]+)(\d+))?\"")


def _mb(n: int) -> str:
    if n < 1024 * 1024:
        return f"{n / 1024:g} KB"
    return f"{n / (1024 * 1024):g} MB"


def _column_number(letters: str) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + (ord(ch) - 64)
    return number


def check_archive(data: bytes, limits: WorkbookLimits = DEFAULT_LIMITS) -> zipfile.ZipFile:
    """The workbook's zip, opened, once its size and members are sane; ``SpreadsheetRefused`` otherwise.

    Python's zipfile never inflates a member beyond its declared size (a larger one fails its CRC),
    so the declared sizes bound the work openpyxl can be made to do.
    """
    if len(data) == 0:
        raise SpreadsheetRefused(_("文件为空"))
    if len(data) > limits.max_bytes:
        raise SpreadsheetRefused(_("文件超过大小上限（%(limit)s）") % {"limit": _mb(limits.max_bytes)})
    if not data.startswith(b"PK\x03\x04"):
        raise SpreadsheetRefused(_("文件内容不是 Excel 工作簿（.xlsx）"))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise SpreadsheetRefused(_("文件已损坏，无法读取该 Excel 工作簿")) from exc
    if len(members) > limits.max_members:
        raise SpreadsheetRefused(_("工作簿内部文件过多（%(n)s 个，上限 %(limit)s 个）") % {"n": len(members), "limit": limits.max_members})
    names = {m.filename for m in members}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise SpreadsheetRefused(_("文件内容不是 Excel 工作簿（.xlsx）"))
    unpacked = sum(m.file_size for m in members)
    if unpacked > limits.max_unpacked_bytes:
        raise SpreadsheetRefused(_("工作簿解压后过大（约 %(size)s MB，上限 %(limit)s），请只保留需要填报的工作表和行") % {
            "size": f"{unpacked / (1024 * 1024):.0f}", "limit": _mb(limits.max_unpacked_bytes)})
    strings = sum(m.file_size for m in members if m.filename.lower().endswith("sharedstrings.xml"))
    if strings > limits.max_shared_strings_bytes:
        raise SpreadsheetRefused(_("工作簿中的文字内容过多（约 %(size)s MB，上限 %(limit)s）") % {
            "size": f"{strings / (1024 * 1024):.0f}", "limit": _mb(limits.max_shared_strings_bytes)})
    return archive


def _declared_dimension(archive: zipfile.ZipFile, path: str) -> tuple[int, int] | None:
    """(rows, columns) from the sheet's ``<dimension>``, read from the first bytes of the member only."""
    with archive.open(path) as member:
        head = member.read(4096)
    match = _DIMENSION.search(head)
    if not match:
        return None
    start_col, start_row, end_col, end_row = match.groups()
    rows = int(end_row or start_row or 0)
    columns = _column_number((end_col or start_col or "A").decode())
    return rows, columns


def _refuse_size(rows: int, columns: int, limits: WorkbookLimits) -> None:
    if rows > limits.max_rows:
        raise SpreadsheetRefused(_("工作表行数过多（%(n)s 行，上限 %(limit)s 行），请删去多余的行后重新上传")
                                 % {"n": rows, "limit": limits.max_rows})
    if columns > limits.max_columns:
        raise SpreadsheetRefused(_("工作表列数过多（%(n)s 列，上限 %(limit)s 列），请删去多余的列后重新上传")
                                 % {"n": columns, "limit": limits.max_columns})


def read_sheet(data: bytes, *, sheet: str | None = None, limits: WorkbookLimits = DEFAULT_LIMITS,
               allow_formulas: bool = False) -> list[tuple[int, tuple]]:
    """The non-empty rows of one sheet (``sheet`` if present, else the first) as ``(row number, values)``.

    Values are as openpyxl types them (str, int, float, bool, datetime, None). Raises
    ``SpreadsheetRefused`` with a Chinese message naming the limit, or the row of a formula.
    """
    return list(iter_sheet(data, sheet=sheet, limits=limits, allow_formulas=allow_formulas))


def iter_sheet(data: bytes, *, sheet: str | None = None, limits: WorkbookLimits = DEFAULT_LIMITS,
               allow_formulas: bool = False) -> Iterator[tuple[int, tuple]]:
    """``read_sheet`` as a stream; the checks before reading run on the first ``next()``.

    openpyxl's own worksheets are not used: opening one whose ``<dimension>`` is missing makes it
    parse the whole sheet to find one (seconds for a million rows), and a row is built whole
    before it is returned. Here the sheet's XML is walked element by element, each cell typed by
    openpyxl's parser, and the row and column limits apply as the elements arrive. That uses
    openpyxl's reader pieces (``ExcelReader`` steps, ``WorkSheetParser.parse_cell``), which are not
    public API: tests/web/uploads/test_spreadsheets.py fails if an openpyxl upgrade changes them.
    """
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.styles.stylesheet import apply_stylesheet
    from openpyxl.worksheet._reader import WorkSheetParser

    if data.startswith(xls.OLE2_MAGIC):
        yield from _xls_rows(data, sheet, limits)
        return
    if html_tables.is_html_table(data[:_HTML_HEAD]):
        yield from _html_rows(data, limits)
        return
    archive = check_archive(data, limits)
    try:
        reader = ExcelReader(io.BytesIO(data), read_only=True, data_only=False)
        reader.read_manifest()
        reader.read_strings()
        reader.read_workbook()
        apply_stylesheet(reader.archive, reader.wb)
        sheets = [(s.name, rel.target) for s, rel in reader.parser.find_sheets()
                  if "worksheet" in rel.Type and rel.target in reader.valid_files]
    except Exception as exc:  # openpyxl raises many kinds for a corrupt file
        archive.close()
        raise SpreadsheetRefused(_("无法读取该 Excel 文件，请用 Excel 或 WPS 另存为 .xlsx 后重新上传")) from exc
    try:
        if not sheets:
            raise SpreadsheetRefused(_("工作簿中没有工作表"))
        path = next((target for name, target in sheets if name == sheet), sheets[0][1])
        declared = _declared_dimension(archive, path)
        if declared is not None:
            _refuse_size(*declared, limits)
        cell_parser = WorkSheetParser(None, reader.shared_strings, data_only=False, epoch=reader.wb.epoch,
                                      date_formats=reader.wb._date_formats,
                                      timedelta_formats=reader.wb._timedelta_formats)
        with archive.open(path) as source:
            yield from _stream_rows(source, cell_parser, limits, allow_formulas)
    finally:
        reader.archive.close()
        archive.close()


def xls_refusal(exc: Exception) -> str:
    """What to tell the user of an .xls that xlrd could not open: a password, or damage."""
    if "encrypt" in str(exc).lower():
        return _("Excel 文件设有打开密码，请去除密码后上传")
    return _("无法打开该 Excel 97-2003（.xls）文件，文件可能已损坏")


def _xls_rows(data: bytes, sheet: str | None, limits: WorkbookLimits) -> Iterator[tuple[int, tuple]]:
    """An old binary workbook's (.xls, Excel 97-2003) rows, typed as openpyxl types an .xlsx's.

    xlrd reads a sheet whole; the file's size (checked first) bounds that, and the row and column
    limits apply before a row is given. A BIFF file saves every formula's result, so a formula
    cell reads as the value the office saw (xlrd cannot tell it from a typed one)."""
    if len(data) > limits.max_bytes:
        raise SpreadsheetRefused(_("文件超过大小上限（%(limit)s）") % {"limit": _mb(limits.max_bytes)})
    try:
        book = xls.open_book(data=data)
    except xls.XlsError as exc:
        raise SpreadsheetRefused(xls_refusal(exc)) from exc
    try:
        names = book.sheet_names()
        if not names:
            raise SpreadsheetRefused(_("工作簿中没有工作表"))
        try:
            chosen = book.sheet_by_name(sheet) if sheet in names else book.sheet_by_index(0)
        except Exception as exc:  # xlrd's errors from a damaged sheet
            raise SpreadsheetRefused(xls_refusal(exc)) from exc
        _refuse_size(chosen.nrows, chosen.ncols, limits)
        for index in range(chosen.nrows):
            values = tuple(xls.cell_value(book, cell) for cell in chosen.row(index))
            while values and values[-1] is None:
                values = values[:-1]
            if any(v is not None and not (isinstance(v, str) and not v.strip()) for v in values):
                yield index + 1, values
    finally:
        book.release_resources()


_HTML_HEAD = 1 << 20


def _html_rows(data: bytes, limits: WorkbookLimits) -> Iterator[tuple[int, tuple]]:
    """A web page's table saved under an .xls name (many platforms' "导出Excel"), streamed; every
    cell is text, an empty one None, as openpyxl gives an empty cell."""
    if len(data) > limits.max_bytes:
        raise SpreadsheetRefused(_("文件超过大小上限（%(limit)s）") % {"limit": _mb(limits.max_bytes)})
    head = data[:_HTML_HEAD]
    encoding = html_tables.encoding_of(head, "utf-8" if _decodes(head, "utf-8") else "gb18030")
    try:
        for number, cells in html_tables.html_rows(io.BytesIO(data), encoding, max_columns=limits.max_columns):
            if number > limits.max_rows:
                raise SpreadsheetRefused(_("工作表行数过多（已超过上限 %(limit)s 行），请删去多余的行后重新上传")
                                         % {"limit": limits.max_rows}, row=number)
            values = tuple(c if c != "" else None for c in cells)
            if any(v is not None for v in values):
                yield number, values
    except html_tables.TableTooLarge as exc:
        if exc.columns is not None:
            _refuse_size(exc.row, exc.columns, limits)
        raise SpreadsheetRefused(_("网页表格第 %(row)s 行的内容过多，不是导出的表格；请用 Excel 或 WPS 打开后另存为 .xlsx 再上传")
                                 % {"row": exc.row}, row=exc.row) from exc


def _decodes(head: bytes, encoding: str) -> bool:
    try:
        head.decode(encoding)
    except UnicodeDecodeError as exc:
        return exc.start >= len(head) - 3  # only a character cut at the sample's end
    return True


def _stream_rows(source, cell_parser, limits: WorkbookLimits, allow_formulas: bool) -> Iterator[tuple[int, tuple]]:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet._reader import CELL_TAG, DATA_TAG, ROW_TAG
    from openpyxl.xml.functions import iterparse

    number = 0
    cells: dict[int, object] = {}
    for event, element in iterparse(source, events=("start", "end")):
        tag = element.tag
        if event == "start":
            if tag == ROW_TAG:
                number = int(element.get("r") or number + 1)
                if number > limits.max_rows:
                    raise SpreadsheetRefused(_("工作表行数过多（已超过上限 %(limit)s 行），请删去多余的行后重新上传")
                                             % {"limit": limits.max_rows}, row=number)
                cell_parser.row_counter, cell_parser.col_counter = number, 0
                cells = {}
            continue
        if tag == CELL_TAG:
            cell = cell_parser.parse_cell(element)
            if cell["column"] > limits.max_columns:
                _refuse_size(number, cell["column"], limits)
            if cell["data_type"] == "f" and not allow_formulas:
                coordinate = f"{get_column_letter(cell['column'])}{number}"
                raise SpreadsheetRefused(_("第 %(row)s 行 %(cell)s 单元格是公式，平台不读取公式，请改为直接填写数值"
                                           "（可复制后“选择性粘贴 → 数值”）") % {"row": number, "cell": coordinate},
                                         row=number)
            cells[cell["column"]] = cell["value"]
            element.clear()
        elif tag == ROW_TAG:
            element.clear()
            values = tuple(cells.get(c) for c in range(1, max(cells, default=0) + 1))
            if any(v is not None and not (isinstance(v, str) and not v.strip()) for v in values):
                yield number, values
        elif tag == DATA_TAG:
            return

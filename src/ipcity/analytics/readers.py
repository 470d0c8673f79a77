"""Reading export files: check the file, then stream its rows (CSV in any common encoding, XLSX,
the old binary XLS that several patent databases and WPS still export, and the web page with a
table that many platforms' "export to Excel" buttons save under an .xls name).

Rows come out one at a time with the line (CSV) or sheet row (XLSX, XLS) they started on, so
memory does not grow with the file and a rejected row can be named by its line. (An XLS sheet is
read whole by xlrd; the format holds at most 65,536 rows, and ``XLS_MAX_BYTES`` bounds the file.)
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ipcity.analytics import html_tables, xls
from ipcity.analytics.formats import header_score

if TYPE_CHECKING:  # Arrow and the columnar helpers load when a CSV is read by columns, not with the CLI
    import pyarrow as pa

    from ipcity.analytics import columnar

DEFAULT_MAX_BYTES = 2 * 1024**3  # 2 GB
HEADER_SEARCH_ROWS = 20  # title lines some exports put above the header
_SAMPLE_BYTES = 1 << 20
# An OLE2 compound file: an old binary Excel workbook (read), or a Word .doc and the like (refused).
# (Its first four bytes: a file cut shorter than the full signature is a damaged one.)
_OLE2_MAGIC = xls.OLE2_MAGIC[:4]
# xlrd holds the whole file and every cell of a sheet in memory: a BIFF8 sheet has at most 65,536
# rows, and no export of that many rows comes near this size.
XLS_MAX_BYTES = 256 * 1024**2
# An XLSX is a zip whose sheets are read unpacked: one that unpacks to far more than its size (a zip
# bomb: 0.8 MB unpacking to 800 MB took 15 s and 1.8 GB of memory to refuse) is refused from the zip's
# directory, before anything is inflated. Real exports unpack to 4-10 times their size.
XLSX_MAX_RATIO = 100  # unpacked ÷ packed, once the unpacked size is above XLSX_RATIO_FLOOR
XLSX_RATIO_FLOOR = 8 * 1024**2
XLSX_MAX_UNPACKED = 2 * 1024**3
XLSX_MAX_MEMBERS = 10_000
_BINARY_MAGIC = {b"%PDF": "a PDF", _OLE2_MAGIC: "an old Word (.doc) or other Office file that is no workbook",
                 b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image", b"\x1f\x8b": "a gzip archive",
                 b"PAR1": "a Parquet file"}

csv.field_size_limit(16 * 1024 * 1024)  # long abstracts and claims


class InputError(ValueError):
    """The file cannot be imported at all (empty, too big, wrong type, unreadable)."""


class XlsxTooBig(InputError):
    """An XLSX whose zip directory declares too many members or too much unpacked data
    (``check_xlsx_unpacked``). ``reason``: ``members``, ``unpacked`` or ``ratio``."""

    def __init__(self, message: str, reason: str, members: int, unpacked: int) -> None:
        super().__init__(message)
        self.reason, self.members, self.unpacked = reason, members, unpacked


class UncomputedFormula(InputError):
    """An XLSX cell holds a formula but no saved result (a workbook written by a script, never
    opened in Excel or WPS). Read with cached values it would come out empty, and an importer
    would take a row with a formula for its description as a row without one."""

    def __init__(self, path: Path, row: int, column: int) -> None:
        from openpyxl.utils import get_column_letter

        self.row, self.column = row, get_column_letter(column)
        super().__init__(f"{path}: cell {self.column}{row} is a formula without a saved result "
                         "(open and save the file in Excel or WPS, or paste the values)")


class RowTooLarge(InputError):
    """A web page's table row wider than any sheet, or holding too many elements (a hostile page):
    refused while it is read, before it costs memory."""

    def __init__(self, path: Path, row: int, what: str) -> None:
        self.row = row
        super().__init__(f"{path}: {what} (not a table export)")


@dataclass
class Source:
    path: Path
    kind: str  # "csv" | "xlsx" | "xls" | "html" (a web page's table saved as .xls)
    size: int
    encoding: str | None = None
    delimiter: str | None = None


def inspect(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    """Check size and type before anything is read in full; raise ``InputError`` with one clear line."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    size = path.stat().st_size
    if size == 0:
        raise InputError(f"{path}: the file is empty")
    if size > max_bytes:
        raise InputError(f"{path}: {size:,} bytes is over the limit of {max_bytes:,} bytes (--max-bytes)")
    with open(path, "rb") as handle:
        head = handle.read(_SAMPLE_BYTES)
    if head.startswith(b"PK\x03\x04"):
        return Source(path, "xlsx", size) if _is_xlsx(path) else _refuse(path, "a ZIP archive that is not XLSX")
    if head.startswith(_OLE2_MAGIC) and _is_xls(path, size):
        return Source(path, "xls", size)
    for magic, what in _BINARY_MAGIC.items():
        if head.startswith(magic):
            _refuse(path, what)
    encoding = _text_encoding(head)
    if html_tables.is_html_table(head):  # a web page saved as .xls: Excel opens its table as a sheet
        return Source(path, "html", size, html_tables.encoding_of(head, encoding or "gb18030"))
    if encoding is None:
        _refuse(path, "binary data")
    text = head.decode(encoding, errors="ignore")  # type: ignore[arg-type]
    if not text.strip():
        raise InputError(f"{path}: the file is empty")
    return Source(path, "csv", size, encoding, _delimiter(text))


def _refuse(path: Path, what: str) -> Source:
    raise InputError(f"{path}: not a CSV, XLSX or XLS file ({what})")


def _is_xls(path: Path, size: int) -> bool:
    """An OLE2 file that holds a workbook. xlrd reads the whole file, so size is checked first."""
    if size > XLS_MAX_BYTES:
        raise InputError(f"{path}: an old Office (XLS) file of {size:,} bytes is over the limit of "
                         f"{XLS_MAX_BYTES:,} bytes (save it as XLSX or CSV)")
    try:
        return xls.is_workbook(path.read_bytes())
    except xls.XlsError as exc:
        raise InputError(f"{path}: {exc}") from exc


def _is_xlsx(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            if "xl/workbook.xml" not in archive.namelist():
                return False
            check_xlsx_unpacked(archive, path.stat().st_size, str(path))
            return True
    except zipfile.BadZipFile:
        return False


def check_xlsx_unpacked(archive: zipfile.ZipFile, packed: int, label: str) -> None:
    """Raise ``XlsxTooBig`` when the zip's directory declares more than ``XLSX_MAX_MEMBERS``
    members, more than ``XLSX_MAX_UNPACKED`` bytes unpacked, or (above ``XLSX_RATIO_FLOOR``) more
    than ``XLSX_MAX_RATIO`` times its packed size. Nothing is inflated; a member that unpacks to
    more than it declares fails its size check when read (``zipfile`` stops at the declared size)."""
    members = archive.infolist()
    unpacked = sum(member.file_size for member in members)
    if len(members) > XLSX_MAX_MEMBERS:
        raise XlsxTooBig(f"{label}: an XLSX of {len(members):,} parts is over the limit of {XLSX_MAX_MEMBERS:,}",
                         "members", len(members), unpacked)
    if unpacked > XLSX_MAX_UNPACKED:
        raise XlsxTooBig(f"{label}: the XLSX unpacks to {unpacked:,} bytes, over the limit of "
                         f"{XLSX_MAX_UNPACKED:,} (save it as CSV, or split it)", "unpacked", len(members), unpacked)
    if unpacked > XLSX_RATIO_FLOOR and unpacked > XLSX_MAX_RATIO * max(packed, 1):
        raise XlsxTooBig(f"{label}: the XLSX unpacks to {unpacked:,} bytes, over {XLSX_MAX_RATIO} times its size "
                         "(a zip bomb?)", "ratio", len(members), unpacked)


def _text_encoding(head: bytes) -> str | None:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (a superset of GBK/GB2312)."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in head:
        return None
    for encoding in ("utf-8", "gb18030"):
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            decoder.decode(head, final=False)  # a character cut at the sample's end is fine
            return encoding
        except UnicodeDecodeError:
            continue
    return None


def _delimiter(text: str) -> str:
    """Tab, comma or semicolon: whichever the first line with two of one of them has most of.

    A title or export-time line above the header (``计算机软件著作权登记公告（第18期）``,
    ``导出时间：…, 共 3 条``) has at most one; the header of a table of three columns or more has
    two or more, so it decides. Without such a line, the first non-empty line decides.
    """
    lines = [line for line in text.splitlines()[:HEADER_SEARCH_ROWS + 1] if line.strip()]
    first = next((line for line in lines if max(line.count(d) for d in ("\t", ",", ";")) >= 2),
                 lines[0] if lines else "")
    counts = {d: first.count(d) for d in ("\t", ",", ";")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def iter_rows(source: Source) -> Iterator[tuple[int, list[object]]]:
    """(line number, cells) for every row of the file, header included."""
    if source.kind == "xlsx":
        yield from _xlsx_rows(source.path)
    elif source.kind == "html":
        try:
            yield from html_tables.html_rows(source.path, source.encoding or "utf-8")
        except html_tables.TableTooLarge as exc:  # a row no sheet has: refused as it is read
            raise RowTooLarge(source.path, exc.row, str(exc)) from exc
    elif source.kind == "xls":
        try:
            yield from xls.xls_rows(source.path, looks_like_data)
        except xls.XlsError as exc:
            raise InputError(f"{source.path}: {exc}") from exc
    else:
        yield from _csv_rows(source)


def _csv_rows(source: Source) -> Iterator[tuple[int, list[object]]]:
    with open(source.path, "rb") as raw:
        text = io.TextIOWrapper(raw, encoding=source.encoding, newline="")
        reader = csv.reader(text, delimiter=source.delimiter or ",")
        line = 1
        try:
            for cells in reader:
                yield line, [formula_text(c) if c.startswith(_TEXT_MARKS) else c for c in cells]
                line = reader.line_num + 1
        except UnicodeDecodeError as exc:
            raise InputError(f"{source.path}: line {line}: bytes that are not {source.encoding} ({exc.reason})") from exc
        except csv.Error as exc:
            raise InputError(f"{source.path}: line {line}: {exc}") from exc


# Exports that want Excel to keep a number's digits (an application number, a code with leading
# zeros) write the cell as a formula giving text: ="202110012345.6". Excel shows the text, and so
# does every importer here; a quote inside is doubled, as in any formula's string. Others put
# Excel's text mark, an apostrophe, in front of the code ('202110012345.6, '0123): in a CSV it
# stays in the cell, so it is dropped where the rest is a code (digits and letters, `.`, `-`,
# `/`, at least one digit): text that merely starts with an apostrophe ('Twas…) is kept.
_FORMULA_TEXT = re.compile(r'^="(.*)"$', re.DOTALL)
_MARKED_CODE = r"^'([0-9A-Za-z./-]*[0-9][0-9A-Za-z./-]*)$"  # for Arrow (RE2: linear whatever the input)
# The same test for Python's backtracking engine, which tried every split of a long run around the
# digit (quadratic: a cell of 32,000 digits and one other character took 4.5 s): the run matched
# once, then a digit looked for in it.
_CODE_RUN = re.compile(r"[0-9A-Za-z./-]+")
_DIGIT = re.compile(r"[0-9]")
_TEXT_MARKS = ('="', "'")


def formula_text(cell: str) -> str:
    """``="0123"`` → ``0123``, ``'0123`` → ``0123``; any other cell as it is."""
    match = _FORMULA_TEXT.match(cell)
    if match:
        return match.group(1).replace('""', '"')
    if cell.startswith("'") and _CODE_RUN.fullmatch(cell, 1) and _DIGIT.search(cell, 1):
        return cell[1:]
    return cell


def formula_texts(array: pa.Array) -> pa.Array:
    """``formula_text`` over an Arrow text column; a column without such a cell (every export
    seen but these) is returned as it is after one scan per mark."""
    import pyarrow as pa
    import pyarrow.compute as pc

    # Prefix tests: no regex over every cell of every column.
    if pc.any(pc.starts_with(array, '="')).as_py():
        marked = pc.match_substring_regex(array, r'(?s)^=".*"$')
        inner = pc.replace_substring(pc.replace_substring_regex(array, r'(?s)^="(.*)"$', r"\1"), '""', '"')
        array = pc.if_else(pc.fill_null(marked, False), inner, array).cast(pa.string())
    if pc.any(pc.starts_with(array, "'")).as_py():
        marked = pc.match_substring_regex(array, _MARKED_CODE)
        inner = pc.replace_substring_regex(array, _MARKED_CODE, r"\1")
        array = pc.if_else(pc.fill_null(marked, False), inner, array).cast(pa.string())
    return array


class NotColumnar(Exception):
    """The CSV needs the row-by-row reader: rows of uneven width, bytes that are not UTF-8, a header
    far down the file. That reader then reads it (and names the line of any real fault)."""


def columnar_csv(source: Source) -> bool:
    """Whether Arrow's CSV reader can read this file: UTF-8 text (with or without BOM)."""
    return source.kind == "csv" and source.encoding in ("utf-8", "utf-8-sig")


def csv_column_batches(source: Source, first_line: int, width: int,
                       batch_rows: int) -> Iterator[columnar.ColumnBatch]:
    """The data rows from physical line ``first_line`` on, as Arrow text columns in batches of
    ``batch_rows`` rows, each row with the physical line it starts on (multi-line cells counted:
    the same numbers as ``iter_rows``). Raises ``NotColumnar`` where only ``iter_rows`` can read on.

    Arrow's reader parses as the ``csv`` module does for the files it accepts (quotes doubled,
    quote characters inside an unquoted cell kept, a blank line a row of empty cells); a row of
    another width than the header stops it, as do bytes that are not UTF-8.
    """
    import pyarrow as pa
    import pyarrow.csv as pacsv

    from ipcity.analytics import columnar, import_threads

    offset = _line_offset(source.path, first_line)
    if offset is None:
        raise NotColumnar("the data start too far down the file")
    names = [f"c{i}" for i in range(width)]
    with open(source.path, "rb") as raw:
        raw.seek(offset)
        try:
            reader = pacsv.open_csv(
                raw,
                read_options=pacsv.ReadOptions(column_names=names, block_size=_ARROW_BLOCK_BYTES),
                parse_options=pacsv.ParseOptions(delimiter=source.delimiter or ",", newlines_in_values=True,
                                                 ignore_empty_lines=False),
                convert_options=pacsv.ConvertOptions(column_types=dict.fromkeys(names, pa.string()),
                                                     strings_can_be_null=False,
                                                     quoted_strings_can_be_null=False))

            def numbered() -> Iterator[columnar.ColumnBatch]:
                line = first_line
                held: list[tuple[Any, list[pa.Array]]] = []  # blocks not yet handed on
                rows = 0
                for block in reader:
                    lines, line = _line_numbers(block.columns, block.num_rows, line)
                    held.append((lines, block.columns))
                    rows += block.num_rows
                    if rows >= batch_rows:
                        joined = _joined_blocks(held)
                        held, rows = [], 0
                        for start in range(0, len(joined.lines), batch_rows):
                            part = joined.lines[start:start + batch_rows]
                            arrays = [array.slice(start, batch_rows) for array in joined.arrays]
                            if len(part) == batch_rows:
                                yield columnar.ColumnBatch(part, arrays)
                            else:  # the tail waits for the next blocks
                                held, rows = [(part, arrays)], len(part)
                if rows:  # (never an empty batch: a file that ends on a batch's last row)
                    yield _joined_blocks(held)

            def unwrapped() -> Iterator[columnar.ColumnBatch]:
                for batch in numbered():
                    yield columnar.ColumnBatch(batch.lines, [formula_texts(a) for a in batch.arrays])

            # Arrow parses the next blocks (and their lines are counted, and they are joined into
            # batches) on a thread, the GIL released, while this batch is mapped.
            yield from import_threads.prefetched(unwrapped(), depth=1)
        except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
            raise NotColumnar(str(exc)) from None


# 1 MB blocks, joined into batches: Arrow's streaming reader keeps dozens of blocks in flight
# (read ahead, parsed, in its memory pool's free pages), about 50 times the block size in RSS:
# 8 MB blocks cost ~450 MB before a row was mapped, 1 MB blocks ~120 MB, and read as fast.
_ARROW_BLOCK_BYTES = 1 << 20
_HEAD_BYTES = 16 << 20  # the header is among the first 20 rows
_LINE_BREAK_BYTES = (ord("\n"), ord("\r"))


def _joined_blocks(blocks: list[tuple[Any, list[pa.Array]]]) -> columnar.ColumnBatch:
    """Consecutive blocks (line numbers, text columns) as one batch."""
    import numpy as np
    import pyarrow as pa

    from ipcity.analytics import columnar

    if len(blocks) == 1:
        return columnar.ColumnBatch(*blocks[0])
    width = len(blocks[0][1])
    return columnar.ColumnBatch(np.concatenate([lines for lines, _ in blocks]),
                                [pa.concat_arrays([arrays[i] for _, arrays in blocks]) for i in range(width)])


def _line_offset(path: Path, line: int) -> int | None:
    """The byte offset at which physical line ``line`` (1-based) starts, lines ending at \\n, \\r
    or \\r\\n as for the ``csv`` module reading through ``open(newline="")``; None if that is not
    within the first few megabytes (the row-by-row reader then reads the file)."""
    with open(path, "rb") as handle:
        head = handle.read(_HEAD_BYTES)
        whole = not handle.read(1)
    lines = head.splitlines(keepends=True)
    if len(lines) < line - 1:
        return None
    offset = sum(map(len, lines[:line - 1]))
    if not whole and offset >= len(head) - 1:
        return None  # the line break may go on past what was read (\r, then \n)
    return offset


def _line_numbers(arrays: list[pa.Array], rows: int, line: int) -> tuple[Any, int]:
    """The line each row starts on, the first on ``line``; and the line after the last row."""
    import numpy as np
    import pyarrow.compute as pc

    breaks = np.zeros(rows, dtype=np.int64)
    for array in arrays:
        data = array.buffers()[2]
        if data is None:
            continue
        raw = np.frombuffer(data, dtype=np.uint8)
        if not (np.any(raw == _LINE_BREAK_BYTES[0]) or np.any(raw == _LINE_BREAK_BYTES[1])):
            continue
        # \r\n is one line break; a lone \r or \n is one too.
        counts = (pc.count_substring(array, "\n").to_numpy(zero_copy_only=False)
                  + pc.count_substring(array, "\r").to_numpy(zero_copy_only=False)
                  - pc.count_substring(array, "\r\n").to_numpy(zero_copy_only=False))
        breaks += counts.astype(np.int64)
    spans = breaks + 1
    ends = np.cumsum(spans)
    return line + ends - spans, line + int(ends[-1]) if rows else line


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


def _xlsx_rows(path: Path) -> Iterator[tuple[int, list[object]]]:
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


def looks_like_data(top_rows: Iterable[Sequence[object]]) -> bool:
    """Whether a sheet's top rows hold a header of known columns (the sheet to read)."""
    return any(header_score(cells) >= 2 for cells in top_rows)


def split_header(rows: Iterator[tuple[int, list[object]]]) -> tuple[int, list[object], Iterator[tuple[int, list[object]]]]:
    """Find the header row among the first rows; return it and an iterator over the data rows.

    The header is the first row with the most known headers (at least two); the rows above it
    (an export's title or query lines) are skipped.
    """
    head: list[tuple[int, list[object]]] = []
    for item in rows:
        head.append(item)
        if len(head) >= HEADER_SEARCH_ROWS:
            break
    if not head:
        raise InputError("the file has no rows")
    best, header = pick_header(head, [header_score(cells) for _, cells in head])
    line = head[best][0]

    def data() -> Iterator[tuple[int, list[object]]]:
        yield from head[best + 1:]
        yield from rows

    return line, header, data()


def pick_header(head: Sequence[tuple[int, Sequence[object]]], scores: Sequence[int]) -> tuple[int, list[object]]:
    """Which of the first rows is the header (its index), and its cells: the first row with the
    most known headers (at least two), else the first row with text.

    In a two-row header, the row of field names is the header, completed from the row above
    (``with_group_row``). When the upper row names more known fields (most fields merged down
    over both rows, a few under a group name), it scores best; the row below it is still the
    field row when it names known fields too (two or more: a data row names none).
    """
    best = max(range(len(head)), key=lambda i: (scores[i], -i))
    if scores[best] < 2:
        best = next((i for i, (_, cells) in enumerate(head) if any(str(c or "").strip() for c in cells)), 0)
        return best, list(head[best][1])
    if best + 1 < len(head) and scores[best + 1] >= 2:
        best += 1
    return best, with_group_row(head[best - 1][1], head[best][1]) if best else list(head[best][1])


def with_group_row(above: Sequence[object], header: Sequence[object]) -> list[object]:
    """The header, its empty cells named from the row above it.

    A two-row header puts group names (著录项目, 申请人信息) over the fields they span and merges
    each ungrouped field (申请号, 申请日, 法律状态) down over both rows: a merged cell's value is in
    its top cell, so in the field row those columns are empty and their names are in the row
    above. A named field is never renamed, so a title or group cell over it changes nothing.
    """
    named = list(header)
    named += [None] * (len(above) - len(named))  # a streamed row ends at its last cell with a value
    for i, cell in enumerate(named):
        if (cell is None or not str(cell).strip()) and i < len(above) and above[i] is not None \
                and str(above[i]).strip():
            named[i] = above[i]
    return named

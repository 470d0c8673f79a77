"""Reading export files: check the file, then stream its rows (CSV in any common encoding, XLSX).

Rows come out one at a time with the line (CSV) or sheet row (XLSX) they started on, so
memory does not grow with the file and a rejected row can be named by its line.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ipcity.analytics.formats import header_score

DEFAULT_MAX_BYTES = 2 * 1024**3  # 2 GB
HEADER_SEARCH_ROWS = 20  # title lines some exports put above the header
_SAMPLE_BYTES = 1 << 20
_BINARY_MAGIC = {b"%PDF": "a PDF", b"\xd0\xcf\x11\xe0": "an old Excel/Word (.xls/.doc) file",
                 b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image", b"\x1f\x8b": "a gzip archive",
                 b"PAR1": "a Parquet file"}

csv.field_size_limit(16 * 1024 * 1024)  # long abstracts and claims


class InputError(ValueError):
    """The file cannot be imported at all (empty, too big, wrong type, unreadable)."""


@dataclass
class Source:
    path: Path
    kind: str  # "csv" | "xlsx"
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
    for magic, what in _BINARY_MAGIC.items():
        if head.startswith(magic):
            _refuse(path, what)
    encoding = _text_encoding(head)
    if encoding is None:
        _refuse(path, "binary data")
    text = head.decode(encoding, errors="ignore")  # type: ignore[arg-type]
    if not text.strip():
        raise InputError(f"{path}: the file is empty")
    return Source(path, "csv", size, encoding, _delimiter(text))


def _refuse(path: Path, what: str) -> Source:
    raise InputError(f"{path}: not a CSV or XLSX file ({what})")


def _is_xlsx(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


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
    """Tab, comma or semicolon: whichever the first non-empty line has most of."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: first.count(d) for d in ("\t", ",", ";")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def iter_rows(source: Source) -> Iterator[tuple[int, list[object]]]:
    """(line number, cells) for every row of the file, header included."""
    if source.kind == "xlsx":
        yield from _xlsx_rows(source.path)
    else:
        yield from _csv_rows(source)


def _csv_rows(source: Source) -> Iterator[tuple[int, list[object]]]:
    with open(source.path, "rb") as raw:
        text = io.TextIOWrapper(raw, encoding=source.encoding, newline="")
        reader = csv.reader(text, delimiter=source.delimiter or ",")
        line = 1
        try:
            for cells in reader:
                yield line, list(cells)
                line = reader.line_num + 1
        except UnicodeDecodeError as exc:
            raise InputError(f"{source.path}: line {line}: bytes that are not {source.encoding} ({exc.reason})") from exc
        except csv.Error as exc:
            raise InputError(f"{source.path}: line {line}: {exc}") from exc


def _xlsx_rows(path: Path) -> Iterator[tuple[int, list[object]]]:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged workbook
        raise InputError(f"{path}: unreadable XLSX ({exc})") from exc
    try:
        sheet = _data_sheet(workbook)
        for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, list(cells)
    finally:
        workbook.close()


def _data_sheet(workbook):
    """The first sheet whose top rows look like a patent header (exports put notes on others)."""
    for sheet in workbook.worksheets:
        for cells in sheet.iter_rows(max_row=HEADER_SEARCH_ROWS, values_only=True):
            if header_score(cells) >= 2:
                return sheet
    return workbook.worksheets[0]


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
    scores = [header_score(cells) for _, cells in head]
    best = max(range(len(head)), key=lambda i: (scores[i], -i))
    if scores[best] < 2:
        best = next((i for i, (_, cells) in enumerate(head) if any(str(c or "").strip() for c in cells)), 0)
    line, header = head[best]

    def data() -> Iterator[tuple[int, list[object]]]:
        yield from head[best + 1:]
        yield from rows

    return line, header, data()

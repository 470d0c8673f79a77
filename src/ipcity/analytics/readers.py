"""Reading export files: check the file (its size, its type, a workbook's declared unpacked size,
a text file's encoding and delimiter), then stream its rows (CSV in any common encoding, XLSX, the
old binary XLS that several patent databases and WPS still export, and the web page with a table
that many platforms' "export to Excel" buttons save under an .xls name).

This module is what every importer calls first: ``inspect`` applies the limits of an uploaded or
given file before anything is read in full (the limits are here, with the errors every reader
raises); ``file_rows.iter_rows`` then hands the file to the reader of its type: ``csv_reading`` (CSV,
row by row or by Arrow column batches), ``xlsx_reading`` (XLSX streaming and its formula check),
``xls`` and ``html_tables``. Which row is the header is ``header_rows``'.

Rows come out one at a time with the line (CSV) or sheet row (XLSX, XLS) they started on, so
memory does not grow with the file and a rejected row can be named by its line. (An XLS sheet is
read whole by xlrd; the format holds at most 65,536 rows, and ``XLS_MAX_BYTES`` bounds the file.)
"""

from __future__ import annotations

import codecs
import csv
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ipcity.analytics import html_tables, xls

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

# Long abstracts and claims. Set when this module loads, before any reader of a type (``csv_reading``
# imports this module), as it always was.
csv.field_size_limit(16 * 1024 * 1024)


class InputError(ValueError):
    """The file cannot be imported at all (empty, too big, wrong type, unreadable)."""


class XlsxTooBig(InputError):
    """An XLSX whose zip directory declares too many members or too much unpacked data
    (``check_xlsx_unpacked``). ``reason``: ``members``, ``unpacked`` or ``ratio``."""

    def __init__(self, message: str, reason: str, members: int, unpacked: int) -> None:
        super().__init__(message)
        self.reason, self.members, self.unpacked = reason, members, unpacked


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


def zip_size_problem(members: list[zipfile.ZipInfo], packed: int, *, max_members: int, max_unpacked: int,
                     max_ratio: int, ratio_floor: int) -> tuple[str, int, int] | None:
    """What a zip's directory declares beyond the limits, from the directory alone (nothing is
    inflated): ``(reason, members, unpacked bytes)`` with reason ``members``, ``unpacked`` or
    ``ratio`` (unpacked over ``max_ratio`` times the packed size, once above ``ratio_floor``), else
    None. The one zip-bomb rule: this module's XLSX check and every web upload (``core.uploads``,
    with its own limits and words) apply it."""
    unpacked = sum(member.file_size for member in members)
    if len(members) > max_members:
        return "members", len(members), unpacked
    if unpacked > max_unpacked:
        return "unpacked", len(members), unpacked
    if unpacked > ratio_floor and unpacked > max_ratio * max(packed, 1):
        return "ratio", len(members), unpacked
    return None


def check_xlsx_unpacked(archive: zipfile.ZipFile, packed: int, label: str) -> None:
    """Raise ``XlsxTooBig`` when the zip's directory declares more than ``XLSX_MAX_MEMBERS``
    members, more than ``XLSX_MAX_UNPACKED`` bytes unpacked, or (above ``XLSX_RATIO_FLOOR``) more
    than ``XLSX_MAX_RATIO`` times its packed size. Nothing is inflated; a member that unpacks to
    more than it declares fails its size check when read (``zipfile`` stops at the declared size)."""
    problem = zip_size_problem(archive.infolist(), packed, max_members=XLSX_MAX_MEMBERS,
                               max_unpacked=XLSX_MAX_UNPACKED, max_ratio=XLSX_MAX_RATIO, ratio_floor=XLSX_RATIO_FLOOR)
    if problem is None:
        return
    reason, members, unpacked = problem
    if reason == "members":
        raise XlsxTooBig(f"{label}: an XLSX of {members:,} parts is over the limit of {XLSX_MAX_MEMBERS:,}",
                         reason, members, unpacked)
    if reason == "unpacked":
        raise XlsxTooBig(f"{label}: the XLSX unpacks to {unpacked:,} bytes, over the limit of "
                         f"{XLSX_MAX_UNPACKED:,} (save it as CSV, or split it)", reason, members, unpacked)
    raise XlsxTooBig(f"{label}: the XLSX unpacks to {unpacked:,} bytes, over {XLSX_MAX_RATIO} times its size "
                     "(a zip bomb?)", reason, members, unpacked)


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

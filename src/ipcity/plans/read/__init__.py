"""Stage 1 of the plan pipeline: a document file → plain text in the seeds' shape.

``read_document(path)`` types the file by its content (never its extension), checks the size
and the container before anything is decoded, and hands it to the reader for its format:

- ``txt``: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK (detected);
- ``docx``: paragraphs and tables in document order, Word automatic numbering rendered;
- ``doc`` (Word 97–2003, WPS) and RTF: converted to .docx by LibreOffice (``legacy_office``), then
  read as a .docx is (the result's format is ``docx``, with a warning naming the conversion);
- ``ofd``: an OFD (GB/T 33190-2016) package's text objects, laid out as a PDF's text layer;
- ``pdf``: the text layer, running headers/footers and page numbers dropped, tables kept; a
  scan without a text layer is read by OCR (Tesseract) when it is installed (``result.ocr``);
- ``html``: the article of a government web page, navigation and page furniture dropped.

The text it returns has one paragraph per line with a blank line between paragraphs, and one
table row per line with cells separated by tabs (rows of one table are consecutive lines).
Merged cells follow one rule in every format: a cell spanning columns gives its value once and
then an empty cell for each further column; a cell spanning rows repeats its value in each row
(an indicator table's merged 属性/单位 column then still labels every row).

Every unreadable case raises :class:`ipcity.plans.errors.DocumentError` with an English
``problem`` and a Chinese ``problem_zh``. No Django here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ipcity.plans.errors import DocumentError
from ipcity.plans.read.cell_rows import rebuild_cell_tables
from ipcity.plans.read.ocr import OcrReport
from ipcity.plans.read.sniff import HEAD_BYTES, OLE2_MAGIC, detect_format, zip_kind
from ipcity.plans.read.zipguard import open_checked_zip

Format = Literal["txt", "docx", "pdf", "html", "ofd"]

# Plans are a few hundred kB; 20 MB leaves room for a PDF with images while keeping an upload
# (or a mistaken file) from tying up the reader.
MAX_BYTES = 20 * 1024 * 1024

__all__ = ["MAX_BYTES", "DocumentError", "OcrReport", "ReadResult", "read_document"]


@dataclass
class ReadResult:
    text: str
    format: Format
    warnings: list[str] = field(default_factory=list)
    # Set when the text came from OCR of a scan: the reviewer must know it is less certain.
    ocr: OcrReport | None = None


def read_document(path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES) -> ReadResult:
    """Read a plan document (txt, docx, pdf, ofd or html, typed by content) into text."""
    file = Path(path)
    name = str(path)
    size = _checked_size(file, name, max_bytes)
    with file.open("rb") as fh:
        head = fh.read(HEAD_BYTES)
        if head.startswith(OLE2_MAGIC):
            # An OLE2 file (an encrypted .docx, a .doc) is typed by its directory's stream names,
            # which may lie anywhere in it: the whole file, within the size limit checked above.
            head += fh.read()
    kind: str = detect_format(head, name, size)
    if kind == "zip":
        # The guard reads only the zip's directory: sizes, counts and names are checked before
        # any member is inflated, for Word and OFD alike.
        with open_checked_zip(file, name) as archive:
            kind = zip_kind(archive.namelist())
    if kind == "ofd":
        from ipcity.plans.read.ofd_reader import read_ofd

        text, warnings = read_ofd(file, name)
        result = ReadResult(text, "ofd", warnings)
    elif kind == "docx":
        from ipcity.plans.read.docx_reader import read_docx

        text, warnings = read_docx(file, name)
        result = ReadResult(text, "docx", warnings)
    elif kind in ("doc", "rtf"):
        result = _read_converted(file, name, kind)
    elif kind == "pdf":
        from ipcity.plans.read.pdf_reader import read_pdf

        text, warnings, ocr = read_pdf(file, name)
        result = ReadResult(text, "pdf", warnings, ocr)
    else:
        data = file.read_bytes()
        from ipcity.plans.read.textfile import decode_text, looks_like_html

        text, encoding_warnings = decode_text(data, name)
        if looks_like_html(text):
            from ipcity.plans.read.html_reader import html_to_text

            result = ReadResult(html_to_text(text), "html", encoding_warnings)
        else:
            from ipcity.plans.read.textfile import clean_plain_text

            result = ReadResult(clean_plain_text(text), "txt", encoding_warnings)
    if result.format != "txt":
        # A table copied one cell per paragraph becomes tab-separated rows again. A text file
        # is returned as written: its layouts are the normaliser's to read.
        result.text = rebuild_cell_tables(result.text)
    if not result.text.strip():
        raise DocumentError(name, f"no text found in this {result.format} file",
                            f"未在该{FORMAT_NAMES_ZH.get(result.format, result.format)}文件中找到文字")
    return result


_OLD_FORMATS = {"doc": ("an old Word (.doc) file", "旧版 Word（.doc）文件"), "rtf": ("an RTF file", "RTF 文件")}


def _read_converted(file: Path, name: str, kind: str) -> ReadResult:
    """A .doc or RTF file, read as the .docx LibreOffice converts it to."""
    from ipcity.notices import Notice, gettext_noop
    from ipcity.plans.read.docx_reader import read_docx
    from ipcity.plans.read.legacy_office import as_docx

    what, what_zh = _OLD_FORMATS[kind]
    with as_docx(file, name, what, what_zh) as converted:
        text, warnings = read_docx(converted, name)
    note = Notice(gettext_noop("旧版 Word（.doc）文件已转换为 .docx 后读取：请对照原文核对表格和编号") if kind == "doc"
                  else gettext_noop("RTF 文件已转换为 .docx 后读取：请对照原文核对表格和编号"))
    return ReadResult(text, "docx", [note, *warnings])


# How a message in Chinese names each format: the office knows “Word 文件”, not “docx”.
FORMAT_NAMES_ZH = {"docx": "Word", "pdf": "PDF", "ofd": "OFD", "html": "网页", "txt": "文本"}


def _checked_size(file: Path, name: str, max_bytes: int) -> int:
    try:
        if not file.is_file():
            raise DocumentError(name, "not a file (missing or a directory)", "文件不存在或不是普通文件")
        size = file.stat().st_size
    except OSError as exc:
        raise DocumentError(name, f"cannot open the file ({exc.strerror})", "无法打开该文件") from exc
    if size == 0:
        raise DocumentError(name, "the file is empty", "文件为空")
    if size > max_bytes:
        raise DocumentError(name, f"the file is {_human(size)}, over the {_human(max_bytes)} limit",
                            f"文件大小 {_human(size)}，超过 {_human(max_bytes)} 上限")
    return size


def _human(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / 1024 / 1024:.3g} MB"
    if n >= 1024:
        return f"{n / 1024:.3g} KB"
    return f"{n} bytes"

"""What an uploaded file really is, judged by its bytes: the one content check for every upload.

The name's suffix says what the user claims; the bytes must agree, and each kind is then checked
as deeply as it can be cheaply: a PDF must open in pdfplumber (``%PDF-`` followed by HTML does
not), a .docx/.xlsx must be an Office zip of sane unpacked size (a zip bomb renamed .docx does not
pass), an .xls must hold a workbook that opens (a .doc renamed .xls does not), a .csv/.txt must
decode as text with no control bytes (an executable renamed .csv does not), an image must carry
its format's signature. Nothing is stored before this passes, and the stored
file is served to a whole programme, so being strict here is what keeps that safe.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ipcity.analytics import html_tables, xls
from ipcity.core.spreadsheets import xls_refusal
from ipcity.core.templatetags.punctuation import close_paren, list_comma, open_paren

SUFFIXES = {  # kind → accepted suffixes; the stored name gets the first one
    "pdf": (".pdf",),
    "docx": (".docx",),
    "ofd": (".ofd",),
    "xlsx": (".xlsx",),
    "xls": (".xls",),
    "png": (".png",),
    "jpeg": (".jpg", ".jpeg"),
    "gif": (".gif",),
    "webp": (".webp",),
    "csv": (".csv",),
    "txt": (".txt",),
}
LABELS = {"pdf": "PDF", "docx": "Word（.docx）", "ofd": "OFD", "xlsx": "Excel（.xlsx）",
          "xls": "Excel 97-2003（.xls）", "png": "PNG", "jpeg": "JPEG",
          "gif": "GIF", "webp": "WebP", "csv": "CSV", "txt": "TXT"}
IMAGE_KINDS = frozenset({"png", "jpeg", "gif", "webp"})
TEXT_KINDS = frozenset({"csv", "txt"})

# The main part an Office file must declare in its [Content_Types].xml (macro-enabled variants do
# not match, so a .docm renamed .docx is refused).
OFFICE_MAIN_TYPES = {
    "docx": b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "xlsx": b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
}
EXECUTABLE_MAGICS = (b"\x7fELF", b"MZ", b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf", b"\xce\xfa\xed\xfe",
                     b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe", b"\x00asm")


@dataclass(frozen=True)
class ZipLimits:
    max_unpacked_bytes: int = 100 * 1024 * 1024  # all members together
    max_ratio: int = 100  # unpacked ÷ packed, once the unpacked size is above ``ratio_floor``
    ratio_floor: int = 1024 * 1024
    max_members: int = 2000


ZIP_LIMITS = ZipLimits()


class UploadRejected(ValueError):
    """A file that may not be stored; ``message`` (also ``str(exc)``) is shown to the user as it is."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class CheckedFile:
    kind: str  # a key of SUFFIXES
    suffix: str  # the suffix to store the file under

    @property
    def is_image(self) -> bool:
        return self.kind in IMAGE_KINDS


def _size_message(max_bytes: int) -> str:
    return _("文件超过大小上限（%(limit)s MB）") % {"limit": f"{max_bytes / (1024 * 1024):g}"}


def accepted_label(accept: Iterable[str]) -> str:
    """The accepted kinds as a list in the page's language (PDF、Word（.docx） / PDF, Word (.docx))."""
    return list_comma().join(LABELS[k].replace("（", open_paren()).replace("）", close_paren()) for k in accept)


def check_file(uploaded, *, accept: Iterable[str], max_bytes: int) -> CheckedFile:
    """Check a Django ``UploadedFile`` (left rewound); ``UploadRejected`` with the reason otherwise."""
    size = uploaded.size
    if not size:
        raise UploadRejected(_("文件为空"))
    if size > max_bytes:
        raise UploadRejected(_size_message(max_bytes))
    uploaded.seek(0)
    data = uploaded.read()
    uploaded.seek(0)
    return check_bytes(data, uploaded.name or "", accept=accept, max_bytes=max_bytes)


def check_bytes(data: bytes, name: str, *, accept: Iterable[str], max_bytes: int) -> CheckedFile:
    accept = tuple(accept)
    if not data:
        raise UploadRejected(_("文件为空"))
    if len(data) > max_bytes:
        raise UploadRejected(_size_message(max_bytes))
    lowered = name.lower()
    claimed = next((k for k in accept if lowered.endswith(SUFFIXES[k])), None)
    if claimed is None:
        raise UploadRejected(_("只接受 %(kinds)s 文件") % {"kinds": accepted_label(accept)})
    actual = sniff(data)
    # Executables carry NUL bytes in their headers; a text that merely starts with "MZ" does not.
    if actual is None and data.startswith(EXECUTABLE_MAGICS) and b"\x00" in data[:1024]:
        raise UploadRejected(_("文件内容是可执行程序，与扩展名不符；只接受 %(kinds)s 文件") % {"kinds": accepted_label(accept)})
    if claimed in TEXT_KINDS:
        if actual is not None:
            raise UploadRejected(_("文件扩展名与内容不符（内容为 %(kind)s，不是文本）") % {"kind": LABELS[actual]})
        text_check(data)
    elif actual is None and claimed == "xls" and html_tables.is_html_table(data[:1 << 20]):
        pass  # a web page's table saved as .xls ("导出Excel" on many platforms): read as text rows
    elif actual is None:
        raise UploadRejected(_("文件内容与扩展名不符或已损坏；只接受 %(kinds)s 文件") % {"kinds": accepted_label(accept)})
    elif actual != claimed:
        raise UploadRejected(_("文件扩展名与内容不符（内容为 %(kind)s）") % {"kind": LABELS[actual]})
    elif claimed == "pdf":
        pdf_check(data)
    elif claimed in OFFICE_MAIN_TYPES:
        office_check(data, claimed)
    elif claimed == "ofd":
        ofd_check(data)
    elif claimed == "xls":
        xls_check(data)
    return CheckedFile(kind=claimed, suffix=SUFFIXES[claimed][0])


def sniff(data: bytes) -> str | None:
    """The binary kind the first bytes announce (Office files by their zip's parts), else None."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        if "word/document.xml" in names:
            return "docx"
        if "OFD.xml" in names:  # GB/T 33190: the package's entry at its root
            return "ofd"
        if "xl/workbook.xml" in names:
            return "xlsx"
    if data.startswith(xls.OLE2_MAGIC):
        try:
            return "xls" if xls.is_workbook(data) else None  # a .doc is no workbook
        except xls.XlsError:
            return None
    return None


# ------------------------------------------------------------------------------ per kind

TEXT_ENCODINGS = ("utf-8-sig", "gb18030")  # what Chinese offices save text as (GB18030 reads GBK)


def decode_text(data: bytes) -> str | None:
    """The bytes as text in the first encoding that reads them whole; None when none does."""
    for encoding in TEXT_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def text_check(data: bytes) -> str:
    """The text of a .csv/.txt (UTF-8, with or without BOM, or GB18030/GBK); refuses binary content."""
    text = decode_text(data)
    if text is None:
        raise UploadRejected(_("文本文件无法识别编码，请另存为 UTF-8 或 GBK 编码后重新上传"))
    for line_number, line in enumerate(text.splitlines(), start=1):
        bad = next((ch for ch in line if _is_control(ch)), None)
        if bad is not None:
            raise UploadRejected(_("第 %(line)s 行含有控制字符（%(code)s），这不是纯文本文件")
                                 % {"line": line_number, "code": f"U+{ord(bad):04X}"})
    return text


def _is_control(ch: str) -> bool:
    code = ord(ch)
    return (code < 0x20 and ch not in "\t\n\r\f") or code == 0x7F


def pdf_check(data: bytes) -> None:
    """A real PDF: the header, an end-of-file marker, no HTML after the header, and pdfplumber opens it."""
    import pdfplumber
    from pdfminer.pdfpage import PDFPage

    if not data[:8].startswith((b"%PDF-1.", b"%PDF-2.")):
        raise UploadRejected(_("PDF 文件头无效，文件可能已损坏"))
    if b"%%EOF" not in data[-2048:]:
        raise UploadRejected(_("PDF 文件不完整（缺少文件结尾），请重新导出后上传"))
    head = data[:1024].lower()
    if any(marker in head for marker in (b"<html", b"<!doctype", b"<script", b"<body")):
        raise UploadRejected(_("文件以 PDF 标记开头，内容却是网页，不能上传"))
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            first_page = next(iter(PDFPage.create_pages(pdf.doc)), None)
    except Exception as exc:  # pdfminer raises many kinds for a malformed or encrypted file
        if "password" in f"{type(exc).__name__} {exc}".lower():
            raise UploadRejected(_("PDF 文件设有打开密码，请去除密码后上传")) from exc
        raise UploadRejected(_("无法打开该 PDF 文件，文件可能已损坏或不是真正的 PDF")) from exc
    if first_page is None:
        raise UploadRejected(_("PDF 文件没有任何页面"))


def office_check(data: bytes, kind: str, limits: ZipLimits = ZIP_LIMITS) -> None:
    """A .docx/.xlsx: an Office zip declaring the right main part, of sane unpacked size and ratio,
    every member of which inflates."""
    label = LABELS[kind]
    with _sane_zip(data, label, limits) as archive:
        try:
            types = archive.read("[Content_Types].xml") if _member_small(archive, "[Content_Types].xml") else b""
        except KeyError:
            types = b""
        if OFFICE_MAIN_TYPES[kind] not in types:
            raise UploadRejected(_("文件不是有效的 %(kind)s 文档（内容类型不符，可能是含宏的文档或其他压缩包）") % {"kind": label})
        _inflate_all(archive, label)


def xls_check(data: bytes) -> None:
    """An old binary workbook (.xls) of at most ``xls.MAX_SHEETS`` sheets that xlrd opens with every
    sheet (not encrypted, not cut short). Each sheet is read whole and released before the next:
    the size check before and the sheet count bound the work (a BIFF sheet has at most 65,536 rows)."""
    try:
        book = xls.open_book(data=data)
        try:
            if book.nsheets > xls.MAX_SHEETS:
                raise UploadRejected(_("工作簿中的工作表过多（%(n)s 个，上限 %(limit)s 个），请只保留需要上传的工作表")
                                     % {"n": book.nsheets, "limit": xls.MAX_SHEETS})
            for index in range(book.nsheets):
                book.sheet_by_index(index)
                book.unload_sheet(index)
        finally:
            book.release_resources()
    except UploadRejected:
        raise
    except Exception as exc:  # XlsError from opening; xlrd's own errors from a damaged sheet
        raise UploadRejected(xls_refusal(exc)) from exc


def ofd_check(data: bytes, limits: ZipLimits = ZIP_LIMITS) -> None:
    """An .ofd (GB/T 33190, the national e-document format official documents are issued in): a zip
    of sane size whose OFD.xml names a document with pages, read by the plan reader's own package
    rules (paths kept inside the package, no DTD or entities, not encrypted)."""
    import tempfile
    from pathlib import Path

    from ipcity.plans.errors import DocumentError
    from ipcity.plans.read.ofd_package import open_package

    with _sane_zip(data, "OFD", limits) as archive:
        _inflate_all(archive, "OFD")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "upload.ofd"
        path.write_bytes(data)
        try:
            package = open_package(path, "upload.ofd")
        except DocumentError as exc:
            raise UploadRejected(_("OFD 文件无法使用：%(reason)s") % {"reason": exc.problem_zh}) from exc
        package.close()


@contextmanager
def _sane_zip(data: bytes, label: str, limits: ZipLimits) -> Iterator[zipfile.ZipFile]:
    """The zip of an upload, opened once its member count, unpacked size and ratio are sane."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UploadRejected(_("%(kind)s 文件已损坏，无法打开") % {"kind": label}) from exc
    with archive:
        _check_sizes(members, len(data), label, limits)
        yield archive


def _check_sizes(members: list[zipfile.ZipInfo], packed: int, label: str, limits: ZipLimits) -> None:
    from ipcity.analytics.readers import zip_size_problem  # the one zip-bomb rule, with this upload's limits

    problem = zip_size_problem(members, packed, max_members=limits.max_members, max_unpacked=limits.max_unpacked_bytes,
                               max_ratio=limits.max_ratio, ratio_floor=limits.ratio_floor)
    if problem is None:
        return
    reason, count, unpacked = problem
    if reason == "members":
        raise UploadRejected(_("%(kind)s 文件内部文件过多（%(n)s 个），不能上传") % {"kind": label, "n": count})
    if reason == "unpacked":
        raise UploadRejected(_("%(kind)s 文件解压后过大（约 %(size)s MB，上限 %(limit)s MB），疑似压缩炸弹，不能上传") % {
            "kind": label, "size": f"{unpacked / (1024 * 1024):.0f}",
            "limit": f"{limits.max_unpacked_bytes / (1024 * 1024):g}"})
    raise UploadRejected(_("%(kind)s 文件压缩比异常（超过 %(ratio)s 倍），疑似压缩炸弹，不能上传")
                         % {"kind": label, "ratio": limits.max_ratio})


def _inflate_all(archive: zipfile.ZipFile, label: str) -> None:
    """Every member inflated once, in chunks and bounded by the declared sizes, so a member whose
    header lies about its size fails its CRC here rather than in a reader's Word."""
    try:
        for member in archive.infolist():
            with archive.open(member) as stream:
                while stream.read(1024 * 1024):
                    pass
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError) as exc:
        raise UploadRejected(_("%(kind)s 文件已损坏（内部数据校验失败），不能上传") % {"kind": label}) from exc


def _member_small(archive: zipfile.ZipFile, name: str) -> bool:
    return archive.getinfo(name).file_size <= 1024 * 1024

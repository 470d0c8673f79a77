"""Type a file by its first bytes: a zip (Word or OFD), PDF, or something to decode as text/HTML.

The extension is never consulted: a plan saved as ``.txt`` that is really a Word file is read as
Word, and a ``.docx`` that is really a PDF as a PDF. A zip is Word or OFD by the parts it holds
(:func:`zip_kind`), judged once the zip guard has checked its directory. Known binary formats that are not plan
documents are named in the error, so the user knows what to do with the file.
"""

from __future__ import annotations

from typing import Literal

from ipcity import ole2
from ipcity.plans.errors import DocumentError

HEAD_BYTES = 4096

ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"
PDF_MAGIC = b"%PDF-"
OLE2_MAGIC = ole2.MAGIC

RTF_MAGIC = b"{\\rtf"

# (magic, English, Chinese): binary formats people send by mistake.
_KNOWN_BINARY = [
    (b"\x89PNG", "a PNG image, not a document: needs OCR", "PNG 图片，不是文档（需要 OCR）"),
    (b"\xff\xd8\xff", "a JPEG image, not a document: needs OCR", "JPEG 图片，不是文档（需要 OCR）"),
    (b"GIF8", "a GIF image, not a document", "GIF 图片，不是文档"),
    (b"II*\x00", "a TIFF image, not a document: needs OCR", "TIFF 图片，不是文档（需要 OCR）"),
    (b"MM\x00*", "a TIFF image, not a document: needs OCR", "TIFF 图片，不是文档（需要 OCR）"),
    (b"\x1f\x8b", "a gzip archive, not a document", "gzip 压缩包，不是文档"),
    (b"Rar!", "a RAR archive, not a document", "RAR 压缩包，不是文档"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive, not a document", "7z 压缩包，不是文档"),
    (b"\x7fELF", "a program file, not a document", "程序文件，不是文档"),
    (b"MZ", "a program file, not a document", "程序文件，不是文档"),
]

Kind = Literal["zip", "pdf", "text", "doc", "rtf"]
# GB/T 33190-2016: an OFD package's entry file, at the root of the zip.
OFD_ENTRY = "OFD.xml"


def detect_format(head: bytes, name: str, size: int) -> Kind:
    """``zip`` (Word or OFD: :func:`zip_kind`), ``pdf``, ``doc`` (Word 97–2003 or WPS, an OLE2 file
    holding a Word document stream), ``rtf``, or ``text`` (txt or HTML)."""
    if head.startswith(ZIP_MAGIC) or head.startswith(EMPTY_ZIP_MAGIC):
        return "zip"
    # The PDF standard lets the header sit anywhere in the first 1024 bytes.
    if PDF_MAGIC in head[:1024]:
        return "pdf"
    if head.startswith(OLE2_MAGIC):
        if _ENCRYPTED not in head and "WordDocument" in ole_streams(head):
            return "doc"
        raise _ole2_error(head, name)
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(RTF_MAGIC):
        return "rtf"
    for magic, problem, problem_zh in _KNOWN_BINARY:
        if head.startswith(magic):
            raise DocumentError(name, problem, problem_zh)
    return "text"


def zip_kind(names: list[str]) -> Literal["ofd", "docx"]:
    """``ofd`` for an OFD package (``OFD.xml`` at its root), else ``docx`` (the Word reader
    names what any other zip is)."""
    return "ofd" if OFD_ENTRY in names else "docx"


_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


def ole_streams(data: bytes) -> set[str]:
    """The stream names of an OLE2 compound file's directory (a Word 97–2003 document has a
    ``WordDocument`` stream; WPS Writer's .wps the same), read with xlrd's compound-file reader
    (the directory may lie anywhere in the file); none for a damaged one."""
    try:
        return ole2.stream_names(data)
    except ole2.CompoundFileError:  # a damaged or cut file, or a hostile directory
        return set()


def _ole2_error(head: bytes, name: str) -> DocumentError:
    # A password-protected .docx is stored as an OLE2 container holding "EncryptedPackage";
    # without that stream it is a Word 97–2003 .doc (or another Office binary file).
    if "EncryptedPackage".encode("utf-16-le") in head or b"EncryptedPackage" in head:
        return DocumentError(name, "password-protected (encrypted) Word document: remove the password and save again",
                             "Word 文档已加密（设有密码），请取消密码后重新保存")
    if any(stream.encode("utf-16-le") in head for stream in ("Workbook", "Book", "PowerPoint Document")):
        return DocumentError(name, "an old Excel or PowerPoint file (.xls, .ppt): not a plan document",
                             "旧版 Excel 或 PowerPoint 文件（.xls、.ppt），不是 Word 文档，不是计划文件")
    return DocumentError(name, "an old binary Office file that is damaged or no Word document",
                         "旧版 Office 二进制文件已损坏或不是 Word 文档，请另存为 .docx 后上传")

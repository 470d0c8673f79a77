"""Evidence files: what a file is, judged by its bytes (never by its name or the browser's word)."""

from __future__ import annotations

import io
import zipfile

from django.conf import settings

# Suffixes accepted for each kind; the stored name gets the first one.
SUFFIXES = {
    "pdf": (".pdf",),
    "docx": (".docx",),
    "xlsx": (".xlsx",),
    "png": (".png",),
    "jpeg": (".jpg", ".jpeg"),
    "gif": (".gif",),
    "webp": (".webp",),
}
IMAGE_KINDS = {"png", "jpeg", "gif", "webp"}


class UploadRejected(ValueError):
    """A file that may not be stored; the message is shown to the user as it is."""


def max_bytes() -> int:
    return int(getattr(settings, "IPCITY_MAX_UPLOAD_BYTES", 20 * 1024 * 1024))


def sniff(head: bytes, data_for_zip: io.BufferedIOBase | None = None) -> str | None:
    """The file's real type from its first bytes (and, for Office files, the zip's contents)."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(b"PK\x03\x04") and data_for_zip is not None:
        return _office_kind(data_for_zip)
    return None


def _office_kind(stream) -> str | None:
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return None


def check_upload(uploaded) -> tuple[str, str]:
    """(kind for the model, suffix for the stored name), or ``UploadRejected`` with the reason.

    ``uploaded`` is a Django ``UploadedFile``. Size first (cheap), then the bytes, then whether
    the name's suffix agrees with them, so a renamed .exe never passes as a .pdf.
    """
    name = (uploaded.name or "").lower()
    if uploaded.size is None or uploaded.size == 0:
        raise UploadRejected("文件为空")
    if uploaded.size > max_bytes():
        raise UploadRejected(f"文件超过大小上限（{max_bytes() // (1024 * 1024)} MB）")
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    kind = sniff(head, uploaded if head.startswith(b"PK\x03\x04") else None)
    uploaded.seek(0)
    if kind is None:
        raise UploadRejected("只接受 PDF、Word（.docx）、Excel（.xlsx）和图片（PNG、JPEG、GIF、WebP）文件")
    suffixes = SUFFIXES[kind]
    if not name.endswith(suffixes):
        raise UploadRejected(f"文件扩展名与内容不符（内容为 {suffixes[0].lstrip('.')}）")
    model_kind = "image" if kind in IMAGE_KINDS else kind
    return model_kind, suffixes[0]

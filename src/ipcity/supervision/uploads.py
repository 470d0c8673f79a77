"""Evidence files: what a file is, judged by its bytes (never by its name or the browser's word)."""

from __future__ import annotations

from django.conf import settings

from ipcity.core.uploads import UploadRejected, check_file

__all__ = ["UploadRejected", "check_upload", "max_bytes"]

# What a department may attach to its report; the content check itself is ipcity.core.uploads.
ACCEPTED = ("pdf", "docx", "ofd", "xlsx", "png", "jpeg", "gif", "webp")


def max_bytes() -> int:
    return int(getattr(settings, "IPCITY_MAX_UPLOAD_BYTES", 20 * 1024 * 1024))


def check_upload(uploaded) -> tuple[str, str]:
    """(kind for the model, suffix for the stored name), or ``UploadRejected`` with the reason.

    ``uploaded`` is a Django ``UploadedFile``. Size first (cheap), then the bytes, then whether
    the name's suffix agrees with them, so a renamed .exe never passes as a .pdf.
    """
    checked = check_file(uploaded, accept=ACCEPTED, max_bytes=max_bytes())
    return ("image" if checked.is_image else checked.kind), checked.suffix

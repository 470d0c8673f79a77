"""Decode a text (or HTML) file: BOMs, UTF-8, GB18030/GBK and other legacy encodings.

Chinese government text arrives as UTF-8 from the web and as GB18030/GBK from older Windows
tools. Order of trust: a BOM, strict UTF-8, strict GB18030 when the result reads as Chinese,
then charset-normalizer's best guess. Whatever decodes must still look like text: control
characters or NULs in bulk mean the file is binary (a corrupt or unknown format).
"""

from __future__ import annotations

import re
import unicodedata

from charset_normalizer import from_bytes

from ipcity.notices import Notice, gettext_noop
from ipcity.plans.errors import DocumentError
from ipcity.text import declared_charset

_BOMS = [
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
]
_HTML_MARKERS = re.compile(r"<\s*(!doctype\s+html|html|head|body|meta|title|div|p|table|article|br)\b",
                           re.IGNORECASE)
# Share of characters that must be "ordinary" (letters, CJK, digits, punctuation, spaces).
_MIN_TEXT_SHARE = 0.95


def decode_text(data: bytes, name: str) -> tuple[str, list[str]]:
    """Return the decoded text and warnings (e.g. which legacy encoding was assumed)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data[len(bom):].decode(encoding, errors="replace")
            return _checked_text(text, name), []
    if b"\x00" in data[:4096]:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise _binary_error(name)
        return _checked_text(data.decode(utf16, errors="replace"), name), [Notice(gettext_noop("文件编码按 %(encoding)s 读取（无 BOM）"), encoding=utf16)]
    try:
        return _checked_text(data.decode("utf-8"), name), []
    except UnicodeDecodeError:
        pass
    declared = declared_charset(data[:4096])
    for encoding in filter(None, [declared, "gb18030"]):
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if _text_share(text) >= _MIN_TEXT_SHARE:
            return text, [Notice(gettext_noop("文件编码按 %(encoding)s 读取"), encoding=encoding)]
    best = from_bytes(data).best()
    if best is not None and best.encoding:
        text = str(best)
        if _text_share(text) >= _MIN_TEXT_SHARE:
            return text, [Notice(gettext_noop("文件编码按 %(encoding)s 读取（自动识别）"), encoding=best.encoding)]
    raise _binary_error(name)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 saved without a BOM: its NULs (the high bytes of ASCII) all fall on one parity."""
    head = data[:4096]
    even = sum(1 for i in range(0, len(head), 2) if head[i] == 0)
    odd = sum(1 for i in range(1, len(head), 2) if head[i] == 0)
    if even + odd < 8 or len(data) % 2:
        return None
    if odd >= 0.95 * (even + odd):
        return "utf-16-le"
    if even >= 0.95 * (even + odd):
        return "utf-16-be"
    return None


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip()
    if head[:1] != "<":
        return False
    return bool(_HTML_MARKERS.search(head[:200])) or "</" in head


def clean_plain_text(text: str) -> str:
    """Unify line ends and drop control characters; the layout is otherwise kept as it is."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    # Only C0/C1 controls go; private-use glyphs stay for the normaliser to judge as noise.
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc")


def _checked_text(text: str, name: str) -> str:
    if _text_share(text) < _MIN_TEXT_SHARE:
        raise _binary_error(name)
    return text


def _is_control(ch: str) -> bool:
    return unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn") and ch not in "\n\r\t\f"


def _text_share(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 1.0
    bad = sum(1 for ch in sample if ch == "\ufffd" or _is_control(ch))
    return 1 - bad / len(sample)


def _binary_error(name: str) -> DocumentError:
    return DocumentError(name, "not a readable document (binary data of no known format)",
                         "无法识别的文件内容（不是可读取的文档格式）")

"""Check a zip container before anything is extracted: a zip bomb must fail fast.

The central directory declares each member's compressed and uncompressed size. Python's
zipfile never returns more than the declared uncompressed size of a member, so checking the
declared sizes before reading bounds the memory any later reader can use.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ipcity.plans.errors import DocumentError

MAX_MEMBERS = 5000
MAX_MEMBER_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 200 * 1024 * 1024
# Word XML compresses about 5–20×; a ratio above this on a sizeable member is a bomb.
MAX_RATIO = 200
RATIO_CHECK_FROM = 1024 * 1024


def open_checked_zip(file: Path, name: str) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        # Whether it was Word or OFD is in the directory that cannot be read.
        raise DocumentError(name, f"corrupt Word document (or OFD): the zip container is damaged ({exc})",
                            "Word/OFD 文档已损坏（压缩容器无法打开）") from exc
    try:
        check_declared_sizes(archive.infolist(), name)
    except DocumentError:
        archive.close()
        raise
    return archive


def check_declared_sizes(members: list[zipfile.ZipInfo], name: str) -> None:
    if len(members) > MAX_MEMBERS:
        raise _bomb(name, f"{len(members)} members")
    total = 0
    for info in members:
        if info.flag_bits & 0x1:
            raise DocumentError(name, "password-protected (encrypted) zip container",
                                "文档已加密（设有密码），无法读取")
        total += info.file_size
        if info.file_size > MAX_MEMBER_BYTES:
            raise _bomb(name, f"member {info.filename} unpacks to {info.file_size / 1e6:.0f} MB")
        if info.file_size > RATIO_CHECK_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise _bomb(name, f"member {info.filename} is compressed {info.file_size // max(info.compress_size, 1)}×")
    if total > MAX_TOTAL_BYTES:
        raise _bomb(name, f"members unpack to {total / 1e6:.0f} MB")


def check_member_names(members: list[zipfile.ZipInfo], name: str) -> None:
    """Refuse member names that climb out of the package (``../``), are absolute or carry a
    drive or backslash: no honest writer makes them, and a path read from the package's own
    XML must never reach outside it."""
    for info in members:
        parts = info.filename.replace("\\", "/").split("/")
        if info.filename.startswith(("/", "\\")) or ".." in parts or ":" in parts[0]:
            raise DocumentError(name, f"refused: the zip container holds a member named {info.filename[:80]!r} "
                                "that points outside it", "拒绝读取：压缩包内含有指向包外的文件路径")


def _bomb(name: str, detail: str) -> DocumentError:
    return DocumentError(name, f"refused: the zip container would unpack too much (a zip bomb?): {detail}",
                         "拒绝读取：压缩内容解压后过大（疑似压缩炸弹）")

"""The backup archive: a tar file (optionally compressed) whose last member is a manifest.

Layout::

    database/ipcity.sqlite3 | database/ipcity.pgdump    the database snapshot
    files/uploads/…  files/datasets/…  files/reference/…  the data directory's areas
    manifest.json                                         written last

The manifest lists every other member with its type, size and SHA-256, so a reader can tell a
complete archive from a truncated, corrupted or foreign one. It is written last on purpose: an
archive cut short anywhere lacks it (or has half of it) and is refused.

The archive file is written under a temporary name beside its destination and renamed into
place after an ``fsync``: a killed backup leaves at most a ``.partial`` file, never a file with
the final name that looks complete. Nothing here imports Django.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import posixpath
import tarfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

FORMAT = "ipcity-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
AREAS = ("uploads", "datasets", "reference")
DATABASE_PREFIX = "database/"
FILES_PREFIX = "files/"
_CHUNK = 1024 * 1024


class ArchiveInvalid(Exception):
    """Not a complete, intact ipcity backup; the message says why in one line."""


def compression_for(path: str | Path) -> str:
    """The tarfile compression chosen from the archive's name (``.tar`` means none)."""
    name = str(path).lower()
    if name.endswith((".tar.gz", ".tgz")):
        return "gz"
    if name.endswith((".tar.xz", ".txz")):
        return "xz"
    if name.endswith((".tar.bz2", ".tbz2")):
        return "bz2"
    return ""


class _HashingReader(io.RawIOBase):
    """Wraps a file so that what tarfile copies is hashed on the way, in one read."""

    def __init__(self, handle: BinaryIO) -> None:
        self.handle = handle
        self.digest = hashlib.sha256()
        self.size = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        data = self.handle.read(size)
        self.digest.update(data)
        self.size += len(data)
        return data


@dataclass
class ArchiveWriter:
    """Add members, then ``commit`` (manifest + fsync + rename) or ``abort``.

    Use as a context manager: leaving it with an exception removes the partial file.
    """

    destination: Path
    manifest: dict[str, Any]
    members: list[dict[str, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.destination = Path(self.destination)
        self.partial = self.destination.with_name(
            f".{self.destination.name}.partial-{os.getpid()}-{uuid.uuid4().hex[:8]}")
        self._raw = open(self.partial, "xb")  # noqa: SIM115 - closed in commit/abort
        mode = f"w:{compression_for(self.destination)}" if compression_for(self.destination) else "w"
        self._tar = tarfile.open(fileobj=self._raw, mode=mode, format=tarfile.PAX_FORMAT)  # type: ignore[call-overload]
        self._names: set[str] = set()

    def __enter__(self) -> ArchiveWriter:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is not None:
            self.abort()

    def add_file(self, name: str, path: Path) -> None:
        """Copy a regular file into the archive, hashing it in the same pass."""
        self._claim(name)
        with open(path, "rb") as handle:
            stat = os.fstat(handle.fileno())
            info = tarfile.TarInfo(name)
            info.size = stat.st_size
            info.mtime = int(stat.st_mtime)
            info.mode = 0o644
            reader = _HashingReader(handle)
            self._tar.addfile(info, reader)
        self.members.append({"name": name, "type": "file", "size": reader.size,
                             "sha256": reader.digest.hexdigest()})

    def add_symlink(self, name: str, target: str) -> None:
        self._claim(name)
        info = tarfile.TarInfo(name)
        info.type = tarfile.SYMTYPE
        info.linkname = target
        info.mtime = int(time.time())
        self._tar.addfile(info)
        self.members.append({"name": name, "type": "symlink", "target": target})

    def _claim(self, name: str) -> None:
        problem = _unsafe_name(name)
        if problem or name == MANIFEST or name in self._names:
            raise ValueError(f"cannot add {name!r} to a backup: {problem or 'reserved or repeated name'}")
        self._names.add(name)

    def commit(self) -> Path:
        """Write the manifest last, flush to disk, and give the archive its final name."""
        manifest = {**self.manifest, "members": self.members}
        data = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
        info = tarfile.TarInfo(MANIFEST)
        info.size = len(data)
        info.mtime = int(time.time())
        info.mode = 0o644
        self._tar.addfile(info, io.BytesIO(data))
        self._tar.close()
        self._raw.flush()
        os.fsync(self._raw.fileno())
        self._raw.close()
        os.replace(self.partial, self.destination)
        _fsync_dir(self.destination.parent)
        return self.destination

    def abort(self) -> None:
        for closing in (self._tar.close, self._raw.close):
            try:
                closing()
            except Exception:  # noqa: BLE001 - tidying up after the real error
                pass
        self.partial.unlink(missing_ok=True)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _unsafe_name(name: str) -> str | None:
    if not name or name.startswith("/") or "\\" in name or "\x00" in name:
        return "not a relative name"
    parts = name.split("/")
    if any(part in ("", ".", "..") for part in parts):
        return "a name with empty, '.' or '..' parts"
    if not (name.startswith(DATABASE_PREFIX) or any(name.startswith(f"{FILES_PREFIX}{a}/") for a in AREAS)):
        return "outside database/ and files/{uploads,datasets,reference}/"
    return None


def _unsafe_link(name: str, target: str) -> str | None:
    """A symlink must stay inside its own area (datasets point into their .versions)."""
    if target.startswith("/") or not target:
        return "an absolute link"
    area = "/".join(name.split("/")[:2])
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(name), target))
    if not resolved.startswith(area + "/"):
        return "a link that leaves its area"
    return None


# ---------------------------------------------------------------- reading


@contextlib.contextmanager
def members(path: Path) -> Iterator[Iterator[tuple[tarfile.TarInfo, BinaryIO | None]]]:
    """Stream the archive's members in order (use as ``with members(p) as it: for info, handle in it``).

    Every read failure inside the block, whether met while iterating or while reading a member,
    becomes ArchiveInvalid: a cut-off archive shows up as such only when its last member is read.
    """
    try:
        with tarfile.open(path, mode="r|*") as tar:
            yield ((info, tar.extractfile(info) if info.isfile() else None) for info in tar)
    except ArchiveInvalid:
        raise
    except (tarfile.TarError, EOFError, OSError, ValueError) as exc:
        # zlib/lzma/bz2 errors are OSError or ValueError subclasses; a cut-off archive is EOFError.
        raise ArchiveInvalid(f"{path}: not a readable archive or cut short ({type(exc).__name__}: {exc})") from None


def hash_stream(handle: BinaryIO, sink: BinaryIO | None = None) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    while chunk := handle.read(_CHUNK):
        digest.update(chunk)
        size += len(chunk)
        if sink is not None:
            sink.write(chunk)
    return digest.hexdigest(), size


def verify(path: str | Path) -> dict[str, Any]:
    """Read the whole archive and return its manifest if every member is intact; writes nothing.

    Refused (ArchiveInvalid): not a tar, cut short, no manifest or one of another format, a member
    missing, extra, resized or with a different SHA-256, an unsafe name or link.
    """
    path = Path(path)
    if not path.is_file():
        raise ArchiveInvalid(f"{path}: no such file")
    seen: dict[str, dict[str, Any]] = {}
    manifest_bytes: bytes | None = None
    with members(path) as found:
        for info, handle in found:
            if info.name == MANIFEST and info.isfile() and handle is not None:
                manifest_bytes = handle.read()
                continue
            if manifest_bytes is not None:
                raise ArchiveInvalid(f"{path}: member {info.name!r} after the manifest: not an ipcity backup")
            problem = _unsafe_name(info.name)
            if problem:
                raise ArchiveInvalid(f"{path}: member {info.name!r} is {problem}: not an ipcity backup")
            if info.name in seen:
                raise ArchiveInvalid(f"{path}: member {info.name!r} appears twice")
            if info.isfile() and handle is not None:
                sha, size = hash_stream(handle)
                seen[info.name] = {"name": info.name, "type": "file", "size": size, "sha256": sha}
            elif info.issym():
                seen[info.name] = {"name": info.name, "type": "symlink", "target": info.linkname}
            else:
                raise ArchiveInvalid(f"{path}: member {info.name!r} is neither a file nor a link")
    manifest = _parse_manifest(path, manifest_bytes)
    listed = {m.get("name"): m for m in manifest["members"]}
    if len(listed) != len(manifest["members"]):
        raise ArchiveInvalid(f"{path}: the manifest lists a member twice")
    for name in sorted(set(listed) | set(seen)):
        if name not in seen:
            raise ArchiveInvalid(f"{path}: {name} is listed in the manifest but missing from the archive")
        if name not in listed:
            raise ArchiveInvalid(f"{path}: {name} is in the archive but not in the manifest")
        expected, found = listed[name], seen[name]
        if found["type"] == "file" and expected.get("size") != found["size"]:
            raise ArchiveInvalid(f"{path}: {name}: size {found['size']} instead of {expected.get('size')}")
        if expected != found:
            raise ArchiveInvalid(f"{path}: {name}: checksum or type differs from the manifest (corrupt archive)")
        if found["type"] == "symlink" and (problem := _unsafe_link(name, found["target"])):
            raise ArchiveInvalid(f"{path}: {name} is {problem}")
    return manifest


def _parse_manifest(path: Path, data: bytes | None) -> dict[str, Any]:
    if data is None:
        raise ArchiveInvalid(f"{path}: no {MANIFEST}: not an ipcity backup, or an incomplete one")
    try:
        manifest = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ArchiveInvalid(f"{path}: {MANIFEST} is not valid JSON (corrupt archive)") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ArchiveInvalid(f"{path}: not an ipcity backup (manifest format is not {FORMAT!r})")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise ArchiveInvalid(f"{path}: backup format version {manifest.get('format_version')!r} "
                             f"is not supported (this ipcity reads version {FORMAT_VERSION})")
    if not isinstance(manifest.get("members"), list) or not isinstance(manifest.get("database"), dict):
        raise ArchiveInvalid(f"{path}: the manifest has no member list or no database entry")
    return manifest

"""The dataset store: named sets of canonical patent records, as Parquet on disk.

Layout under ``<data_dir>/datasets/``::

    <name>                  -> symlink to .versions/<name>.<stamp>   (the current version)
    .versions/<name>.<stamp>/records.parquet   (patents: exactly CANONICAL_SCHEMA, the canonical
                                                record and its optional columns; older
                                                versions may lack the optional ones)
    .versions/<name>.<stamp>/<kind>.parquet    (trademark, pledge, licence, copyright:
                                                exactly record_kinds.CANONICAL[kind])
    .versions/<name>.<stamp>/manifest.json     (source, format, counts, rejected rows, time)

Why a symlink: a re-import writes a whole new version beside the old one and then swaps the
link with one ``os.replace``, which is atomic on POSIX. A reader therefore sees either the old
dataset or the new one, never a half-written file and never a moment with no dataset at all.
A failed write removes its own version directory and leaves the current one untouched.
Replacing one kind of record (``write_kind``, or ``write_dataset`` for patents) hard-links the
other kinds' files into the new version, so they carry over untouched.

``data_dir`` defaults to the environment variable ``IPCITY_DATA_DIR`` (default ``./var``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import re
import shutil
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TypeAlias

import pyarrow as pa
import pyarrow.parquet as pq

from ipcity.analytics import record_kinds
from ipcity.analytics.schema import (
    CANONICAL_COLUMNS,
    CANONICAL_SCHEMA,
    DATASET_NAME_MAX_LENGTH,
    OPTIONAL_COLUMNS,
    RECORD_COLUMNS,
)

RECORDS_FILE = "records.parquet"
MANIFEST_FILE = "manifest.json"
VERSIONS_DIR = ".versions"
# A dataset name becomes a path component: keep it to a safe, portable alphabet.
_NAME_RE = re.compile(rf"^[A-Za-z0-9][A-Za-z0-9_.-]{{0,{DATASET_NAME_MAX_LENGTH - 1}}}$")

TableOrBatches: TypeAlias = pa.Table | pa.RecordBatch | Iterable[pa.Table | pa.RecordBatch]


class DatasetError(Exception):
    """A dataset name that is not allowed, or a dataset that does not exist."""


class DatasetNotFound(DatasetError):
    pass


def data_root(data_dir: str | Path | None = None) -> Path:
    """The platform's data directory: the argument, else ``IPCITY_DATA_DIR``, else ``./var``."""
    if data_dir is not None:
        return Path(data_dir)
    return Path(os.environ.get("IPCITY_DATA_DIR", "var"))


def datasets_root(data_dir: str | Path | None = None) -> Path:
    return data_root(data_dir) / "datasets"


def check_name(name: str) -> str:
    if not _NAME_RE.match(name or "") or name in {".", ".."}:
        raise DatasetError(
            f"invalid dataset name {name!r}: use letters, digits, '_', '-' or '.', starting with a letter or digit"
        )
    return name


def dataset_dir(name: str, data_dir: str | Path | None = None) -> Path:
    """Where dataset ``name`` lives (it may not exist yet)."""
    return datasets_root(data_dir) / check_name(name)


def records_path(name: str, data_dir: str | Path | None = None) -> Path:
    """The dataset's Parquet file, with exactly ``CANONICAL_SCHEMA``."""
    return dataset_dir(name, data_dir) / RECORDS_FILE


def exists(name: str, data_dir: str | Path | None = None) -> bool:
    return (dataset_dir(name, data_dir) / MANIFEST_FILE).is_file()


def read_manifest(name: str, data_dir: str | Path | None = None) -> dict[str, Any]:
    path = dataset_dir(name, data_dir) / MANIFEST_FILE
    if not path.is_file():
        raise DatasetNotFound(f"no dataset named {name!r} under {datasets_root(data_dir)}")
    return json.loads(path.read_text(encoding="utf-8"))


def read_records(name: str, data_dir: str | Path | None = None, columns: list[str] | None = None) -> pa.Table:
    """The whole dataset as one Arrow table (small datasets; big ones: scan ``records_path``)."""
    if not exists(name, data_dir):
        raise DatasetNotFound(f"no dataset named {name!r} under {datasets_root(data_dir)}")
    return pq.read_table(records_path(name, data_dir), columns=columns)


def source_name(manifest: dict[str, Any]) -> str | None:
    """The file a dataset came from; writers store ``source`` as a dict with ``file`` or as text."""
    source = manifest.get("source")
    if isinstance(source, dict):
        return source.get("file")
    return Path(str(source)).name if source else None


def list_datasets(data_dir: str | Path | None = None, *, holding: str | None = None) -> list[dict[str, Any]]:
    """Every dataset's manifest (with its ``name``), sorted by name; with ``holding`` (a kind, such as
    ``patent``), only the datasets that hold that kind: a dataset may hold trademarks alone, which
    a page that computes from patents must not offer."""
    root = datasets_root(data_dir)
    if not root.is_dir():
        return []
    found = []
    for entry in sorted(root.iterdir()):
        if entry.name.startswith(".") or not (entry / MANIFEST_FILE).is_file():
            continue
        if holding is not None and holding not in kinds_present(entry.name, data_dir):
            continue
        manifest = json.loads((entry / MANIFEST_FILE).read_text(encoding="utf-8"))
        manifest["name"] = entry.name
        found.append(manifest)
    return found


def to_canonical(batch: pa.Table | pa.RecordBatch) -> pa.Table:
    """Select and cast the canonical columns, in order; a missing column is an error, a missing
    optional column (inventors, citations…) is added empty."""
    table = pa.Table.from_batches([batch]) if isinstance(batch, pa.RecordBatch) else batch
    missing = [c for c in CANONICAL_COLUMNS if c not in table.column_names]
    if missing:
        raise DatasetError(f"records lack canonical columns: {', '.join(missing)}")
    for name in OPTIONAL_COLUMNS:
        if name not in table.column_names:
            table = table.append_column(name, pa.nulls(table.num_rows, CANONICAL_SCHEMA.field(name).type))
    return table.select(RECORD_COLUMNS).cast(CANONICAL_SCHEMA)


def _batches(data: TableOrBatches) -> Iterator[pa.Table]:
    if isinstance(data, pa.Table | pa.RecordBatch):
        yield to_canonical(data)
        return
    for part in data:
        yield to_canonical(part)


def write_dataset(
    name: str,
    table_or_batches: TableOrBatches,
    manifest: dict[str, Any],
    data_dir: str | Path | None = None,
) -> Path:
    """Write a dataset's patent records whole and make them current in one atomic step.

    ``table_or_batches`` may be a generator: it is consumed once, batch by batch, so memory
    does not grow with the data. If it raises, nothing becomes visible and the exception
    propagates. ``manifest`` is stored with ``rows``, ``written_at`` and ``schema`` added
    (``written_at`` to the microsecond: it tells one import from the next, even in one second).
    The dataset's other kinds of record (trademarks, pledges…) are carried over unchanged, with
    their ``kinds`` section of the manifest. Returns the dataset's directory.
    """
    check_name(name)
    root = datasets_root(data_dir)
    version_dir = _new_version_dir(root, name)
    try:
        rows = _write_records(version_dir / RECORDS_FILE, table_or_batches)
        full = {**manifest, "rows": rows, "written_at": dt.datetime.now(dt.UTC).isoformat(timespec="microseconds"),
                "schema": RECORD_COLUMNS}
        with _lock(root, name):
            previous = _current_version(root, name)
            kinds = _carry_over(previous, version_dir, keep_out="patent")
            if kinds:
                full["kinds"] = kinds
            (version_dir / MANIFEST_FILE).write_text(json.dumps(full, ensure_ascii=False, indent=1), encoding="utf-8")
            _swap(root, name, version_dir)
    except BaseException:
        shutil.rmtree(version_dir, ignore_errors=True)
        raise
    return root / name


# How often a reader resolves the link again when an import replaced the version it had found.
_RESOLVE_ATTEMPTS = 100


def kind_path(name: str, kind: str, data_dir: str | Path | None = None) -> Path | None:
    """The Parquet file of one kind of record in dataset ``name`` (``patent``: ``records.parquet``),
    or None when the dataset does not hold that kind.

    The path is inside the current version directory (the link resolved once), so a reader sees
    that version whole even if an import swaps the link meanwhile (reading through the link could
    mix two versions' footers and pages). A later import removes that version: a long-lived reader
    then gets ``FileNotFoundError`` and asks again.
    """
    record_kinds.check_kind(kind, allow_patent=True)
    link = dataset_dir(name, data_dir)
    for _ in range(_RESOLVE_ATTEMPTS):
        if not link.exists():
            return None
        version = link.resolve()
        path = version / record_kinds.FILES[kind]
        if path.is_file():
            return path
        # Missing: either this version holds no such kind, or an import replaced it and is
        # removing it right now. Only a replaced version is ever removed, so if the link still
        # names it, the kind is truly absent; otherwise resolve the new version.
        if link.resolve() == version:
            return None
    raise FileNotFoundError(f"dataset {name!r} kept changing while it was read")


def kinds_present(name: str, data_dir: str | Path | None = None) -> list[str]:
    """The kinds dataset ``name`` holds, in ``record_kinds.ALL_KINDS`` order (``patent`` first);
    empty when the dataset does not exist."""
    link = dataset_dir(name, data_dir)
    for _ in range(_RESOLVE_ATTEMPTS):
        if not link.exists():
            return []
        version = link.resolve()  # one version, even if a swap happens meanwhile
        kinds = [kind for kind in record_kinds.ALL_KINDS if (version / record_kinds.FILES[kind]).is_file()]
        if link.resolve() == version:  # not replaced (and so not being removed) while listed
            return kinds
    raise FileNotFoundError(f"dataset {name!r} kept changing while it was read")


def write_kind(
    name: str,
    kind: str,
    table: TableOrBatches,
    manifest_part: dict[str, Any],
    data_dir: str | Path | None = None,
) -> Path:
    """Replace one kind of record (trademark, pledge, licence, copyright) in dataset ``name``.

    Writes a new version directory holding the new ``<kind>.parquet`` (exactly the kind's canonical
    schema) plus hard links (or copies) of the current version's other files, then swaps the link
    atomically: readers see the old dataset or the new one; if anything fails the dataset is left as
    it was. Creates the dataset when it does not exist. ``manifest_part`` becomes
    ``manifest["kinds"][kind]`` with ``rows`` and ``written_at`` added; the rest of the manifest
    (the patents' part) is carried over. Returns the dataset's directory.
    """
    check_name(name)
    record_kinds.check_kind(kind)
    root = datasets_root(data_dir)
    version_dir = _new_version_dir(root, name)
    try:
        rows = _write_kind_file(version_dir / record_kinds.FILES[kind], kind, table)
        with _lock(root, name):
            previous = _current_version(root, name)
            kinds = _carry_over(previous, version_dir, keep_out=kind)
            manifest: dict[str, Any] = {}
            if previous is not None and (previous / MANIFEST_FILE).is_file():
                manifest = json.loads((previous / MANIFEST_FILE).read_text(encoding="utf-8"))
            kinds[kind] = {**manifest_part, "rows": rows,
                           "written_at": dt.datetime.now(dt.UTC).isoformat(timespec="microseconds"),
                           "schema": record_kinds.COLUMNS[kind]}
            manifest["kinds"] = {k: kinds[k] for k in record_kinds.KINDS if k in kinds}
            (version_dir / MANIFEST_FILE).write_text(json.dumps(manifest, ensure_ascii=False, indent=1),
                                                     encoding="utf-8")
            _swap(root, name, version_dir)
    except BaseException:
        shutil.rmtree(version_dir, ignore_errors=True)
        raise
    return root / name


def read_kind(name: str, kind: str, data_dir: str | Path | None = None, columns: list[str] | None = None) -> pa.Table:
    """One kind of record as an Arrow table (small datasets; big ones: scan ``kind_path``)."""
    path = kind_path(name, kind, data_dir)
    if path is None:
        raise DatasetNotFound(f"dataset {name!r} holds no {kind} records")
    return pq.read_table(path, columns=columns)


def _to_kind(kind: str, batch: pa.Table | pa.RecordBatch) -> pa.Table:
    table = pa.Table.from_batches([batch]) if isinstance(batch, pa.RecordBatch) else batch
    columns = record_kinds.COLUMNS[kind]
    missing = [c for c in columns if c not in table.column_names]
    if missing:
        raise DatasetError(f"{kind} records lack canonical columns: {', '.join(missing)}")
    return table.select(columns).cast(record_kinds.canonical_schema(kind))


def _write_kind_file(path: Path, kind: str, data: TableOrBatches) -> int:
    parts: Iterable[pa.Table | pa.RecordBatch] = [data] if isinstance(data, pa.Table | pa.RecordBatch) else data
    rows = 0
    with pq.ParquetWriter(path, record_kinds.canonical_schema(kind), compression="zstd") as writer:
        for part in parts:
            table = _to_kind(kind, part)
            if table.num_rows:
                writer.write_table(table)
                rows += table.num_rows
    return rows


def _new_version_dir(root: Path, name: str) -> Path:
    versions = root / VERSIONS_DIR
    versions.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]
    version_dir = versions / f"{name}.{stamp}"
    version_dir.mkdir()
    return version_dir


def _current_version(root: Path, name: str) -> Path | None:
    link = root / name
    return link.resolve() if link.exists() else None


def _carry_over(previous: Path | None, version_dir: Path, keep_out: str) -> dict[str, Any]:
    """Hard-link (else copy) the previous version's kind files except ``keep_out`` into
    ``version_dir``; returns the previous manifest's ``kinds`` section for the files carried."""
    if previous is None:
        return {}
    kinds: dict[str, Any] = {}
    old_kinds: dict[str, Any] = {}
    if (previous / MANIFEST_FILE).is_file():
        old_kinds = json.loads((previous / MANIFEST_FILE).read_text(encoding="utf-8")).get("kinds") or {}
    for kind in record_kinds.ALL_KINDS:
        source = previous / record_kinds.FILES[kind]
        if kind == keep_out or not source.is_file():
            continue
        target = version_dir / record_kinds.FILES[kind]
        try:
            os.link(source, target)
        except OSError:
            shutil.copy2(source, target)
        if kind in old_kinds:
            kinds[kind] = old_kinds[kind]
    return kinds


def remove_abandoned_versions(name: str, older_than_seconds: float, data_dir: str | Path | None = None,
                              *, now: float | None = None) -> list[str]:
    """Remove what a write of ``name`` killed mid-way left behind (a SIGKILL runs no ``except``):
    version directories that are not the current one, and temporary links, untouched (no file in
    them written) for ``older_than_seconds``. A write in progress keeps its directory's newest
    mtime fresh, and the current version is never removed; the dataset's lock is held, so no swap
    happens meanwhile. Returns the names removed."""
    check_name(name)
    root = datasets_root(data_dir)
    versions = root / VERSIONS_DIR
    if not versions.is_dir():
        return []
    cutoff = (dt.datetime.now(dt.UTC).timestamp() if now is None else now) - older_than_seconds
    mine = re.compile(re.escape(name) + r"\.(\d{8}T\d{6}-[0-9a-f]{8}|replaced-[0-9a-f]{8})")
    removed = []
    with _lock(root, name):
        current = _current_version(root, name)
        for entry in sorted(versions.iterdir()):
            if not mine.fullmatch(entry.name) or not entry.is_dir() or entry.is_symlink():
                continue
            if current is not None and entry.resolve() == current:
                continue
            if _newest_mtime(entry) < cutoff:
                shutil.rmtree(entry, ignore_errors=True)
                removed.append(entry.name)
        for link in root.glob(f".{name}.link-*"):  # a checked name has no glob characters
            if link.is_symlink() and link.lstat().st_mtime < cutoff:
                link.unlink()
                removed.append(link.name)
    return removed


def _newest_mtime(directory: Path) -> float:
    newest = directory.stat().st_mtime
    for entry in directory.rglob("*"):
        with contextlib.suppress(OSError):
            newest = max(newest, entry.lstat().st_mtime)
    return newest


def delete_dataset(name: str, data_dir: str | Path | None = None) -> None:
    root = datasets_root(data_dir)
    link = root / check_name(name)
    with _lock(root, name):
        if not link.is_symlink() and not link.exists():
            raise DatasetNotFound(f"no dataset named {name!r} under {root}")
        target = link.resolve()
        _remove(link)
        shutil.rmtree(target, ignore_errors=True)


def _write_records(path: Path, data: TableOrBatches) -> int:
    rows = 0
    with pq.ParquetWriter(path, CANONICAL_SCHEMA, compression="zstd") as writer:
        for table in _batches(data):
            if table.num_rows:
                writer.write_table(table)
                rows += table.num_rows
    return rows


def _publish(root: Path, name: str, version_dir: Path) -> None:
    """Point ``root/name`` at ``version_dir`` atomically, then drop the previous version."""
    with _lock(root, name):
        _swap(root, name, version_dir)


def _swap(root: Path, name: str, version_dir: Path) -> None:
    """``_publish`` for a caller that already holds the dataset's lock."""
    link = root / name
    previous = link.resolve() if link.is_symlink() else None
    if link.exists() and not link.is_symlink():
        # A plain directory (made by hand or an older layout) cannot be swapped atomically:
        # move it aside first; the window without a dataset is one rename long.
        previous = version_dir.parent / f"{name}.replaced-{uuid.uuid4().hex[:8]}"
        link.rename(previous)
    tmp_link = root / f".{name}.link-{uuid.uuid4().hex[:8]}"
    tmp_link.symlink_to(Path(VERSIONS_DIR) / version_dir.name)
    os.replace(tmp_link, link)
    if previous is not None and previous != version_dir.resolve():
        shutil.rmtree(previous, ignore_errors=True)


@contextlib.contextmanager
def _lock(root: Path, name: str) -> Iterator[None]:
    """Serialise swaps of one dataset between processes (two imports of the same name)."""
    lock_path = root / VERSIONS_DIR / f"{name}.lock"
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)

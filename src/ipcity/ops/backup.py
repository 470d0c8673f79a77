"""Back up a running installation into one archive, and restore one into an empty installation.

``backup_create`` takes the database snapshot first, then copies the data directory's areas
(uploads, datasets, reference data). Each patent dataset is copied under its own swap lock, so
a re-import running at the same time cannot replace it half-way through the copy; only the
current version of each dataset is kept (the versions a crashed import left behind are not).

``backup_restore`` verifies the whole archive before it touches anything, refuses a target
that is not empty unless told to replace it, unpacks into a staging directory inside the data
directory (same file system, so every step after is a rename), restores the database, and
then swaps each area into place.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import socket
import tempfile
import uuid
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from django.conf import settings

from ipcity.ops import archive, database

RESTORE_STAGING_PREFIX = ".restore-"
SCRATCH_PREFIX = ".ipcity-backup-"


class RestoreRefused(Exception):
    """The restore cannot go ahead (target not empty, other engine, newer backup); nothing changed."""


@dataclass
class BackupReport:
    path: Path
    engine: str
    files: int
    bytes: int


@dataclass
class RestoreReport:
    engine: str
    files: int
    created_at: str
    ipcity_version: str
    migrations_to_apply: int


def area_paths() -> dict[str, Path]:
    return {"uploads": Path(settings.MEDIA_ROOT), "datasets": Path(settings.DATASETS_DIR),
            "reference": Path(settings.DATA_DIR) / "reference"}


def _ipcity_version() -> str:
    try:
        return version("ipcity")
    except PackageNotFoundError:  # pragma: no cover - running from a bare source tree
        import ipcity

        return ipcity.__version__


# ---------------------------------------------------------------- backup


def backup_create(*, out: str | Path) -> BackupReport:
    """Write the archive to ``out`` (atomically: temp name, fsync, rename)."""
    out = Path(out).resolve()
    if out.is_dir():
        raise ValueError(f"{out} is a directory; give the archive's file name")
    if not out.parent.is_dir():
        raise ValueError(f"{out.parent}: no such directory")
    for root in area_paths().values():
        if out.parent.resolve().is_relative_to(root.resolve()):
            # The archive would be copying itself while it grows.
            raise ValueError(f"{out} is inside {root}, which is backed up; write the archive elsewhere")
    _remove_leftovers(out.parent)
    manifest = {"format": archive.FORMAT, "format_version": archive.FORMAT_VERSION,
                "ipcity_version": _ipcity_version(), "host": socket.gethostname(),
                "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
    with tempfile.TemporaryDirectory(prefix=f"{SCRATCH_PREFIX}{os.getpid()}-", dir=out.parent) as scratch:
        snapshot = Path(scratch) / "database"
        manifest["database"] = database.snapshot(snapshot)
        if manifest["database"]["engine"] == database.SQLITE:
            manifest["migrations"] = database.applied_migrations_in_sqlite(snapshot)
        else:
            manifest["migrations"] = database.applied_migrations()
        with archive.ArchiveWriter(out, manifest) as writer:
            writer.add_file(manifest["database"]["member"], snapshot)
            for area, root in area_paths().items():
                if area == "datasets":
                    _add_datasets(writer, root)
                else:
                    _add_tree(writer, root, f"{archive.FILES_PREFIX}{area}")
            writer.commit()
    files = [m for m in writer.members if m["type"] == "file"]
    return BackupReport(path=out, engine=manifest["database"]["engine"], files=len(files),
                        bytes=out.stat().st_size)


def _remove_leftovers(directory: Path) -> None:
    """Delete what killed backups left in ``directory``: their database copy and partial archive.

    Both names carry the writer's process id; only those of processes no longer running go.
    """
    for entry in directory.iterdir():
        if entry.name.startswith(SCRATCH_PREFIX):
            pid = entry.name[len(SCRATCH_PREFIX):].split("-")[0]
        elif entry.name.startswith(".") and ".partial-" in entry.name:
            pid = entry.name.rsplit(".partial-", 1)[1].split("-")[0]
        else:
            continue
        if not pid.isdigit() or _running(int(pid)):
            continue
        if entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _add_tree(writer: archive.ArchiveWriter, root: Path, prefix: str) -> None:
    """Every regular file under ``root``, in a stable order; temporary files are skipped."""
    if not root.is_dir():
        return
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for filename in sorted(filenames):
            path = Path(dirpath) / filename
            if filename.startswith(".current-") or filename.endswith(".lock") or not path.is_file() \
                    or path.is_symlink():
                continue  # half-made pointer files, lock files and stray links are no data
            writer.add_file(f"{prefix}/{path.relative_to(root).as_posix()}", path)


def _add_datasets(writer: archive.ArchiveWriter, root: Path) -> None:
    from ipcity.analytics import datasets

    if not root.is_dir():
        return
    prefix = f"{archive.FILES_PREFIX}datasets"
    for entry in sorted(root.iterdir()):
        if entry.name.startswith("."):
            continue  # .versions is reached through the links; temp links are no data
        if entry.is_symlink():
            # The dataset module's own swap lock: an import waits until this copy is done.
            with datasets._lock(root, entry.name):
                if not entry.is_symlink():
                    continue  # deleted meanwhile
                target = os.readlink(entry)
                version_dir = (root / target).resolve()
                if not version_dir.is_dir():
                    continue  # a dangling link: nothing to keep
                writer.add_symlink(f"{prefix}/{entry.name}", target)
                _add_tree(writer, version_dir, f"{prefix}/{Path(target).as_posix()}")
        elif entry.is_dir():
            _add_tree(writer, entry, f"{prefix}/{entry.name}")


# ---------------------------------------------------------------- restore


def backup_restore(*, path: str | Path, force: bool = False) -> RestoreReport:
    """Restore the archive at ``path``; raises ArchiveInvalid or RestoreRefused with nothing changed."""
    path = Path(path)
    manifest = archive.verify(path)
    engine = manifest["database"].get("engine")
    here = database.engine()
    if engine != here:
        raise RestoreRefused(f"{path} holds a {engine} database and this installation uses {here}: "
                             "restoring across database engines is not supported")
    to_apply = _check_migrations(path, manifest)
    if not force:
        occupied = _occupied()
        if occupied:
            raise RestoreRefused("the target is not empty (" + "; ".join(occupied) + "): "
                                 "restore into a fresh installation, or add --force to replace it")
    data_dir = Path(settings.DATA_DIR)
    data_dir.mkdir(parents=True, exist_ok=True)
    staging = data_dir / f"{RESTORE_STAGING_PREFIX}{uuid.uuid4().hex[:8]}"
    staging.mkdir()
    try:
        files = _unpack(path, manifest, staging)
        snapshot = staging / manifest["database"]["member"]
        if engine == database.SQLITE:
            database.restore_sqlite(snapshot)
        else:
            database.restore_postgresql(snapshot, replace=force and not database.is_empty()[0])
        for area, target in area_paths().items():
            _swap_in(staging / archive.FILES_PREFIX / area, target, staging / f"old-{area}")
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return RestoreReport(engine=engine, files=files, created_at=manifest.get("created_at", ""),
                         ipcity_version=manifest.get("ipcity_version", ""), migrations_to_apply=to_apply)


def _check_migrations(path: Path, manifest: dict) -> int:
    """Refuse a backup from a newer ipcity; count the migrations the restored database lacks."""
    from django.db.migrations.loader import MigrationLoader

    on_disk = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    in_backup = {(app, name) for app, names in (manifest.get("migrations") or {}).items() for name in names}
    unknown = sorted(in_backup - on_disk)
    if unknown:
        app, name = unknown[0]
        raise RestoreRefused(f"{path} was made by a newer ipcity ({manifest.get('ipcity_version')}): "
                             f"migration {app}.{name} is unknown here; upgrade ipcity first")
    return len(on_disk - in_backup) if in_backup else 0


def _occupied() -> list[str]:
    found = []
    empty, name = database.is_empty()
    if not empty:
        found.append(f"database {name} has tables")
    for root in area_paths().values():
        if root.is_dir() and any(root.iterdir()):
            found.append(f"{root} is not empty")
    return found


def _unpack(path: Path, manifest: dict, staging: Path) -> int:
    """Extract into ``staging``, checking each file against the manifest again as it is written
    (the archive could have changed since it was verified)."""
    listed = {m["name"]: m for m in manifest["members"]}
    files = 0
    with archive.members(path) as found:
        for info, handle in found:
            if info.name == archive.MANIFEST:
                continue
            expected = listed.get(info.name)
            if expected is None:
                raise archive.ArchiveInvalid(f"{path}: {info.name} is not in the manifest")
            target = staging / info.name
            target.parent.mkdir(parents=True, exist_ok=True)
            if info.issym() != (expected["type"] == "symlink"):
                raise archive.ArchiveInvalid(f"{path}: {info.name} changed while restoring (type differs)")
            if info.issym():
                if info.linkname != expected["target"]:
                    raise archive.ArchiveInvalid(f"{path}: {info.name} changed while restoring (link differs)")
                os.symlink(info.linkname, target)
                continue
            with open(target, "xb") as sink:
                sha, size = archive.hash_stream(handle, sink)
            if sha != expected.get("sha256") or size != expected.get("size"):
                raise archive.ArchiveInvalid(f"{path}: {info.name} changed while restoring (checksum differs)")
            files += 1
    return files


def _swap_in(staged: Path, target: Path, old: Path) -> None:
    staged.mkdir(parents=True, exist_ok=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists() or target.is_symlink():
        target.rename(old)
    staged.rename(target)

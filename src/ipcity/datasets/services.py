"""The writes of web imports: ask for one (the file stored, the job queued) and run it.

Each write is one transaction with its audit record. The import itself runs outside any
transaction (it writes Parquet files, which a rollback could not undo); its outcome is then
recorded atomically: ``done`` with the importer's report, or ``failed`` with its refusal.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ipcity.analytics import datasets as store
from ipcity.audit.services import audit_record, snapshot
from ipcity.core.models import Region
from ipcity.datasets.access import ImportRefused, access_require_datasets, import_refusal, owning_import
from ipcity.datasets.models import DatasetImport

logger = logging.getLogger(__name__)
AUDIT_FIELDS = ["dataset", "kind", "export_format", "original_name", "size", "region", "creates_dataset", "status",
                "error", "started_at", "finished_at"]
ERROR_KEPT = 2000  # characters of an importer's refusal kept (it may list every header found)
REJECTS_KEPT = 200  # rejected rows kept in the job's report (the dataset manifest keeps 1,000; the count is whole)


def max_upload_bytes() -> int:
    return int(settings.IPCITY_DATASET_UPLOAD_MAX_BYTES)


@transaction.atomic
def dataset_import_request(*, user: User, upload: UploadedFile, dataset: str, kind: str,
                           export_format: str = "auto") -> DatasetImport:
    """Store ``upload`` and record the queued import of it into ``dataset`` (the caller queues the
    job once this has committed: ``tasks.dataset_import``). ``ImportRefused`` (a ``PermissionDenied``)
    when the user may not import into that dataset (``access.import_refusal``)."""
    access_require_datasets(user)
    _lock_name(dataset)
    refusal = import_refusal(user, dataset)
    if refusal:
        raise ImportRefused(refusal)
    profile = getattr(user, "profile", None)
    region: Region | None = getattr(profile, "region", None) if profile else None
    # A new name whose first import is still queued or running is that import's to create: a second
    # one (the site admin's, or the same office's) does not take the dataset's ownership from it.
    claim = owning_import(dataset)
    creates = not store.exists(dataset, settings.DATA_DIR) and not (claim is not None and claim.is_active)
    job = DatasetImport(dataset=dataset, kind=kind, export_format=export_format or "auto",
                        original_name=Path(upload.name or "upload").name[:255], size=upload.size or 0,
                        region=region, created_by=user, creates_dataset=creates)
    job.file.save(_stored_name(job.original_name), upload, save=False)
    job.save()
    audit_record(actor=user, action="datasets.import.request", obj=job, after=snapshot(job, AUDIT_FIELDS))
    return job


def _lock_name(dataset: str) -> None:
    """Requests for one dataset name, one at a time until the transaction ends: who may import and
    whether the import creates the dataset are decided on what the previous request committed.
    SQLite's transactions already run one at a time (``transaction_mode`` IMMEDIATE); on PostgreSQL
    two offices of different regions asking for the same new name at once both passed the check and
    both claimed it."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"ipcity.datasets:{dataset}"])


def _stored_name(original: str) -> str:
    """The original name (the dataset's manifest shows it as the source file), kept short. A name
    of which the storage would keep no letter or digit (``😀.csv`` became the hidden file ``.csv``)
    is stored as ``upload`` with its suffix."""
    path = Path(original)
    stem, suffix = path.stem[:80], path.suffix.lower()[:8]
    if not re.search(r"\w", stem):
        stem = "upload"
    return f"{stem}{suffix}"


def dataset_import_run(import_id: int) -> DatasetImport:
    """Run a queued import once: ``running``, then ``done`` with the importer's report or ``failed``
    with its refusal. Nothing of the dataset changes when it fails (the importers write a new
    version and swap it in only at the end)."""
    started = DatasetImport.objects.filter(pk=import_id, status=DatasetImport.Status.QUEUED).update(
        status=DatasetImport.Status.RUNNING, started_at=timezone.now())
    job = DatasetImport.objects.get(pk=import_id)
    if not started:  # already run (a retried job): nothing to do
        return job
    from ipcity.analytics import importer, record_import

    path = Path(job.file.path)
    clock = time.monotonic()
    try:
        if job.kind == "patent":
            report = importer.import_file(path, job.dataset, export_format=job.export_format,
                                          data_dir=settings.DATA_DIR, max_bytes=max_upload_bytes())
        else:
            report = record_import.import_records(path, job.kind, job.dataset, export_format=job.export_format,
                                                  data_dir=settings.DATA_DIR, max_bytes=max_upload_bytes())
    except (importer.ImportFailed, record_import.RecordImportFailed, store.DatasetError) as exc:
        return _failed(job, _scrub(str(exc), path))
    except Exception:  # noqa: BLE001 - an import that breaks fails; the worker goes on
        logger.exception("dataset import %s failed", job.pk)
        return _failed(job, _("导入时出错（详情已记入服务器日志）。请检查文件后重新导入；仍失败请联系系统管理员。"))
    return _done(job, _report(report, time.monotonic() - clock))


def _scrub(message: str, path: Path) -> str:
    """The importers name the file by its path on the server: the page names it as uploaded. A
    refusal that lists the headers found is cut at ``ERROR_KEPT`` characters (a CSV of a million
    columns made a 2 MB message, stored, audited and shown whole)."""
    message = message.replace(str(path.resolve()), path.name).replace(str(path), path.name)
    return message if len(message) <= ERROR_KEPT else message[:ERROR_KEPT] + " …"


def _report(report, seconds: float) -> dict[str, Any]:
    data = report.as_dict()
    data["rejected"] = data["rejected"][:REJECTS_KEPT]
    data["notes"] = dict(sorted(data["notes"].items()))
    data["seconds"] = round(seconds, 1)
    return data


@transaction.atomic
def _done(job: DatasetImport, report: dict[str, Any]) -> DatasetImport:
    job.status, job.report, job.error, job.finished_at = DatasetImport.Status.DONE, report, "", timezone.now()
    job.save(update_fields=["status", "report", "error", "finished_at"])
    audit_record(actor=None, action="datasets.import.done", obj=job, after=snapshot(job, AUDIT_FIELDS),
                 note=f"{report.get('rows_imported', 0)} rows")
    return job


@transaction.atomic
def _failed(job: DatasetImport, message: str) -> DatasetImport:
    job.status, job.error, job.finished_at = DatasetImport.Status.FAILED, message, timezone.now()
    job.save(update_fields=["status", "error", "finished_at"])
    audit_record(actor=None, action="datasets.import.fail", obj=job, after=snapshot(job, AUDIT_FIELDS),
                 note=message[:500])
    return job


def stale_minutes() -> int:
    return int(settings.IPCITY_DATASET_IMPORT_STALE_MINUTES)


def dataset_import_reap(*, now: dt.datetime | None = None) -> list[int]:
    """Fail the imports whose worker died: ``running`` for longer than
    ``IPCITY_DATASET_IMPORT_STALE_MINUTES`` since it started, or ``queued`` that long since it was
    asked for (its task was lost). Each is marked ``failed`` with its audit record, by the system;
    the dataset's current version is not touched (the importers swap a finished version in only at
    the end), and what the killed write left under ``.versions`` is removed once untouched for the
    same time (``store.remove_abandoned_versions``). Returns the ids failed.

    A worker that was merely slow and finishes afterwards still records ``done`` (``_done``): its
    dataset was swapped in, so that is the truth, and the trail shows both."""
    now = now or timezone.now()
    limit = stale_minutes()
    cutoff = now - dt.timedelta(minutes=limit)
    Status = DatasetImport.Status
    stale = list(DatasetImport.objects.filter(status=Status.RUNNING, started_at__lt=cutoff).values_list("pk", flat=True))
    stale += DatasetImport.objects.filter(status=Status.QUEUED, created_at__lt=cutoff).values_list("pk", flat=True)
    failed = []
    for pk in stale:
        job = _reap_one(pk, now, limit)
        if job is None:
            continue
        failed.append(pk)
        try:
            store.remove_abandoned_versions(job.dataset, limit * 60, settings.DATA_DIR)
        except (OSError, store.DatasetError):
            logger.exception("dataset import %s: removing the abandoned version failed", pk)
    return failed


@transaction.atomic
def _reap_one(pk: int, now: dt.datetime, limit: int) -> DatasetImport | None:
    job = DatasetImport.objects.select_for_update().get(pk=pk)
    if job.status == DatasetImport.Status.RUNNING:
        message = _("导入中断：导入已运行超过 %(minutes)s 分钟仍未结束（导入进程可能因服务器重启或内存不足而终止），"
                    "请重新上传。") % {"minutes": limit}
    elif job.status == DatasetImport.Status.QUEUED:
        message = _("导入中断：排队超过 %(minutes)s 分钟仍未开始（导入任务可能因服务器重启而丢失），"
                    "请重新上传。") % {"minutes": limit}
    else:  # finished meanwhile
        return None
    job.status, job.error, job.finished_at = DatasetImport.Status.FAILED, message, now
    job.save(update_fields=["status", "error", "finished_at"])
    audit_record(actor=None, action="datasets.import.reap", obj=job, after=snapshot(job, AUDIT_FIELDS),
                 note=f"stale after {limit} min")
    return job


def upload_keep_days() -> int:
    return int(settings.IPCITY_DATASET_UPLOAD_KEEP_DAYS)


def dataset_upload_purge(*, now: dt.datetime | None = None) -> list[int]:
    """Remove the stored upload of each import that ended (``done`` or ``failed``, the reaper's
    included) more than ``IPCITY_DATASET_UPLOAD_KEEP_DAYS`` ago, with the directory of its own that
    held it; the import's record, its report or refusal, and the dataset stay. Each removal is
    recorded (``file_removed_at``) with its audit record, by the system. An import queued or running
    keeps its file whatever its age: the status is read again under a row lock before anything is
    removed. Returns the ids whose upload was removed.

    The exports name applicants, inventors and their addresses: kept for as long as an office may
    want to look at what it imported (a refusal to check against the file, a re-run), not for ever
    (PIPL 第十九条: the shortest time the purpose needs)."""
    now = now or timezone.now()
    days = upload_keep_days()
    Status = DatasetImport.Status
    due = (DatasetImport.objects.filter(status__in=[Status.DONE, Status.FAILED], file_removed_at__isnull=True,
                                        finished_at__lt=now - dt.timedelta(days=days))
           .exclude(file="").order_by("pk").values_list("pk", flat=True))
    removed = []
    for pk in list(due):
        try:
            if _purge_one(pk, now, days):
                removed.append(pk)
        except OSError:  # a file the OS will not remove: logged, the record unchanged, tried again next run
            logger.exception("dataset import %s: removing the stored upload failed", pk)
        except SuspiciousFileOperation:  # a stored name that leaves the upload directory: never followed
            logger.error("dataset import %s: the stored upload is not under %s; left alone", pk, UPLOAD_DIR)
    return removed


UPLOAD_DIR = "dataset_imports"


def _upload_file(storage, name: str) -> Path:
    """The upload's path, refused (``SuspiciousFileOperation``) unless its directory, with every
    symbolic link followed, is under the storage's ``dataset_imports``: a tampered name (``..``) or
    a directory replaced by a link to elsewhere never makes the purge remove another file. The
    file itself may be a link; removing it removes the link."""
    path = Path(storage.path(name))  # raises on a name that climbs out of the storage
    base = (Path(storage.location) / UPLOAD_DIR).resolve()
    if not path.parent.resolve().is_relative_to(base):
        raise SuspiciousFileOperation(f"{name} is not under {base}")
    return path


@transaction.atomic
def _purge_one(pk: int, now: dt.datetime, days: int) -> bool:
    job = DatasetImport.objects.select_for_update().get(pk=pk)
    if job.is_active or job.file_removed_at or not job.file.name:
        return False
    path = _upload_file(job.file.storage, job.file.name) if hasattr(job.file.storage, "location") else None
    before = snapshot(job, [*AUDIT_FIELDS, "file", "file_removed_at"])
    name, storage = job.file.name, job.file.storage
    job.file.name, job.file_removed_at = "", now
    job.save(update_fields=["file", "file_removed_at"])
    audit_record(actor=None, action="datasets.import.upload_purge", obj=job, before=before,
                 after=snapshot(job, [*AUDIT_FIELDS, "file", "file_removed_at"]), note=f"kept {days} days")
    # Last, so that a file the OS refuses to remove rolls the record back; a commit that fails after
    # it leaves a record whose file is gone, which the next run records (a missing file is no error).
    storage.delete(name)
    if path is not None:
        _remove_empty_parent(storage, path)
    return True


def _remove_empty_parent(storage, path: Path) -> None:
    """The upload's own directory (``dataset_imports/<random>/``), once empty; never the common one."""
    if path.parent.resolve() == (Path(storage.location) / UPLOAD_DIR).resolve():
        return
    try:
        path.parent.rmdir()
    except OSError:  # not empty, or already gone
        pass

"""A stored upload is removed ``IPCITY_DATASET_UPLOAD_KEEP_DAYS`` after its import ended (done or
failed), by the hourly ``datasets_upload_purge``, audited by the system; the import's record, its
report and the dataset stay, and an import queued or running keeps its file whatever its age.
The files are the authored exports of test_upload.py; ages are set on the rows by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.urls import reverse
from django.utils import timezone

from ipcity.analytics import datasets as store
from ipcity.audit.models import AuditEvent
from ipcity.datasets import services, tasks
from ipcity.datasets.models import DatasetImport
from tests.web.datasets import test_upload as base
from tests.web.datasets.test_upload import _upload, patent_csv

world = base.world  # the fixture: two cities' offices, a leader, a reporter, the site admin


def _imported(world, dataset: str, content: bytes | None = None, name: str = "incoPat导出.csv") -> DatasetImport:
    _upload(world.clients["office_a"], name, content or patent_csv(), dataset)
    return DatasetImport.objects.latest("pk")


def _ended(job: DatasetImport, days_ago: float) -> None:
    DatasetImport.objects.filter(pk=job.pk).update(finished_at=timezone.now() - dt.timedelta(days=days_ago))


def test_an_ended_imports_upload_is_removed_after_the_keep_days_and_its_report_stays(world, settings):
    settings.IPCITY_DATASET_UPLOAD_KEEP_DAYS = 30
    done = _imported(world, "tongling")
    failed = _imported(world, "broken", b"\x89PNG\r\n\x1a\n" + b"0" * 64, name="picture.csv")
    assert (done.status, failed.status) == ("done", "failed")
    paths = {job.pk: Path(job.file.path) for job in (done, failed)}
    assert all(path.is_file() for path in paths.values())
    report, error = done.report, failed.error

    _ended(done, 29.9)
    _ended(failed, 29.9)
    assert tasks.dataset_upload_purge_job.call_local() == {"removed": []}  # not yet
    _ended(done, 30.1)
    _ended(failed, 31)
    assert tasks.dataset_upload_purge_job.call_local() == {"removed": [done.pk, failed.pk]}

    for job in (done, failed):
        job.refresh_from_db()
        assert job.file.name == "" and job.file_removed_at is not None
        assert not paths[job.pk].exists() and not paths[job.pk].parent.exists()  # its own directory too
    assert Path(settings.MEDIA_ROOT, "dataset_imports").is_dir()  # the common directory stays
    assert (done.report, failed.error, done.status, failed.status) == (report, error, "done", "failed")
    assert store.read_manifest("tongling", world.data_dir)["source"]["file"] == "incoPat导出.csv"  # the dataset stays
    assert store.read_records("tongling", world.data_dir).num_rows == 2

    events = AuditEvent.objects.filter(action="datasets.import.upload_purge").order_by("object_id")
    assert [(e.object_id, e.actor_id, e.actor_name, e.note) for e in events] == [
        (str(done.pk), None, "system", "kept 30 days"), (str(failed.pk), None, "system", "kept 30 days")]
    assert events[0].before["file"].startswith("dataset_imports/") and not events[0].after["file"]
    assert events[0].after["file_removed_at"]
    assert services.dataset_upload_purge() == []  # once


def test_a_queued_or_running_imports_file_is_never_removed_whatever_its_age(world, settings, monkeypatch):
    settings.IPCITY_DATASET_UPLOAD_KEEP_DAYS = 0
    monkeypatch.setattr("ipcity.datasets.views.dataset_import", lambda pk: None)  # the job stays queued
    queued = _imported(world, "waiting")
    running = _imported(world, "busy")
    long_ago = timezone.now() - dt.timedelta(days=400)
    DatasetImport.objects.filter(pk=queued.pk).update(created_at=long_ago, finished_at=long_ago)
    DatasetImport.objects.filter(pk=running.pk).update(status="running", created_at=long_ago, started_at=long_ago,
                                                       finished_at=long_ago)  # a finished_at left by a bug
    assert services.dataset_upload_purge() == []
    for job in (queued, running):
        job.refresh_from_db()
        assert Path(job.file.path).is_file() and job.file_removed_at is None
    assert not AuditEvent.objects.filter(action="datasets.import.upload_purge").exists()


def test_the_row_lock_reads_the_status_again(world, settings, monkeypatch):
    # Listed as ended, then run again before its turn (a retried task): the file it reads stays.
    settings.IPCITY_DATASET_UPLOAD_KEEP_DAYS = 0
    job = _imported(world, "tongling")
    _ended(job, 1)
    real = services._purge_one

    def rerun_first(pk, now, days):
        DatasetImport.objects.filter(pk=pk).update(status="running")
        return real(pk, now, days)

    monkeypatch.setattr(services, "_purge_one", rerun_first)
    assert services.dataset_upload_purge() == []
    job.refresh_from_db()
    assert Path(job.file.path).is_file() and job.file_removed_at is None


def test_zero_days_removes_at_the_next_run_and_a_file_already_gone_is_recorded(world, settings):
    settings.IPCITY_DATASET_UPLOAD_KEEP_DAYS = 0
    job = _imported(world, "tongling")
    _ended(job, 0.01)
    Path(job.file.path).unlink()  # removed by hand (or by a run whose commit failed)
    assert services.dataset_upload_purge() == [job.pk]
    job.refresh_from_db()
    assert job.file_removed_at and job.file.name == ""


def test_a_file_the_os_will_not_remove_keeps_its_record_for_the_next_run(world, settings, monkeypatch):
    settings.IPCITY_DATASET_UPLOAD_KEEP_DAYS = 0
    job = _imported(world, "tongling")
    _ended(job, 1)
    path = Path(job.file.path)

    def refuse(self, name):
        raise PermissionError(13, "Permission denied", name)

    monkeypatch.setattr("django.core.files.storage.FileSystemStorage.delete", refuse)
    assert services.dataset_upload_purge() == []
    job.refresh_from_db()
    assert path.is_file() and job.file_removed_at is None and job.file.name
    assert not AuditEvent.objects.filter(action="datasets.import.upload_purge").exists()  # rolled back
    monkeypatch.undo()
    assert services.dataset_upload_purge() == [job.pk] and not path.exists()


def test_the_import_page_says_the_file_was_removed(world, settings):
    settings.IPCITY_DATASET_UPLOAD_KEEP_DAYS = 0
    job = _imported(world, "tongling")
    _ended(job, 1)
    services.dataset_upload_purge()
    job.refresh_from_db()
    html = world.clients["office_a"].get(reverse("datasets:import", args=[job.pk])).content.decode()
    assert f"上传的文件已于 {timezone.localtime(job.file_removed_at):%Y-%m-%d} 按保留期删除" in html
    assert "已导入 2 条记录" in html  # the report stays on the page
    english = world.clients["office_a"].get(reverse("datasets:import", args=[job.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert "was removed" in english.content.decode()

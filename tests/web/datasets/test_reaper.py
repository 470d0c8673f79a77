"""An import whose worker died (a restart, an OOM kill) does not stay 导入中 forever: the periodic
``datasets_import_reap`` fails it after ``IPCITY_DATASET_IMPORT_STALE_MINUTES``, audited by the
system, without touching the dataset; and removes what a killed write left under ``.versions``.
A dead worker is reproduced by setting a job's status and times by hand; the datasets are written
by the store with invented rows."""

from __future__ import annotations

import datetime as dt
import os
import time

import pyarrow as pa
from django.urls import reverse
from django.utils import timezone

from ipcity.analytics import datasets as store
from ipcity.analytics.schema import CANONICAL_SCHEMA
from ipcity.audit.models import AuditEvent
from ipcity.datasets import services, tasks
from ipcity.datasets.models import DatasetImport
from tests.web.datasets import test_upload as base

world = base.world  # the fixture: two cities' offices, a leader, a reporter, the site admin


def _job(world, dataset: str = "tongling") -> DatasetImport:
    """A finished import of ``dataset`` (written by the store, as the importer's end does: the
    reaper's tests do not depend on an importer), its row then set by ``_as``."""
    store.write_dataset(dataset, pa.Table.from_pylist([{"pub_number": f"CN{n}A"} for n in range(2)],
                                                      schema=CANONICAL_SCHEMA),
                        {"source": "incoPat.csv", "format": "incopat"}, world.data_dir)
    return DatasetImport.objects.create(dataset=dataset, kind="patent", original_name="incoPat.csv", size=10,
                                        region=world.city_a, created_by=world.users["office_a"], status="done")


def _as(job: DatasetImport, status: str, minutes_ago: int) -> None:
    moment = timezone.now() - dt.timedelta(minutes=minutes_ago)
    DatasetImport.objects.filter(pk=job.pk).update(status=status, started_at=moment if status != "queued" else None,
                                                   created_at=moment, finished_at=None, error="")


def test_a_running_import_past_the_limit_fails_audited_by_the_system_and_its_dataset_stays(world, settings):
    settings.IPCITY_DATASET_IMPORT_STALE_MINUTES = 120
    job = _job(world)
    manifest = store.read_manifest("tongling", world.data_dir)
    _as(job, "running", minutes_ago=121)

    assert tasks.dataset_import_reap_job.call_local() == {"failed": [job.pk]}
    job.refresh_from_db()
    assert job.status == "failed" and job.finished_at
    assert job.error.startswith("导入中断：") and "120 分钟" in job.error and job.error.endswith("请重新上传。")
    event = AuditEvent.objects.get(action="datasets.import.reap")
    assert (event.actor_id, event.actor_name, event.object_id) == (None, "system", str(job.pk))
    assert event.after["status"] == "failed" and event.after["error"] == job.error
    # the dataset the earlier run swapped in is untouched
    assert store.read_manifest("tongling", world.data_dir) == manifest
    assert store.read_records("tongling", world.data_dir).num_rows == 2
    # run again: nothing more to do, no second record
    assert services.dataset_import_reap() == []
    assert AuditEvent.objects.filter(action="datasets.import.reap").count() == 1


def test_a_younger_running_import_and_finished_ones_are_left_alone(world, settings):
    settings.IPCITY_DATASET_IMPORT_STALE_MINUTES = 120
    young, done, failed = _job(world, "young"), _job(world, "old_done"), _job(world, "old_failed")
    _as(young, "running", minutes_ago=119)
    _as(done, "done", minutes_ago=600)
    _as(failed, "failed", minutes_ago=600)
    before = {j.pk: (j.status, j.error, j.finished_at) for j in DatasetImport.objects.all()}

    assert services.dataset_import_reap() == []
    assert {j.pk: (j.status, j.error, j.finished_at) for j in DatasetImport.objects.all()} == before
    assert not AuditEvent.objects.filter(action="datasets.import.reap").exists()
    # the limit is the setting's
    settings.IPCITY_DATASET_IMPORT_STALE_MINUTES = 60
    assert services.dataset_import_reap() == [young.pk]


def test_a_queued_import_whose_task_was_lost_fails_too_and_is_not_run_afterwards(world, settings):
    settings.IPCITY_DATASET_IMPORT_STALE_MINUTES = 120
    job = _job(world, "lost")
    _as(job, "queued", minutes_ago=121)
    assert services.dataset_import_reap() == [job.pk]
    job.refresh_from_db()
    assert job.status == "failed" and "排队超过 120 分钟" in job.error
    # the lost task turning up later runs nothing
    assert services.dataset_import_run(job.pk).status == "failed"


def test_the_page_shows_how_long_it_has_run_and_stops_polling_once_failed(world, settings):
    settings.IPCITY_DATASET_IMPORT_STALE_MINUTES = 120
    office = world.clients["office_a"]
    job = _job(world)
    url = reverse("datasets:import", args=[job.pk])
    _as(job, "running", minutes_ago=30)
    polling = office.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 2s"' in polling and 'data-status="running"' in polling
    assert "已运行 30" in polling and "分钟" in polling and "超过 120 分钟仍未结束的导入将判定为中断" in polling

    _as(job, "running", minutes_ago=125)
    services.dataset_import_reap()
    stopped = office.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert 'data-status="failed"' in stopped and "hx-trigger" not in stopped and "hx-get" not in stopped
    assert "导入中断：" in stopped and "data-elapsed" not in stopped and "判定为中断。" not in stopped
    assert '<span lang="zh">导入中断：' in stopped  # the platform's words, not marked as English


def test_what_a_killed_write_left_is_removed_and_the_current_version_kept(world, settings):
    settings.IPCITY_DATASET_IMPORT_STALE_MINUTES = 120
    job = _job(world)
    versions = store.datasets_root(world.data_dir) / store.VERSIONS_DIR
    current = (store.datasets_root(world.data_dir) / "tongling").resolve()
    old = time.time() - 3 * 3600
    # a write killed mid-way: its version directory with a half-written file, untouched for 3 hours
    killed = versions / "tongling.20261206T010203-0123abcd"
    killed.mkdir()
    (killed / "records.parquet").write_bytes(b"PAR1 half")
    for path in (killed / "records.parquet", killed):
        os.utime(path, (old, old))
    # another dataset's leftover, and a write of this one still in progress: neither is this reap's
    other = versions / "tongling.b.20261206T010203-0123abcd"
    other.mkdir()
    os.utime(other, (old, old))
    writing = versions / "tongling.20261206T230000-fedcba98"
    writing.mkdir()
    (writing / "records.parquet").write_bytes(b"PAR1 growing")
    os.utime(writing, (old, old))  # the directory is old, its file is being written now
    for path in (current, *current.iterdir()):
        os.utime(path, (old, old))  # the current version is never removed, however old

    _as(job, "running", minutes_ago=121)
    assert services.dataset_import_reap() == [job.pk]
    assert not killed.exists() and other.exists() and writing.exists() and current.exists()
    assert store.read_records("tongling", world.data_dir).num_rows == 2

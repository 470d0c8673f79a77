"""The upload purge against a data directory someone tampered with (hostile29): a stored name that
climbs out of the upload directory, a directory of an upload replaced by a symbolic link to
elsewhere. The purge removes files under ``MEDIA_ROOT/dataset_imports`` only, and one bad row
does not stop it from removing the others. The rows are tampered with by hand; the files are the
authored exports of test_upload.py."""

from __future__ import annotations

from pathlib import Path

from ipcity.audit.models import AuditEvent
from ipcity.datasets import services
from ipcity.datasets.models import DatasetImport
from tests.web.datasets import test_upload as base
from tests.web.datasets.test_upload_purge import _ended, _imported

world = base.world


def test_a_stored_name_climbing_out_is_left_alone_and_the_others_are_still_removed(world, settings):
    settings.IPCITY_DATASET_UPLOAD_KEEP_DAYS = 0
    tampered, honest = _imported(world, "one"), _imported(world, "two")
    outside = Path(settings.MEDIA_ROOT).parent / "precious.txt"
    outside.write_text("not an upload")
    DatasetImport.objects.filter(pk=tampered.pk).update(file="dataset_imports/../../precious.txt")
    _ended(tampered, 1)
    _ended(honest, 1)

    assert services.dataset_upload_purge() == [honest.pk]  # no SuspiciousFileOperation out of the run
    assert outside.read_text() == "not an upload"
    tampered.refresh_from_db()
    assert tampered.file_removed_at is None and tampered.file.name == "dataset_imports/../../precious.txt"
    assert not AuditEvent.objects.filter(action="datasets.import.upload_purge", object_id=str(tampered.pk)).exists()


def test_an_upload_directory_replaced_by_a_link_to_elsewhere_is_not_followed(world, settings, tmp_path):
    settings.IPCITY_DATASET_UPLOAD_KEEP_DAYS = 0
    job = _imported(world, "one")
    own = Path(job.file.path).parent
    victim = tmp_path / "elsewhere"
    victim.mkdir()
    kept = victim / Path(job.file.name).name
    kept.write_text("not an upload")
    for child in own.iterdir():
        child.unlink()
    own.rmdir()
    own.symlink_to(victim, target_is_directory=True)
    _ended(job, 1)

    assert services.dataset_upload_purge() == []
    assert kept.read_text() == "not an upload"
    job.refresh_from_db()
    assert job.file_removed_at is None


def test_a_file_replaced_by_a_link_loses_the_link_only(world, settings, tmp_path):
    settings.IPCITY_DATASET_UPLOAD_KEEP_DAYS = 0
    job = _imported(world, "one")
    victim = tmp_path / "elsewhere.txt"
    victim.write_text("not an upload")
    path = Path(job.file.path)
    path.unlink()
    path.symlink_to(victim)
    _ended(job, 1)

    assert services.dataset_upload_purge() == [job.pk]
    assert victim.read_text() == "not an upload" and not path.is_symlink()

"""Background jobs: import an uploaded file into a dataset (huey; immediate under tests), every
10 minutes fail the imports whose worker died (``services.dataset_import_reap``), and every hour
remove the uploads kept past ``IPCITY_DATASET_UPLOAD_KEEP_DAYS`` (``services.dataset_upload_purge``)."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task


@db_task(name="datasets_import")
def dataset_import(import_id: int) -> str:
    from ipcity.datasets.services import dataset_import_run

    return dataset_import_run(import_id).status


@db_periodic_task(crontab(minute="*/10"), name="datasets_import_reap")
def dataset_import_reap_job() -> dict:
    from ipcity.datasets.services import dataset_import_reap

    return {"failed": dataset_import_reap()}


@db_periodic_task(crontab(minute="40"), name="datasets_upload_purge")
def dataset_upload_purge_job() -> dict:
    from ipcity.datasets.services import dataset_upload_purge

    return {"removed": dataset_upload_purge()}

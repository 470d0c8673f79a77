"""Background jobs: import an uploaded file into a dataset (huey; immediate under tests), and every
10 minutes fail the imports whose worker died (``services.dataset_import_reap``)."""

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

"""Background job: import an uploaded file into a dataset (huey; immediate under tests)."""

from __future__ import annotations

from huey.contrib.djhuey import db_task


@db_task(name="datasets_import")
def dataset_import(import_id: int) -> str:
    from ipcity.datasets.services import dataset_import_run

    return dataset_import_run(import_id).status

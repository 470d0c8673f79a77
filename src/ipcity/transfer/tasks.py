"""Background job: build a dataset's matching index (huey; immediate under tests)."""

from __future__ import annotations

from huey.contrib.djhuey import db_task


@db_task(name="transfer_build_index")
def transfer_build_index(dataset: str) -> int:
    from django.conf import settings

    from ipcity.matching.index import build_index

    return build_index(dataset, data_dir=settings.DATA_DIR).documents

"""Background job: the nightly purge of audit records past their retention period."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from ipcity.audit.services import audit_purge


# 19:10 UTC is 03:10 Beijing time, when nobody works in the trail.
@db_periodic_task(crontab(hour="19", minute="10"), name="audit_purge")
def audit_purge_job() -> dict:
    return {"deleted": audit_purge()}

"""Background job: the daily supervision scan (rounds and reminders), run by huey's consumer."""

from __future__ import annotations

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from ipcity.supervision.services.reminders import scan


# 00:30 UTC is 08:30 Beijing time, so reminders arrive at the start of the working day
# (huey evaluates crontabs in UTC by default).
@db_periodic_task(crontab(hour="0", minute="30"), name="supervision_daily_scan")
def supervision_daily_scan() -> dict:
    result = scan(today=timezone.localdate())
    # The office's daily summary of overdue reports is part of the scan (``result.digests``).
    return {"rounds_created": result.rounds_created, "reminders": result.reminders, "digests": result.digests}

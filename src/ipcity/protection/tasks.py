"""Background jobs of the rights-protection app (huey; immediate under tests): the recompute of
every stored due date after a holiday notice is loaded in the browser
(``services.calendar_notices.holiday_notice_recompute``), as the datasets app imports a file."""

from __future__ import annotations

from huey.contrib.djhuey import db_task


@db_task(name="protection_holiday_notice_recompute")
def holiday_notice_recompute_job(load_id: int) -> int | None:
    from ipcity.protection.services.calendar_notices import holiday_notice_recompute

    return holiday_notice_recompute(load_id).cases_moved

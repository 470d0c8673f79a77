"""Background job: compute a navigation analysis (huey; immediate under tests)."""

from __future__ import annotations

from huey.contrib.djhuey import db_task


@db_task(name="navigation_analyse")
def navigation_analyse(analysis_id: int) -> str:
    from ipcity.navigation.services import analysis_run

    return analysis_run(analysis_id=analysis_id).status

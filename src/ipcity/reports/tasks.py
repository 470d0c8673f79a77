"""Background job: generate a queued report (huey; immediate under tests)."""

from __future__ import annotations

from huey.contrib.djhuey import db_task


@db_task(name="reports_generate")
def report_generate(version_id: int, program_ids: list[int] | None = None) -> str:
    from ipcity.programs.models import Program
    from ipcity.reports.services import report_version_generate

    programs = list(Program.objects.filter(pk__in=program_ids).order_by("pk")) if program_ids is not None else None
    return report_version_generate(version_id=version_id, programs=programs).status

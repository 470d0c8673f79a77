"""Reads of the report engine: a programme's versions, one version, published white papers."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from ipcity.monitoring.selectors import reported_year
from ipcity.programs.models import Program
from ipcity.reports.models import ReportVersion


def default_report_year(program: Program, today: dt.date) -> int:
    """The year the 报告 tab proposes: the year being reported on at ``today``, within the plan.

    A year's report is written at its end and in the first half of the next year: from January to
    June the year before, from July this year (``monitoring.selectors.reported_year``, the value
    form's rule, as a round's 所报年度), kept inside the plan's period, so that in 2027 a 2024–2026
    plan proposes 2026, its last year; never a year after today (refused)."""
    return min(reported_year(range(program.start_year, program.end_year + 1), today), today.year)


def program_versions(program: Program) -> QuerySet[ReportVersion]:
    return ReportVersion.objects.filter(program=program).select_related("created_by", "round", "published_by")


def program_version(program: Program, version_id: int) -> ReportVersion | None:
    return program_versions(program).filter(pk=version_id).first()


def published_versions(program: Program | None = None, kind: str | None = None) -> QuerySet[ReportVersion]:
    """Finished, published versions, newest first (what the public side may show)."""
    qs = ReportVersion.objects.filter(status=ReportVersion.Status.DONE, published_at__isnull=False)
    if program is not None:
        qs = qs.filter(program=program)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.select_related("program").order_by("-published_at", "-pk")


def program_template(program: Program, template_id: int):
    """One of the programme's templates, or None (another programme's template is not found)."""
    from ipcity.reports.models import ReportTemplate

    return ReportTemplate.objects.filter(program=program, pk=template_id).first()


def program_templates(program: Program):
    """The programme's uploaded Word templates, newest first (the active one of a kind is used)."""
    from ipcity.reports.models import ReportTemplate

    return ReportTemplate.objects.filter(program=program).select_related("uploaded_by").order_by("kind", "-uploaded_at")

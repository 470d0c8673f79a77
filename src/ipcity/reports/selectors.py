"""Reads of the report engine: a programme's versions, one version, published white papers."""

from __future__ import annotations

from django.db.models import QuerySet

from ipcity.programs.models import Program
from ipcity.reports.models import ReportVersion


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

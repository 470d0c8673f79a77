"""Reads of the navigation app (scoping is ipcity.navigation.access's job)."""

from __future__ import annotations

from django.db.models import QuerySet

from ipcity.navigation.models import Analysis, DefinitionVersion, NavigationProject
from ipcity.programs.models import Program, Task


def project_versions(project: NavigationProject) -> QuerySet[DefinitionVersion]:
    return project.versions.select_related("created_by").order_by("-number")


def project_version(project: NavigationProject, number: int) -> DefinitionVersion | None:
    return project.versions.filter(number=number).first()


def latest_analysis(project: NavigationProject) -> Analysis | None:
    return project.analyses.select_related("version").order_by("-pk").first()


def latest_done_analysis(project: NavigationProject) -> Analysis | None:
    return project.analyses.select_related("version").filter(status=Analysis.Status.DONE).order_by("-pk").first()


def program_tasks(program: Program) -> QuerySet[Task]:
    return program.tasks.order_by("order", "pk")

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


def task_project_links(user, tasks: list[Task]) -> dict:
    """The navigation projects of ``tasks`` the user may read, as links for the task list
    (registered with ``ipcity.core.contributions.register_task_links``): one query."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from ipcity.core.contributions import TaskLink
    from ipcity.navigation.access import access_projects

    links: dict[int, list[TaskLink]] = {}
    if not tasks:
        return links
    for project in access_projects(user).filter(task__in=tasks).order_by("pk"):
        links.setdefault(project.task_id, []).append(  # type: ignore[arg-type]
            TaskLink(_("专利导航"), reverse("navigation:project", args=[project.pk]), project.title))
    return links

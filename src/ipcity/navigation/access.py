"""Who sees and edits navigation projects: the office of the programme's region edits; its
leaders read; a reporter reads the projects linked to a task of its own department (and sees
no other: 404). Built on ``ipcity.programs.access`` (the programme's scoping). An archived
programme's projects are read by the same people and edited by nobody (``programs.lifecycle``:
the services refuse, the pages offer no form)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from ipcity.core.access import is_office, user_department_id, user_role
from ipcity.core.models import Role
from ipcity.navigation.models import NavigationProject
from ipcity.programs import access as programs_access
from ipcity.programs.access import access_programs
from ipcity.programs.lifecycle import is_archived, require_not_archived
from ipcity.programs.models import Program


def access_projects(user, program: Program | None = None) -> QuerySet[NavigationProject]:
    qs = NavigationProject.objects.filter(program__in=access_programs(user))
    if program is not None:
        qs = qs.filter(program=program)
    if user_role(user) == Role.REPORTER:
        department = user_department_id(user)
        if department is None:
            return qs.none()
        qs = qs.filter(task__assignments__department_id=department).distinct()
    return qs.select_related("program", "task", "region")


def access_project(user, project_id: int) -> NavigationProject:
    project = access_projects(user).filter(pk=project_id).first()
    if project is None:
        raise Http404(_("专利导航项目不存在或无权查看"))
    return project


def access_project_edit(user, project_id: int) -> NavigationProject:
    project = access_project(user, project_id)
    if not may_edit(user):
        raise PermissionDenied(_("只有知识产权办公室可以修改专利导航项目"))
    # Said before any form is read: a change posted to an archived programme answers 403 with the
    # reason, not a form error (the service refuses again inside its transaction).
    require_not_archived(project.program)
    return project


def access_program_edit(user, program_id: int) -> Program:
    """The programme, to create a project in it: the office (programs.access), not archived."""
    program = programs_access.access_program_edit(user, program_id)
    require_not_archived(program)
    return program


def may_edit(user) -> bool:
    return is_office(user)


def page_editing(user, program: Program) -> dict:
    """What a page offers: ``may_edit`` (the forms), and ``edit_closed``: the office looks at an
    archived programme, whose forms are gone; the page says why."""
    office = may_edit(user)
    archived = is_archived(program)
    return {"may_edit": office and not archived, "edit_closed": office and archived}

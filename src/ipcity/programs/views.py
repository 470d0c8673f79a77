"""Programme workspace pages: home, a programme's tabs, department pages, search, exports.

Views only check access (``ipcity.programs.access``), call a selector and render. The URL names
``programs:home``, ``programs:program`` and ``programs:department`` are linked to by other apps.
"""

from __future__ import annotations

import json
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from ipcity.core import contributions
from ipcity.core.access import is_office, user_department_id, user_role
from ipcity.core.models import Department, Role
from ipcity.programs import selectors
from ipcity.programs.access import access_department, access_program, may_edit_department
from ipcity.programs.forms import DepartmentFilterForm
from ipcity.programs.lifecycle import is_archived
from ipcity.programs.models import Program
from ipcity.programs.reform import selectors as reform_selectors
from ipcity.programs.sections import section_titles

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _program_context(request: HttpRequest, program: Program, active: str, **extra) -> dict:
    return {
        "program": program,
        "tabs": contributions.program_tabs(request, program, active),
        "is_office": is_office(request.user),
        # An archived programme is read-only: no 修改 links (the services refuse a change anyway).
        "may_edit": is_office(request.user) and not is_archived(program),
        "reporter_department_id": user_department_id(request.user),
        "history_urls": _history_url_prefixes(request.user),
        **extra,
    }


def _history_url_prefixes(user) -> dict[str, str]:
    """Per object type, the audit history URL without the id (rows append it): office and leaders only."""
    if user_role(user) not in (Role.OFFICE, Role.ADMIN, Role.LEADER):
        return {}
    return {
        kind: reverse("audit:history", args=[f"programs.{kind}", "0"])[:-2]
        for kind in ("indicator", "task")
    }


def _link_departments(user, assignments) -> None:
    """Set ``a.department_url`` (empty for a department a reporter may not open).

    One reverse() and string formatting, instead of a {% url %} per cell: a programme of 30
    tasks has about a hundred of them and reverse() was a fifth of the page's time.
    """
    pattern = reverse("programs:department", args=[0]).replace("/0/", "/{}/")
    only = user_department_id(user)
    for a in assignments:
        a.department_url = pattern.format(a.department_id) if only in (None, a.department_id) else ""


def require_whole_programme_reader(user) -> None:
    """Exports hand over the whole programme: the office and leaders only, never a reporter."""
    if user_role(user) not in (Role.OFFICE, Role.ADMIN, Role.LEADER):
        raise PermissionDenied(_("部门填报员不能导出整个项目"))


def home(request: HttpRequest) -> HttpResponse:
    # ?status=archived lists the archived programmes (已归档), which the default list leaves out.
    status = "archived" if request.GET.get("status") == "archived" else ""
    return render(request, "programs/home.html", {
        "programs": selectors.program_list(request.user, status, own_work=True),
        "status": status,
        "attention": contributions.attention_items(request.user),
        "is_office": is_office(request.user),
        "my_department_id": user_department_id(request.user),
    })


def program_overview(request: HttpRequest, program_id: int) -> HttpResponse:
    program = access_program(request.user, program_id)
    overview = selectors.program_overview(program)
    ctx = _program_context(request, overview["program"], "overview", phases=overview["phases"], duties=overview["duties"])
    return render(request, "programs/overview.html", ctx)


def program_indicators(request: HttpRequest, program_id: int) -> HttpResponse:
    program = access_program(request.user, program_id)
    years, rows = selectors.program_indicators(program, request.user)
    ctx = _program_context(request, program, "indicators", years=years, rows=rows)
    return render(request, "programs/indicators.html", ctx)


def program_tasks(request: HttpRequest, program_id: int) -> HttpResponse:
    program = access_program(request.user, program_id)
    sections = selectors.program_tasks_by_section(program, request.user)
    _link_departments(request.user, (a for _s, rows in sections for row in rows for a in row.leads + row.partners))
    links = contributions.task_links(request.user, [row.task for _s, rows in sections for row in rows])
    for _s, rows in sections:
        for row in rows:
            row.links = links.get(row.task.pk, [])
    titles = section_titles(program.source_text, [section for section, _rows in sections])
    ctx = _program_context(request, program, "tasks", sections=sections,
                           titled_sections=[(section, titles[section], rows) for section, rows in sections])
    return render(request, "programs/tasks.html", ctx)


def program_matrix(request: HttpRequest, program_id: int) -> HttpResponse:
    program = access_program(request.user, program_id)
    matrix = selectors.responsibility_matrix(program, request.user)
    # The three possible cells are rendered (and escaped) once and joined per row: a template
    # loop over a 40 × 30 matrix was the slowest part of the page.
    cell_html = {
        "lead": format_html('<td class="cell-lead">{}</td>', _("牵头")),
        "partner": format_html('<td class="cell-partner">{}</td>', _("配合")),
        "": '<td class="cell-none"></td>',
    }
    for row in matrix.rows:
        row.cells_html = mark_safe("".join(cell_html[c] for c in row.cells))  # noqa: S308 - escaped above
    can_export = user_role(request.user) != Role.REPORTER
    ctx = _program_context(request, program, "matrix", matrix=matrix, can_export=can_export)
    return render(request, "programs/matrix.html", ctx)


def program_matrix_xlsx(request: HttpRequest, program_id: int) -> HttpResponse:
    from ipcity.programs.matrix_xlsx import matrix_workbook_bytes

    program = access_program(request.user, program_id)
    require_whole_programme_reader(request.user)
    matrix = selectors.responsibility_matrix(program, request.user)
    response = HttpResponse(matrix_workbook_bytes(program, matrix), content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, f"{program.title}-责任分工表.xlsx")
    return response


def program_plan_json(request: HttpRequest, program_id: int) -> HttpResponse:
    from ipcity.programs.plan_export import program_to_plan

    program = access_program(request.user, program_id)
    require_whole_programme_reader(request.user)
    body = json.dumps(program_to_plan(program), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, f"{program.title}.json")
    return response


def department(request: HttpRequest, department_id: int) -> HttpResponse:
    dept = access_department(request.user, department_id)
    work = selectors.department_work(dept, request.user)
    return render(request, "programs/department.html", {
        "department": dept,
        "aliases": list(dept.aliases.all()),
        "work": work,
        "lead_total": sum(1 for w in work for _t, lead in w.tasks if lead),
        "task_total": sum(len(w.tasks) for w in work),
        "is_office": is_office(request.user),
        # 机构改革: where a merged unit lives on, which units were merged into this one, what the office may do.
        "successor": reform_selectors.department_successor(dept),
        "merged_from": reform_selectors.department_merged_from(dept),
        "may_change": may_edit_department(request.user, dept),
    })


def department_list(request: HttpRequest) -> HttpResponse:
    """Departments, filtered by programme and region (``?program=<id>&region=<code>``), 50 a page."""
    form = DepartmentFilterForm(request.GET or None, user=request.user)
    status = 200
    if form.is_bound and not form.is_valid():
        # A filter the user may not use lists nothing rather than everything.
        qs, status = Department.objects.none(), 400
    else:
        data = form.cleaned_data if form.is_bound else {}
        qs = selectors.department_index(request.user, program=data.get("program"), region=data.get("region"))
    page = Paginator(qs, selectors.DEPARTMENTS_PER_PAGE).get_page(request.GET.get("page"))
    filters = urlencode({k: request.GET[k] for k in ("program", "region") if request.GET.get(k)})
    return render(request, "programs/departments.html", {
        "departments": page.object_list, "page": page, "form": form, "filters": filters,
    }, status=status)


def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:100]
    return render(request, "programs/search.html", {"results": selectors.search(request.user, query)})


urlpatterns = [
    path("", home, name="home"),
    path("search/", search, name="search"),
    path("p/<int:program_id>/", program_overview, name="program"),
    path("p/<int:program_id>/indicators/", program_indicators, name="indicators"),
    path("p/<int:program_id>/tasks/", program_tasks, name="tasks"),
    path("p/<int:program_id>/matrix/", program_matrix, name="matrix"),
    path("p/<int:program_id>/matrix.xlsx", program_matrix_xlsx, name="matrix_xlsx"),
    path("p/<int:program_id>/plan.json", program_plan_json, name="plan_json"),
    path("departments/", department_list, name="departments"),
    path("departments/<int:department_id>/", department, name="department"),
]

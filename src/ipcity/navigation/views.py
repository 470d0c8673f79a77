"""The 专利导航 tab: projects of a programme, the decomposition editor, the analyses with their
charts, tables and downloads. Views validate, call services/selectors, render."""

from __future__ import annotations

import io

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ipcity.analytics import datasets
from ipcity.core.contributions import program_tabs
from ipcity.core.spreadsheets import XLSX_CONTENT_TYPE
from ipcity.navigation import selectors, services, tables, tree
from ipcity.navigation.access import (
    access_program_edit,
    access_project,
    access_project_edit,
    access_projects,
    page_editing,
)
from ipcity.navigation.forms import AliasForm, AliasRemoveForm, NodeForm, ProjectForm, RemoveForm
from ipcity.navigation.models import NavigationProject
from ipcity.navigation.tasks import navigation_analyse
from ipcity.programs.access import access_program


def _dataset_names() -> list[str]:
    return [d["name"] for d in datasets.list_datasets(holding="patent")]


def _program_page(request, program, form: ProjectForm | None = None) -> HttpResponse:
    return render(request, "navigation/program.html", {
        "program": program, "tabs": program_tabs(request, program, "navigation"),
        "projects": access_projects(request.user, program), **page_editing(request.user, program),
        "form": form or ProjectForm(tasks=selectors.program_tasks(program), datasets=_dataset_names(),
                                    # a Chinese title by design: the industry's name is read from it (开展…专利导航)
                                    initial={"title": "开展X产业专利导航"}),
    })


@require_GET
def program_projects(request, program_id: int) -> HttpResponse:
    return _program_page(request, access_program(request.user, program_id))


@require_POST
def project_create(request, program_id: int) -> HttpResponse:
    program = access_program_edit(request.user, program_id)
    tasks = list(selectors.program_tasks(program))
    form = ProjectForm(request.POST, tasks=tasks, datasets=_dataset_names())
    if not form.is_valid():
        return _program_page(request, program, form)
    data = form.cleaned_data
    task = next((t for t in tasks if t.pk == data["task"]), None)
    try:
        project = services.project_create(program=program, task=task, title=data["title"], dataset=data["dataset"],
                                          region=program.region, user=request.user, sei_code=data["sei_code"],
                                          ipc=data["ipc"])
    except (services.NavigationInputError, tree.TreeError) as exc:
        form.add_error(getattr(exc, "field", None), str(exc))
        return _program_page(request, program, form)
    return redirect("navigation:project", project.pk)


def _rows(node: dict, depth: int = 1, parent: str = "") -> list[dict]:
    out = [{"node": node, "depth": depth, "parent": parent, "indent": "　" * (depth - 1),
            "ipc": " ".join(node.get("ipc", [])), "exclude": " ".join(node.get("exclude", [])),
            "keywords": " ".join(node.get("keywords", [])), "sei": " ".join(node.get("sei", []))}]
    for child in node.get("children", []):
        out += _rows(child, depth + 1, node["key"])
    return out


def _project_page(request, project: NavigationProject, node_form: NodeForm | None = None,
                  error: str = "") -> HttpResponse:
    version = services.latest_version(project)
    latest = selectors.latest_analysis(project)
    return render(request, "navigation/project.html", {
        "program": project.program, "tabs": program_tabs(request, project.program, "navigation"),
        "project": project, "version": version, "rows": _rows(version.body["root"]),
        "versions": selectors.project_versions(project)[:50], "analysis": latest,
        "analysis_running": _running(latest),
        **page_editing(request.user, project.program), "node_form": node_form or NodeForm(), "error": error,
    }, status=422 if error or (node_form is not None and node_form.errors) else 200)


@require_GET
def project_detail(request, project_id: int) -> HttpResponse:
    return _project_page(request, access_project(request.user, project_id))


@require_POST
def node_save(request, project_id: int) -> HttpResponse:
    project = access_project_edit(request.user, project_id)
    form = NodeForm(request.POST)
    if not form.is_valid():
        return _project_page(request, project, form)
    try:
        version = services.node_save(project=project, user=request.user, **form.cleaned_data)
    except tree.TreeError as exc:
        return _project_page(request, project, form, error=str(exc))
    messages.success(request, _("已保存为第 %(n)s 版") % {"n": version.number})
    return redirect("navigation:project", project.pk)


@require_POST
def node_remove(request, project_id: int) -> HttpResponse:
    project = access_project_edit(request.user, project_id)
    form = RemoveForm(request.POST)
    if not form.is_valid():
        return _project_page(request, project, error=_("请指定要删除的节点"))
    try:
        version = services.node_remove(project=project, user=request.user, key=form.cleaned_data["key"])
    except tree.TreeError as exc:
        return _project_page(request, project, error=str(exc))
    messages.success(request, _("已保存为第 %(n)s 版") % {"n": version.number})
    return redirect("navigation:project", project.pk)


@require_POST
def analyse(request, project_id: int) -> HttpResponse:
    project = access_project_edit(request.user, project_id)
    try:
        analysis = services.analysis_request(project=project, user=request.user)
    except services.NavigationInputError as exc:
        return _project_page(request, project, error=str(exc))
    if analysis.status == analysis.Status.PENDING:
        navigation_analyse(analysis.pk)
        messages.success(request, _("已开始分析，完成后可查看结果。"))
    return redirect("navigation:project", project.pk)


@require_GET
def version_json(request, project_id: int, number: int) -> HttpResponse:
    project = access_project(request.user, project_id)
    version = selectors.project_version(project, number)
    if version is None:
        raise Http404(_("版本不存在"))
    # The definition in its own order (name, root; a node's key, name, criteria, children), not the
    # order the database kept: PostgreSQL's jsonb gives keys back shortest first (children before name).
    try:
        body = tree.definition_of(version.body).to_dict(include_version=False)
    except tree.TreeError:  # a version stored under older rules: as it is
        body = version.body
    response = JsonResponse({**body, "version": version.content_hash},
                            json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="navigation-{project.pk}-v{number}.json"'
    return response


def _aliases_page(request, project: NavigationProject, form: AliasForm | None = None,
                  error: str = "") -> HttpResponse:
    """The merges of applicant names the last analysis made and the project's own aliases."""
    analysis = selectors.latest_done_analysis(project)
    scene = (analysis.result or {}).get("landscape", {}) if analysis else {}
    return render(request, "navigation/aliases.html", {
        "program": project.program, "tabs": program_tabs(request, project.program, "navigation"),
        "project": project, "analysis": analysis, "merges": scene.get("applicant_merges", []),
        "aliases": sorted((project.aliases or {}).items()), **page_editing(request.user, project.program),
        "form": form or AliasForm(), "error": error,
    }, status=422 if error or (form is not None and form.errors) else 200)


@require_GET
def aliases(request, project_id: int) -> HttpResponse:
    return _aliases_page(request, access_project(request.user, project_id))


@require_POST
def alias_add(request, project_id: int) -> HttpResponse:
    project = access_project_edit(request.user, project_id)
    form = AliasForm(request.POST)
    if not form.is_valid():
        return _aliases_page(request, project, form)
    try:
        services.alias_add(project=project, user=request.user, **form.cleaned_data)
    except services.NavigationInputError as exc:
        return _aliases_page(request, project, form, error=str(exc))
    messages.success(request, _("已保存别名，下次分析时生效。"))
    return redirect("navigation:aliases", project.pk)


@require_POST
def alias_remove(request, project_id: int) -> HttpResponse:
    project = access_project_edit(request.user, project_id)
    form = AliasRemoveForm(request.POST)
    if not form.is_valid():
        return _aliases_page(request, project, error=_("请指定要删除的别名"))
    try:
        services.alias_remove(project=project, user=request.user, spelling=form.cleaned_data["spelling"])
    except services.NavigationInputError as exc:
        return _aliases_page(request, project, error=str(exc))
    messages.success(request, _("已删除别名，下次分析时生效。"))
    return redirect("navigation:aliases", project.pk)


@require_GET
def analysis_status(request, project_id: int) -> HttpResponse:
    """The status of the latest analysis, a fragment the pages poll (HTMX, every 2 s) while it
    is pending or running; once it is done or failed the fragment has no trigger, so polling
    stops, and it asks the page to reload to show the result."""
    project = access_project(request.user, project_id)
    analysis = selectors.latest_analysis(project)
    response = render(request, "navigation/_analysis_status.html", {"project": project, "analysis": analysis,
                                                                      "polling": _running(analysis)})
    if request.headers.get("HX-Request") and request.GET.get("was") == "running" and not _running(analysis):
        response["HX-Refresh"] = "true"
    return response


def _running(analysis) -> bool:
    return analysis is not None and analysis.status in (analysis.Status.PENDING, analysis.Status.RUNNING)


def _done(project: NavigationProject):
    analysis = selectors.latest_done_analysis(project)
    if analysis is None:
        raise Http404(_("尚无分析结果"))
    return analysis


@require_GET
def analysis_page(request, project_id: int) -> HttpResponse:
    project = access_project(request.user, project_id)
    analysis = selectors.latest_done_analysis(project)
    latest = selectors.latest_analysis(project)
    return render(request, "navigation/analysis.html", {
        "program": project.program, "tabs": program_tabs(request, project.program, "navigation"),
        "project": project, "analysis": analysis, "latest": latest, "analysis_running": _running(latest),
        "tables": tables.tables(analysis.result) if analysis and analysis.result else {},
        "charts": _charts(analysis.result) if analysis and analysis.result else {},
        # stored before the province's and the country's landscapes were computed: the page says so
        "uncompared": bool(analysis and analysis.result and "landscape_scopes" not in analysis.result),
        **(_unmatched(analysis.result) if analysis and analysis.result else {}),
    })


def _unmatched(result: dict) -> dict:
    """Nodes that match no patent of the dataset; when the whole tree matches nothing, the IPC
    groups of the dataset nearest to its patterns (from the landscape)."""
    nodes = result["position"]["nodes"]
    empty = [n for n in nodes if not n["country_patents"]]
    nothing = bool(nodes) and not nodes[0]["country_patents"]
    return {"empty_nodes": empty, "matches_nothing": nothing,
            "nearest": result["landscape"].get("nearest_ipc_groups", []) if nothing else []}


def _charts(result: dict) -> dict:
    nodes = result["position"]["nodes"]
    years = result["landscape"].get("applications_by_year", {})
    net = result["network"]
    return {
        "rta": {"names": [n["name"] for n in nodes], "city": [n["city_rta"] for n in nodes],
                "province": [n["province_rta"] for n in nodes]},
        "trend": {"years": sorted(years), "applications": [years[y] for y in sorted(years)],
                  "grants": [result["landscape"].get("grants_by_year", {}).get(y, 0) for y in sorted(years)]},
        "network": {"nodes": [{"name": n["name"], "value": n["patents"], "category": 0 if n["local"] else 1}
                              for n in net["nodes"][:100]],
                    "links": [{"source": e["source"], "target": e["target"], "value": e["weight"]}
                              for e in net["edges"][:300]]},
        **_inventor_and_citation_charts(result["landscape"]),
    }


def _inventor_and_citation_charts(scene: dict) -> dict:
    """None for a chart whose column the export did not have (the page says so instead)."""
    inventors, citations = scene.get("top_inventors"), scene.get("citations")
    by_year = sorted((citations or {}).get("by_year", {}).items())
    return {
        "inventors": None if inventors is None else {
            "names": [i["name"] for i in inventors], "patents": [i["patents"] for i in inventors]},
        "citations": None if citations is None else {
            "years": [y for y, _v in by_year], "patents": [v["patents"] for _y, v in by_year],
            "cited_by": [v["cited_by"] for _y, v in by_year]},
    }


@require_GET
def download(request, project_id: int, table: str, fmt: str) -> FileResponse:
    project = access_project(request.user, project_id)
    analysis = _done(project)
    found = tables.tables(analysis.result or {}).get(table) if analysis.result else None
    if found is None or fmt not in ("csv", "xlsx"):
        raise Http404(_("没有这个表"))
    definition = f"{_('技术分解')} v{analysis.version.number} ({analysis.version.content_hash})"
    if fmt == "csv":  # the table alone (tables.csv_bytes says why)
        content, content_type = tables.csv_bytes(found), "text/csv; charset=utf-8"
    else:
        finished = timezone.localtime(analysis.finished_at).strftime("%Y-%m-%d %H:%M") if analysis.finished_at else ""
        about = [(_("导航项目"), project.title), (_("技术分解版本"), definition), (_("数据集"), project.dataset),
                 (_("数据版本"), analysis.dataset_version), (_("分析完成时间"), finished)]
        content = tables.xlsx_bytes(found, caption=f"{project.title} · {found.title} · {definition}", about=about)
        content_type = XLSX_CONTENT_TYPE
    return FileResponse(io.BytesIO(content), as_attachment=True, content_type=content_type,
                        filename=f"navigation-{project.pk}-{table}.{fmt}")


REPORT_TYPES = {"pdf": "application/pdf",
                "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


@require_GET
def report(request, project_id: int, ext: str) -> FileResponse:
    """The 专利导航报告 of the latest finished analysis, as ``ipcity navigate report`` writes it
    (GB/T 9704 layout, data appendix), laid out now: a few pages, so no background job."""
    from ipcity.navigation.report import render as render_report

    project = access_project(request.user, project_id)
    if ext not in REPORT_TYPES:
        raise Http404(_("没有这种格式"))
    analysis = _done(project)
    content = render_report(project, analysis.result, ext, version_number=analysis.version.number,
                            dataset_version=analysis.dataset_version)
    return FileResponse(io.BytesIO(content), as_attachment=True, content_type=REPORT_TYPES[ext],
                        filename=f"navigation-{project.pk}-report-v{analysis.version.number}.{ext}")

"""The Excel template pages: download, upload (dry run), review and confirm.

Two scopes with the same flow: a programme's template (the reporter's own indicators, or for the
office all of them or one department's) and a department's template across every programme it
reports for.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from ipcity.core.requests import AuthenticatedRequest, int_param
from ipcity.monitoring import selectors, services, xlsx
from ipcity.monitoring.forms import UploadForm
from ipcity.monitoring.models import ActualImport
from ipcity.monitoring.permissions import access_actual_import, recordable_department_id
from ipcity.monitoring.views import program_context
from ipcity.programs.access import access_department, access_program

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _template_response(title: str, filename: str, indicators: list) -> HttpResponse:
    current = selectors.current_values(indicators)
    rows = [xlsx.TemplateRow(indicator_id=i.pk, name=i.name, unit=i.unit or "", year=year,
                             target=next((t.value for t in i.targets.all() if t.year == year), None),
                             current=current.get((i.pk, year)), program=i.program.title)
            for i in indicators for year in range(i.program.start_year, i.program.end_year + 1)]
    response = HttpResponse(xlsx.template_build(title, rows), content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def _dry_run(request: AuthenticatedRequest, form: UploadForm, **scope) -> ActualImport | None:
    if request.method != "POST" or not form.is_valid():
        return None
    upload_file = form.cleaned_data["file"]
    if upload_file.size > xlsx.MAX_UPLOAD_BYTES:
        form.add_error("file", _("文件超过 5 MB"))
        return None
    return services.actual_import_dry_run(user=request.user, data=upload_file.read(), filename=upload_file.name,
                                          **scope)


def _review(request: AuthenticatedRequest, actual_import: ActualImport, *, done_url: str, again_url: str):
    """POST confirms (all or nothing); GET shows the dry run. None means: render the page.
    ``actual_import`` comes from ``access_actual_import`` (the uploader's own)."""
    if request.method != "POST":
        return None
    try:
        written = services.actual_import_confirm(actual_import=actual_import, user=request.user)
    except services.MonitoringInputError as exc:
        messages.error(request, exc.message)
        return redirect(again_url)
    messages.success(request, _("已写入 %(n)s 个实际值") % {"n": written})
    return redirect(done_url)


# ---------------------------------------------------------------- a programme's template

def template_download(request: AuthenticatedRequest, program_id: int) -> HttpResponse:
    program = access_program(request.user, program_id)
    department_id = recordable_department_id(request.user)
    if department_id is None and request.GET.get("department"):
        # The office narrows to one department: only one it may see (404 for another city's).
        department_id = access_department(request.user, int_param(request.GET["department"])).pk
    suffix = ""
    if department_id:
        suffix = "-" + access_department(request.user, department_id).name
    return _template_response(program.title, f"{program.region_name}{suffix}-指标实际值填报模板.xlsx",
                              selectors.recordable_indicators(program, department_id))


def upload(request: AuthenticatedRequest, program_id: int) -> HttpResponse:
    program = access_program(request.user, program_id)
    recordable_department_id(request.user)  # a leader may not upload
    form = UploadForm(request.POST or None, request.FILES or None)
    result = _dry_run(request, form, program=program)
    if result is not None:
        return redirect("monitoring:import", program.pk, result.pk)
    return render(request, "monitoring/upload.html", program_context(
        request, program, form=form, template_url=reverse("monitoring:template", args=[program.pk])))


def import_review(request: AuthenticatedRequest, program_id: int, import_id: int) -> HttpResponse:
    program = access_program(request.user, program_id)
    actual_import = access_actual_import(request.user, import_id, program=program)
    response = _review(request, actual_import, done_url=reverse("monitoring:dashboard", args=[program.pk]),
                       again_url=reverse("monitoring:import", args=[program.pk, actual_import.pk]))
    return response or render(request, "monitoring/import_review.html", program_context(
        request, program, upload=actual_import, form=UploadForm(),
        upload_url=reverse("monitoring:upload", args=[program.pk])))


# ---------------------------------------------------------------- a department's template

def department_template(request: AuthenticatedRequest, department_id: int) -> HttpResponse:
    department = access_department(request.user, department_id)
    recordable_department_id(request.user)  # a leader may not fill templates
    return _template_response(f"{department.name}（全部项目）", f"{department.name}-指标实际值填报模板.xlsx",
                              selectors.department_indicators(request.user, department.pk))


def department_upload(request: AuthenticatedRequest, department_id: int) -> HttpResponse:
    department = access_department(request.user, department_id)
    recordable_department_id(request.user)
    form = UploadForm(request.POST or None, request.FILES or None)
    result = _dry_run(request, form, department=department)
    if result is not None:
        return redirect("monitoring:department_import", department.pk, result.pk)
    return render(request, "monitoring/department_upload.html", {
        "department": department, "form": form,
        "template_url": reverse("monitoring:department_template", args=[department.pk])})


def department_import_review(request: AuthenticatedRequest, department_id: int, import_id: int) -> HttpResponse:
    department = access_department(request.user, department_id)
    actual_import = access_actual_import(request.user, import_id, department=department)
    response = _review(request, actual_import,
                       done_url=reverse("monitoring:department_upload", args=[department.pk]),
                       again_url=reverse("monitoring:department_import", args=[department.pk, actual_import.pk]))
    return response or render(request, "monitoring/department_import_review.html", {
        "department": department, "upload": actual_import, "form": UploadForm(),
        "upload_url": reverse("monitoring:department_upload", args=[department.pk])})

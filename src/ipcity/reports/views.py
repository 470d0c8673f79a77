"""The 报告 tab: request a report, watch it being made (HTMX polling), list and download versions.

Who: the office and the leaders of the programme's region see the tab and download (a reporter
gets 403, another region 404); only the office requests a report or uploads a template.
Downloads are ``FileResponse``s, which ``audit.middleware`` records.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ipcity.core.access import is_office
from ipcity.core.contributions import program_tabs
from ipcity.programs.access import access_program, access_program_edit, access_programs
from ipcity.reports import selectors, services, templates_check
from ipcity.reports.forms import GenerateForm, TemplateForm
from ipcity.reports.models import ReportVersion
from ipcity.reports.permissions import may_read_reports
from ipcity.reports.tasks import report_generate
from ipcity.supervision.selectors.rounds import rounds_of


def _program_for_reader(user, program_id: int):
    program = access_program(user, program_id)  # 404 outside the user's view
    if not may_read_reports(user):
        raise PermissionDenied(_("报告仅供知识产权办公室和领导查看"))
    return program


def _page(request, program, form: GenerateForm | None = None, template_form: TemplateForm | None = None):
    rounds = list(rounds_of(program))
    return render(request, "reports/program.html", {
        "program": program, "tabs": program_tabs(request, program, "reports"),
        "versions": selectors.program_versions(program)[:200], "is_office": is_office(request.user),
        "form": form or GenerateForm(rounds=rounds, year=selectors.default_report_year(program, timezone.localdate())),
        "template_form": template_form or TemplateForm(),
        "templates": selectors.program_templates(program),
    })


@require_GET
def program_reports(request, program_id: int) -> HttpResponse:
    return _page(request, _program_for_reader(request.user, program_id))


@require_POST
def generate(request, program_id: int) -> HttpResponse:
    program = access_program_edit(request.user, program_id)
    form = GenerateForm(request.POST, rounds=list(rounds_of(program)))
    if not form.is_valid():
        return _page(request, program, form=form)
    data = form.cleaned_data
    rnd = next((r for r in rounds_of(program) if r.pk == data["round"]), None) if data["round"] else None
    try:
        version = services.report_version_request(program=program, kind=data["kind"], year=data["year"],
                                                  fmt=data["fmt"], reporting_round=rnd, user=request.user,
                                                  text=data["text"])
    except services.ReportInputError as exc:
        form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        return _page(request, program, form=form)
    program_ids = list(access_programs(request.user).values_list("pk", flat=True)) if data["kind"] == "summary" else None
    report_generate(version.pk, program_ids)
    messages.success(request, _("已开始生成报告，完成后可在下方下载。"))
    return redirect("reports:program", program.pk)


def _version(request, program_id: int, version_id: int) -> ReportVersion:
    program = _program_for_reader(request.user, program_id)
    version = selectors.program_version(program, version_id)
    if version is None:
        raise Http404(_("报告不存在"))
    return version


@require_GET
def version_row(request, program_id: int, version_id: int) -> HttpResponse:
    """One version's row (HTMX polls it while the report is queued or running)."""
    return render(request, "reports/_version_row.html", {"v": _version(request, program_id, version_id),
                                                          "is_office": is_office(request.user)})


@require_POST
def publish(request, program_id: int, version_id: int) -> HttpResponse:
    """公开 / 撤下公开 a finished white paper (the public page of a public programme lists it)."""
    program = access_program_edit(request.user, program_id)
    version = selectors.program_version(program, version_id)
    if version is None:
        raise Http404(_("报告不存在"))
    try:
        if request.POST.get("published") == "1":
            services.report_version_publish(version=version, user=request.user)
            messages.success(request, _("白皮书已公开，项目公开时显示在公开页面。"))
        else:
            services.report_version_unpublish(version=version, user=request.user)
            messages.success(request, _("白皮书已撤下公开。"))
    except services.ReportInputError as exc:
        messages.error(request, str(exc))
    return redirect("reports:program", program.pk)


@require_GET
def download(request, program_id: int, version_id: int) -> FileResponse:
    version = _version(request, program_id, version_id)
    if version.status != ReportVersion.Status.DONE or not version.file:
        raise Http404(_("报告尚未生成"))
    return FileResponse(version.file.open("rb"), as_attachment=True, filename=version.download_name)


@require_POST
def template_upload(request, program_id: int) -> HttpResponse:
    program = access_program_edit(request.user, program_id)
    form = TemplateForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, program, template_form=form)
    try:
        services.report_template_upload(kind=form.cleaned_data["kind"], uploaded=form.cleaned_data["file"],
                                        user=request.user, program=program)
    except templates_check.TemplateRejected as exc:
        form.add_error("file", str(exc))
        return _page(request, program, template_form=form)
    messages.success(request, _("模板已启用，之后生成的该类型 Word 报告将使用此模板。"))
    return redirect("reports:program", program.pk)


@require_POST
def template_deactivate(request, program_id: int, template_id: int) -> HttpResponse:
    """停用 an office's template: that kind's Word reports use the built-in template again."""
    program = access_program_edit(request.user, program_id)
    template = selectors.program_template(program, template_id)
    if template is None:
        raise Http404(_("模板不存在"))
    try:
        services.report_template_deactivate(template=template, user=request.user)
    except services.ReportInputError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("模板已停用，之后生成的该类型 Word 报告将使用内置模板。"))
    return redirect("reports:program", program.pk)

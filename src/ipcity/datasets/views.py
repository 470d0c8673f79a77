"""The datasets page (list, recent imports, upload form), the upload, and an import's own page
(HTMX polls its status while it runs). Views validate, call services/selectors, render."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ipcity.datasets import selectors, services
from ipcity.datasets.access import ImportRefused, access_require_datasets, import_for
from ipcity.datasets.forms import UploadForm, formats_of
from ipcity.datasets.models import Kind
from ipcity.datasets.tasks import dataset_import


def _page(request, form: UploadForm | None = None, status: int = 200) -> HttpResponse:
    return render(request, "datasets/list.html", {
        "datasets": selectors.datasets_overview(request.user),
        "imports": selectors.recent_imports(request.user),
        "form": form or UploadForm(max_bytes=services.max_upload_bytes()),
        "names": selectors.dataset_names(request.user),
    }, status=status)


@require_GET
def dataset_list(request) -> HttpResponse:
    access_require_datasets(request.user)
    return _page(request)


@require_POST
def upload(request) -> HttpResponse:
    access_require_datasets(request.user)
    form = UploadForm(request.POST, request.FILES, max_bytes=services.max_upload_bytes())
    if not form.is_valid():
        return _page(request, form, status=400)
    data = form.cleaned_data
    try:
        job = services.dataset_import_request(user=request.user, upload=data["file"], dataset=data["dataset"],
                                              kind=data["kind"], export_format=data["export_format"])
    except ImportRefused as refused:  # on the form, beside the name, with the page's links
        form.add_error("dataset", refused.message)
        return _page(request, form, status=403)
    dataset_import(job.pk)
    messages.success(request, _("文件已上传，正在导入数据集 %(name)s。") % {"name": job.dataset})
    return redirect("datasets:import", job.pk)


@require_GET
def format_select(request) -> HttpResponse:
    """The upload form's format select for ``?kind=`` (HTMX swaps it in when the kind changes):
    自动识别 and that kind's formats, the format sent (``export_format``) kept when it is one of
    them. An unknown kind gets every kind's list, as the page without JavaScript has."""
    access_require_datasets(request.user)
    kind = request.GET.get("kind", "")
    known = kind if kind in Kind.values else None
    form = UploadForm(max_bytes=services.max_upload_bytes(), kind=known)
    chosen = request.GET.get("export_format", "auto")
    valid = formats_of(known) if known else {name for each in Kind.values for name in formats_of(each)}
    form.initial = {"kind": kind, "export_format": chosen if chosen in valid else "auto"}
    return render(request, "datasets/_format_select.html", {"field": form["export_format"]})


@require_GET
def import_detail(request, import_id: int) -> HttpResponse:
    job = import_for(request.user, import_id)
    template = "datasets/_import_status.html" if request.headers.get("HX-Request") else "datasets/import.html"
    report = job.report or {}
    return render(request, template, {"job": job, "report": report, "stale_minutes": services.stale_minutes(),
                                      "notes": sorted((report.get("notes") or {}).items()),
                                      "columns": sorted((report.get("columns") or {}).items())})

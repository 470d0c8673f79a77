"""The office's 公开 tab: what of this programme is on the public pages, with toggles.

Office only (``access_program_edit``: 403 for a reader, 404 outside the office's region); each
change goes through ``publication.services`` (atomic, audited).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ipcity.core.contributions import program_tabs
from ipcity.core.requests import AuthenticatedRequest
from ipcity.programs.access import access_indicator_edit, access_program_edit
from ipcity.publication import selectors, services


def _flag(request: AuthenticatedRequest) -> bool | None:
    value = request.POST.get("published")
    return {"1": True, "0": False}.get(value or "")


@require_GET
def manage(request: AuthenticatedRequest, program_id: int) -> HttpResponse:
    program = access_program_edit(request.user, program_id)
    publication, rows = selectors.publication_state(program)
    return render(request, "publication/manage.html", {
        "program": program, "tabs": program_tabs(request, program, "publication"), "publication": publication,
        "rows": rows, "published_count": sum(r.published for r in rows),
        "summary_max": services.SUMMARY_MAX,
    })


@require_POST
def program_publish(request: AuthenticatedRequest, program_id: int) -> HttpResponse:
    program = access_program_edit(request.user, program_id)
    published = _flag(request)
    if published is None:
        return HttpResponseBadRequest(_("请选择公开或撤下"))
    summary = request.POST["summary"] if "summary" in request.POST else None
    try:
        services.program_publication_set(program=program, user=request.user, published=published, summary=summary)
    except services.PublicationInputError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("项目已公开") if published else _("项目已撤下，公开页面不再显示该项目"))
    return redirect("publication:manage", program.pk)


@require_POST
def indicator_publish(request: AuthenticatedRequest, program_id: int, indicator_id: int) -> HttpResponse:
    program = access_program_edit(request.user, program_id)
    indicator = access_indicator_edit(request.user, indicator_id, program=program)
    published = _flag(request)
    if published is None:
        return HttpResponseBadRequest(_("请选择公开或撤下"))
    services.indicator_publication_set(indicator=indicator, user=request.user, published=published)
    messages.success(request, (_("已公开：%(name)s") if published else _("已撤下：%(name)s")) % {"name": indicator.name})
    return redirect("publication:manage", program.pk)

"""Cross-city comparison and the office's links of indicators to the catalogue of standard indicators."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ipcity.core.access import access_require_office, is_office
from ipcity.core.requests import AuthenticatedRequest
from ipcity.monitoring import compare as comparing
from ipcity.monitoring import selectors, services
from ipcity.programs.access import access_indicators


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def compare(request: AuthenticatedRequest) -> HttpResponse:
    groups = comparing.comparison(request.user, _int(request.GET.get("group")))
    charts = {str(g.group.pk): g.chart for g in groups}
    return render(request, "monitoring/compare.html", {"groups": groups, "charts": charts,
                                                       "is_office": is_office(request.user)})


def links(request: AuthenticatedRequest) -> HttpResponse:
    """The office links each indicator to its catalogue entry (a suggestion counts once confirmed)."""
    access_require_office(request.user)
    if request.method == "POST":
        return _links_post(request)
    return render(request, "monitoring/links.html", {
        "rows": comparing.unlinked_indicators(request.user),
        "standards": comparing.standards_with_links(request.user),
        "catalogue": selectors.standard_catalogue(),
    })


def _links_post(request: AuthenticatedRequest) -> HttpResponse:
    if request.POST.get("remove"):
        link = get_object_or_404(selectors.links_visible(request.user), pk=_int(request.POST["remove"]))
        services.indicator_link_remove(link=link, user=request.user)
        messages.success(request, _("已取消关联"))
        return redirect("monitoring:links")
    # The office (checked in ``links``) sees every indicator of the programmes it sees.
    indicator = get_object_or_404(access_indicators(request.user), pk=_int(request.POST.get("indicator")))
    standard = selectors.standard_find(_int(request.POST.get("standard")))
    if standard is None:
        messages.error(request, _("请选择目录中的标准指标"))
        return redirect("monitoring:links")
    try:
        services.indicator_link_confirm(indicator=indicator, standard=standard, user=request.user)
    except services.MonitoringInputError as exc:
        messages.error(request, exc.message)
        return redirect("monitoring:links")
    messages.success(request, _("已确认：%(indicator)s → %(standard)s") % {"indicator": indicator.name,
                                                                         "standard": standard.name})
    return redirect("monitoring:links")

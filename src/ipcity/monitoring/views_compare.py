"""Cross-city comparison and the office's links of indicators to the catalogue of standard indicators."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ipcity.core.access import access_programs, access_require_office, is_office
from ipcity.core.requests import AuthenticatedRequest
from ipcity.monitoring import compare as comparing
from ipcity.monitoring import services
from ipcity.monitoring.models import IndicatorLink, StandardIndicator
from ipcity.programs.models import Indicator


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
        "catalogue": StandardIndicator.objects.order_by("code"),
    })


def _links_post(request: AuthenticatedRequest) -> HttpResponse:
    visible = access_programs(request.user).values("pk")
    if request.POST.get("remove"):
        link = get_object_or_404(IndicatorLink.objects.select_related("standard", "indicator"),
                                 pk=_int(request.POST["remove"]), indicator__program__in=visible)
        services.indicator_link_remove(link=link, user=request.user)
        messages.success(request, _("已取消关联"))
        return redirect("monitoring:links")
    indicator = get_object_or_404(Indicator, pk=_int(request.POST.get("indicator")), program__in=visible)
    standard = StandardIndicator.objects.filter(pk=_int(request.POST.get("standard"))).first()
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

"""Contracts by year, region and kind, and recording a year's count as an indicator's actual
value (the indicator feed). Views validate, call services/selectors, render."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ipcity.core.access import is_office
from ipcity.monitoring.services import MonitoringInputError
from ipcity.programs.access import access_indicator, access_indicators
from ipcity.programs.models import Program
from ipcity.transfer import selectors
from ipcity.transfer.access import access_require_transfer_office, access_require_transfer_reader
from ipcity.transfer.forms import ContractFeedForm
from ipcity.transfer.labels import CONTRACT_KINDS
from ipcity.transfer.services import indicator_feed


def _indicators(user) -> list:
    # An archived programme takes no value (programs.lifecycle): its indicators are not offered.
    return list(access_indicators(user).exclude(program__status=Program.Status.ARCHIVED)
                .select_related("program").order_by("program_id", "order"))


@require_GET
def contracts(request) -> HttpResponse:
    access_require_transfer_reader(request.user)
    counts = [{"year": year, "region_code": region, "kind": CONTRACT_KINDS.get(kind, kind), "count": n}
              for (year, region, kind), n in selectors.contract_counts(request.user).items()]
    form = None
    if is_office(request.user):
        form = ContractFeedForm(indicators=_indicators(request.user),
                                initial={"year": timezone.localdate().year, "kind": "licence"})
    return render(request, "transfer/contracts.html", {"counts": counts, "feed_form": form})


@require_POST
def contract_record(request) -> HttpResponse:
    access_require_transfer_office(request.user)
    form = ContractFeedForm(request.POST, indicators=_indicators(request.user))
    if not form.is_valid():
        messages.error(request, _("请选择指标、合同类型和年度"))
        return redirect("transfer:contracts")
    data = form.cleaned_data
    indicator = access_indicator(request.user, data["indicator"])
    try:
        actual = indicator_feed.contract_actual_record(user=request.user, indicator=indicator, kind=data["kind"],
                                                       year=data["year"])
    except MonitoringInputError as exc:  # the feed's own, or the recording's (a year outside the plan)
        messages.error(request, exc.message)
        return redirect("transfer:contracts")
    if getattr(actual, "unchanged", False):
        messages.info(request, _("该指标 %(year)s 年的实际值与统计结果相同，未变更") % {"year": data["year"]})
    else:
        messages.success(request, _("已将 %(year)s 年对接合同数（%(value)s）记为指标实际值") % {
            "year": data["year"], "value": f"{actual.value:g}"})
    return redirect("monitoring:indicator", indicator.program_id, indicator.pk)

"""Monitoring pages: dashboard, indicator, value entry, Excel template, thresholds, comparison.

Views check access (``ipcity.core.access`` and ``monitoring.permissions``), call a selector or a
service, and render. URL names ``monitoring:dashboard``, ``monitoring:indicator`` and
``monitoring:compare`` are linked to from other apps.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ipcity.core.access import (
    access_program,
    access_program_edit,
    access_programs,
    access_require_office,
    is_office,
    user_department_id,
)
from ipcity.monitoring import compare as comparing
from ipcity.monitoring import labels, selectors, services
from ipcity.monitoring.explain import explain
from ipcity.monitoring.forms import ActualValueForm, OwnerForm, ReferenceValueForm, ThresholdsForm
from ipcity.monitoring.models import IndicatorActual, IndicatorGroup
from ipcity.monitoring.permissions import can_record, require_record
from ipcity.programs.models import Indicator
from ipcity.programs.views import program_tabs

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def program_context(request: HttpRequest, program, **extra) -> dict:
    return {"program": program, "tabs": program_tabs(request, program, "monitoring"),
            "is_office": is_office(request.user), **extra}


def int_param(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def dashboard(request: HttpRequest, program_id: int) -> HttpResponse:
    program = access_program(request.user, program_id)
    board = selectors.program_dashboard(
        program, year_status=request.GET.get("year_status", ""), outlook=request.GET.get("outlook", ""),
        department_id=int_param(request.GET.get("department")), worse_only=request.GET.get("worse") == "1",
        as_of=int_param(request.GET.get("year")),
    )
    return render(request, "monitoring/dashboard.html", program_context(
        request, program, board=board, changed=labels.thresholds_changed(board.thresholds),
        my_department_id=user_department_id(request.user),
        years=list(range(program.start_year, program.end_year + 1)),
        may_upload=is_office(request.user) or any(can_record(request.user, v.indicator) for v in board.verdicts),
    ))


def indicator(request: HttpRequest, program_id: int, indicator_id: int, *, record_form=None,
              reference_form=None) -> HttpResponse:
    program = access_program(request.user, program_id)
    ind = selectors.indicator_for_page(program, indicator_id)
    if ind is None:
        raise Http404(_("指标不存在"))
    verdict = selectors.judge(ind, selectors.program_thresholds(program), int_param(request.GET.get("year")))
    years = selectors.indicator_years(ind)
    office = is_office(request.user)
    return render(request, "monitoring/indicator.html", program_context(
        request, program, indicator=ind, verdict=verdict, why=explain(verdict.assessment, ind.unit or ""),
        chart=selectors.chart_data(verdict),
        history=selectors.value_history(ind), changed=labels.thresholds_changed(verdict.assessment.thresholds),
        record_form=record_form or (ActualValueForm(indicator=ind, years=years) if can_record(request.user, ind) else None),
        reference_form=reference_form or (ReferenceValueForm(years=years) if office else None),
        owner_form=OwnerForm(initial={"department": ind.owner_department_id}, region_id=program.region_id) if office else None,
    ))


@require_POST
def record(request: HttpRequest, program_id: int, indicator_id: int) -> HttpResponse:
    program = access_program(request.user, program_id)
    ind = get_object_or_404(Indicator.objects.select_related("program"), pk=indicator_id, program=program)
    require_record(request.user, ind)
    form = ActualValueForm(request.POST, request.FILES, indicator=ind, years=selectors.indicator_years(ind))
    if form.is_valid():
        try:
            services.actual_value_record(indicator=ind, user=request.user, year=form.cleaned_data["year"],
                                         value=form.cleaned_data["value"], source=form.cleaned_data["source"],
                                         note=form.cleaned_data["note"], attachment=form.cleaned_data["attachment"])
        except services.MonitoringInputError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("已保存 %(year)s 年实际值") % {"year": form.cleaned_data["year"]})
            return redirect("monitoring:indicator", program.pk, ind.pk)
    return indicator(request, program_id, indicator_id, record_form=form)


@require_POST
def reference(request: HttpRequest, program_id: int, indicator_id: int) -> HttpResponse:
    program = access_program_edit(request.user, program_id)
    ind = get_object_or_404(Indicator.objects.select_related("program"), pk=indicator_id, program=program)
    form = ReferenceValueForm(request.POST, years=selectors.indicator_years(ind))
    if not form.is_valid():
        return indicator(request, program_id, indicator_id, reference_form=form)
    services.reference_value_record(indicator=ind, user=request.user, **form.cleaned_data)
    messages.success(request, _("参照值已保存"))
    return redirect("monitoring:indicator", program.pk, ind.pk)


@require_POST
def owner(request: HttpRequest, program_id: int, indicator_id: int) -> HttpResponse:
    program = access_program_edit(request.user, program_id)
    ind = get_object_or_404(Indicator, pk=indicator_id, program=program)
    form = OwnerForm(request.POST, region_id=program.region_id)
    if form.is_valid():
        services.indicator_owner_set(indicator=ind, department=form.cleaned_data["department"], user=request.user)
        messages.success(request, _("数据责任部门已更新"))
    return redirect("monitoring:indicator", program.pk, ind.pk)


def attachment(request: HttpRequest, program_id: int, actual_id: int) -> FileResponse:
    """An attachment, to whoever may see the programme (uploads are not served publicly)."""
    program = access_program(request.user, program_id)
    actual = get_object_or_404(IndicatorActual, pk=actual_id, indicator__program=program)
    if not actual.attachment:
        raise Http404
    return FileResponse(actual.attachment.open("rb"), as_attachment=True,
                        filename=actual.attachment.name.rsplit("/", 1)[-1])


def thresholds(request: HttpRequest, program_id: int) -> HttpResponse:
    program = access_program(request.user, program_id)
    current = selectors.program_thresholds(program)
    form = ThresholdsForm(request.POST or None, initial={"near": current.near, "on_track": current.on_track,
                                                         "acceleration": current.acceleration})
    if request.method == "POST":
        access_program_edit(request.user, program_id)
        if form.is_valid():
            try:
                services.thresholds_set(program=program, user=request.user, **form.cleaned_data)
            except services.MonitoringInputError as exc:
                form.add_error(exc.field, exc.message)
            else:
                messages.success(request, _("研判阈值已更新"))
                return redirect("monitoring:dashboard", program.pk)
    return render(request, "monitoring/thresholds.html", program_context(request, program, form=form,
                                                                  changed=labels.thresholds_changed(current)))


def compare(request: HttpRequest) -> HttpResponse:
    groups = comparing.comparison(request.user, int_param(request.GET.get("group")))
    charts = {str(g.group.pk): g.chart for g in groups}
    return render(request, "monitoring/compare.html", {"groups": groups, "charts": charts,
                                                       "is_office": is_office(request.user)})


def links(request: HttpRequest) -> HttpResponse:
    """The office confirms suggested links (same unit, similar name) or removes a group."""
    access_require_office(request.user)
    if request.method == "POST":
        return _links_post(request)
    return render(request, "monitoring/links.html", {"suggestions": comparing.link_suggestions(request.user),
                                                     "groups": comparing.groups_with_links(request.user)})


def _links_post(request: HttpRequest) -> HttpResponse:
    if request.POST.get("delete"):
        group = get_object_or_404(IndicatorGroup.objects.filter(links__indicator__program__in=_visible_programs(request.user))
                                  .distinct(), pk=int_param(request.POST["delete"]))
        services.indicator_group_delete(group=group, user=request.user)
        messages.success(request, _("已取消关联"))
        return redirect("monitoring:links")
    ids = [i for i in (int_param(v) for v in request.POST.getlist("indicator")) if i]
    chosen = list(Indicator.objects.filter(pk__in=ids, program__in=_visible_programs(request.user)))
    try:
        services.indicator_group_confirm(indicators=chosen, name=request.POST.get("name", ""),
                                         unit=request.POST.get("unit", ""), user=request.user)
    except services.MonitoringInputError as exc:
        messages.error(request, exc.message)
        return redirect("monitoring:links")
    messages.success(request, _("已确认关联"))
    return redirect("monitoring:compare")


def _visible_programs(user):
    return access_programs(user).values("pk")

"""Monitoring pages: dashboard, indicator, value entry, Excel template, thresholds, comparison.

Views check access (``ipcity.programs.access`` and ``monitoring.permissions``), call a selector or a
service, and render. URL names ``monitoring:dashboard`` and ``monitoring:indicator`` are linked to
from other apps (the comparison is in ``views_compare``).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ipcity.core.access import is_office, user_department_id
from ipcity.core.contributions import program_tabs
from ipcity.core.edit_stamps import StaleEdit, edit_stamp, seen_stamp, stale_message
from ipcity.core.requests import AuthenticatedRequest, int_param
from ipcity.monitoring import catalogue, figure_records, labels, selectors, services
from ipcity.monitoring.forms import ActualValueForm, OwnerForm, ReferenceValueForm, ThresholdsForm
from ipcity.monitoring.permissions import access_indicator_actual, can_record, require_record
from ipcity.monitoring.verdict_steps import criteria_steps, explain
from ipcity.programs.access import (
    access_indicator,
    access_indicator_edit,
    access_program,
    access_program_edit,
)
from ipcity.programs.lifecycle import is_archived

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def program_context(request: HttpRequest, program, **extra) -> dict:
    # An archived programme is read-only: its pages offer no change (the services refuse one anyway).
    return {"program": program, "tabs": program_tabs(request, program, "monitoring"),
            "is_office": is_office(request.user) and not is_archived(program), **extra}


def dashboard(request: AuthenticatedRequest, program_id: int) -> HttpResponse:
    program = access_program(request.user, program_id)
    board = selectors.program_dashboard(
        program, user=request.user, year_status=request.GET.get("year_status", ""), outlook=request.GET.get("outlook", ""),
        department_id=int_param(request.GET.get("department")), worse_only=request.GET.get("worse") == "1",
        as_of=int_param(request.GET.get("year")),
    )
    return render(request, "monitoring/dashboard.html", program_context(
        request, program, board=board, changed=labels.thresholds_changed(board.thresholds),
        my_department_id=user_department_id(request.user),
        years=list(range(program.start_year, program.end_year + 1)),
        may_upload=not is_archived(program) and (
            is_office(request.user) or any(can_record(request.user, v.indicator) for v in board.verdicts)),
    ))


def indicator(request: AuthenticatedRequest, program_id: int, indicator_id: int, *, record_form=None,
              reference_form=None) -> HttpResponse:
    program = access_program(request.user, program_id)
    ind = selectors.indicator_for_page(program, indicator_id, user=request.user)
    if ind is None:
        raise Http404(_("指标不存在"))
    verdict = selectors.judge(ind, selectors.program_thresholds(program), int_param(request.GET.get("year")))
    years = selectors.indicator_years(ind)
    office = is_office(request.user) and not is_archived(program)
    history = selectors.value_history(ind)
    # A computed high-value figure counted without some criteria: said beside the verdicts too.
    partial = criteria_steps(verdict.assessment, history)
    standards = list(selectors.standard_catalogue()) if office else None  # once: suggestion and figure choices
    suggestion = catalogue.records_suggestion(ind, standards)
    return render(request, "monitoring/indicator.html", program_context(
        request, program, indicator=ind, verdict=verdict, why=explain(verdict.assessment, ind.unit or "") + partial,
        criteria_note=partial[0]["text"] if partial else "",
        chart=selectors.chart_data(verdict), records_suggestion=suggestion, catalogue_entries=standards,
        high_value_figure=figure_records.high_value_figure(history),
        shows_actions=figure_records.shows_actions(suggestion, history),
        history=history, changed=labels.thresholds_changed(verdict.assessment.thresholds),
        record_form=record_form or (ActualValueForm(indicator=ind, years=years)
                                    if can_record(request.user, ind) and not is_archived(program) else None),
        reference_form=reference_form or (ReferenceValueForm(years=years) if office else None),
        owner_form=OwnerForm(initial={"department": ind.owner_department_id}, region_id=program.region_id) if office else None,
    ))


@require_POST
def record(request: AuthenticatedRequest, program_id: int, indicator_id: int) -> HttpResponse:
    program = access_program(request.user, program_id)
    ind = access_indicator(request.user, indicator_id, program=program)
    require_record(request.user, ind)
    form = ActualValueForm(request.POST, request.FILES, indicator=ind, years=selectors.indicator_years(ind))
    if form.is_valid():
        try:
            actual = services.actual_value_record(
                indicator=ind, user=request.user, year=form.cleaned_data["year"], value=form.cleaned_data["value"],
                source=form.cleaned_data["source"], note=form.cleaned_data["note"],
                attachment=form.cleaned_data["attachment"])
        except services.MonitoringInputError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            for note in form.value_notes:  # 12% / 1,234 / full-width digits: read, and said so
                messages.info(request, note)
            if actual.unchanged:
                messages.info(request, _("未变更：%(year)s 年实际值与现有记录相同，未新增历史记录") % {
                    "year": form.cleaned_data["year"]})
            else:
                messages.success(request, _("已保存 %(year)s 年实际值") % {"year": form.cleaned_data["year"]})
            return redirect("monitoring:indicator", program.pk, ind.pk)
    return indicator(request, program_id, indicator_id, record_form=form)


@require_POST
def reference(request: AuthenticatedRequest, program_id: int, indicator_id: int) -> HttpResponse:
    program = access_program(request.user, program_id)
    ind = access_indicator_edit(request.user, indicator_id, program=program)  # 404 unseen, 403 reader
    form = ReferenceValueForm(request.POST, years=selectors.indicator_years(ind))
    if not form.is_valid():
        return indicator(request, program_id, indicator_id, reference_form=form)
    services.reference_value_record(indicator=ind, user=request.user, **form.cleaned_data)
    messages.success(request, _("参照值已保存"))
    return redirect("monitoring:indicator", program.pk, ind.pk)


@require_POST
def owner(request: AuthenticatedRequest, program_id: int, indicator_id: int) -> HttpResponse:
    program = access_program(request.user, program_id)
    ind = access_indicator_edit(request.user, indicator_id, program=program)
    form = OwnerForm(request.POST, region_id=program.region_id)
    if form.is_valid():
        services.indicator_owner_set(indicator=ind, department=form.cleaned_data["department"], user=request.user)
        messages.success(request, _("数据责任部门已更新"))
    return redirect("monitoring:indicator", program.pk, ind.pk)


def attachment(request: AuthenticatedRequest, program_id: int, actual_id: int) -> FileResponse:
    """An attachment, to whoever may see its indicator (uploads are not served publicly; ids are
    guessable, so the value is fetched through the scoped query, never fetched and then checked)."""
    program = access_program(request.user, program_id)
    actual = access_indicator_actual(request.user, actual_id, program=program)
    if not actual.attachment:
        raise Http404
    return FileResponse(actual.attachment.open("rb"), as_attachment=True,
                        filename=actual.attachment.name.rsplit("/", 1)[-1])


def thresholds(request: AuthenticatedRequest, program_id: int) -> HttpResponse:
    program = access_program(request.user, program_id)
    current = selectors.program_thresholds(program)
    form = ThresholdsForm(request.POST or None, initial={"near": current.near, "on_track": current.on_track,
                                                         "acceleration": current.acceleration})
    status = 200
    if request.method == "POST":
        access_program_edit(request.user, program_id)
        if form.is_valid():
            try:
                services.thresholds_set(program=program, user=request.user, seen=seen_stamp(request.POST),
                                        **form.cleaned_data)
            except services.MonitoringInputError as exc:
                form.add_error(exc.field, exc.message)
            except StaleEdit:
                # Saved by someone else since this form was opened: the input stays, with the new stamp.
                form.add_error(None, stale_message())
                status = 409
                current = selectors.program_thresholds(program)
            else:
                messages.success(request, _("研判阈值已更新"))
                return redirect("monitoring:dashboard", program.pk)
    return render(request, "monitoring/thresholds.html", program_context(
        request, program, form=form, changed=labels.thresholds_changed(current),
        stamp=edit_stamp(selectors.thresholds_edit_state(current))), status=status)

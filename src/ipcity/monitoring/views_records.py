"""The records behind a computed figure, the actions on a high-value figure, and the catalogue link.

- ``figure_records``: the records behind one computed actual value, 50 a page, with .xlsx and .csv
  downloads of the whole list; whoever may see the indicator may open them (a value entered by
  hand says it has none).
- ``actions``: what the office can act on for the indicator's latest high-value figure (patents
  crossing the 10-year line next year, high-value patents at risk, the leading holders); an
  HTMX fragment on the indicator page, a whole page without JavaScript, and an .xlsx export.
- ``indicator_link``: the office confirms the catalogue entry the indicator page suggests
  (nothing is linked without that confirmation).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ipcity.core.requests import AuthenticatedRequest, int_param
from ipcity.core.spreadsheets import XLSX_CONTENT_TYPE
from ipcity.monitoring import figure_records as behind
from ipcity.monitoring import selectors, services
from ipcity.monitoring.engine_figures import EngineFigureError
from ipcity.monitoring.permissions import access_indicator_actual
from ipcity.monitoring.views import program_context
from ipcity.programs.access import access_indicator, access_indicator_edit, access_program

CONTENT_TYPES = {"xlsx": XLSX_CONTENT_TYPE, "csv": "text/csv; charset=utf-8"}


def _is_htmx(request: AuthenticatedRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _records(request: AuthenticatedRequest, program_id: int, actual_id: int):
    program = access_program(request.user, program_id)
    actual = access_indicator_actual(request.user, actual_id, program=program)  # 404 unless its indicator is seen
    error = None
    try:
        records = behind.records_behind(actual)
    except EngineFigureError as exc:
        records, error = behind.FigureRecords(actual, None), exc.message
    return program, actual, records, error


@require_GET
def figure_records(request: AuthenticatedRequest, program_id: int, actual_id: int) -> HttpResponse:
    program, actual, records, error = _records(request, program_id, actual_id)
    rows, page, pages = records.page(int_param(request.GET.get("page")) or 1)
    return render(request, "monitoring/figure_records.html", program_context(
        request, program, actual=actual, indicator=actual.indicator, records=records, rows=rows, page=page,
        pages=pages, error=error, lineage=actual.lineage or {}))


@require_GET
def figure_records_file(request: AuthenticatedRequest, program_id: int, actual_id: int, fmt: str) -> HttpResponse:
    if fmt not in CONTENT_TYPES:
        raise Http404(_("不支持的格式"))
    _program, actual, records, error = _records(request, program_id, actual_id)
    if error:
        records.notes.append(error)
    title = f"{actual.indicator.name} · {actual.year} · {(actual.lineage or {}).get('key_label', '')}"
    response = HttpResponse(behind.table_bytes(records, fmt, title), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="records-{actual.indicator_id}-{actual.year}.{fmt}"'
    return response


def _actions(request: AuthenticatedRequest, program_id: int, indicator_id: int):
    program = access_program(request.user, program_id)
    indicator = access_indicator(request.user, indicator_id, program=program)
    actual = behind.high_value_figure(selectors.value_history(indicator))
    result, error = None, None
    if actual is not None:
        try:
            result = behind.actions_for(actual)
        except EngineFigureError as exc:
            error = exc.message
    return program, indicator, actual, result, error


@require_GET
def actions(request: AuthenticatedRequest, program_id: int, indicator_id: int) -> HttpResponse:
    program, indicator, actual, result, error = _actions(request, program_id, indicator_id)
    context = {"indicator": indicator, "actual": actual, "result": result, "error": error}
    if _is_htmx(request):
        return render(request, "monitoring/_actions_body.html", {"program": program, **context})
    return render(request, "monitoring/actions.html", program_context(request, program, **context))


@require_GET
def actions_xlsx(request: AuthenticatedRequest, program_id: int, indicator_id: int) -> HttpResponse:
    _program, indicator, actual, result, error = _actions(request, program_id, indicator_id)
    title = f"{indicator.name} · {actual.year if actual else ''}"
    note = error or _("尚无从专利数据计算的高价值发明专利计算值：请先在指标页“从知识产权数据计算”并记录。")
    response = HttpResponse(behind.actions_workbook(result, title, note), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="actions-{indicator.pk}.xlsx"'
    return response


@require_POST
def indicator_link(request: AuthenticatedRequest, program_id: int, indicator_id: int) -> HttpResponse:
    program = access_program(request.user, program_id)
    indicator = access_indicator_edit(request.user, indicator_id, program=program)  # 404 unseen, 403 reader
    standard = selectors.standard_find(int_param(request.POST.get("standard")))
    if standard is None:
        messages.error(request, _("请选择目录中的标准指标"))
    else:
        try:
            services.indicator_link_confirm(indicator=indicator, standard=standard, user=request.user)
        except services.MonitoringInputError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("已确认：%(indicator)s → %(standard)s") % {
                "indicator": indicator.name, "standard": standard.name})
    return redirect("monitoring:indicator", program.pk, indicator.pk)

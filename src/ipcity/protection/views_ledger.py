"""The ledger import (dry run, confirm) and export, the KPI page with the indicator feed, and the
monthly statistics with their .xlsx/.docx. Views validate, call services/selectors, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ipcity.core.access import is_office
from ipcity.core.requests import AuthenticatedRequest
from ipcity.core.spreadsheets import XLSX_CONTENT_TYPE
from ipcity.programs.access import access_indicator
from ipcity.protection import exports, labels
from ipcity.protection.access import access_require_case_office, access_require_case_user
from ipcity.protection.forms import FilterForm
from ipcity.protection.forms_ledger import FeedForm, LedgerConfirmForm, LedgerUploadForm, PeriodForm
from ipcity.protection.selectors import cases as case_selectors
from ipcity.protection.selectors import kpis as kpi_selectors
from ipcity.protection.selectors import ledger as ledger_selectors
from ipcity.protection.selectors import statistics as statistics_selectors
from ipcity.protection.services import indicator_feed, ledger

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


# ---------------------------------------------------------------- import

@require_http_methods(["GET", "POST"])
def ledger_import(request: AuthenticatedRequest) -> HttpResponse:
    access_require_case_office(request.user)
    form = LedgerUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > ledger.MAX_BYTES:
            form.add_error("file", _("文件超过大小上限（%(limit)s MB）") % {"limit": ledger.MAX_BYTES // (1024 * 1024)})
        else:
            try:
                result = ledger.ledger_import_dry_run(user=request.user, data=upload.read(), filename=upload.name)
            except ledger.LedgerError as exc:
                form.add_error("file", exc.message)
            else:
                return redirect("protection:ledger_import_review", result.pk)
    return render(request, "protection/ledger_import.html", {
        "form": form, "headers": _header_words(), "limits": ledger.LIMITS,
        "recent": ledger_selectors.recent_imports(request.user)})


def _header_words() -> list[tuple[str, tuple[str, ...], bool]]:
    from ipcity.protection.ledger_rows import HEADERS, REQUIRED

    return [(words[0], words[1:], key in REQUIRED) for key, words in HEADERS.items()]


@require_http_methods(["GET", "POST"])
def ledger_import_review(request: AuthenticatedRequest, import_id: int) -> HttpResponse:
    access_require_case_office(request.user)
    draft = ledger_selectors.ledger_import_for(request.user, import_id)
    form = LedgerConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            written = ledger.ledger_import_confirm(ledger_import=draft, user=request.user,
                                                   allow_duplicate=form.cleaned_data["allow_duplicate"])
        except ledger.LedgerError as exc:
            messages.error(request, exc.message)
            return redirect("protection:ledger_import_review", draft.pk)
        messages.success(request, _("已导入 %(n)s 件案件") % {"n": written})
        return redirect("protection:cases")
    return render(request, "protection/ledger_import_review.html", {
        "draft": draft, "form": form, "previous": ledger.previous_imports(draft), "rows": _labelled(draft.payload),
        "upload_form": LedgerUploadForm()})


def _labelled(payload: list[dict]) -> list[dict]:
    return [{**row, "case_type_label": labels.label("CASE_TYPES", row["case_type"]),
             "channel_label": labels.label("CHANNELS", row["channel"]),
             "result_label": labels.label("RESULTS", row["result"])} for row in payload]


# ---------------------------------------------------------------- export

@require_GET
def ledger_export(request: AuthenticatedRequest) -> HttpResponse:
    access_require_case_user(request.user)
    today = timezone.localdate()
    form = FilterForm(request.GET or None, departments=case_selectors.departments_for(request.user),
                      years=case_selectors.case_years(request.user))
    data = form.cleaned_data if form.is_valid() else {}
    filters = case_selectors.CaseFilters(
        case_type=data.get("case_type") or "", status=data.get("status") or "", channel=data.get("channel") or "",
        department=data.get("department"), due=data.get("due") or "", year=data.get("year"),
        q=(data.get("q") or "").strip())
    cases = ledger_selectors.export_cases(request.user, filters, today=today)
    content = exports.ledger_workbook(cases.iterator(chunk_size=2000),
                                      _("维权援助案件台账（导出于 %(day)s，个人信息已脱敏）") % {"day": today.isoformat()})
    return _download(content, XLSX_CONTENT_TYPE, f"维权援助案件台账-{today.isoformat()}.xlsx")


# ---------------------------------------------------------------- KPIs and statistics

def _require_statistics(user) -> None:
    if not kpi_selectors.may_see_statistics(user):
        raise PermissionDenied(_("统计仅限知识产权办公室、领导和承办部门"))


def _period(request, years: list[int], today) -> tuple[PeriodForm, kpi_selectors.Period, str]:
    year = kpi_selectors.statistics_year(years, today)
    form = PeriodForm(request.GET or None, years=years, initial={"year": year})
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    period = kpi_selectors.Period(data.get("year") or year, data.get("quarter"), data.get("month"))
    return form, period, data.get("scope") or ""


@require_GET
def kpis(request: AuthenticatedRequest) -> HttpResponse:
    _require_statistics(request.user)
    cases = kpi_selectors.statistics_cases(request.user)
    today = timezone.localdate()
    form, period, scope = _period(request, kpi_selectors.years_with_cases(cases, today), today)
    rows, case_count = kpi_selectors.period_kpis(cases, period, scope)
    office = is_office(request.user)
    context = {"form": form, "period": period, "scope": scope, "scope_label": labels.SCOPES[scope],
               "rows": rows, "case_count": case_count, "office": office}
    if office:
        indicators = statistics_selectors.recordable_indicators(request.user)
        context["suggestions"] = statistics_selectors.feed_suggestions(request.user)
        context["feed_form"] = FeedForm(indicators=indicators, initial={"year": period.year, "scope": scope})
    return render(request, "protection/kpis.html", context)


@require_POST
def kpi_record(request: AuthenticatedRequest) -> HttpResponse:
    access_require_case_office(request.user)
    form = FeedForm(request.POST, indicators=statistics_selectors.recordable_indicators(request.user))
    if not form.is_valid():
        messages.error(request, _("请选择指标、统计指标和年度"))
        return redirect("protection:kpis")
    data = form.cleaned_data
    indicator = access_indicator(request.user, data["indicator"])
    try:
        actual = indicator_feed.kpi_actual_record(user=request.user, indicator=indicator, kpi_key=data["kpi"],
                                                  year=data["year"], scope=data["scope"] or "")
    except indicator_feed.FeedError as exc:
        messages.error(request, exc.message)
        return redirect(f"{reverse('protection:kpis')}?year={data['year']}&scope={data['scope'] or ''}")
    if getattr(actual, "unchanged", False):
        messages.info(request, _("该指标 %(year)s 年的实际值与统计结果相同，未变更") % {"year": data["year"]})
    else:
        messages.success(request, _("已将 %(year)s 年%(kpi)s（%(value)s）记为指标实际值") % {
            "year": data["year"], "kpi": labels.KPI_LABELS[data["kpi"]], "value": f"{actual.value:g}"})
    return redirect("monitoring:indicator", indicator.program_id, indicator.pk)


def _statistics(request: AuthenticatedRequest):
    _require_statistics(request.user)
    cases = kpi_selectors.statistics_cases(request.user)
    today = timezone.localdate()
    years = kpi_selectors.years_with_cases(cases, today)
    default = kpi_selectors.statistics_year(years, today)
    form = PeriodForm(request.GET or None, years=years, initial={"year": default})
    year = form.cleaned_data["year"] if form.is_bound and form.is_valid() else default
    blocks, case_count = statistics_selectors.monthly_statistics(cases, year)
    return form, year, blocks, case_count


@require_GET
def statistics(request: AuthenticatedRequest) -> HttpResponse:
    form, year, blocks, case_count = _statistics(request)
    return render(request, "protection/statistics.html", {"form": form, "year": year, "blocks": blocks,
                                                          "case_count": case_count})


def _title(year: int) -> str:
    return _("%(year)s年知识产权维权援助案件月度统计表") % {"year": year}


@require_GET
def statistics_xlsx(request: AuthenticatedRequest) -> HttpResponse:
    _form, year, blocks, _count = _statistics(request)
    return _download(exports.statistics_workbook(blocks, _title(year)), XLSX_CONTENT_TYPE, f"{_title(year)}.xlsx")


@require_GET
def statistics_docx(request: AuthenticatedRequest) -> HttpResponse:
    _form, year, blocks, count = _statistics(request)
    subtitle = _("（统计案件 %(n)s 件，制表日期 %(day)s）") % {"n": count, "day": timezone.localdate().isoformat()}
    return _download(exports.statistics_document(blocks, _title(year), subtitle), DOCX, f"{_title(year)}.docx")

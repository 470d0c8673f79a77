"""The holiday-notice page (节假日安排): the known years and the provisional horizon (as
``ipcity cases calendar show``) for the office, and for the site admin the year's notice typed in
or uploaded, a preview of its dates and of the due dates it would move (nothing written), then
the load (``services.calendar_notices.holiday_notice_load``). Views validate, call, render."""

from __future__ import annotations

import calendar as month_grid
import json

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from ipcity.casework import calendar, holiday_notices
from ipcity.protection.access import (
    access_require_case_office,
    access_require_holiday_notice_loader,
    may_load_holiday_notices,
)
from ipcity.protection.deadlines import CLOCK_LABELS
from ipcity.protection.forms_holidays import ArrangementForm, NoticeFileForm
from ipcity.protection.selectors.calendar_notices import holiday_notice_effect, holiday_notice_loads
from ipcity.protection.services.calendar_notices import WEB_REPLACE_HINT, holiday_notice_load
from ipcity.protection.tasks import holiday_notice_recompute_job

PREVIEW_ROWS = 50


def _years() -> dict:
    known = calendar.calendar_overview()
    package = known.package_years
    return {
        "first": known.first, "last": known.last, "until": known.provisional_until,
        "provisional_from": known.provisional_from,
        "package_first": min(package) if package else None, "package_last": max(package) if package else None,
        "loaded": known.loaded_in_effect, "waiting": known.waiting,
    }


def _page(request, *, typed: ArrangementForm | None = None, upload: NoticeFileForm | None = None,
          error: str = "", status: int = 200) -> HttpResponse:
    may_load = may_load_holiday_notices(request.user)
    next_year = calendar.supported_range()[1].year + 1
    return render(request, "protection/holidays.html", {
        **_years(), "may_load": may_load, "loads": holiday_notice_loads(), "error": error,
        "typed": typed or ArrangementForm(initial={"year": next_year}),
        "upload": upload or NoticeFileForm(), "open_form": "file" if upload is not None else "typed",
    }, status=status)


@require_GET
def holidays(request) -> HttpResponse:
    access_require_case_office(request.user)
    # ?form=file: the upload form open (an uploaded file's preview links back here to choose it again).
    return _page(request, upload=NoticeFileForm() if request.GET.get("form") == "file" else None)


def _months(notice: calendar.YearNotice) -> list[dict]:
    """The months holding a date of the notice, as week rows of (day, kind) cells (None: outside)."""
    kinds = {day: "holiday" for day in notice.holidays} | {day: "workday" for day in notice.workdays}
    months = []
    for month in sorted({day.month for day in kinds}):
        weeks = [[(day, kinds.get(day, "weekend" if day.weekday() >= 5 else "")) if day.month == month else None
                  for day in week]
                 for week in month_grid.Calendar().monthdatescalendar(notice.year, month)]
        months.append({"month": month, "weeks": weeks})
    return months


@require_POST
def holidays_preview(request) -> HttpResponse:
    """Parse and check the notice (typed or uploaded), then show what a load would do. The
    preview's 返回修改 posts the typed fields back here with ``edit``: the form comes back filled
    as it was typed, unchecked, so the office changes one date instead of retyping the notice."""
    access_require_holiday_notice_loader(request.user)
    if request.POST.get("edit"):
        return _page(request, typed=ArrangementForm(initial={
            name: request.POST.get(name, "") for name in ArrangementForm().fields if name != "replace"
        } | {"replace": request.POST.get("replace") == "1"}))
    typed: ArrangementForm | None = None
    upload: NoticeFileForm | None = None
    form: ArrangementForm | NoticeFileForm
    if request.POST.get("mode") == "file":
        form = upload = NoticeFileForm(request.POST, request.FILES)
    else:
        form = typed = ArrangementForm(request.POST)
    notice = form.notice()
    if notice is None:
        return _page(request, typed=typed, upload=upload, status=400)
    replace = bool(form.cleaned_data.get("replace"))
    try:
        holiday_notices.check_notice(notice, replace=replace, replace_hint=WEB_REPLACE_HINT)
    except holiday_notices.NoticeError as exc:
        if typed is not None:
            typed.add_notice_error(str(exc))
        else:
            form.add_error(None, str(exc))
        return _page(request, typed=typed, upload=upload, status=400)
    return _preview(request, notice, replace, typed)


def _preview(request, notice: calendar.YearNotice, replace: bool, typed: ArrangementForm | None) -> HttpResponse:
    moves = holiday_notice_effect(notice)
    rows = [(move, [(CLOCK_LABELS[key], old, new) for key, old, new in move.changes]) for move in moves[:PREVIEW_ROWS]]
    return render(request, "protection/holidays_preview.html", {
        "notice": notice, "replace": replace, "known": calendar.known_years().get(notice.year, ""),
        "holidays": sorted(notice.holidays), "workdays": sorted(notice.workdays), "months": _months(notice),
        "moved": len(moves), "rows": rows, "more": max(0, len(moves) - PREVIEW_ROWS),
        "payload": json.dumps(holiday_notices.notice_payload(notice), ensure_ascii=False),
        "typed": [(name, typed.data.get(name, "")) for name in typed.fields if name != "replace"] if typed else None,
    })


@require_POST
def holidays_confirm(request) -> HttpResponse:
    """Load the previewed notice: checked again by the library (the page may be old), then stored."""
    access_require_holiday_notice_loader(request.user)
    replace = request.POST.get("replace") == "1"
    try:
        notice = holiday_notices.parse_notice(request.POST.get("notice", ""))
        record = holiday_notice_load(user=request.user, notice=notice, replace=replace)
    except holiday_notices.NoticeError as exc:
        return _page(request, error=str(exc), status=400)
    holiday_notice_recompute_job(record.pk)  # huey: queued (run at once under tests)
    record.refresh_from_db()
    if record.cases_moved is None:
        messages.success(request, _("已载入%(year)s年节假日安排；正在后台重算在办案件的期限。") % {"year": notice.year})
    else:
        messages.success(request, ngettext("已载入%(year)s年节假日安排；%(n)s 件案件的期限已重算。",
                                           "已载入%(year)s年节假日安排；%(n)s 件案件的期限已重算。",
                                           record.cases_moved) % {"year": notice.year, "n": record.cases_moved})
    return redirect("protection:holidays")

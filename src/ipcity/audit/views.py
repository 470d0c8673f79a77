"""Audit trail pages. The office and leaders read them; only the office exports; reporters never."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from ipcity.audit import selectors
from ipcity.audit.export import events_csv, events_xlsx
from ipcity.core.access import access_program, access_require_office, user_role
from ipcity.core.models import Role

READERS = (Role.OFFICE, Role.ADMIN, Role.LEADER)
EXPORTS = {
    "csv": ("text/csv; charset=utf-8", events_csv),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", events_xlsx),
}
PAGE_SIZE = 100


def require_audit_reader(user) -> None:
    if user_role(user) not in READERS:
        raise PermissionDenied(_("无权查看变更记录"))


def _filter_from(request: HttpRequest) -> selectors.EventFilter:
    return selectors.EventFilter(
        action=request.GET.get("action", "")[:64],
        actor=request.GET.get("actor", "")[:150],
        since=_date(request.GET.get("since")),
        until=_date(request.GET.get("until")),
    )


def _filter_query(request: HttpRequest) -> str:
    """The filter as a query string without the page: the pager and the exports keep every filter."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def _date(value: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def program_trail(request: HttpRequest, program_id: int) -> HttpResponse:
    require_audit_reader(request.user)
    program = access_program(request.user, program_id)
    flt = _filter_from(request)
    page = Paginator(selectors.program_events(program.pk, flt).select_related("actor"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    from ipcity.programs.views import program_tabs

    return render(request, "audit/program.html", {
        "program": program,
        "tabs": program_tabs(request, program, "audit"),
        "page": page,
        "rows": [(e, selectors.event_changes(e)) for e in page.object_list],
        "filter": flt,
        "actions": selectors.program_actions(program.pk),
        "query": _filter_query(request),
        "can_export": user_role(request.user) in (Role.OFFICE, Role.ADMIN),
    })


def program_trail_export(request: HttpRequest, program_id: int, fmt: str) -> HttpResponse:
    access_require_office(request.user)
    program = access_program(request.user, program_id)
    if fmt not in EXPORTS:
        raise Http404
    content_type, render_events = EXPORTS[fmt]
    events = selectors.program_events(program.pk, _filter_from(request)).iterator()
    response = HttpResponse(render_events(events), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="program-{program.pk}-audit.{fmt}"'
    return response


def history(request: HttpRequest, object_type: str, object_id: str) -> HttpResponse:
    """Every recorded change of one object, with the before → after of each field."""
    require_audit_reader(request.user)
    events = selectors.object_history(object_type, object_id)
    program_ids = {e.program_id for e in events if e.program_id is not None}
    if object_type == "programs.program" and object_id.isdigit():
        program_ids.add(int(object_id))
    if program_ids:
        for pid in program_ids:
            access_program(request.user, pid)  # 404 when any of it is outside the user's view
    else:
        access_require_office(request.user)  # users, tokens...: administration records
    return render(request, "audit/history.html", {
        "object_type": object_type,
        "object_id": object_id,
        "title": events[0].object_repr if events else f"{object_type} #{object_id}",
        "rows": [(e, selectors.event_changes(e)) for e in events],
    })

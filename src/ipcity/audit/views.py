"""Audit trail pages. The office and leaders read them; only the office exports; reporters never."""

from __future__ import annotations

import datetime
import ipaddress
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from ipcity.audit import selectors
from ipcity.audit.export import events_csv, events_xlsx
from ipcity.core.access import access_require_office, user_role
from ipcity.core.contributions import access_object, program_tabs
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
        client_ip=_address(request.GET.get("ip", "")),
    )


def _address(value: str) -> str:
    try:
        return str(ipaddress.ip_address(value.strip())) if value.strip() else ""
    except ValueError:
        return ""  # not an address: no filter rather than an error page


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


def _access_program(user, program_id: int) -> Any:
    """The programme by the programs app's rule (registered in ``core.contributions``: audit sits
    below programs and never imports it)."""
    return access_object(user, "programs.program", program_id)


def program_trail(request: HttpRequest, program_id: int) -> HttpResponse:
    program = _access_program(request.user, program_id)  # 404 first: no hint that it exists
    require_audit_reader(request.user)
    flt = _filter_from(request)
    page = Paginator(selectors.program_events(program.pk, flt).select_related("actor"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "audit/program.html", {
        "program": program,
        "tabs": program_tabs(request, program, "audit"),
        "page": page,
        "rows": selectors.events_with_changes(page.object_list, request.user),
        "filter": flt,
        "actions": selectors.program_actions(program.pk),
        "query": _filter_query(request),
        "can_export": user_role(request.user) in (Role.OFFICE, Role.ADMIN),
    })


def program_trail_export(request: HttpRequest, program_id: int, fmt: str) -> HttpResponse:
    program = _access_program(request.user, program_id)  # 404 first: no hint that it exists
    access_require_office(request.user)
    if fmt not in EXPORTS:
        raise Http404
    content_type, render_events = EXPORTS[fmt]
    events = selectors.program_events(program.pk, _filter_from(request)).iterator()
    response = HttpResponse(render_events(events), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, f"program-{program.pk}-audit.{fmt}")
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
            _access_program(request.user, pid)  # 404 when any of it is outside the user's view
    else:
        _require_administration_record(request.user, object_type, object_id)
    return render(request, "audit/history.html", {
        "object_type": object_type,
        "object_id": object_id,
        "title": events[0].object_repr if events else f"{object_type} #{object_id}",
        "rows": selectors.events_with_changes(events, request.user),
    })


def _require_administration_record(user, object_type: str, object_id: str) -> None:
    """Users, tokens, departments...: the office's records, but only of its own scope (an office of
    another city gets 404 for a user or department of this one, as on their own pages)."""
    from ipcity.core.selectors import manageable_users, token_owner_id

    access_require_office(user)
    key = int(object_id) if object_id.isdigit() else None
    if object_type == "auth.user":
        visible = key == user.pk or manageable_users(user).filter(pk=key).exists()
    elif object_type == "core.apitoken":
        owner = token_owner_id(key)
        visible = owner is not None and (owner == user.pk or manageable_users(user).filter(pk=owner).exists())
    elif object_type == "core.department":
        access_object(user, "core.department", key or 0)
        visible = True
    else:
        visible = True
    if not visible:
        raise Http404(_("记录不存在或无权查看"))


@require_GET
def security_log(request: HttpRequest) -> HttpResponse:
    """Sign-ins, failed logins, lockouts, refused requests, downloads, account changes.

    The site administrator sees all; an office sees the records of its region's accounts.
    """
    flt = _filter_from(request)
    events = selectors.security_events(request.user, flt)  # 403 for anyone else
    page = Paginator(events.select_related("actor"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "audit/security.html", {
        "page": page,
        "rows": selectors.events_with_changes(page.object_list, request.user),
        "filter": flt,
        "families": SECURITY_FAMILIES,
        "query": _filter_query(request),
    })


# The filter's choices on the security log: an action prefix and what it means.
SECURITY_FAMILIES = [
    ("auth.login", gettext_lazy("登录")),
    ("auth.logout", gettext_lazy("退出")),
    ("auth.login_failed", gettext_lazy("登录失败")),
    ("auth.lockout", gettext_lazy("账号锁定")),
    ("auth.password_change", gettext_lazy("修改密码")),
    ("request.denied", gettext_lazy("拒绝访问")),
    ("file.download", gettext_lazy("下载与导出")),
    ("user.", gettext_lazy("用户管理")),
    ("token.", gettext_lazy("API 令牌")),
    ("audit.purge", gettext_lazy("清理过期记录")),
]

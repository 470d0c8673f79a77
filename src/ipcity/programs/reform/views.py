"""机构改革 pages of a department: rename, merge into another unit, retire (``programs:department_*``).

Each change has a page that shows what it will do — for a merge the live work that moves, counted
per kind — before the office confirms it; the write is one service of ``programs.reform.services``. A
form opened before someone else changed the unit (its edit stamp differs) is refused with 409 and
shown again with the new counts.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from ipcity.core.edit_stamps import StaleEdit, edit_stamp, stale_message
from ipcity.core.requests import AuthenticatedRequest
from ipcity.programs.access import access_department_edit
from ipcity.programs.reform import selectors, services
from ipcity.programs.reform.forms import (
    DepartmentMergeChoiceForm,
    DepartmentMergeForm,
    DepartmentRenameForm,
    DepartmentRetireForm,
)
from ipcity.text import has_han

STALE = 409


def _errors(form, exc: ValidationError) -> None:
    """The service's refusals on the form; the unit and region names they quote are data, marked
    ``lang="zh"`` (an English page reads the rest in English, a screen reader the names in Chinese)."""
    for error in exc.error_list:
        params = error.params or {}
        if not isinstance(params, dict):
            form.add_error(None, error.message % params)
            continue
        marked = {key: format_html('<span lang="zh">{}</span>', value) if isinstance(value, str) and has_han(value)
                  else conditional_escape(value) for key, value in params.items()}
        form.add_error(None, mark_safe(conditional_escape(error.message) % marked))  # noqa: S308 - all escaped above


def department_rename(request: AuthenticatedRequest, department_id: int) -> HttpResponse:
    department = access_department_edit(request.user, department_id)
    status = 200
    if request.method == "POST":
        form = DepartmentRenameForm(request.POST)
        status = 400
        if form.is_valid():
            try:
                services.department_rename(actor=request.user, department_id=department.pk,
                                           name=form.cleaned_data["name"], seen=form.cleaned_data["stamp"])
            except StaleEdit:
                form.add_error(None, stale_message())
                status = STALE
            except ValidationError as exc:
                _errors(form, exc)
            else:
                messages.success(request, _("已改名，原名称保留为别名"))
                return redirect("programs:department", department.pk)
        department.refresh_from_db()
    else:
        form = DepartmentRenameForm(initial={"name": department.name})
    return render(request, "programs/department_rename.html", {
        "department": department, "form": form, "aliases": list(department.aliases.all()),
        "stamp": edit_stamp(selectors.department_edit_state(department)),
        # A refusal other than a stale page is about the name typed: the field points at it.
        "name_refused": status == 400 and bool(form.non_field_errors()),
    }, status=status)


def department_merge(request: AuthenticatedRequest, department_id: int) -> HttpResponse:
    """GET without ``target``: choose the unit; GET with it: what will move; POST: do it."""
    department = access_department_edit(request.user, department_id)
    if department.merged_into_id is not None:
        messages.info(request, _("该部门已并入其他部门"))
        return redirect("programs:department", department.pk)
    status = 200
    confirm: DepartmentMergeForm | None = None
    if request.method == "POST":
        status = 400
        confirm = DepartmentMergeForm(request.POST, department=department)
        choice = DepartmentMergeChoiceForm(request.POST, department=department)
        if confirm.is_valid():
            target = confirm.cleaned_data["target"]
            try:
                result = services.department_merge(actor=request.user, source_id=department.pk, target_id=target.pk,
                                                   seen=confirm.cleaned_data["stamp"])
            except StaleEdit:
                confirm.add_error(None, stale_message())
                status = STALE
            except ValidationError as exc:
                _errors(confirm, exc)
            else:
                moved = sum(result.moved.values())
                messages.success(request, _("已将“%(source)s”并入“%(target)s”，转移 %(n)s 项工作") % {
                    "source": department.name, "target": target.name, "n": moved})
                return redirect("programs:department", target.pk)
            department.refresh_from_db()
    else:
        choice = DepartmentMergeChoiceForm(request.GET if "target" in request.GET else None, department=department)
    target = choice.cleaned_data["target"] if choice.is_bound and choice.is_valid() else None
    context = {"department": department, "choice": choice, "confirm": confirm, "target": target,
               # the confirmation's errors the choice form does not already show above (the unit chosen)
               "confirm_errors": [message for name, errors in (confirm.errors.items() if confirm else [])
                                  if name != "target" or not choice.errors for message in errors]}
    if target is not None:
        context["work"] = selectors.department_live_work(department)
        context["target_aliases"] = [department.name, *department.aliases.values_list("alias", flat=True)]
        context["stamp"] = edit_stamp(selectors.department_merge_state(department, target))
    elif request.method == "GET" and "target" in request.GET:
        status = 400
    return render(request, "programs/department_merge.html", context, status=status)


def department_retire(request: AuthenticatedRequest, department_id: int) -> HttpResponse:
    department = access_department_edit(request.user, department_id)
    status = 200
    form = DepartmentRetireForm(request.POST or None)
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.department_retire(actor=request.user, department_id=department.pk, seen=form.cleaned_data["stamp"])
            except StaleEdit:
                form.add_error(None, stale_message())
                status = STALE
            except services.DepartmentBusy:
                status = STALE  # the page lists the work that is still assigned
            except ValidationError as exc:
                _errors(form, exc)
            else:
                messages.success(request, _("已撤销“%(name)s”") % {"name": department.name})
                return redirect("programs:department", department.pk)
            department.refresh_from_db()
    work = selectors.department_live_work(department)
    blocking = [w for w in work if w.count and w.blocks_retire]
    return render(request, "programs/department_retire.html", {
        "department": department, "form": form, "work": work, "blocking": blocking,
        "stamp": edit_stamp(selectors.department_edit_state(department)),
    }, status=status)


urlpatterns = [
    path("departments/<int:department_id>/rename/", department_rename, name="department_rename"),
    path("departments/<int:department_id>/merge/", department_merge, name="department_merge"),
    path("departments/<int:department_id>/retire/", department_retire, name="department_retire"),
]

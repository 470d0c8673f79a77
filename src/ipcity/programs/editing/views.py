"""Editing a saved programme: an indicator (targets, baseline, unit, owner), a task's departments,
the phases and reporting duties. Office only: ``access_program_edit`` answers 403 to a reader
(leader, reporter) and 404 to whoever may not see the programme; views validate, call, render.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from ipcity.core.edit_stamps import StaleEdit, edit_stamp, seen_stamp, stale_message
from ipcity.core.models import Department
from ipcity.core.requests import AuthenticatedRequest
from ipcity.core.templatetags.punctuation import semicolon
from ipcity.programs.access import access_program_edit
from ipcity.programs.editing.forms import IndicatorEditForm, ScheduleForm, TaskDepartmentsForm
from ipcity.programs.editing.services import (
    indicator_edit_save,
    program_schedule_set,
    task_departments_set,
)
from ipcity.programs.importing.validation import PlanInvalid
from ipcity.programs.selectors import (
    departments_choosable,
    indicator_edit_state,
    program_schedule,
    task_edit_state,
)
from ipcity.programs.views import _program_context
from ipcity.text import plain_number

TEMPLATES = "programs/editing/"
# Saved over a change made after the form was opened: the user's input is shown again with the
# new stamp, so that saving once more is a knowing choice.
STALE = 409


def indicator_edit(request: AuthenticatedRequest, program_id: int, indicator_id: int) -> HttpResponse:
    program = access_program_edit(request.user, program_id)
    indicator = program.indicators.filter(pk=indicator_id).first()
    if indicator is None:
        raise Http404(_("指标不存在"))
    departments = departments_choosable(program)
    if request.method == "POST":
        status = 400
        form = IndicatorEditForm(request.POST, departments=departments)
        if form.is_valid():
            d = form.cleaned_data
            try:
                indicator_edit_save(indicator=indicator, user=request.user, unit=d["unit"], targets=d["targets"],
                               baseline_year=d["baseline_year"], baseline_value=d["baseline_value"],
                               owner=d["owner"], seen=seen_stamp(request.POST))
            except PlanInvalid as exc:
                form.add_error(None, semicolon().join(exc.problems))
            except StaleEdit:
                form.add_error(None, stale_message())
                status = STALE
            else:
                messages.success(request, _("已保存指标：") + indicator.name)
                return redirect(reverse("programs:indicators", args=[program.pk]) + f"#indicator-{indicator.pk}")
    else:
        targets = "\n".join(f"{t.year} {t.comparator} {plain_number(t.value)}" for t in indicator.targets.order_by("id"))
        form = IndicatorEditForm(departments=departments, initial={
            "unit": indicator.unit or "", "baseline_year": indicator.baseline_year,
            "baseline_value": indicator.baseline_value, "targets": targets, "owner": indicator.owner_department_id,
        })
        status = 200
    ctx = _program_context(request, program, "indicators", form=form, item=indicator,
                           stamp=edit_stamp(indicator_edit_state(indicator)))
    return render(request, TEMPLATES + "indicator.html", ctx, status=status)


def task_edit(request: AuthenticatedRequest, program_id: int, task_id: int) -> HttpResponse:
    program = access_program_edit(request.user, program_id)
    task = program.tasks.filter(pk=task_id).first()
    if task is None:
        raise Http404(_("任务不存在"))
    assignments = list(task.assignments.order_by("order", "id"))
    departments = departments_choosable(program, *(a.department_id for a in assignments))
    if request.method == "POST":
        status = 400
        form = TaskDepartmentsForm(request.POST, departments=departments)
        if form.is_valid():
            # Keep the order the office picked in, as far as a multiple select tells it.
            leads, partners = _in_posted_order(request, "leads", form), _in_posted_order(request, "partners", form)
            try:
                task_departments_set(task=task, user=request.user, leads=leads, partners=partners,
                                     seen=seen_stamp(request.POST))
            except PlanInvalid as exc:
                form.add_error(None, semicolon().join(exc.problems))
            except StaleEdit:
                form.add_error(None, stale_message())
                status = STALE
            else:
                messages.success(request, _("已保存任务的责任单位：") + task.title)
                return redirect(reverse("programs:tasks", args=[program.pk]) + f"#task-{task.pk}")
    else:
        form = TaskDepartmentsForm(departments=departments, initial={
            "leads": [a.department_id for a in assignments if a.is_lead],
            "partners": [a.department_id for a in assignments if not a.is_lead],
        })
        status = 200
    ctx = _program_context(request, program, "tasks", form=form, item=task, stamp=edit_stamp(task_edit_state(task)))
    return render(request, TEMPLATES + "task.html", ctx, status=status)


def _in_posted_order(request: AuthenticatedRequest, name: str, form) -> list[Department]:
    chosen = {d.pk: d for d in form.cleaned_data[name]}
    return [chosen[int(pk)] for pk in dict.fromkeys(request.POST.getlist(name)) if pk.isdigit() and int(pk) in chosen]


def schedule_edit(request: AuthenticatedRequest, program_id: int) -> HttpResponse:
    program = access_program_edit(request.user, program_id)
    if request.method == "POST":
        status = 400
        form = ScheduleForm(request.POST)
        if form.is_valid():
            try:
                program_schedule_set(program=program, user=request.user, phases=form.cleaned_data["phases"],
                                     reporting=form.cleaned_data["reporting"], seen=seen_stamp(request.POST))
            except PlanInvalid as exc:
                form.add_error(None, semicolon().join(exc.problems))
            except StaleEdit:
                form.add_error(None, stale_message())
                status = STALE
            else:
                messages.success(request, _("已保存实施阶段与报送要求"))
                return redirect("programs:program", program.pk)
    else:
        current = program_schedule(program)
        form = ScheduleForm(initial=ScheduleForm.initial_from(current["phases"], current["reporting"]))
        status = 200
    ctx = _program_context(request, program, "overview", form=form, stamp=edit_stamp(program_schedule(program)))
    return render(request, TEMPLATES + "schedule.html", ctx, status=status)



"""The case pages: the ledger list (案件台账), registration (登记), a case with its timeline,
clocks and action forms, and the audited showing of contact details. Views validate, call
services/selectors, render."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ipcity.core.access import region_code_of
from ipcity.protection import services
from ipcity.protection.access import (
    access_require_case_office,
    access_require_case_user,
    access_require_step,
    case_for,
)
from ipcity.protection.forms import (
    AssignForm,
    CloseForm,
    DayForm,
    ExtendForm,
    FilterForm,
    FollowUpForm,
    ReferForm,
    RegisterForm,
    ReviewForm,
    SuspendForm,
)
from ipcity.protection.models import Case
from ipcity.protection.selectors import cases as selectors


def _errors(exc: ValidationError) -> str:
    return "；".join(exc.messages)


@require_GET
def case_list(request) -> HttpResponse:
    access_require_case_user(request.user)
    today = timezone.localdate()
    departments = selectors.departments_for(request.user)
    form = FilterForm(request.GET or None, departments=departments, years=selectors.case_years(request.user))
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.CaseFilters(
        case_type=data.get("case_type") or "", status=data.get("status") or "", channel=data.get("channel") or "",
        department=data.get("department"), due=data.get("due") or "", year=data.get("year"),
        q=(data.get("q") or "").strip())
    page = selectors.cases_page(request.user, filters, today=today, page=request.GET.get("page") or 1)
    query = request.GET.copy()
    query.pop("page", None)
    ctx = {"form": form, "page": page, "query": query.urlencode(), "today": today,
           "may_register": selectors.may_register(request.user)}
    template = "protection/_case_rows.html" if request.headers.get("HX-Request") else "protection/case_list.html"
    return render(request, template, ctx)


@require_http_methods(["GET", "POST"])
def case_register(request) -> HttpResponse:
    access_require_case_office(request.user)
    regions = selectors.office_region_choices(request.user)
    if request.method == "GET":
        form = RegisterForm(regions=regions, initial={"region_code": region_code_of(request.user)})
        return render(request, "protection/case_register.html", {"form": form})
    form = RegisterForm(request.POST, regions=regions)
    if form.is_valid():
        data = form.cleaned_data
        parties = [services.PartyInput(
            role="claimant", kind=data["claimant_kind"], name=data["claimant_name"],
            contact_person=data["claimant_contact"], phone=data["claimant_phone"], email=data["claimant_email"],
            address=data["claimant_address"], id_number=data["claimant_id_number"])]
        if data["respondent_name"].strip():
            parties.append(services.PartyInput(role="respondent", kind=data["respondent_kind"],
                                               name=data["respondent_name"], address=data["respondent_address"]))
        try:
            case = services.case_register(
                user=request.user, case_type=data["case_type"], channel=data["channel"], ip_kind=data["ip_kind"],
                region_code=data["region_code"], subject=data["subject"], summary=data["summary"],
                received_on=data["received_on"], parties=parties, enterprise_name=data["enterprise_name"],
                enterprise_credit_code=data["enterprise_credit_code"])
        except ValidationError as exc:
            form.add_error(None, _errors(exc))
        else:
            messages.success(request, _("已登记案件 %(number)s") % {"number": case.number})
            return redirect("protection:case", case_id=case.pk)
    return render(request, "protection/case_register.html", {"form": form}, status=400)


def _detail_page(request, case: Case, *, forms_by_step: dict[str, forms.Form] | None = None,
                 unmasked=None, status: int = 200) -> HttpResponse:
    today = timezone.localdate()
    detail = selectors.case_detail(request.user, case, today=today, unmasked=unmasked)
    step_forms = {step: _step_form(step, case, None) for step in _STEPS if step in detail.steps}
    step_forms.update(forms_by_step or {})
    return render(request, "protection/case_detail.html", {
        "case": case, "detail": detail, "today": today, "step_forms": step_forms, "unmasked": unmasked is not None,
    }, status=status)


@require_GET
def case_detail(request, case_id: int) -> HttpResponse:
    return _detail_page(request, case_for(request.user, case_id))


@require_POST
def case_contacts(request, case_id: int) -> HttpResponse:
    """查看联系方式: the parties unmasked, after the audit record (POST: it writes one)."""
    case = case_for(request.user, case_id)
    parties = services.case_personal_data_view(user=request.user, case_id=case.pk)
    if request.headers.get("HX-Request"):
        detail = selectors.case_detail(request.user, case, today=timezone.localdate(), unmasked=parties)
        return render(request, "protection/_parties.html", {"case": case, "detail": detail, "unmasked": True})
    return _detail_page(request, case, unmasked=parties)


# step → (form factory(case, data), service call(user, case, cleaned data))
StepCall = Callable[..., Case]


def _assign_form(case: Case, data) -> AssignForm:
    departments = selectors.departments_for_case(case)
    return AssignForm(data, departments=departments, handlers=selectors.handlers_for([d.pk for d in departments]),
                      initial={"department": case.handling_department_id, "handler": case.handler_id,
                               "expert": case.expert, "partner_org": case.partner_org})


_STEPS: dict[str, tuple[Callable[[Case, Any], forms.Form], StepCall]] = {
    "review": (lambda case, data: ReviewForm(data), lambda user, case, d: services.case_review(
        user=user, case_id=case.pk, accept=d["decision"] == "accept", on=d["on"], reason=d["reason"])),
    "assign": (_assign_form, lambda user, case, d: services.case_assign(
        user=user, case_id=case.pk, department_id=d["department"], handler_id=d["handler"], expert=d["expert"],
        partner_org=d["partner_org"])),
    "refer": (lambda case, data: ReferForm(data), lambda user, case, d: services.case_refer(
        user=user, case_id=case.pk, body=d["body"], on=d["on"])),
    "receipt": (lambda case, data: DayForm(data), lambda user, case, d: services.case_receipt(
        user=user, case_id=case.pk, on=d["on"])),
    "suspend": (lambda case, data: SuspendForm(data), lambda user, case, d: services.case_suspend(
        user=user, case_id=case.pk, start=d["start"], reason=d["reason"])),
    "resume": (lambda case, data: DayForm(data), lambda user, case, d: services.case_resume(
        user=user, case_id=case.pk, on=d["on"])),
    "extend": (lambda case, data: ExtendForm(data), lambda user, case, d: services.case_extend(
        user=user, case_id=case.pk, days=d["days"], reason=d["reason"])),
    "close": (lambda case, data: CloseForm(data), lambda user, case, d: services.case_close(
        user=user, case_id=case.pk, result=d["result"], on=d["on"], note=d["note"])),
    "follow_up": (lambda case, data: FollowUpForm(data), lambda user, case, d: services.case_follow_up(
        user=user, case_id=case.pk, satisfaction=d["satisfaction"], on=d["on"], note=d["note"])),
    "archive": (lambda case, data: DayForm(data), lambda user, case, d: services.case_archive(
        user=user, case_id=case.pk, on=d["on"])),
}


def _step_form(step: str, case: Case, data) -> forms.Form:
    """The step's form, its fields prefixed by the step (``review-on``): one page holds them all."""
    form = _STEPS[step][0](case, data)
    form.prefix = step
    return form


def case_step_view(step: str):
    """The POST view of one step: 404 outside the user's cases, 403 for a step it may not do,
    400 with the form's or the service's Chinese message for bad input (nothing changed)."""
    call = _STEPS[step][1]

    @require_POST
    def view(request, case_id: int) -> HttpResponse:
        case = case_for(request.user, case_id)
        access_require_step(request.user, case, step)
        form = _step_form(step, case, request.POST)
        if form.is_valid():
            try:
                call(request.user, case, form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, _errors(exc))
            else:
                messages.success(request, _("已保存"))
                return redirect(reverse("protection:case", args=[case.pk]) + f"#step-{step}")
        return _detail_page(request, case_for(request.user, case_id), forms_by_step={step: form}, status=400)

    view.__name__ = f"case_{step}"
    return view


def step_views() -> dict[str, Callable]:
    return {step: case_step_view(step) for step in _STEPS}


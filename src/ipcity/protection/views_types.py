"""The case types' settings page (案件类型与期限): every type with its time limits and a form to
edit them (office only; plain POST, then back to the page). Views validate, call, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ipcity.core.edit_stamps import StaleEdit, edit_stamp, seen_stamp, stale_message
from ipcity.core.templatetags.punctuation import semicolon
from ipcity.protection import services
from ipcity.protection.access import (
    access_require_case_office,
    access_require_case_types_editor,
    may_edit_case_types,
)
from ipcity.protection.forms import CaseTypeForm
from ipcity.protection.models import CaseType
from ipcity.protection.selectors import case_types as selectors

_LIMITS = ("review_days", "referral_receipt_days", "statutory_days", "active")


def _form(case_type: CaseType, data=None) -> CaseTypeForm:
    return CaseTypeForm(data, prefix=f"type-{case_type.pk}",
                        initial={field: getattr(case_type, field) for field in _LIMITS})


def _page(request, *, failed: CaseTypeForm | None = None, failed_pk: int | None = None,
          status: int = 200) -> HttpResponse:
    rows = [(case_type, failed if case_type.pk == failed_pk and failed is not None else _form(case_type),
             edit_stamp(selectors.case_type_edit_state(case_type)))
            for case_type in selectors.case_types_listed()]
    return render(request, "protection/case_types.html",
                  {"rows": rows, "may_edit": may_edit_case_types(request.user)}, status=status)


@require_GET
def case_types(request) -> HttpResponse:
    access_require_case_office(request.user)
    return _page(request)


@require_POST
def case_type_update(request, type_id: int) -> HttpResponse:
    access_require_case_types_editor(request.user)
    case_type = selectors.case_type_for(type_id)
    form = _form(case_type, request.POST)
    status = 400
    if form.is_valid():
        try:
            services.case_type_update(case_type=case_type, user=request.user, seen=seen_stamp(request.POST),
                                      **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, semicolon().join(exc.messages))
        except StaleEdit:
            # Saved by someone else since the page was opened: the input stays, the row shows the
            # new limits and carries the new stamp, so saving again is a knowing choice.
            form.add_error(None, stale_message())
            status = 409
        else:
            messages.success(request, _("已保存；新期限适用于此后登记的案件"))
            return redirect(reverse("protection:case_types") + f"#type-{case_type.pk}")
    return _page(request, failed=form, failed_pk=case_type.pk, status=status)

"""The supply side: open-licence declarations (list, form, detail, withdrawal, Excel import), the
supply page with the index status and its build button, and the export of the published matches
for a matchmaking event. Views validate, call services/selectors, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ipcity.core.access import is_office, region_code_of
from ipcity.core.spreadsheets import XLSX_CONTENT_TYPE
from ipcity.transfer import exports, selectors, services
from ipcity.transfer.access import (
    access_require_transfer_office,
    access_require_transfer_reader,
    declaration_for,
    may_see_contacts,
    needs_visible_to,
)
from ipcity.transfer.forms import BuildIndexForm, DeclarationForm, SupplyForm, UploadForm, WithdrawForm
from ipcity.transfer.views import _errors, run_import


@require_GET
def declaration_list(request) -> HttpResponse:
    access_require_transfer_reader(request.user)
    only_in_force = request.GET.get("in_force") == "1"
    return render(request, "transfer/declaration_list.html", {
        "declarations": selectors.declarations_list(request.user, only_in_force=only_in_force)[:500],
        "only_in_force": only_in_force, "is_office": is_office(request.user), "upload_form": UploadForm(),
        "import_problems": []})


@require_POST
def declarations_import(request) -> HttpResponse:
    access_require_transfer_office(request.user)
    form = UploadForm(request.POST, request.FILES)
    made, problems = run_import(form, lambda path: services.declarations_import(
        user=request.user, path=path, default_region_code=region_code_of(request.user)))
    if made is not None:
        messages.success(request, _("已导入 %(n)s 条开放许可声明") % {"n": len(made)})
        return redirect("transfer:declarations")
    return render(request, "transfer/declaration_list.html", {
        "declarations": selectors.declarations_list(request.user)[:500], "only_in_force": False, "is_office": True,
        "upload_form": form, "import_problems": problems}, status=400)


@require_http_methods(["GET", "POST"])
def declaration_create(request) -> HttpResponse:
    access_require_transfer_office(request.user)
    form = DeclarationForm(request.POST or None, initial={"region_code": region_code_of(request.user),
                                                          "declared_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            declaration = services.declaration_create(user=request.user,
                                                      data=services.DeclarationInput(**form.cleaned_data))
        except ValidationError as exc:
            form.add_error(None, _errors(exc))
        else:
            # The declaration's page lists its fee flags (warnings) at the top: not repeated here.
            messages.success(request, _("开放许可声明已登记"))
            return redirect("transfer:declaration", declaration.pk)
    return render(request, "transfer/declaration_form.html", {"form": form},
                  status=400 if request.method == "POST" else 200)


@require_GET
def declaration_detail(request, declaration_id: int) -> HttpResponse:
    declaration = declaration_for(request.user, declaration_id)
    return render(request, "transfer/declaration_detail.html", {
        "declaration": declaration, "show_contact": may_see_contacts(request.user),
        "is_office": is_office(request.user), "withdraw_form": WithdrawForm(initial={"on": timezone.localdate()})})


@require_POST
def declaration_withdraw(request, declaration_id: int) -> HttpResponse:
    declaration = declaration_for(request.user, declaration_id)
    access_require_transfer_office(request.user)
    form = WithdrawForm(request.POST)
    on = form.cleaned_data["on"] if form.is_valid() else None
    try:
        services.declaration_withdraw(user=request.user, declaration_id=declaration.pk, on=on)
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    else:
        messages.success(request, _("开放许可声明已撤回"))
    return redirect("transfer:declaration", declaration.pk)


@require_GET
def supply(request) -> HttpResponse:
    access_require_transfer_reader(request.user)
    datasets = selectors.datasets_with_index()
    names = [d["name"] for d in datasets]
    form = SupplyForm(request.GET or None, datasets=names, own_region=region_code_of(request.user))
    rows, problem = [], ""
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            rows = selectors.supply_rows(data["dataset"], region_code=form.holder_region(), in_force=data["in_force"],
                                         universities=data["universities"], high_value=data["high_value"],
                                         sei_code=data["sei_code"])
        except (ValueError, FileNotFoundError, KeyError) as exc:
            problem = str(exc)
    return render(request, "transfer/supply.html", {
        "form": form, "datasets": datasets, "problem": problem, "is_office": is_office(request.user),
        # The selector reads one past the limit: a list longer than the limit is cut, and says so.
        "rows": rows[:selectors.SUPPLY_LIMIT], "cut_at": selectors.SUPPLY_LIMIT if len(rows) > selectors.SUPPLY_LIMIT else None})


@require_POST
def index_build(request) -> HttpResponse:
    access_require_transfer_office(request.user)
    form = BuildIndexForm(request.POST)
    dataset = form.cleaned_data["dataset"] if form.is_valid() else ""
    try:
        services.index_build_request(user=request.user, dataset=dataset)
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    else:
        messages.success(request, _("已开始建立检索索引，完成后本页显示索引状态"))
    return redirect("transfer:supply")


@require_GET
def export_published(request) -> HttpResponse:
    """The published matches of the user's needs, for a matchmaking event (contacts: office only)."""
    access_require_transfer_reader(request.user)
    matches = selectors.published_matches(needs_visible_to(request.user))
    content = exports.published_matches_xlsx(matches, with_contacts=may_see_contacts(request.user))
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(
        True, f"供需对接匹配清单-{timezone.localdate().isoformat()}.xlsx")
    return response

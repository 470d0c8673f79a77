"""The matching pages: the need list (with the Excel upload), a need with its match list,
curation, stage steps and timeline, and the per-patent page. Views validate, call
services/selectors, render."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ipcity.core.access import is_office, region_code_of
from ipcity.core.edit_stamps import StaleEdit, edit_stamp, seen_stamp, stale_message
from ipcity.core.uploads import UploadRejected, check_file
from ipcity.transfer import selectors, services
from ipcity.transfer.access import (
    access_require_transfer_office,
    access_require_transfer_reader,
    match_for,
    need_edit_for,
    need_for,
)
from ipcity.transfer.forms import (
    AddMatchForm,
    CurateForm,
    NeedFilterForm,
    NeedForm,
    ProposeForm,
    ReasonForm,
    StageForm,
    UploadForm,
)
from ipcity.transfer.labels import STAGES

MAX_UPLOAD = 10 * 1024 * 1024  # the library's limit for a needs file (ipcity.matching.needs)
T = TypeVar("T")


def _errors(exc: ValidationError) -> str:
    return "；".join(exc.messages)


def saved_upload(upload) -> Path:
    """The upload in a temporary file with its suffix (the readers go by it)."""
    suffix = Path(upload.name).suffix.lower()
    with tempfile.NamedTemporaryFile(suffix=suffix, delete=False) as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    return Path(handle.name)


def run_import(form: UploadForm, importer: Callable[[Path], T]) -> tuple[T | None, list[str]]:
    """An uploaded needs or declarations file through the platform's content check (size, that an
    .xlsx is a sane Office zip and a .csv is text: ``ipcity.core.uploads``), then ``importer`` on a
    temporary copy. Returns the import's result, or None and the problems to show (nothing written)."""
    if not form.is_valid():  # no file, or an empty one: Django's own words, shown with the rows' problems
        return None, [str(error) for errors in form.errors.values() for error in errors]
    upload = form.cleaned_data["file"]
    try:
        check_file(upload, accept=("xlsx", "xls", "csv"), max_bytes=MAX_UPLOAD)
    except UploadRejected as exc:
        return None, [str(exc)]
    path = saved_upload(upload)
    try:
        return importer(path), []
    except ValidationError as exc:
        return None, exc.messages
    finally:
        path.unlink(missing_ok=True)


@require_GET
def need_list(request) -> HttpResponse:
    access_require_transfer_reader(request.user)
    form = NeedFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.NeedFilters(status=data.get("status") or "", mode=data.get("mode") or "",
                                    q=(data.get("q") or "").strip())
    page = selectors.needs_page(request.user, filters, page=request.GET.get("page") or 1)
    query = request.GET.copy()
    query.pop("page", None)
    ctx = {"form": form, "page": page, "query": query.urlencode(), "is_office": is_office(request.user),
           "upload_form": UploadForm(), "import_problems": []}
    template = "transfer/_need_rows.html" if request.headers.get("HX-Request") else "transfer/need_list.html"
    return render(request, template, ctx)


@require_POST
def needs_import(request) -> HttpResponse:
    access_require_transfer_office(request.user)
    form = UploadForm(request.POST, request.FILES)
    created, problems = run_import(form, lambda path: services.needs_import(
        user=request.user, path=path, default_region_code=region_code_of(request.user)))
    if created is not None:
        messages.success(request, _("已导入 %(n)s 条需求") % {"n": len(created)})
        return redirect("transfer:needs")
    page = selectors.needs_page(request.user, selectors.NeedFilters())
    return render(request, "transfer/need_list.html", {
        "form": NeedFilterForm(), "page": page, "query": "", "is_office": True, "upload_form": form,
        "import_problems": problems}, status=400)


def _need_input(data) -> services.NeedInput:
    return services.NeedInput(
        enterprise=data["enterprise"], description=data["description"], region_code=data["region_code"],
        products=data["products"], industry_code=data["industry_code"], budget_wan=data["budget_wan"],
        mode=data["mode"], business_scope=data["business_scope"], credit_code=data["credit_code"],
        contact_person=data["contact_person"], phone=data["phone"])


@require_http_methods(["GET", "POST"])
def need_create(request) -> HttpResponse:
    access_require_transfer_office(request.user)
    form = NeedForm(request.POST or None, initial={"region_code": region_code_of(request.user)})
    if request.method == "POST" and form.is_valid():
        try:
            need = services.need_create(user=request.user, data=_need_input(form.cleaned_data))
        except ValidationError as exc:
            form.add_error(None, _errors(exc))
        else:
            messages.success(request, _("需求已登记"))
            return redirect("transfer:need", need.pk)
    return render(request, "transfer/need_form.html", {"form": form, "need": None},
                  status=400 if request.method == "POST" else 200)


@require_http_methods(["GET", "POST"])
def need_update(request, need_id: int) -> HttpResponse:
    need = need_edit_for(request.user, need_id)
    initial = {f: getattr(need, f) for f in NeedForm.base_fields}
    form = NeedForm(request.POST or None, initial=initial)
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        try:
            services.need_update(user=request.user, need_id=need.pk, data=_need_input(form.cleaned_data),
                                 seen=seen_stamp(request.POST))
        except ValidationError as exc:
            form.add_error(None, _errors(exc))
        except StaleEdit:
            form.add_error(None, stale_message())
            status = 409
        else:
            messages.success(request, _("需求已保存"))
            return redirect("transfer:need", need.pk)
    return render(request, "transfer/need_form.html",
                  {"form": form, "need": need, "stamp": edit_stamp(selectors.need_edit_state(need))}, status=status)


@require_GET
def need_detail(request, need_id: int) -> HttpResponse:
    need = need_for(request.user, need_id)  # 404 outside the user's scope (reporters see no need)
    matches = selectors.need_matches(need)
    datasets = selectors.dataset_names() if is_office(request.user) else []
    return render(request, "transfer/need_detail.html", {
        "need": need, "names": selectors.need_names(need), "matches": matches,
        "contacts": selectors.contacts_of(request.user, need),
        "timeline": selectors.need_timeline(need), "verified": selectors.verified_filings(matches),
        "is_office": is_office(request.user), "propose_form": ProposeForm(datasets=datasets),
        "add_form": AddMatchForm(),
        "rows": [{"m": m, "next": [(s, STAGES[s]) for s in services.next_stages(m)]} for m in matches]})


def _back_to_need(request, need_id: int, call, success: str) -> HttpResponse:
    try:
        call()
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    else:
        messages.success(request, success)
    return redirect("transfer:need", need_id)


@require_POST
def need_close(request, need_id: int) -> HttpResponse:
    need = need_edit_for(request.user, need_id)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return _back_to_need(request, need.pk, lambda: services.need_close(user=request.user, need_id=need.pk,
                                                                        reason=reason), _("需求已关闭"))


@require_POST
def need_propose(request, need_id: int) -> HttpResponse:
    need = need_edit_for(request.user, need_id)
    form = ProposeForm(request.POST, datasets=selectors.dataset_names())
    if not form.is_valid():
        messages.error(request, _("请选择数据集"))
        return redirect("transfer:need", need.pk)
    return _back_to_need(request, need.pk, lambda: services.matches_propose(
        need=need, dataset=form.cleaned_data["dataset"], user=request.user), _("已生成推荐"))


@require_POST
def need_add_match(request, need_id: int) -> HttpResponse:
    need = need_edit_for(request.user, need_id)
    form = AddMatchForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写专利号"))
        return redirect("transfer:need", need.pk)
    data = form.cleaned_data
    return _back_to_need(request, need.pk, lambda: services.match_add_manual(
        user=request.user, need_id=need.pk, pub_number=data["pub_number"], title=data["title"],
        holder=data["holder"], note=data["note"]), _("已加入匹配清单"))


@require_POST
def need_publish(request, need_id: int) -> HttpResponse:
    need = need_edit_for(request.user, need_id)
    return _back_to_need(request, need.pk, lambda: services.need_publish(user=request.user, need_id=need.pk),
                         _("匹配清单已发布"))


@require_POST
def match_curate(request, match_id: int) -> HttpResponse:
    match = match_for(request.user, match_id)
    access_require_transfer_office(request.user)
    form = CurateForm(request.POST)
    keep = form.cleaned_data["keep"] if form.is_valid() else True
    return _back_to_need(request, match.need_id, lambda: services.match_curate(
        user=request.user, match_id=match.pk, keep=keep), _("已保留") if keep else _("已移除"))


@require_POST
def match_wrong(request, match_id: int) -> HttpResponse:
    match = match_for(request.user, match_id)
    access_require_transfer_office(request.user)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return _back_to_need(request, match.need_id, lambda: services.match_mark_wrong(
        user=request.user, match_id=match.pk, reason=reason), _("已标记为错误匹配"))


@require_POST
def match_stage(request, match_id: int) -> HttpResponse:
    match = match_for(request.user, match_id)
    access_require_transfer_office(request.user)
    form = StageForm(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("transfer:need", match.need_id)
    data = form.cleaned_data
    return _back_to_need(request, match.need_id, lambda: services.match_stage_step(
        user=request.user, match_id=match.pk, stage=data["stage"], contract_kind=data["contract_kind"],
        filing_number=data["filing_number"], contract_date=data["contract_date"], amount_wan=data["amount_wan"],
        reason=data["reason"]), _("进展已更新"))


@require_GET
def patent_detail(request, pub_number: str) -> HttpResponse:
    access_require_transfer_reader(request.user)
    pub_number = pub_number.strip().upper()
    datasets = selectors.dataset_names()
    dataset = request.GET.get("dataset") or ""
    if dataset not in datasets:
        dataset = ""
    patent = selectors.patent_for_page(request.user, pub_number, dataset)
    return render(request, "transfer/patent.html", {
        "patent": patent, "pub_number": pub_number, "dataset": dataset, "datasets": datasets,
        "ranked": selectors.needs_for_patent(request.user, patent),
        "matches": selectors.patent_matches(request.user, pub_number)})

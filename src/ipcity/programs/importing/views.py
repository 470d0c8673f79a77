"""Upload → review → confirm. Office only (``access_require_office``); views validate, call, render.

The review screen edits the draft through small HTMX requests: an item's edit form replaces its
card, and saving it answers with that card alone plus, out of band, only what the change alters
(``item_responses``: a 560-task review re-rendered whole took seconds in the browser); deleting
re-renders the list (every later item's number shifts); choosing a department for a unit
re-renders the units table. Without HTMX the same endpoints serve plain pages and redirect back
to the review at the item's anchor.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.db.models import ProtectedError
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ipcity.core.access import access_require_office
from ipcity.core.requests import AuthenticatedRequest
from ipcity.core.templatetags.punctuation import labelled, semicolon
from ipcity.programs.access import access_program_edit
from ipcity.programs.editing.forms import ScheduleForm
from ipcity.programs.importing import item_responses, selectors
from ipcity.programs.importing.forms import IndicatorForm, ProgramFieldsForm, TaskForm, UploadForm
from ipcity.programs.importing.services import (
    UploadRejected,
    edited_plan,
    plan_import_confirm,
    plan_import_create,
    plan_import_department_choose,
    plan_import_discard,
    plan_import_fields_save,
    plan_import_item_save,
    plan_import_pair,
    plan_import_schedule_save,
)
from ipcity.programs.importing.validation import PlanInvalid
from ipcity.programs.models import PlanImport
from ipcity.programs.revision import DataLossUnconfirmed

TEMPLATES = "programs/importing/"
FORMS = {"indicators": IndicatorForm, "tasks": TaskForm}


def _is_htmx(request: AuthenticatedRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


# Room for the form fields and multipart framing around the file itself.
_FORM_OVERHEAD_BYTES = 64 * 1024


def upload(request: AuthenticatedRequest) -> HttpResponse:
    access_require_office(request.user)
    if request.method == "POST" and _declared_length(request) > settings.IPCITY_MAX_UPLOAD_BYTES + _FORM_OVERHEAD_BYTES:
        # Refuse before Django reads the body: a huge upload is never spooled to disk.
        error = _("文件过大，上限为 %(limit).0f MB") % {"limit": settings.IPCITY_MAX_UPLOAD_BYTES / 1048576}
        context = {"form": UploadForm(user=request.user), "pending": [], "upload_error": error}
        return render(request, TEMPLATES + "upload.html", context, status=413)
    # ?program=<id> (a link from a programme page) preselects it as the programme being revised.
    initial = {"target_program": request.GET.get("program")} if request.GET.get("program", "").isdigit() else {}
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            target = form.cleaned_data["target_program"]
            if target is not None:
                access_program_edit(request.user, target.pk)
            try:
                plan_import = plan_import_create(user=request.user, uploaded=form.cleaned_data["document"],
                                                 target_program=target)
            except UploadRejected as exc:
                form.add_error("document", exc.message)
            else:
                return redirect("programs:importing:review", import_id=plan_import.pk)
        status = 400
    pending = selectors.visible_imports(request.user).filter(status=PlanImport.Status.PENDING)[:20]
    return render(request, TEMPLATES + "upload.html", {"form": form, "pending": pending}, status=status)


def review(request: AuthenticatedRequest, import_id: int) -> HttpResponse:
    plan_import = selectors.plan_import_for(request.user, import_id)
    if plan_import.status != PlanImport.Status.PENDING and plan_import.result_program_id:
        return redirect(_program_url(plan_import.result_program_id))
    return render(request, TEMPLATES + "review.html", _review_context(plan_import, request.user))


def _review_context(plan_import: PlanImport, user, *, fields_form: ProgramFieldsForm | None = None,
                    schedule_form: ScheduleForm | None = None) -> dict:
    """The review page; a refused form of the page is passed bound, to be shown with the office's
    input and its errors in place (a redirect would lose both, the error landing at the page's top)."""
    plan = edited_plan(plan_import)
    problems = selectors.review_problems(plan_import)
    return {
        **item_responses.units_context(plan_import),
        "plan": plan,
        "fields_form": fields_form or ProgramFieldsForm(initial=ProgramFieldsForm.initial_from(plan)),
        "schedule_form": schedule_form or ScheduleForm(initial=ScheduleForm.initial_from(plan["phases"], plan["reporting"])),
        "duplicates": selectors.duplicate_programs(plan_import, user),
        "pending_twins": selectors.pending_twins(plan_import, user),
        "indicators": selectors.item_views(plan_import, "indicators", problems),
        "tasks": selectors.item_views(plan_import, "tasks", problems),
        "diff": selectors.revision_diff(plan_import),
        "problems": problems,
        "indicator_problems": selectors.problems_of(problems, "indicators"),
        "task_problems": selectors.problems_of(problems, "tasks"),
    }


def item_edit(request: AuthenticatedRequest, import_id: int, kind: str, index: int | None = None) -> HttpResponse:
    """GET: the edit form of one item (or of a new one; ``?show=card`` / ``?show=none``: the card
    or the empty place back, the form's "cancel"); POST: save it and answer with its card."""
    plan_import = _pending_import(request, import_id)
    form_class = FORMS[kind]
    previous = selectors.item_view(plan_import, kind, index).item if index is not None else None
    if request.method == "GET":
        show = request.GET.get("show")
        if show in ("card", "none"):
            return item_responses.unchanged(request, plan_import, kind, index)
        initial = form_class.initial_from(previous) if previous else {}
        form = form_class(initial=initial)
        return _item_form(request, plan_import, kind, index, form)
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "POST"])
    form = form_class(request.POST)
    if not form.is_valid():
        response = _item_form(request, plan_import, kind, index, form, status=200 if _is_htmx(request) else 400)
        response["HX-Retarget"] = f"#{kind}-{index if index is not None else 'new'}"
        response["HX-Reswap"] = "outerHTML"
        return response
    problems_before = selectors.review_problems(plan_import) if _is_htmx(request) else []
    plan_import = plan_import_item_save(plan_import=plan_import, kind=kind, index=index, item=form.to_item(previous))
    saved = len(plan_import.edited[kind]) - 1 if index is None else index
    if not _is_htmx(request):
        return redirect(_review_url(plan_import) + f"#{kind}-{saved}")
    return item_responses.saved(request, plan_import, kind, saved, previous=previous, added=index is None,
                                problems_before=problems_before)


@require_POST
def item_delete(request: AuthenticatedRequest, import_id: int, kind: str, index: int) -> HttpResponse:
    plan_import = _pending_import(request, import_id)
    selectors.item_view(plan_import, kind, index)  # 404 for an index that is not there
    plan_import = plan_import_item_save(plan_import=plan_import, kind=kind, index=index, item=None)
    if not _is_htmx(request):
        return redirect(_review_url(plan_import) + f"#{kind}")
    return _list_response(request, plan_import, kind)


def item_list(request: AuthenticatedRequest, import_id: int, kind: str) -> HttpResponse:
    """The list of one kind (the "cancel" of an edit form), a piece for HTMX; a plain browser is sent
    to the review page at that list (the piece alone has no title and no language)."""
    plan_import = selectors.plan_import_for(request.user, import_id)
    if not _is_htmx(request):
        return redirect(_review_url(plan_import) + f"#{kind}")
    return _list_response(request, plan_import, kind)


@require_POST
def fields_save(request: AuthenticatedRequest, import_id: int) -> HttpResponse:
    plan_import = _pending_import(request, import_id)
    form = ProgramFieldsForm(request.POST)
    if form.is_valid():
        plan_import_fields_save(plan_import=plan_import, fields=form.to_fields())
        messages.success(request, _("已保存项目信息"))
        return redirect("programs:importing:review", import_id=plan_import.pk)
    return render(request, TEMPLATES + "review.html", _review_context(plan_import, request.user, fields_form=form),
                  status=400)


@require_POST
def schedule_save(request: AuthenticatedRequest, import_id: int) -> HttpResponse:
    """Phases and reporting duties of the draft (the same line format as on a saved programme)."""
    plan_import = _pending_import(request, import_id)
    form = ScheduleForm(request.POST)
    if form.is_valid():
        plan_import_schedule_save(plan_import=plan_import, phases=form.cleaned_data["phases"],
                                  reporting=form.cleaned_data["reporting"])
        messages.success(request, _("已保存阶段与报送事项"))
        return redirect(reverse("programs:importing:review", args=[plan_import.pk]) + "#schedule")
    return render(request, TEMPLATES + "review.html", _review_context(plan_import, request.user, schedule_form=form),
                  status=400)


@require_POST
def department_choose(request: AuthenticatedRequest, import_id: int) -> HttpResponse:
    plan_import = _pending_import(request, import_id)
    name = request.POST.get("name", "")
    raw = request.POST.get("choice", "")
    choice: int | None | str = None if raw == "new" else ("" if raw == "" else _int_or_404(raw))
    plan_import = plan_import_department_choose(plan_import=plan_import, name=name, choice=choice)
    if not _is_htmx(request):
        return redirect("programs:importing:review", import_id=plan_import.pk)
    return render(request, TEMPLATES + "_units.html", item_responses.units_context(plan_import))


@require_POST
def confirm(request: AuthenticatedRequest, import_id: int) -> HttpResponse:
    plan_import = _pending_import(request, import_id)
    if plan_import.target_program_id:
        access_program_edit(request.user, plan_import.target_program_id)
    accept_loss = request.POST.get("accept_loss") or None
    try:
        program = plan_import_confirm(plan_import=plan_import, user=request.user, accept_loss=accept_loss)
    except DataLossUnconfirmed as exc:
        # Nothing was written: list exactly what would be lost and ask once more.
        return render(request, TEMPLATES + "confirm_loss.html", {
            "imp": plan_import, "losses": exc.losses, "digest": exc.digest, "changed": accept_loss is not None,
        })
    except PlanInvalid as exc:
        messages.error(request, labelled(_("无法保存"), semicolon().join(exc.problems[:5])))
        return redirect("programs:importing:review", import_id=plan_import.pk)
    except ProtectedError:
        messages.error(request, _("无法保存：修订版删除的指标或任务已有填报数据，请保留这些条目后再确认"))
        return redirect("programs:importing:review", import_id=plan_import.pk)
    except ValueError as exc:  # e.g. a region name that is ambiguous
        messages.error(request, labelled(_("无法保存"), exc))
        return redirect("programs:importing:review", import_id=plan_import.pk)
    messages.success(request, _("已保存：") + program.title)
    return redirect(_program_url(program.pk))


@require_POST
def pair(request: AuthenticatedRequest, import_id: int) -> HttpResponse:
    """Pair a new item with a stored one by hand (``old`` an id), unpair it ("none"), or reset ("")."""
    plan_import = _pending_import(request, import_id)
    kind = request.POST.get("kind", "")
    raw_old = request.POST.get("old", "")
    try:
        new_index = int(request.POST.get("new", ""))
        old_id: int | None | str = None if raw_old == "none" else ("" if raw_old == "" else int(raw_old))
        plan_import_pair(plan_import=plan_import, kind=kind, new_index=new_index, old_id=old_id)
    except PlanInvalid as exc:  # before ValueError, of which it is a kind
        messages.error(request, _("配对无效：") + semicolon().join(exc.problems))
    except (ValueError, IndexError):
        messages.error(request, _("配对无效：请从列表中选择条目"))
    else:
        messages.success(request, _("已更新条目配对"))
    return redirect(reverse("programs:importing:review", args=[plan_import.pk]) + "#diff")


@require_POST
def discard(request: AuthenticatedRequest, import_id: int) -> HttpResponse:
    plan_import = _pending_import(request, import_id)
    plan_import_discard(plan_import=plan_import, user=request.user)
    messages.success(request, _("已放弃导入：%(name)s") % {"name": plan_import.original_name})
    return redirect("programs:importing:upload")


# --- helpers --------------------------------------------------------------------------------

def _declared_length(request: AuthenticatedRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _pending_import(request: AuthenticatedRequest, import_id: int) -> PlanImport:
    plan_import = selectors.plan_import_for(request.user, import_id)
    if plan_import.status != PlanImport.Status.PENDING:
        from django.http import Http404

        raise Http404(_("该导入已确认或已放弃"))
    return plan_import


def _int_or_404(raw: str) -> int:
    from django.http import Http404

    try:
        return int(raw)
    except ValueError as exc:
        raise Http404(_("无效的部门")) from exc


def _item_form(request, plan_import, kind, index, form, status: int = 200) -> HttpResponse:
    """The form alone for HTMX (it replaces the card); a page of its own for a plain browser."""
    template = "_item_form.html" if _is_htmx(request) else "item_page.html"
    return render(request, TEMPLATES + template, {"imp": plan_import, "kind": kind, "index": index, "form": form},
                  status=status)


def _review_url(plan_import: PlanImport) -> str:
    return reverse("programs:importing:review", args=[plan_import.pk])


def _list_response(request, plan_import, kind) -> HttpResponse:
    """The whole list of one kind, with what depends on it out of band (after a deletion; and the
    reference the benchmark compares one item's answer with)."""
    problems = selectors.review_problems(plan_import)
    context = {"imp": plan_import, "kind": kind, "items": selectors.item_views(plan_import, kind, problems),
               "problems": selectors.problems_of(problems, kind), "all_problems": problems, "oob": True,
               "diff": selectors.revision_diff(plan_import)}
    if kind == "tasks":  # the unit names may have changed
        context.update(item_responses.units_context(plan_import))
    return render(request, TEMPLATES + "_items.html", context)



def _program_url(program_id: int) -> str:
    return reverse("programs:program", args=[program_id])

"""The end of a programme: 终期评估 (final evaluation; the office and leaders read it, reporters 403),
its .xlsx, 归档 (archive; the office) and 取消归档 (unarchive; the site administrator)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ipcity.core import contributions
from ipcity.core.edit_stamps import StaleEdit, edit_stamp, seen_stamp, stale_message
from ipcity.programs import lifecycle
from ipcity.programs.access import access_program
from ipcity.programs.views import require_whole_programme_reader
from ipcity.supervision.final_evaluation_xlsx import final_evaluation_workbook
from ipcity.supervision.selectors.final_evaluation import final_evaluation
from ipcity.supervision.services import archiving

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
STALE = 409


def _readable(request, program_id: int):
    program = access_program(request.user, program_id)  # 404 outside the user's view
    require_whole_programme_reader(request.user)  # a reporter: 403
    return program


def _page(request, program, *, errors=(), status=200, close_checked=False, reason=""):
    report = final_evaluation(program)
    ctx = {
        "program": program, "report": report,
        "tabs": contributions.program_tabs(request, program, "final"),
        "may_archive": archiving.may_archive(request.user), "may_unarchive": archiving.may_unarchive(request.user),
        "stamp": edit_stamp(archiving.archive_state(program)),
        "errors": list(errors), "close_checked": close_checked, "reason": reason,
    }
    return render(request, "supervision/final_evaluation.html", ctx, status=status)


@require_GET
def final_evaluation_page(request, program_id: int):
    return _page(request, _readable(request, program_id))


@require_GET
def final_evaluation_export(request, program_id: int):
    program = _readable(request, program_id)
    report = final_evaluation(program)
    response = HttpResponse(final_evaluation_workbook(report), content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, f"{program.title}-终期评估.xlsx")
    return response


@require_POST
def program_archive(request, program_id: int):
    program = _readable(request, program_id)
    close = request.POST.get("close_open_rounds") == "1"
    try:
        archiving.program_archive(program=program, user=request.user, close_open_rounds=close,
                                  seen=seen_stamp(request.POST))
    except StaleEdit:
        program.refresh_from_db()
        if lifecycle.is_archived(program):  # a double click, or another office was quicker: done
            messages.info(request, _("项目已归档：只能查看，不能再修改。"))
            return redirect("supervision:final", program_id=program.pk)
        return _page(request, program, errors=[_(
            "打开此页之后，项目的进行中轮次已有变化，尚未归档。请核对后再点“归档本项目”。")], status=STALE, close_checked=close)
    except ValidationError as exc:
        return _page(request, program, errors=exc.messages, status=400, close_checked=close)
    messages.success(request, _("项目已归档：只能查看，不能再修改。"))
    return redirect("supervision:final", program_id=program.pk)


@require_POST
def program_unarchive(request, program_id: int):
    program = _readable(request, program_id)
    reason = request.POST.get("reason", "")
    try:
        archiving.program_unarchive(program=program, user=request.user, reason=reason, seen=seen_stamp(request.POST))
    except StaleEdit:
        program.refresh_from_db()
        if not lifecycle.is_archived(program):  # a double click: already undone
            messages.info(request, _("已取消归档，项目恢复为可修改。"))
            return redirect("supervision:final", program_id=program.pk)
        return _page(request, program, errors=[stale_message()], status=STALE, reason=reason)
    except ValidationError as exc:
        return _page(request, program, errors=exc.messages, status=400, reason=reason)
    messages.success(request, _("已取消归档，项目恢复为可修改。"))
    return redirect("supervision:final", program_id=program.pk)

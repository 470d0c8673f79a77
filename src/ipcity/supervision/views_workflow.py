"""Pages of the reporting workflow: the per-task save, urging (催办) and the board's .xlsx export.

Views validate, call a service or selector, and render, like ``views.py``.
"""

from __future__ import annotations

import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ipcity.core.spreadsheets import XLSX_CONTENT_TYPE
from ipcity.core.templatetags.punctuation import semicolon
from ipcity.programs.access import access_program
from ipcity.supervision.board_xlsx import board_workbook
from ipcity.supervision.forms import STATUS_CHOICES, LineRow, expected_version, line_input_from_post
from ipcity.supervision.permissions import (
    access_report_fill,
    access_report_review,
    access_round_param,
    sees_all_departments,
)
from ipcity.supervision.selectors.board import board, board_cells
from ipcity.supervision.selectors.rounds import current_round
from ipcity.supervision.selectors.worklists import overdue_reports
from ipcity.supervision.services import urging
from ipcity.supervision.services.report_filling import LINE_FIELDS, report_line_save
from ipcity.supervision.services.report_transitions import ReportChanged, ReportLocked


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _line_row(request, report, line, *, shown=None, error="", saved_at=None, status=200):
    """The task's row (``_line_row.html``); after a save, the report's new version out of band."""
    saved = {f: getattr(line, f) for f in LINE_FIELDS}
    ctx = {"report": report, "row": LineRow(line=line, shown=shown or saved, saved=None),
           "status_choices": STATUS_CHOICES, "line_error": error, "line_saved": saved_at,
           "new_version": report.version if saved_at else None}
    # htmx swaps only 2xx answers: the row with its message must reach the page, so the HTMX
    # answer is 200 and the status code is kept for other callers.
    return render(request, "supervision/_line_row_response.html", ctx, status=200 if _is_htmx(request) else status)


@require_POST
def report_line(request, report_id: int, task_id: int):
    """Save one task's progress (HTMX, from the row's 保存本项); the report stays a draft."""
    report = access_report_fill(request.user, report_id)
    line = report.task_lines.select_related("task").filter(task_id=task_id).first()
    if line is None:
        raise Http404(_("本报告中没有这项任务"))
    typed = line_input_from_post(request.POST, task_id)
    try:
        report, line = report_line_save(report=report, user=request.user, task_id=task_id,
                                        expected_version=expected_version(request.POST), data=typed)
    except ReportChanged as exc:
        who = exc.report.updated_by.get_username() if exc.report.updated_by else _("他人")
        error = _("此报告已被 %(who)s 于 %(when)s 修改，本项尚未保存；请刷新页面核对后再保存") % {
            "who": who, "when": timezone.localtime(exc.report.updated_at).strftime("%Y-%m-%d %H:%M")}
        return _line_row(request, report, line, shown=typed, error=error, status=409)
    except ValidationError as exc:
        return _line_row(request, report, line, shown=typed, error=semicolon().join(exc.messages), status=400)
    except ReportLocked as exc:
        return _line_row(request, report, line, shown=typed, error=str(exc), status=409)
    if not _is_htmx(request):
        messages.success(request, _("已保存本项"))
        return redirect("supervision:report", report_id=report.id)
    return _line_row(request, report, line, saved_at=timezone.now())


@require_POST
def report_urge(request, report_id: int):
    """催办 from the board: tell an overdue department's reporters (in-app and e-mail), once a day."""
    report = access_report_review(request.user, report_id)
    back = f"{reverse('supervision:program', args=[report.round.program_id])}?round={report.round_id}#overdue"
    try:
        reminder = urging.report_urge(report=report, user=request.user)
    except ValidationError as exc:
        messages.error(request, semicolon().join(exc.messages))
        return redirect(back)
    notified = getattr(reminder, "notified", 0)  # set by the service: how many people were told
    if notified:
        messages.success(request, _("已催办%(dept)s（已通知 %(n)s 人）") % {"dept": report.department.name,
                                                                        "n": notified})
    else:
        messages.warning(request, _("已记录对%(dept)s的催办，但该部门还没有填报员账号，无人收到通知") % {
            "dept": report.department.name})
    return redirect(back)


@require_GET
def board_export(request, program_id: int):
    """The board as on the page (same round and filters) as .xlsx; a reporter gets its own rows only."""
    program = access_program(request.user, program_id)
    rnd = access_round_param(request.user, program, request.GET.get("round"))
    rnd = rnd or current_round(program)
    if rnd is None:
        messages.error(request, _("本项目还没有报送轮次，无可导出的看板"))
        return redirect("supervision:program", program_id=program.id)
    today = timezone.localdate()
    cells = board_cells(reporting_round=rnd, user=request.user)
    department_id = request.GET.get("department", "")
    shown = board(
        reporting_round=rnd, today=today, cells=cells, department_id=int(department_id) if department_id.isdigit() else None,
        colour=request.GET.get("colour", ""), section=request.GET.get("section", ""),
        q=request.GET.get("q", "").strip(), lead_only=request.GET.get("lead") == "1",
    )
    content = board_workbook(program=program, board=shown, today=today)
    # Recorded in the audit trail as a download by ``ipcity.audit.middleware`` (every FileResponse).
    return FileResponse(io.BytesIO(content), as_attachment=True, content_type=XLSX_CONTENT_TYPE,
                        filename=f"board-{program.id}-{rnd.id}-{today:%Y%m%d}.xlsx")


def board_overdue(request, program, rnd):
    """The board's 逾期未报送 card (context for the board page): reports the office may urge."""
    if rnd is None or not sees_all_departments(request.user):
        return []
    return overdue_reports(reporting_round=rnd, today=timezone.localdate())


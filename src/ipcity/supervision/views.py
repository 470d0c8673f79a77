"""Supervision pages. Views validate, call a service or selector, and render; nothing else."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ipcity.core.requests import int_param
from ipcity.core.templatetags.punctuation import labelled, semicolon
from ipcity.core.uploads import accepted_label
from ipcity.programs.access import access_program, access_program_edit
from ipcity.programs.lifecycle import is_archived
from ipcity.supervision.forms import (
    STATUS_CHOICES,
    RoundForm,
    SettingsForm,
    expected_version,
    line_rows,
    report_input_from_post,
    task_comments_from_post,
    value_rows,
)
from ipcity.supervision.hooks import board_sections
from ipcity.supervision.models import ReportStatus, Round
from ipcity.supervision.permissions import (
    access_attachment,
    access_report,
    access_report_fill,
    access_report_head,
    access_report_review,
    access_round,
    access_round_param,
    may_supervise,
    report_actions,
    require_rankings,
    sees_all_departments,
)
from ipcity.supervision.scorecard_xlsx import scorecard_workbook
from ipcity.supervision.selectors import department_scores
from ipcity.supervision.selectors.board import COLOUR_WORDS, board, board_cells
from ipcity.supervision.selectors.inbox import (
    group_notifications,
    notification_kind_counts,
    notifications_filtered,
)
from ipcity.supervision.selectors.rollup import rollup
from ipcity.supervision.selectors.rounds import current_round, rounds_of
from ipcity.supervision.selectors.rounds import program_settings as settings_of
from ipcity.supervision.selectors.worklists import reports_for_user
from ipcity.supervision.services import (
    attachments,
    inbox,
    office_review,
    report_filling,
    rounds,
    supervision_settings,
)
from ipcity.supervision.services.report_transitions import ReportChanged, ReportLocked
from ipcity.supervision.uploads import ACCEPTED, UploadRejected
from ipcity.supervision.views_workflow import board_overdue

NOTIFICATIONS_PER_PAGE = 50


def _messages_of(exc: ValidationError) -> list[str]:
    return list(exc.messages)


# ---------------------------------------------------------------- board

def _board_page(request, program, rnd):
    today = timezone.localdate()
    ctx = {"program": program, "round": rnd, "rounds": rounds_of(program), "today": today,
           # An archived programme is read-only: no round, settings or urging forms.
           "is_office": may_supervise(request.user) and not is_archived(program), "colour_words": COLOUR_WORDS,
           "period_years": range(program.start_year, program.end_year + 1)}
    ctx["can_rank"] = sees_all_departments(request.user)
    if rnd is not None:
        department_id = request.GET.get("department", "")
        # One read shared by the board and the roll-up; a reporter gets its own department's rows only.
        cells = board_cells(reporting_round=rnd, user=request.user)
        ctx["board"] = board(
            reporting_round=rnd, today=today, cells=cells, department_id=int(department_id) if department_id.isdigit() else None,
            colour=request.GET.get("colour", ""), section=request.GET.get("section", ""),
            q=request.GET.get("q", "").strip(), lead_only=request.GET.get("lead") == "1",
        )
        if ctx["can_rank"]:
            ctx["sections"], ctx["completion"] = rollup(reporting_round=rnd, cells=cells)
    if ctx["is_office"]:
        ctx["settings"] = settings_of(program)
    ctx["overdue"] = board_overdue(request, program, rnd)
    # Lists other apps add (the rights-protection cases due soon and overdue…): supervision.hooks.
    ctx["other_sections"] = board_sections(request.user, today)
    return render(request, "supervision/board.html", ctx)


@require_GET
def program_board(request, program_id: int):
    program = access_program(request.user, program_id)
    rnd = access_round_param(request.user, program, request.GET.get("round"))
    return _board_page(request, program, rnd or current_round(program))


@require_POST
def round_create(request, program_id: int):
    program = access_program_edit(request.user, program_id)
    form = RoundForm(request.POST)
    if not form.is_valid():
        if "due" in form.errors and "due" in form.data and form.data["due"]:
            messages.error(request, semicolon().join(str(e) for e in form.errors["due"]))  # e.g. a date already past
        elif set(form.errors) <= {"title", "due"} and not (form.data.get("title") or "").strip():
            messages.error(request, _("请填写轮次名称和有效的截止日期"))
        else:
            # What is wrong, field by field: a name that is too long, a year that is not one, were
            # told 请填写轮次名称 though the name was there (field test, session 33).
            messages.error(request, semicolon().join(
                labelled(form.fields[name].label, error) for name, errors in form.errors.items() for error in errors))
        return redirect("supervision:program", program_id=program.id)
    try:
        rnd = rounds.round_create(program=program, user=request.user, title=form.cleaned_data["title"],
                                    due=form.cleaned_data["due"], period_year=form.cleaned_data["period_year"])
    except ValidationError as exc:  # e.g. a year beyond the plan's period: nothing was created
        messages.error(request, semicolon().join(_messages_of(exc)))
        return redirect("supervision:program", program_id=program.id)
    messages.success(request, _("已发起「%(round)s」，截止 %(due)s") % {"round": rnd, "due": f"{rnd.due_date:%Y-%m-%d}"})
    return redirect(f"{reverse('supervision:program', args=[program.id])}?round={rnd.id}")


@require_POST
def rounds_generate(request, program_id: int):
    program = access_program_edit(request.user, program_id)
    created = rounds.rounds_generate(program=program, today=timezone.localdate(), user=request.user)
    messages.success(request, _("按报送要求生成了 %(n)s 个轮次") % {"n": len(created)} if created else _("没有需要新生成的轮次"))
    return redirect("supervision:program", program_id=program.id)


@require_POST
def round_status(request, round_id: int):
    rnd = access_round(request.user, round_id)
    access_program_edit(request.user, rnd.program_id)
    status = request.POST.get("status")
    if status not in Round.Status.values:  # the vocabulary of supervision.round.{status} too
        raise Http404
    rounds.round_set_status(reporting_round=rnd, user=request.user, status=status)
    return redirect(f"{reverse('supervision:program', args=[rnd.program_id])}?round={rnd.id}")


@require_POST
def program_settings(request, program_id: int):
    program = access_program_edit(request.user, program_id)
    form = SettingsForm(request.POST)
    if form.is_valid():
        supervision_settings.program_settings_update(program=program, user=request.user, **form.cleaned_data)
        messages.success(request, _("督查设置已保存"))
    else:
        messages.error(request, _("设置无效：天数应为 0—60 的整数"))
    return redirect("supervision:program", program_id=program.id)


# ---------------------------------------------------------------- reports

def _report_page(request, report, *, typed=None, conflict=False, errors=(), status=200):
    actions = report_actions(request.user, report)
    ctx = {
        "report": report, "round": report.round, "program": report.round.program,
        "can_fill": actions.fill, "can_review": actions.review, "can_unlock": actions.unlock, "can_head": actions.head,
        "lines": line_rows(report, typed, conflict), "values": value_rows(report, typed, conflict),
        "summary": typed.summary if typed else report.summary,
        "attachments": report.attachments.all(), "steps": report.steps.all(),
        "accepted_kinds": accepted_label(ACCEPTED),
        "status_choices": STATUS_CHOICES, "conflict": conflict, "errors": list(errors),
        "problems": report_filling.submission_problems(report) if actions.fill else [],
        "has_task_comments": report.task_lines.exclude(office_comment="").exists(),
    }
    return render(request, "supervision/report.html", ctx, status=status)


@require_GET
def report_detail(request, report_id: int):
    return _report_page(request, access_report(request.user, report_id))


@require_POST
def report_fill(request, report_id: int):
    """Save the form; with ``action=submit`` also hand it in. A stale version is shown back."""
    report = access_report_fill(request.user, report_id)
    typed = report_input_from_post(request.POST, report)
    try:
        report = report_filling.report_save(report=report, user=request.user,
                                      expected_version=expected_version(request.POST), data=typed)
    except ReportChanged as exc:
        return _report_page(request, exc.report, typed=typed, conflict=True, status=409)
    except ValidationError as exc:
        return _report_page(request, report, typed=typed, errors=_messages_of(exc), status=400)
    except ReportLocked as exc:
        messages.error(request, str(exc))
        return redirect("supervision:report", report_id=report.id)
    if request.POST.get("action") == "submit":
        try:
            report = report_filling.report_submit(report=report, user=request.user, expected_version=report.version)
        except ValidationError as exc:
            return _report_page(request, report, errors=_messages_of(exc), status=400)
        messages.success(request, _("报告已报送") if report.status != ReportStatus.HEAD_REVIEW else _("报告已提交部门负责人审核"))
    else:
        messages.success(request, _("已保存"))
    return redirect("supervision:report", report_id=report.id)


@require_POST
def report_review(request, report_id: int):
    report = access_report_review(request.user, report_id)
    action, comment = request.POST.get("action"), request.POST.get("comment", "")
    try:
        if action == "accept":
            accepted = office_review.report_accept(report=report, user=request.user)
            messages.success(request, _("报告已通过并锁定"))
            for problem in getattr(accepted, "monitoring_problems", []):  # set by the service
                messages.warning(request, _("指标值未写入监测（保留在报告中）：%(problem)s") % {"problem": problem})
        elif action == "return":
            office_review.report_return(report=report, user=request.user, comment=comment,
                                   task_comments=task_comments_from_post(request.POST))
            messages.success(request, _("报告已退回"))
        elif action == "unlock":
            office_review.report_unlock(report=report, user=request.user, reason=comment)
            messages.success(request, _("报告已解锁，部门可以修改"))
        else:
            raise Http404
    except ValidationError as exc:
        messages.error(request, semicolon().join(_messages_of(exc)))
    except ReportLocked as exc:
        messages.error(request, str(exc))
    return redirect("supervision:report", report_id=report.id)


@require_POST
def report_head(request, report_id: int):
    report = access_report_head(request.user, report_id)
    try:
        if request.POST.get("action") == "approve":
            report_filling.report_head_approve(report=report, user=request.user)
            messages.success(request, _("已审核并报送办公室"))
        else:
            report_filling.report_head_reject(report=report, user=request.user, comment=request.POST.get("comment", ""))
            messages.success(request, _("已退回填报员"))
    except (ValidationError, ReportLocked) as exc:
        messages.error(request, semicolon().join(_messages_of(exc)) if isinstance(exc, ValidationError) else str(exc))
    return redirect("supervision:report", report_id=report.id)


@require_POST
def attachment_upload(request, report_id: int):
    report = access_report_fill(request.user, report_id)
    uploaded = request.FILES.get("file")
    if uploaded is None:
        messages.error(request, _("请选择文件"))
        return redirect("supervision:report", report_id=report.id)
    try:
        attachments.attachment_add(report=report, user=request.user, uploaded=uploaded)
        messages.success(request, _("已上传 %(name)s") % {"name": uploaded.name})
    except UploadRejected as exc:
        messages.error(request, _("未上传：%(reason)s") % {"reason": exc})
    except ReportLocked as exc:
        messages.error(request, str(exc))
    return redirect("supervision:report", report_id=report.id)


@require_POST
def attachment_delete(request, attachment_id: int):
    attachment = access_attachment(request.user, attachment_id)  # 404 unless its report is readable
    access_report_fill(request.user, attachment.report_id)
    try:
        attachments.attachment_remove(attachment=attachment, user=request.user)
    except ReportLocked as exc:
        messages.error(request, str(exc))
    return redirect("supervision:report", report_id=attachment.report_id)


@require_GET
def attachment_download(request, attachment_id: int):
    attachment = access_attachment(request.user, attachment_id)  # same rule as reading the report
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name)


# ---------------------------------------------------------------- lists, notifications, scorecards

@require_GET
def my_reports(request):
    reports = reports_for_user(request.user)[:300]
    return render(request, "supervision/my_reports.html", {"reports": reports, "is_office": may_supervise(request.user)})


def notifications(request):
    """Grouped by programme (or kind), filterable (unread, kind); what the page shows is marked read."""
    if request.method == "POST":
        inbox.notifications_mark_read(user=request.user)
        messages.success(request, _("已全部标为已读"))
        return redirect("supervision:notifications")
    unread, kind = request.GET.get("unread") == "1", request.GET.get("kind", "")
    group_by = "kind" if request.GET.get("group") == "kind" else "program"
    # A busy office gathers hundreds of notices: pages of 50 keep the list readable.
    page = Paginator(notifications_filtered(request.user, unread=unread, kind=kind),
                     NOTIFICATIONS_PER_PAGE).get_page(request.GET.get("page"))
    shown = list(page.object_list)
    query = {k: v for k, v in (("unread", "1" if unread else ""), ("kind", kind), ("group", request.GET.get("group", "")))
             if v}
    response = render(request, "supervision/notifications.html", {
        "groups": group_notifications(shown, by=group_by), "page": page, "unread": unread, "kind": kind,
        "group_by": group_by, "kinds": notification_kind_counts(request.user),
        "query": urlencode(query), "notifications": shown,
    })
    # Seen now: marked read once the page (which still flags them 新) has been rendered.
    inbox.notifications_mark_read(user=request.user, ids=[n.pk for n in shown if n.read_at is None])
    return response


def _scorecard_args(request, program_id: int):
    """The programme, the round (``?round=``) and the 所报年度 (``?year=``; ignored with a round, which
    has one year; a year no round of the programme reports on is the empty scope, not an error)."""
    program = access_program(request.user, program_id)
    require_rankings(request.user)
    rnd = access_round_param(request.user, program, request.GET.get("round"))
    year = None if rnd is not None else int_param(request.GET.get("year"), low=1900, high=2200)
    return program, rnd, year


@require_GET
def scorecard(request, program_id: int):
    program, rnd, year = _scorecard_args(request, program_id)
    rows = department_scores.scorecard(program=program, today=timezone.localdate(), reporting_round=rnd,
                                       period_year=year)
    rounds = rounds_of(program)
    return render(request, "supervision/scorecard.html",
                  {"program": program, "round": rnd, "year": year, "rows": rows, "rounds": rounds,
                   "years": sorted({r.period_year for r in rounds}, reverse=True)})


@require_GET
def scorecard_export(request, program_id: int):
    program, rnd, year = _scorecard_args(request, program_id)
    today = timezone.localdate()
    rows = department_scores.scorecard(program=program, today=today, reporting_round=rnd, period_year=year)
    content = scorecard_workbook(program=program, reporting_round=rnd, rows=rows, today=today, period_year=year)
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    scope = rnd.id if rnd else (f"y{year}" if year else "all")
    name = f"scorecard-{program.id}-{scope}-{today:%Y%m%d}.xlsx"
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response

"""JSON API for supervision, mounted at /api/supervision (session or Bearer token)."""

from __future__ import annotations

import datetime as dt
import functools

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from ipcity.core.api_errors import service_errors
from ipcity.core.api_schemas import BodyId, DbId, JsonFloat, JsonInt, QueryText, choices, refusal_documented
from ipcity.programs.access import access_program
from ipcity.supervision.api_schemas import BoardOut, NotificationOut, ReportOut, ScoreOut
from ipcity.supervision.forms import values_in_period
from ipcity.supervision.models import LineStatus
from ipcity.supervision.permissions import (
    access_report,
    access_report_fill,
    access_report_review,
    access_round,
    require_rankings,
    sees_all_departments,
)
from ipcity.supervision.selectors import department_scores
from ipcity.supervision.selectors.board import board, board_cells
from ipcity.supervision.selectors.inbox import notifications_for
from ipcity.supervision.selectors.rounds import rounds_of
from ipcity.supervision.services import office_review, report_filling
from ipcity.supervision.services.report_transitions import ReportChanged, ReportLocked

router = Router(tags=["supervision"])
# A write refused because the report changed since it was read, or is no longer editable (``_errors``).
_CONFLICT = refusal_documented(409, "The report changed since it was read (reload it), or its status does not allow this")


def _errors(view):
    """Service exceptions as HTTP answers: 409 for a stale or locked report, then the platform's
    403 and 400 (``core.api_errors.service_errors``)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except ReportChanged as exc:
            raise HttpError(409, _("报告已被他人修改（当前版本 %(version)s），请重新读取后再保存") % {"version": exc.report.version}) from exc
        except ReportLocked as exc:
            raise HttpError(409, str(exc)) from exc

    return service_errors(wrapper)


class RoundOut(Schema):
    id: int
    title: str
    period_year: int
    nominal_due: dt.date
    due_date: dt.date
    status: str


class LineIn(Schema):
    task_id: BodyId
    status: str = Field("", json_schema_extra=choices(LineStatus.values, blank=True))
    progress: JsonInt | None = None
    done: str = ""
    reason: str = ""
    remedy: str = ""


class ValueIn(Schema):
    indicator_id: BodyId
    value: JsonFloat | None = None
    source: str = ""
    note: str = ""


class ReportIn(Schema):
    version: JsonInt
    summary: str | None = None  # omitted: kept as it is, like omitted lines and values
    lines: list[LineIn] = []
    values: list[ValueIn] = []


class CommentIn(Schema):
    comment: str = ""


class ReturnIn(Schema):
    comment: str = ""
    task_comments: dict[int, str] = {}  # task id → the office's comment on that task


def _report_out(report) -> dict:
    return {
        "id": report.id, "round_id": report.round_id, "department_id": report.department_id,
        "department": report.department.name, "status": report.status, "version": report.version,
        "summary": report.summary, "office_comment": report.office_comment,
        "times_returned": report.times_returned,
        "first_submitted_at": report.first_submitted_at, "accepted_at": report.accepted_at,
        "lines": [{"task_id": li.task_id, "task_ref": li.task.ref, "is_lead": li.is_lead, "status": li.status,
                   "progress": li.progress, "done": li.done, "reason": li.reason, "remedy": li.remedy,
                   "office_comment": li.office_comment}
                  for li in report.task_lines.select_related("task")],
        "values": [{"indicator_id": v.indicator_id, "year": v.year, "value": v.value, "source": v.source,
                    "note": v.note} for v in values_in_period(report)],
        "attachments": [{"id": a.id, "name": a.original_name, "kind": a.kind, "size": a.size}
                        for a in report.attachments.all()],
    }


@router.get("/programs/{program_id}/rounds", response=list[RoundOut])
def rounds(request, program_id: int):
    return list(rounds_of(access_program(request.user, program_id)))


@router.get("/rounds/{round_id}/board", response=BoardOut)
@_errors
def round_board(request, round_id: int, colour: QueryText = "", department: DbId | None = None):
    rnd = access_round(request.user, round_id)
    # A reporter gets its own department's cells only, whatever ``department`` asks for.
    shown = board(reporting_round=rnd, today=timezone.localdate(), colour=colour, cells=board_cells(reporting_round=rnd, user=request.user),
                  department_id=department if sees_all_departments(request.user) else None)
    return {"round_id": rnd.id, "due_date": rnd.due_date, "expected_progress": shown.expected, "counts": shown.counts,
            "cells": [{"department_id": c.department_id, "department": c.department, "task_id": c.task_id,
                       "task_ref": c.task_ref, "is_lead": c.is_lead, "report_id": c.report_id,
                       "report_status": c.report_status, "line_status": c.line_status, "progress": c.progress,
                       "colour": c.colour, "reason": c.reason} for c in shown.cells]}


@router.get("/reports/{report_id}", response=ReportOut)
@_errors
def report_get(request, report_id: int):
    return _report_out(access_report(request.user, report_id))


@router.put("/reports/{report_id}", response=ReportOut, openapi_extra=_CONFLICT)
@_errors
def report_put(request, report_id: int, payload: ReportIn):
    report = access_report_fill(request.user, report_id)
    data = report_filling.ReportInput(
        summary=payload.summary,
        lines={li.task_id: li.dict(exclude={"task_id"}) for li in payload.lines},
        values={v.indicator_id: v.dict(exclude={"indicator_id"}) for v in payload.values},
    )
    report = report_filling.report_save(report=report, user=request.user, expected_version=payload.version, data=data)
    return _report_out(report)


@router.post("/reports/{report_id}/submit", response=ReportOut, openapi_extra=_CONFLICT)
@_errors
def report_submit(request, report_id: int, version: int | None = None):
    """``?version=``: the version the client read; 409 if the report changed since (optional, so a
    client that sends none hands in the latest save, as before)."""
    report = report_filling.report_submit(report=access_report_fill(request.user, report_id), user=request.user,
                                          expected_version=version)
    return _report_out(report)


@router.post("/reports/{report_id}/return", response=ReportOut, openapi_extra=_CONFLICT)
@_errors
def report_return(request, report_id: int, payload: ReturnIn):
    report = access_report_review(request.user, report_id)
    return _report_out(office_review.report_return(report=report, user=request.user, comment=payload.comment,
                                              task_comments=payload.task_comments))


@router.post("/reports/{report_id}/accept", response=ReportOut, openapi_extra=_CONFLICT)
@_errors
def report_accept(request, report_id: int):
    report = access_report_review(request.user, report_id)
    return _report_out(office_review.report_accept(report=report, user=request.user))


@router.post("/reports/{report_id}/unlock", response=ReportOut, openapi_extra=_CONFLICT)
@_errors
def report_unlock(request, report_id: int, payload: CommentIn):
    report = access_report_review(request.user, report_id)
    return _report_out(office_review.report_unlock(report=report, user=request.user, reason=payload.comment))


@router.get("/programs/{program_id}/scorecard", response=list[ScoreOut])
@_errors
def scorecard(request, program_id: int, round_id: DbId | None = Query(None, alias="round"),  # ?round=<id>
              year: int | None = Query(None, ge=1900, le=2200)):  # ?year=: the rounds reporting on it
    program = access_program(request.user, program_id)
    require_rankings(request.user)
    rnd = access_round(request.user, round_id) if round_id is not None else None
    if rnd is not None and rnd.program_id != program.pk:
        raise Http404  # a round of another programme: not found here (the API's one 404)
    rows = department_scores.scorecard(program=program, today=timezone.localdate(), reporting_round=rnd,
                                       period_year=None if rnd is not None else year)
    return [{"rank": r.rank, "department_id": r.department_id, "department": r.department,
             "due_reports": r.due_reports, "on_time": r.on_time, "on_time_pct": r.on_time_pct,
             "days_late": r.days_late, "times_returned": r.times_returned, "completeness": r.completeness,
             "score": r.score, "nothing_due": r.nothing_due}  # rank None: nothing due, not ranked
            for r in rows]


@router.get("/notifications", response=list[NotificationOut])
def notifications(request):
    return [{"id": n.id, "kind": n.kind, "program_id": n.program_id, "title": n.title, "body": n.body, "url": n.url,
             "created_at": n.created_at, "read": n.read_at is not None}
            for n in notifications_for(request.user, limit=100)]

"""The 情况通报 of one reporting round: who reported on time, late, not at all; accepted and
returned; the board's three colours by section and department; the scorecard and its method."""

from __future__ import annotations

from collections import defaultdict

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ipcity.programs.models import Program
from ipcity.programs.sections import section_titles
from ipcity.reports.snapshot.common import (
    ReportDataMissing,
    as_of_date,
    now_stamp,
    program_header,
    year_round,
)
from ipcity.supervision.models import Round
from ipcity.supervision.selectors import board as boards
from ipcity.supervision.selectors import department_scores as scoring
from ipcity.supervision.selectors.rounds import rounds_of

COLOURS = ("red", "yellow", "green")  # the three colours; blue and grey (not yet due) are counted apart


def build(*, program: Program, year: int, reporting_round: Round | None = None, **_ignored) -> tuple[dict, dict]:
    rnd = year_round(program, year, reporting_round)
    if rnd is None:
        raise ReportDataMissing([(gettext_noop("没有报告 %(year)s 年度工作的督查轮次（请先在“督查督办”中发起）"),
                                  {"year": year})])
    cells = boards.round_cells(rnd)
    if not cells:
        raise ReportDataMissing([(gettext_noop("督查轮次“%(round)s”没有任何部门的填报任务"), {"round": rnd.title})])
    snapshot = {"kind": "bulletin", "program": program_header(program), "year": rnd.period_year, **now_stamp(),
                "round": {"id": rnd.pk, "title": rnd.title, "due_date": rnd.due_date.isoformat(),
                          "number": list(rounds_of(program).order_by("due_date", "pk")
                                         .values_list("pk", flat=True)).index(rnd.pk) + 1}}
    today = as_of_date(snapshot)
    board = boards.board(reporting_round=rnd, today=today, cells=cells)
    rows = scoring.scorecard(program=program, today=today, reporting_round=rnd)
    reports: dict[int, dict] = {}
    by_section: dict[str, dict[str, int]] = defaultdict(lambda: {c: 0 for c in boards.COLOURS})
    by_department: dict[str, dict[str, int]] = defaultdict(lambda: {c: 0 for c in boards.COLOURS})
    for cell in board.cells:
        reports[cell.report_id] = {"department": cell.department, "status": cell.report_status,
                                   "status_label": str(cell.report_status_label), "times_returned": cell.times_returned}
        by_section[cell.section][cell.colour] += 1
        by_department[cell.department][cell.colour] += 1
    titles = section_titles(program.source_text, list(by_section))
    on_time = [r.department for r in rows if r.on_time]
    late = [r.department for r in rows if r.late]
    missing = [r.department for r in rows if r.missing]
    snapshot.update({
        "counts": dict(board.counts), "expected_progress": board.expected,
        "on_time": on_time, "late": late, "missing": missing,
        "not_due": [r.department for r in rows if r.nothing_due],
        "accepted": sorted(r["department"] for r in reports.values() if r["status"] == "accepted"),
        "returned": sorted({r["department"] for r in reports.values() if r["times_returned"] or r["status"] == "returned"}),
        "reports": sorted(reports.values(), key=lambda r: r["department"]),
        "sections": [{"section": s, "title": (titles.get(s) or [s.replace("/", "") or _("其他任务")])[-1], **counts}
                     for s, counts in by_section.items()],
        "departments": [{"department": d, **counts} for d, counts in sorted(by_department.items())],
        "scorecard": [{"department": r.department, "rank": r.rank, "score": r.score, "due_reports": r.due_reports,
                       "on_time": r.on_time, "late": r.late, "missing": r.missing, "days_late": r.days_late,
                       "times_returned": r.times_returned, "completeness": r.completeness} for r in rows],
        "method": {"timeliness": scoring.TIMELINESS_POINTS, "late_penalty": scoring.LATE_PENALTY_PER_DAY,
                   "returns": scoring.RETURN_POINTS, "return_penalty": scoring.RETURN_PENALTY,
                   "completeness": scoring.COMPLETENESS_POINTS},
        "red_cells": [{"department": c.department, "task_ref": c.task_ref, "task_title": c.task_title,
                       "reason": str(c.reason)} for c in board.cells if c.colour == "red"],
    })
    source = {"round": {"id": rnd.pk, "title": rnd.title, "period_year": rnd.period_year},
              "reports": sorted(reports), "as_of_date": snapshot["as_of_date"]}
    return snapshot, source

"""The departments' scorecard: points per due report, a mean per department, a rank.

The method is written for the office in ``docs/supervision-scoring.md``; the numbers here are
that document's, and the tests work its examples by hand. In short, each *due* report scores

    timeliness 60 (on time 60; late: 60 − 2 × days late, not below 0; not handed in: 0)
  + returns    20 (20 − 10 × times returned, not below 0; not handed in: 0)
  + completeness 20 (20 × share of its items filled in; not handed in: 0)

A department's score is the mean over its due reports. A department with no due report has
nothing to be judged on: it is shown as 无应报事项 and not ranked (it used to count as 100 %
on time and rank above departments that had reported on time).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from ipcity.programs.models import Program
from ipcity.supervision.models import BEHIND_STATUSES, DepartmentReport, IndicatorValue, Round, TaskLine

TIMELINESS_POINTS = 60
LATE_PENALTY_PER_DAY = 2
RETURN_POINTS = 20
RETURN_PENALTY = 10
COMPLETENESS_POINTS = 20


@dataclass
class ScoreRow:
    department_id: int
    department: str
    reports: int = 0  # in scope, due or not
    due_reports: int = 0
    on_time: int = 0
    late: int = 0
    missing: int = 0  # due, not handed in
    days_late: int = 0
    times_returned: int = 0
    completeness_sum: float = 0.0  # over due reports
    points_sum: float = 0.0  # over due reports
    rank: int | None = None

    @property
    def nothing_due(self) -> bool:
        return self.due_reports == 0

    @property
    def on_time_pct(self) -> int | None:
        return round(100 * self.on_time / self.due_reports) if self.due_reports else None

    @property
    def completeness(self) -> int | None:
        return round(100 * self.completeness_sum / self.due_reports) if self.due_reports else None

    @property
    def score(self) -> float | None:
        return round(self.points_sum / self.due_reports, 1) if self.due_reports else None


def _line_complete(line: Mapping[str, Any]) -> bool:
    if not (line["status"] and line["progress"] is not None and line["done"]):
        return False
    return line["status"] not in BEHIND_STATUSES or bool(line["reason"] and line["remedy"])


def report_completeness(lines: Sequence[Mapping[str, Any]], values: Sequence[Mapping[str, Any]]) -> float:
    """Share (0–1) of the report's items filled in: each task line in full, each indicator value."""
    items = len(lines) + len(values)
    if not items:
        return 1.0
    done = sum(_line_complete(li) for li in lines) + sum(v["value"] is not None for v in values)
    return done / items


def report_points(*, due: dt.date, submitted_on: dt.date | None, today: dt.date, times_returned: int,
                  completeness: float) -> float | None:
    """The points (0–100) of one report; None when it is not due yet (it does not count)."""
    if submitted_on is None:
        return None if today <= due else 0.0  # the deadline day itself is still in time
    days_late = max(0, (submitted_on - due).days)
    timeliness = max(0, TIMELINESS_POINTS - LATE_PENALTY_PER_DAY * days_late)
    returns = max(0, RETURN_POINTS - RETURN_PENALTY * times_returned)
    return timeliness + returns + COMPLETENESS_POINTS * completeness


def scorecard(*, program: Program, today: dt.date, reporting_round: Round | None = None,
              period_year: int | None = None) -> list[ScoreRow]:
    """Per department: score, on-time %, days late, times returned, completeness; ranked (1 = best).

    For one round, or for every round of the programme opened by ``today``, or (``period_year``) for
    the rounds opened by ``today`` that report on that year (所报年度: the year-end 年度考核 of the
    member units, made in January on the year just ended). Ranked rows first (by score, ties share
    a rank and are listed by name), then the departments with nothing due.
    """
    of_program = DepartmentReport.objects.filter(round__program=program).select_related("round", "department")
    if reporting_round is not None:
        of_scope = of_program.filter(round=reporting_round)
    else:
        of_scope = of_program.filter(round__opens_on__lte=today)
        if period_year is not None:
            of_scope = of_scope.filter(round__period_year=period_year)
    reports = list(of_scope)
    ids = [r.id for r in reports]
    lines, values = defaultdict(list), defaultdict(list)
    for li in TaskLine.objects.filter(report_id__in=ids).values("report_id", "status", "progress", "done", "reason", "remedy"):
        lines[li["report_id"]].append(li)
    for v in IndicatorValue.objects.filter(report_id__in=ids).values("report_id", "value"):
        values[v["report_id"]].append(v)
    rows: dict[int, ScoreRow] = {}
    for r in reports:
        row = rows.setdefault(r.department_id, ScoreRow(department_id=r.department_id, department=r.department.name))
        row.reports += 1
        due = r.round.due_date
        submitted_on = timezone.localdate(r.first_submitted_at) if r.first_submitted_at else None
        completeness = report_completeness(lines[r.id], values[r.id]) if submitted_on else 0.0
        points = report_points(due=due, submitted_on=submitted_on, today=today, times_returned=r.times_returned,
                               completeness=completeness)
        if points is None:
            continue
        row.due_reports += 1
        row.points_sum += points
        row.completeness_sum += completeness
        row.times_returned += r.times_returned
        if submitted_on is None:
            row.missing += 1
            row.days_late += (today - due).days
        elif submitted_on <= due:
            row.on_time += 1
        else:
            row.late += 1
            row.days_late += (submitted_on - due).days
    # Ties (one score, one name: units of two regions) by id, not by the order the database read them.
    ranked = sorted((r for r in rows.values() if not r.nothing_due),
                    key=lambda s: (-(s.score or 0.0), s.department, s.department_id))
    previous, rank = None, 0
    for position, row in enumerate(ranked, start=1):
        if row.score != previous:
            rank, previous = position, row.score
        row.rank = rank
    return ranked + sorted((r for r in rows.values() if r.nothing_due), key=lambda s: (s.department, s.department_id))

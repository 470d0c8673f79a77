"""Reads: the current round, the supervision board, the task roll-up, scorecards, report lists.

Each function does a fixed, small number of queries whatever the size of the round (the board
of 30 tasks × 25 departments is three queries), and computes the rest in Python.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ipcity.core.access import access_programs, is_office, user_department_id
from ipcity.programs.models import Program, Task
from ipcity.supervision.models import (
    BEHIND_STATUSES,
    NOT_HANDED_IN_STATUSES,
    WITH_OFFICE_STATUSES,
    DepartmentReport,
    IndicatorValue,
    LineStatus,
    Notification,
    ReportStatus,
    Round,
    SupervisionSettings,
    TaskLine,
)

COLOURS = ("red", "yellow", "blue", "green", "grey")
# Kept in Chinese (the msgids); pages translate them when they show them.
COLOUR_WORDS = {"red": gettext_noop("逾期"), "yellow": gettext_noop("滞后"), "blue": gettext_noop("即将到期"),
                "green": gettext_noop("正常"), "grey": gettext_noop("未到期")}


def program_settings(program: Program) -> SupervisionSettings:
    """The programme's settings (defaults when never saved); kept on the instance for the request."""
    cached = getattr(program, "_supervision_settings", None)
    if cached is None:
        cached = SupervisionSettings.objects.filter(program=program).first() or SupervisionSettings(program=program)
        program._supervision_settings = cached
    return cached


def current_round(program: Program) -> Round | None:
    """The earliest open round not yet fully accepted; else the latest open one; else the latest."""
    rounds = Round.objects.filter(program=program)
    pending = Exists(DepartmentReport.objects.filter(round=OuterRef("pk")).exclude(status=ReportStatus.ACCEPTED))
    found = rounds.filter(status=Round.Status.OPEN).filter(pending).order_by("due_date", "id").first()
    return found or rounds.filter(status=Round.Status.OPEN).order_by("-due_date").first() or rounds.order_by("-due_date").first()


def expected_progress(program: Program, as_of: dt.date) -> int:
    """The time-proportional schedule: the share of the programme's years gone by ``as_of``, in %."""
    start, end = dt.date(program.start_year, 1, 1), dt.date(program.end_year, 12, 31)
    if as_of <= start:
        return 0
    if as_of >= end:
        return 100
    return int(100 * (as_of - start).days / (end - start).days)


# ---------------------------------------------------------------- the board

REPORT_LABELS = dict(ReportStatus.choices)
LINE_LABELS = dict(LineStatus.choices)


@dataclass(slots=True)
class Cell:
    """One department × task of a round, flat (read with ``values()``: 750 cells stay cheap)."""

    department_id: int
    department: str
    task_id: int
    task_ref: str
    task_title: str
    task_order: int
    is_lead: bool
    report_id: int
    report_status: str
    reported: bool  # handed in at least once: only then is the line the department's word
    times_returned: int
    line_status: str
    progress: int | None
    colour: str = ""
    reason: str = ""

    @property
    def section(self) -> str:
        return self.task_ref.rsplit("/", 1)[0] if "/" in self.task_ref else ""

    @property
    def colour_word(self) -> str:
        return COLOUR_WORDS[self.colour]

    @property
    def report_status_label(self) -> str:
        return REPORT_LABELS[self.report_status]

    @property
    def line_status_label(self) -> str:
        return LINE_LABELS.get(self.line_status, "")


@dataclass
class Board:
    round: Round
    today: dt.date
    expected: int
    cells: list[Cell]
    counts: dict[str, int]
    departments: list[tuple[int, str]]
    sections: list[str]

    @property
    def count_items(self) -> list[tuple[str, str, int]]:
        return [(c, COLOUR_WORDS[c], self.counts[c]) for c in COLOURS]


def round_cells(round: Round) -> list[Cell]:
    """Every task line of the round with its report and department, ordered by task, lead first.

    Three narrow queries (reports, tasks, lines) joined in Python: the 750 line rows carry only
    ids and numbers, so no per-row datetime or text conversion.
    """
    reports = {rid: (dept_id, dept, status, first is not None, returned) for rid, dept_id, dept, status, first, returned in
               DepartmentReport.objects.filter(round=round).values_list(
                   "id", "department_id", "department__name", "status", "first_submitted_at", "times_returned")}
    tasks = {tid: (ref, title, order) for tid, ref, title, order in
             Task.objects.filter(program_id=round.program_id).values_list("id", "ref", "title", "order")}
    lines = TaskLine.objects.filter(report__round=round).values_list("report_id", "task_id", "is_lead", "status", "progress")
    cells = []
    for report_id, task_id, is_lead, status, progress in lines:
        dept_id, dept, r_status, reported, returned = reports[report_id]
        ref, title, order = tasks[task_id]
        cells.append(Cell(dept_id, dept, task_id, ref, title, order, is_lead, report_id, r_status, reported,
                          returned, status, progress))
    cells.sort(key=lambda c: (c.task_order, c.task_id, not c.is_lead, c.department))
    return cells


def cell_colour(cell: Cell, *, due: dt.date, today: dt.date, expected: int, blue_days: int) -> tuple[str, str]:
    """(colour, the reason in words). Red beats yellow beats blue; words always go with colour."""
    handed_in = cell.report_status not in NOT_HANDED_IN_STATUSES
    days_left = (due - today).days
    if not handed_in and days_left < 0:
        if cell.report_status == ReportStatus.RETURNED:
            return "red", _("退回后逾期未重新报送（已逾期 %(days)s 天）") % {"days": -days_left}
        return "red", _("逾期未报送（已逾期 %(days)s 天）") % {"days": -days_left}
    if cell.reported and cell.line_status in BEHIND_STATUSES:
        return "yellow", _("自报%(status)s") % {"status": LINE_LABELS[cell.line_status]}
    if cell.times_returned >= 2:
        return "yellow", _("报告已被退回 %(times)s 次") % {"times": cell.times_returned}
    if (cell.reported and cell.line_status != LineStatus.DONE and cell.progress is not None
            and cell.progress < expected):
        return "yellow", _("进度 %(progress)s%% 低于时序进度 %(expected)s%%") % {
            "progress": cell.progress, "expected": expected}
    if not handed_in and days_left <= blue_days:
        if days_left == 0:
            return "blue", _("今日到期，尚未报送")
        return "blue", _("%(days)s 天后到期，尚未报送") % {"days": days_left}
    if not handed_in:
        return "grey", _("未报送（距截止 %(days)s 天）") % {"days": days_left}
    if cell.line_status == LineStatus.DONE:
        return "green", _("已完成")
    if cell.progress is not None:
        return "green", _("正常推进（%(progress)s%%）") % {"progress": cell.progress}
    return "green", _("已报送")


def board(*, round: Round, today: dt.date, department_id: int | None = None, colour: str = "",
          section: str = "", q: str = "", lead_only: bool = False, cells: list[Cell] | None = None) -> Board:
    """The board of a round, filtered. ``cells`` (from ``round_cells``) may be passed to share one read."""
    program = round.program
    cfg = program_settings(program)
    expected = expected_progress(program, min(today, round.due_date))
    cells = list(cells if cells is not None else round_cells(round))
    departments, sections = {}, {}
    for cell in cells:
        cell.colour, cell.reason = cell_colour(cell, due=round.due_date, today=today, expected=expected,
                                               blue_days=cfg.board_blue_days)
        departments[cell.department_id] = cell.department
        sections[cell.section] = True
    if department_id:
        cells = [c for c in cells if c.department_id == department_id]
    if section:
        cells = [c for c in cells if c.section == section]
    if lead_only:
        cells = [c for c in cells if c.is_lead]
    if q:
        cells = [c for c in cells if q in c.task_title or q in c.department or q in c.task_ref]
    counts = {c: 0 for c in COLOURS}
    for c in cells:
        counts[c.colour] += 1
    if colour:
        cells = [c for c in cells if c.colour == colour]
    return Board(round=round, today=today, expected=expected, cells=cells, counts=counts,
                 departments=sorted(departments.items(), key=lambda kv: kv[1]), sections=list(sections))


# ---------------------------------------------------------------- roll-up

@dataclass
class TaskRollup:
    task_id: int
    ref: str
    title: str
    status: str
    status_label: str
    progress: int | None
    decided_by: str
    others: list[tuple[str, str, int | None]]  # (department, status label, progress) of co-handlers

    @property
    def others_text(self) -> str:
        """The co-handlers in one line (部门2：进度滞后 40%；部门3：未报送), cheaper than a template loop."""
        return "；".join(f"{name}：{label or '—'}" + (f" {p}%" if p is not None else "") for name, label, p in self.others)


@dataclass
class SectionRollup:
    section: str
    tasks: list[TaskRollup] = field(default_factory=list)

    @property
    def completion(self) -> int:
        return _completion(self.tasks)

    @property
    def done(self) -> int:
        return sum(t.status == LineStatus.DONE for t in self.tasks)


def _completion(tasks: list[TaskRollup]) -> int:
    """Mean progress over tasks; a task with nothing reported counts as 0."""
    return round(sum(t.progress or 0 for t in tasks) / len(tasks)) if tasks else 0


def _reported(cell: Cell) -> tuple[str, str, int | None]:
    if not cell.reported or not cell.line_status:
        return "", _("未报送"), None
    return cell.line_status, LINE_LABELS[cell.line_status], cell.progress


def rollup(*, round: Round, cells: list[Cell] | None = None) -> tuple[list[SectionRollup], int]:
    """Task status from the lead department's report; co-handlers beside. (sections, programme %).

    Only what a department has handed in counts (a draft is not its word yet). A task whose lead
    has not reported shows 未报送 even when a co-handler has; a task with no lead at all is
    decided by its first co-handler. Tasks no department answers for count as not reported.
    """
    cells = cells if cells is not None else round_cells(round)
    by_task: dict[int, list[Cell]] = defaultdict(list)
    for cell in cells:  # ordered by task, lead first
        by_task[cell.task_id].append(cell)
    tasks = Task.objects.filter(program_id=round.program_id).order_by("order", "id").values_list("id", "ref", "title")
    sections: dict[str, SectionRollup] = {}
    for task_id, ref, title in tasks:
        task_cells = by_task.get(task_id, [])
        decisive = task_cells[0] if task_cells else None
        status, label, progress = _reported(decisive) if decisive else ("", _("未报送"), None)
        others = [(c.department, *_reported(c)[1:]) for c in task_cells[1:]]
        item = TaskRollup(task_id=task_id, ref=ref, title=title, status=status, status_label=label,
                          progress=progress, decided_by=decisive.department if decisive else "", others=others)
        section = ref.rsplit("/", 1)[0] if "/" in ref else ""
        sections.setdefault(section, SectionRollup(section=section)).tasks.append(item)
    all_tasks = [t for s in sections.values() for t in s.tasks]
    return list(sections.values()), _completion(all_tasks)


# ---------------------------------------------------------------- scorecards

@dataclass
class ScoreRow:
    department_id: int
    department: str
    reports: int = 0
    due_reports: int = 0
    on_time: int = 0
    days_late: int = 0
    times_returned: int = 0
    completeness_sum: float = 0.0
    rank: int = 0

    @property
    def on_time_pct(self) -> int | None:
        return round(100 * self.on_time / self.due_reports) if self.due_reports else None

    @property
    def completeness(self) -> int:
        return round(100 * self.completeness_sum / self.reports) if self.reports else 0

    def sort_key(self) -> tuple:
        pct = self.on_time_pct
        return (-(pct if pct is not None else 100), self.days_late, self.times_returned, -self.completeness)


def _line_complete(line: dict) -> bool:
    if not (line["status"] and line["progress"] is not None and line["done"]):
        return False
    return line["status"] not in BEHIND_STATUSES or bool(line["reason"] and line["remedy"])


def report_completeness(lines: list[dict], values: list[dict]) -> float:
    """Share (0–1) of the report's items filled in: each task line in full, each indicator value."""
    items = len(lines) + len(values)
    if not items:
        return 1.0
    done = sum(_line_complete(li) for li in lines) + sum(v["value"] is not None for v in values)
    return done / items


def scorecard(*, program: Program, today: dt.date, round: Round | None = None) -> list[ScoreRow]:
    """Per department: on-time %, days late, times returned, completeness; ranked (1 = best).

    For one round, or for every round of the programme already due (or handed in) by ``today``.
    """
    reports = DepartmentReport.objects.filter(round__program=program).select_related("round", "department")
    reports = reports.filter(round=round) if round else reports.filter(round__opens_on__lte=today)
    reports = list(reports)
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
        row.times_returned += r.times_returned
        row.completeness_sum += report_completeness(lines[r.id], values[r.id])
        due = r.round.due_date
        if r.first_submitted_at is not None:
            submitted_on = timezone.localdate(r.first_submitted_at)
            row.due_reports += 1
            row.on_time += submitted_on <= due
            row.days_late += max(0, (submitted_on - due).days)
        elif today > due:
            row.due_reports += 1
            row.days_late += (today - due).days
    ranked = sorted(rows.values(), key=lambda s: (s.sort_key(), s.department))
    previous, rank = None, 0
    for position, row in enumerate(ranked, start=1):
        if row.sort_key() != previous:
            rank, previous = position, row.sort_key()
        row.rank = rank
    return ranked


# ---------------------------------------------------------------- lists

def reports_for_user(user):
    """The reports page of the user: its department's (reporter) or those waiting for the office."""
    base = DepartmentReport.objects.filter(round__program__in=access_programs(user)).select_related(
        "round__program", "department").order_by("-round__due_date", "department__name")
    dept = user_department_id(user)
    if dept is not None:
        return base.filter(department_id=dept)
    if is_office(user):
        return base.filter(status__in=WITH_OFFICE_STATUSES)
    return base.none()


def rounds_of(program: Program):
    return (Round.objects.filter(program=program).order_by("-due_date")
            .annotate(n_reports=Count("reports"),
                      n_accepted=Count("reports", filter=Q(reports__status=ReportStatus.ACCEPTED)),
                      n_waiting=Count("reports", filter=Q(reports__status__in=WITH_OFFICE_STATUSES))))


def unread_count(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notifications_for(user, limit: int | None = 200):
    """The user's notifications, newest first (all of them with ``limit=None``, for a paginator)."""
    # The programme is shown with each notice: round titles repeat from one programme to the next.
    qs = Notification.objects.filter(user=user).select_related("report__round__program").order_by("-created_at", "-id")
    return qs if limit is None else qs[:limit]

"""Reads: the current round, the supervision board, the task roll-up, scorecards, report lists.

Each function does a fixed, small number of queries whatever the size of the round (the board
of 30 tasks × 25 departments is three queries), and computes the rest in Python.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

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
    LineStatus,
    Notification,
    ReportStatus,
    Round,
    SupervisionSettings,
    TaskLine,
)
from ipcity.supervision.scoring import ScoreRow, report_completeness, scorecard  # noqa: F401  (re-exported)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

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


def schedule_progress(program: Program, as_of: dt.date) -> int | None:
    """The schedule the board holds progress against at ``as_of``; None once the plan's period is over.

    Within the period, a line below the time share is 滞后. From the plan's last day on the share
    is 100 % for every task, so it would call every unfinished task 滞后 merely because the plan
    ended: the board then takes the department's own status (see docs/supervision-scoring.md),
    and what is left undone shows in the roll-up's 完成度 and 已完成 counts.
    """
    if as_of >= dt.date(program.end_year, 12, 31):
        return None
    return expected_progress(program, as_of)


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
    expected: int | None  # None: the plan's period is over, no time-proportional schedule
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


def cell_colour(cell: Cell, *, due: dt.date, today: dt.date, expected: int | None, blue_days: int) -> tuple[str, str]:
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
    if (expected is not None and cell.reported and cell.line_status != LineStatus.DONE
            and cell.progress is not None and cell.progress < expected):
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
    expected = schedule_progress(program, min(today, round.due_date))
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
    status_label: StrOrPromise
    progress: int | None
    decided_by: str
    others: list[tuple[str, StrOrPromise, int | None]]  # (department, status label, progress) of co-handlers

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


def counted_progress(status: str, progress: int | None) -> int:
    """A task's share in 完成度: 100 only when its lead reports 已完成.

    完成度 used to average the typed progress while 已完成 counted the status, so three tasks at
    正常推进 100 % read "完成度 100%（已完成 0/3）". Both now rest on the status: a task not
    declared done counts at most 99 (and a done task counts 100 whatever was typed); nothing
    reported counts 0.
    """
    if status == LineStatus.DONE:
        return 100
    return min(progress or 0, 99)


def _completion(tasks: list[TaskRollup]) -> int:
    """Mean counted progress over tasks (``counted_progress``); 100 exactly when every task is done."""
    if not tasks:
        return 0
    mean = sum(counted_progress(t.status, t.progress) for t in tasks) / len(tasks)
    # Rounding must not turn 99.6 into 100 while a task is still open.
    return min(round(mean), 99) if any(t.status != LineStatus.DONE for t in tasks) else 100


def _reported(cell: Cell) -> tuple[str, StrOrPromise, int | None]:
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
# The method (points per due report, nothing due = not ranked) is in ``supervision.scoring``
# (``ScoreRow`` and ``scorecard`` are imported above for the views and the export).

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


# ---------------------------------------------------------------- the reporting workflow (to-do, urging, notices)
# Added beside the board and scorecard functions above (whose numbers are another engineer's).

@dataclass
class OverdueReport:
    """A report the office may urge (催办): not handed in, past its due date."""

    report: DepartmentReport
    days_late: int
    times_urged: int
    urged_today: bool


def overdue_reports(*, round: Round, today: dt.date) -> list[OverdueReport]:
    """The round's overdue reports (most urged last), with how often each was urged: two queries."""
    from ipcity.supervision.models import Reminder

    if round.status != Round.Status.OPEN or round.due_date >= today:
        return []
    reports = list(DepartmentReport.objects.filter(round=round, status__in=NOT_HANDED_IN_STATUSES)
                   .select_related("department").order_by("department__name"))
    urges: dict[int, list[dt.date]] = defaultdict(list)
    for report_id, day in Reminder.objects.filter(report__in=reports, kind=Reminder.Kind.URGE).values_list(
            "report_id", "for_date"):
        urges[report_id].append(day)
    days = (today - round.due_date).days
    return [OverdueReport(report=r, days_late=days, times_urged=len(urges[r.pk]), urged_today=today in urges[r.pk])
            for r in reports]


@dataclass
class TodoItem:
    """One line of a reporter's to-do list on the home page."""

    report: DepartmentReport
    state: str  # "overdue", "returned", "due", "head_review"
    days_left: int  # negative: days late
    comment: str = ""
    task_comments: int = 0


TODO_ORDER = {"overdue": 0, "returned": 1, "head_review": 2, "due": 3}


def reporter_todo(user, today: dt.date) -> list[TodoItem]:
    """A reporter's open reports: overdue first, then returned (with the office's comment), then due.

    Only rounds already opened count; a report waiting for the department head is the head's to-do.
    """
    from ipcity.supervision.permissions import is_department_head

    dept = user_department_id(user)
    if dept is None:
        return []
    reports = (DepartmentReport.objects
               .filter(department_id=dept, round__status=Round.Status.OPEN, round__opens_on__lte=today,
                       round__program__in=access_programs(user), status__in=NOT_HANDED_IN_STATUSES)
               .select_related("round__program", "department")
               .annotate(n_task_comments=Count("task_lines", filter=~Q(task_lines__office_comment=""))))
    items = []
    for r in reports:
        days_left = (r.round.due_date - today).days
        if r.status == ReportStatus.HEAD_REVIEW:
            if not is_department_head(user, r.department):
                continue
            state = "head_review"
        elif r.status == ReportStatus.RETURNED:
            state = "returned"
        else:
            state = "overdue" if days_left < 0 else "due"
        items.append(TodoItem(report=r, state=state, days_left=days_left,
                              comment=r.office_comment if state == "returned" else "",
                              task_comments=r.n_task_comments if state == "returned" else 0))
    items.sort(key=lambda i: (TODO_ORDER[i.state], i.report.round.due_date, i.report.pk))
    return items


def office_waiting(user) -> list[tuple[Program, int, int]]:
    """(programme, reports waiting for review, reports overdue) of the programmes the office sees."""
    today = timezone.localdate()
    rows = (DepartmentReport.objects.filter(round__program__in=access_programs(user), round__status=Round.Status.OPEN)
            .values("round__program_id")
            .annotate(waiting=Count("id", filter=Q(status__in=WITH_OFFICE_STATUSES)),
                      overdue=Count("id", filter=Q(status__in=NOT_HANDED_IN_STATUSES, round__due_date__lt=today)))
            .filter(Q(waiting__gt=0) | Q(overdue__gt=0)))
    counts = {r["round__program_id"]: (r["waiting"], r["overdue"]) for r in rows}
    programs = Program.objects.filter(pk__in=counts).order_by("title")
    return [(p, *counts[p.pk]) for p in programs]


def notifications_filtered(user, *, unread: bool = False, kind: str = ""):
    """The user's notifications, newest first, with the page's filters (unread only, one kind)."""
    qs = notifications_for(user, limit=None).select_related("program")
    if unread:
        qs = qs.filter(read_at__isnull=True)
    if kind in Notification.Kind.values:
        qs = qs.filter(kind=kind)
    return qs


def notification_kind_counts(user) -> list[tuple[str, StrOrPromise, int, int]]:
    """(kind, label, all, unread) for each kind the user has, for the filter bar."""
    rows = (Notification.objects.filter(user=user).values("kind")
            .annotate(n=Count("id"), unread=Count("id", filter=Q(read_at__isnull=True))))
    labels = dict(Notification.Kind.choices)
    found = {r["kind"]: (r["n"], r["unread"]) for r in rows}
    return [(k, labels[k], *found[k]) for k in Notification.Kind.values if k in found]


@dataclass
class NoticeGroup:
    key: str
    title: str
    items: list


def group_notifications(items, by: str = "program") -> list[NoticeGroup]:
    """The page's notices grouped by programme (or by kind), groups in order of their newest notice."""
    groups: dict[str, NoticeGroup] = {}
    other = _("其他")
    for n in items:
        if by == "kind":
            key, title = n.kind, n.get_kind_display()
        else:
            program = n.program or (n.report.round.program if n.report_id else None)
            key, title = (f"p{program.pk}", program.title) if program else ("none", other)
        groups.setdefault(key, NoticeGroup(key=key, title=title, items=[])).items.append(n)
    return list(groups.values())

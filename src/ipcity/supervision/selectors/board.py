"""The board of a round: one cell per department × task, coloured with the reason in words.

Red beats yellow beats blue (``cell_colour``); the method is ``docs/supervision-scoring.md``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ipcity.core.access import user_department_id
from ipcity.programs.models import Task
from ipcity.supervision.models import (
    BEHIND_STATUSES,
    NOT_HANDED_IN_STATUSES,
    DepartmentReport,
    LineStatus,
    ReportStatus,
    Round,
    TaskLine,
)
from ipcity.supervision.permissions import sees_all_departments
from ipcity.supervision.selectors.rounds import program_settings, schedule_progress

COLOURS = ("red", "yellow", "blue", "green", "grey")
# Kept in Chinese (the msgids); pages translate them when they show them.
COLOUR_WORDS = {"red": gettext_noop("逾期"), "yellow": gettext_noop("滞后"), "blue": gettext_noop("即将到期"),
                "green": gettext_noop("正常"), "grey": gettext_noop("未到期")}


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
        return str(REPORT_LABELS[self.report_status])  # in the active language

    @property
    def line_status_label(self) -> str:
        return str(LINE_LABELS.get(self.line_status, ""))


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


def round_cells(reporting_round: Round) -> list[Cell]:
    """Every task line of the round with its report and department, ordered by task, lead first.

    Three narrow queries (reports, tasks, lines) joined in Python: the 750 line rows carry only
    ids and numbers, so no per-row datetime or text conversion.
    """
    reports = {rid: (dept_id, dept, status, first is not None, returned) for rid, dept_id, dept, status, first, returned in
               DepartmentReport.objects.filter(round=reporting_round).values_list(
                   "id", "department_id", "department__name", "status", "first_submitted_at", "times_returned")}
    tasks = {tid: (ref, title, order) for tid, ref, title, order in
             Task.objects.filter(program_id=reporting_round.program_id).values_list("id", "ref", "title", "order")}
    lines = TaskLine.objects.filter(report__round=reporting_round).values_list("report_id", "task_id", "is_lead", "status", "progress")
    cells = []
    for report_id, task_id, is_lead, status, progress in lines:
        dept_id, dept, r_status, reported, returned = reports[report_id]
        ref, title, order = tasks[task_id]
        cells.append(Cell(dept_id, dept, task_id, ref, title, order, is_lead, report_id, r_status, reported,
                          returned, status, progress))
    cells.sort(key=lambda c: (c.task_order, c.task_id, not c.is_lead, c.department, c.department_id))
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


def board(*, reporting_round: Round, today: dt.date, department_id: int | None = None, colour: str = "",
          section: str = "", q: str = "", lead_only: bool = False, cells: list[Cell] | None = None) -> Board:
    """The board of a round, filtered. ``cells`` (from ``round_cells``) may be passed to share one read."""
    program = reporting_round.program
    cfg = program_settings(program)
    expected = schedule_progress(program, min(today, reporting_round.due_date))
    cells = list(cells if cells is not None else round_cells(reporting_round))
    departments, sections = {}, {}
    for cell in cells:
        cell.colour, cell.reason = cell_colour(cell, due=reporting_round.due_date, today=today, expected=expected,
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
    return Board(round=reporting_round, today=today, expected=expected, cells=cells, counts=counts,
                 # by name, then id: two units of one name (of two regions) in one order on any database
                 departments=sorted(departments.items(), key=lambda kv: (kv[1], kv[0])), sections=list(sections))




def board_cells(*, reporting_round: Round, user) -> list[Cell]:
    """The round's cells the user may see: every department's, or a reporter's own department's only."""
    cells = round_cells(reporting_round)
    if sees_all_departments(user):
        return cells
    own = user_department_id(user)
    return [c for c in cells if c.department_id == own]

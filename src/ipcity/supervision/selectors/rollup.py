"""The roll-up of a round: each task's status from its lead department's report (co-handlers
beside), per section, and the programme's 完成度."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from ipcity.core.templatetags.punctuation import colon, semicolon
from ipcity.programs.models import Task
from ipcity.supervision.models import LineStatus, Round
from ipcity.supervision.selectors.board import LINE_LABELS, Cell, round_cells

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


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
        """The co-handlers in one line (部门2：进度滞后 40%；部门3：未报送), cheaper than a template loop;
        the marks between them are the page's language's."""
        sep, mark = semicolon(), colon()
        return sep.join(f"{name}{mark}{label or '—'}" + (f" {p}%" if p is not None else "") for name, label, p in self.others)


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


def rollup(*, reporting_round: Round, cells: list[Cell] | None = None) -> tuple[list[SectionRollup], int]:
    """Task status from the lead department's report; co-handlers beside. (sections, programme %).

    Only what a department has handed in counts (a draft is not its word yet). A task whose lead
    has not reported shows 未报送 even when a co-handler has; a task with no lead at all is
    decided by its first co-handler. Tasks no department answers for count as not reported.
    """
    cells = cells if cells is not None else round_cells(reporting_round)
    by_task: dict[int, list[Cell]] = defaultdict(list)
    for cell in cells:  # ordered by task, lead first
        by_task[cell.task_id].append(cell)
    tasks = Task.objects.filter(program_id=reporting_round.program_id).order_by("order", "id").values_list("id", "ref", "title")
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


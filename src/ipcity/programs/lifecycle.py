"""The end of a programme's life: its period ends (已期满, derived) and the office archives it (已归档, stored).

- **已期满** (period ended): today (``timezone.localdate()``, Beijing's day) is after the plan's end
  year. Nothing is stored: the same programme reads 实施中 on 31 December and 已期满 on 1 January.
  The pages prompt the office to make the final evaluation (终期评估) and archive the programme.
- **已归档** (archived, ``Program.Status.ARCHIVED``): set by ``supervision.services.archiving``.
  An archived programme is read-only: every write service of the apps below the archiving one
  calls :func:`require_not_archived` and refuses with :class:`ProgramArchived` (a
  ``PermissionDenied``: 403 on a page and in the API, with the Chinese reason).

This module needs only the programme row, so every app may use it (programs is below them all).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ipcity.programs.models import Program

ACTIVE, ENDED, ARCHIVED = "active", "ended", "archived"
STATE_LABELS = {ACTIVE: gettext_lazy("实施中"), ENDED: gettext_lazy("已期满"), ARCHIVED: gettext_lazy("已归档")}


class ProgramArchived(PermissionDenied):
    """A write to an archived programme: refused, nothing written."""

    def __init__(self, program: Program):
        super().__init__(archived_message(program))
        self.program = program


def archived_message(program: Program) -> str:
    return _("项目“%(title)s”已归档，只能查看，不能再修改（填报实际值、发起轮次、修订规划、修改任务等均不可用）。"
             "如确需修改，请系统管理员先取消归档。") % {"title": program.title}


def is_archived(program: Program) -> bool:
    return program.status == Program.Status.ARCHIVED


def require_not_archived(program: Program | None) -> None:
    """Raise :class:`ProgramArchived` when ``program`` is archived. Reads the stored status again, so
    that an instance loaded before the archiving (a form opened earlier) is refused too.

    Inside a write's transaction the read holds the programme's row until the commit, so that the
    archiving cannot commit between this check and the write (hostile30): on PostgreSQL ``FOR KEY
    SHARE``, which writers share with each other and with ordinary updates of the row, and which
    the archiving's ``FOR UPDATE`` waits for (and a writer arriving while the archiving holds the
    row waits, then reads 已归档 and is refused). SQLite runs one write transaction at a time
    (IMMEDIATE). Lock order: call this before locking the write's own rows (a report, an
    indicator, a task): a plan revision locks the programme first and then those rows, and the
    other order would deadlock with it.
    """
    if program is None or program.pk is None:
        return
    if _stored_statuses([program.pk]).get(program.pk) == Program.Status.ARCHIVED:
        raise ProgramArchived(program)


def not_archived_among(program_ids: Iterable[int]) -> set[int]:
    """Of ``program_ids``, those whose stored status is not archived, read and held as
    :func:`require_not_archived` reads (``FOR KEY SHARE`` inside a PostgreSQL transaction): for a
    write that touches several programmes at once, such as the daily scan's reminders, which
    drops the archived ones instead of refusing. A programme that no longer exists is left out."""
    return {pk for pk, status in _stored_statuses(program_ids).items() if status != Program.Status.ARCHIVED}


def _stored_statuses(program_ids: Iterable[int]) -> dict[int, str]:
    ids = sorted(set(program_ids))
    if not ids:
        return {}
    if connection.vendor == "postgresql" and connection.in_atomic_block:
        table = connection.ops.quote_name(Program._meta.db_table)
        with connection.cursor() as cursor:
            # In id order, so that two transactions holding several programmes take them alike.
            cursor.execute(f"SELECT id, status FROM {table} WHERE id = ANY(%s) ORDER BY id FOR KEY SHARE",  # noqa: S608
                           [ids])
            return dict(cursor.fetchall())
    return dict(Program.objects.filter(pk__in=ids).values_list("pk", "status"))


def period_ended(program: Program, today: dt.date | None = None) -> bool:
    """The plan's period is over: today is after its end year (a 2022–2025 plan from 2026-01-01)."""
    today = today or timezone.localdate()
    return today.year > program.end_year


def ended_not_archived(programs: QuerySet[Program], today: dt.date) -> QuerySet[Program]:
    """Of ``programs``, those whose period has ended (:func:`period_ended`, in the database) and that
    are not archived yet: the ones waiting for their final evaluation and archiving."""
    return programs.filter(end_year__lt=today.year).exclude(status=Program.Status.ARCHIVED)


def program_state(program: Program, today: dt.date | None = None) -> str:
    """``archived`` (stored), else ``ended`` (derived from today), else ``active``."""
    if is_archived(program):
        return ARCHIVED
    return ENDED if period_ended(program, today) else ACTIVE


def state_label(state: str) -> str:
    return str(STATE_LABELS[state])

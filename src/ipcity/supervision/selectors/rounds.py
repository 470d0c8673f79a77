"""The programme's supervision settings, its rounds, the current round and the schedule
(the share of the plan's period gone by) that progress is held against."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Exists, OuterRef, Q

from ipcity.programs.models import Program
from ipcity.supervision.models import (
    NOT_HANDED_IN_STATUSES,
    WITH_OFFICE_STATUSES,
    DepartmentReport,
    ReportStatus,
    Round,
    SupervisionSettings,
)


def program_settings(program: Program) -> SupervisionSettings:
    """The programme's settings (defaults when never saved); kept on the instance for the request."""
    cached = getattr(program, "_supervision_settings", None)
    if cached is None:
        cached = SupervisionSettings.objects.filter(program=program).first() or SupervisionSettings(program=program)
        setattr(program, "_supervision_settings", cached)  # noqa: B010
    return cached


def current_round(program: Program) -> Round | None:
    """The earliest open round not yet fully accepted; else the latest open one; else the latest.

    Rounds due on the same day are told apart by creation (the later one is the latest), not
    left to the database's order of ties."""
    rounds = Round.objects.filter(program=program)
    pending = Exists(DepartmentReport.objects.filter(round=OuterRef("pk")).exclude(status=ReportStatus.ACCEPTED))
    found = rounds.filter(status=Round.Status.OPEN).filter(pending).order_by("due_date", "id").first()
    latest = ("-due_date", "-id")
    return found or rounds.filter(status=Round.Status.OPEN).order_by(*latest).first() or rounds.order_by(*latest).first()


def rounds_of(program: Program):
    """The programme's rounds, due last first; of two due the same day, the later created first
    (the reports take a year's first round here as the one due last)."""
    return (Round.objects.filter(program=program).order_by("-due_date", "-id")
            .annotate(n_reports=Count("reports"),
                      n_accepted=Count("reports", filter=Q(reports__status=ReportStatus.ACCEPTED)),
                      n_waiting=Count("reports", filter=Q(reports__status__in=WITH_OFFICE_STATUSES))))


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


def outstanding_reports(department) -> int:
    """The department's reports not yet handed in, in open rounds: the work a merge hands on
    (``services.rounds.reports_follow_department_merge``) and that keeps it from being retired."""
    return DepartmentReport.objects.filter(department=department, round__status=Round.Status.OPEN,
                                           status__in=NOT_HANDED_IN_STATUSES).count()

"""Demo data for supervision: two rounds per demo programme, with reports in every state.

- 「示例：前期工作推进情况」, due ten days ago: most reports accepted, some still missing (red).
- 「示例：年度工作推进情况」, due in five days: accepted, submitted, returned, returned twice,
  self-reported behind, untouched drafts. The demo reporters' own reports are left open
  (one draft, one returned) so a person trying the demo has something to fill in; in a plan
  whose period is over (one round only), theirs are left open in that round.
- A filled report's indicator values continue the monitoring demo's sample series
  (``ipcity.monitoring.demo.sample_value``), labelled 示例数据 like them.

Idempotent: a programme that already has its demo rounds is left alone. Every change goes
through the services, so the audit trail and the notifications are those of real use.
"""

from __future__ import annotations

import datetime as dt
from typing import TextIO

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from ipcity.core.models import Profile, Role
from ipcity.monitoring.demo import SAMPLE_NOTE, SAMPLE_SOURCE, sample_value
from ipcity.programs.models import Program
from ipcity.supervision.calendar import next_working_day
from ipcity.supervision.models import DepartmentReport, LineStatus, Round
from ipcity.supervision.selectors.rounds import expected_progress
from ipcity.supervision.services import office_review, report_filling, rounds

CURRENT_STATES = ["accepted", "submitted", "returned", "behind", "returned_twice", "draft"]


def _office_user():
    User = get_user_model()
    return (User.objects.filter(Q(profile__role=Role.OFFICE) | Q(is_superuser=True)).order_by("pk").first())


def _fill(report: DepartmentReport, *, behind: bool = False) -> DepartmentReport:
    # On schedule: a little ahead of the time-proportional progress at the due date.
    progress = min(100, expected_progress(report.round.program, report.round.due_date) + 3)
    lines = {}
    for index, line in enumerate(report.task_lines.all()):
        slow = behind and index == 0
        lines[line.task_id] = {
            "status": LineStatus.BEHIND if slow else (LineStatus.DONE if progress + index % 4 >= 100
                                                      else LineStatus.ON_TRACK),
            "progress": max(10, progress - 40) if slow else min(100, progress + index % 4),
            "done": "按计划推进，已召开专题会议并形成工作台账。",
            "reason": "项目资金下达晚于预期。" if slow else "",
            "remedy": "已协调财政部门加快拨付，下月底前补齐进度。" if slow else "",
        }
    # The value on the indicator's sample trajectory, labelled as sample data like monitoring's; an
    # indicator the trajectories leave without one stays blank (not reported) rather than invented.
    values = {}
    for row in report.indicator_values.select_related("indicator__program"):
        value = sample_value(row.indicator, row.year)
        if value is not None:
            values[row.indicator_id] = {"value": value, "source": SAMPLE_SOURCE, "note": SAMPLE_NOTE}
    return report_filling.report_save(report=report, user=None, expected_version=report.version,
                                data=report_filling.ReportInput(summary="本期工作总体按计划推进。", lines=lines, values=values))


def _play(report: DepartmentReport, state: str, office) -> None:
    """Walk one report through the review path to ``state``."""
    if state == "draft":
        return
    report = _fill(report, behind=state == "behind")
    report = report_filling.report_submit(report=report, user=None)
    if state in ("returned", "returned_twice"):
        report = office_review.report_return(report=report, user=office, comment="请补充量化成效和佐证材料。")
        if state == "returned_twice":
            report = report_filling.report_submit(report=report, user=None)
            office_review.report_return(report=report, user=office, comment="佐证材料仍不完整，请补充。")
    elif state == "accepted":
        office_review.report_accept(report=report, user=office)


def _demo_departments() -> set[int]:
    return set(Profile.objects.filter(role=Role.REPORTER, user__username__startswith="reporter")
               .values_list("department_id", flat=True))


def _round(program: Program, office, *, key: str, title: str, due: dt.date) -> Round | None:
    if Round.objects.filter(program=program, key=key).exists():
        return None
    rnd = rounds.round_create(program=program, user=office, title=title, due=due,
                                opens_on=dt.date(due.year, 1, 1))
    Round.objects.filter(pk=rnd.pk).update(key=key)  # a fixed key makes the demo idempotent
    rnd.refresh_from_db()
    return rnd


def load_demo(*, stdout: TextIO) -> None:
    office = _office_user()
    if office is None:
        stdout.write("督查督办示例：没有办公室账户，跳过。\n")
        return
    today = timezone.localdate()
    demo_departments = _demo_departments()
    for program in Program.objects.filter(status=Program.Status.ACTIVE).order_by("pk")[:10]:
        past_due = today - dt.timedelta(days=10)
        current_due: dt.date | None = next_working_day(today + dt.timedelta(days=5))
        if current_due and rounds.round_period_problem(program, rounds.round_period_year(current_due)):
            # The plan's period is over (no round may ask for a later year): its last annual round only.
            past_due, current_due = dt.date(program.end_year, 12, 15), None
        if rounds.round_period_problem(program, rounds.round_period_year(past_due)):
            stdout.write(f"督查督办示例：{program.title} 尚未进入规划期，跳过。\n")
            continue
        past = _round(program, office, key="demo:past", title=f"示例：{past_due.year}年前期工作推进情况",
                      due=past_due)
        current = current_due and _round(program, office, key="demo:current",
                                         title=f"示例：{current_due.year}年度工作推进情况", due=current_due)
        if past is None and current is None:
            stdout.write(f"督查督办示例已存在：{program.title}\n")
            continue
        reports = list(DepartmentReport.objects.filter(round__in=[r for r in (past, current) if r])
                       .select_related("round__program", "department").order_by("round__due_date", "department__name"))
        mine = iter(["draft", "returned"])
        # The demo reporters' reports stay open in the round they can still fill: the current one, or
        # the last one of a plan whose period is over (铜陵市's 2022–2025, if reporters sit there).
        open_round = current or past
        for index, report in enumerate(reports):
            if report.round == open_round and report.department_id in demo_departments:
                state = next(mine, "draft")
            elif report.round == past:
                state = "draft" if index % 4 == 3 else "accepted"
            else:
                state = CURRENT_STATES[index % len(CURRENT_STATES)]
            _play(report, state, office)
            if report.round == past and state == "accepted" and index % 2 == 0:
                # Simulated history: half the first-half reports came in on time, before the due date.
                on_time = timezone.make_aware(dt.datetime.combine(past.due_date - dt.timedelta(days=1), dt.time(10)))
                DepartmentReport.objects.filter(pk=report.pk).update(first_submitted_at=on_time)
        stdout.write(f"督查督办示例：{program.title}（{len(reports)} 份部门报告）\n")

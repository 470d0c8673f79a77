"""The 终期评估报告 (final evaluation report) of a programme whose plan period has ended or that has
been archived: what the office hands the provincial office / CNIPA at the 验收 of a pilot city.

Its figures are the 终期评估 page's (``supervision.selectors.final_evaluation.final_evaluation``: the
same call, frozen here, never computed a second time): each indicator's final value against its
final target with 已达成 / 未达成 / 无数据 / 无数值目标, and each task section's completion from the
last round in which departments handed in reports. A programme whose plan is still running is
refused (``ReportRefused``).
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ipcity.monitoring.selectors import current_actuals
from ipcity.programs.lifecycle import ACTIVE, ARCHIVED, period_ended
from ipcity.programs.models import Program
from ipcity.reports.snapshot.common import (
    ReportDataMissing,
    ReportRefused,
    as_of_date,
    clean,
    now_stamp,
    program_header,
)
from ipcity.supervision.models import LineStatus
from ipcity.supervision.selectors.final_evaluation import FinalReport, IndicatorFinal, final_evaluation

NOT_ENDED = gettext_noop("规划期至 %(end)s 年，尚未结束：终期评估报告在规划期结束后（%(next)s 年起）或项目归档后生成")


def build(*, program: Program, **_ignored) -> tuple[dict, dict]:
    snapshot = {"kind": "final", "program": program_header(program), "year": program.end_year, **now_stamp()}
    report = final_evaluation(program, as_of_date(snapshot))
    if report.state == ACTIVE:
        raise ReportRefused([(NOT_ENDED, {"end": program.end_year, "next": program.end_year + 1})])
    if not report.indicators and report.reporting_round is None:
        raise ReportDataMissing([(gettext_noop("项目没有指标，也没有督查轮次，终期评估无可报告的内容"), {})])
    rnd = report.reporting_round
    snapshot.update({
        "state": report.state, "archived": report.state == ARCHIVED,
        # archived before its period ended (a plan replaced early): the report must not say it has ended
        "period_ended": period_ended(program, report.today),
        "indicators": [indicator_row(row) for row in report.indicators],
        "counts": [{"code": c["code"], "word": str(c["word"]), "count": c["count"]} for c in report.counts],
        "round": ({"id": rnd.pk, "title": rnd.title, "period_year": rnd.period_year,
                   "due_date": rnd.due_date.isoformat()} if rnd else None),
        "sections": [section_row(section, title) for section, title in report.sections],
        "completion": report.completion, "tasks_done": report.tasks_done, "task_total": report.task_total,
    })
    return snapshot, _source(report, snapshot)


def indicator_row(row: IndicatorFinal) -> dict:
    e, ind = row.evaluation, row.indicator
    return {"id": ind.pk, "name": ind.name, "unit": ind.unit or "", "result": e.result, "word": str(row.label),
            "final_year": e.final_year, "final_target": clean(e.final_target), "comparator": row.comparator,
            "value": clean(e.value), "value_year": e.value_year, "from_earlier_year": e.from_earlier_year,
            "value_kind": e.kind, "years_in_mean": list(e.years_in_mean),
            "source": (row.actual.source or "") if row.actual is not None else "",
            "qualitative_target": ind.qualitative_target or ""}


def section_row(section, title: str) -> dict:
    """A task section as the page shows it (its title path), with the tasks not yet 已完成."""
    # A plan loaded without its text knows a section by its ref only (三/（一）): the heading is then
    # the ref without its slashes, which the composer names as a part of the plan (as the annual report does).
    heading = title.split(" › ")[-1] if title not in (section.section, "—") else section.section.replace("/", "")
    return {"section": section.section, "title": title, "heading": heading or _("其他任务"),
            "count": len(section.tasks), "done": section.done, "completion": section.completion,
            "unfinished": [{"ref": t.ref, "title": t.title, "department": t.decided_by,
                            "status_label": str(t.status_label), "progress": t.progress}
                           for t in section.tasks if t.status != LineStatus.DONE]}


def _source(report: FinalReport, snapshot: dict) -> dict:
    """The value records behind each final value (the one record of a ``level`` indicator, the
    averaged years' of an ``average`` one), the round, the date."""
    records = []
    for row in report.indicators:
        e = row.evaluation
        used = ([row.actual] if row.actual is not None
                else [a for a in current_actuals(row.indicator) if a.year in e.years_in_mean] if e.kind == "average"
                else [])
        records += [{"indicator_id": row.indicator.pk, "record_id": a.pk, "year": a.year, "value": clean(a.value),
                     "entered_at": a.entered_at.isoformat(timespec="seconds"), "source": a.source} for a in used]
    rnd = report.reporting_round
    return {"value_records": records, "as_of_date": snapshot["as_of_date"],
            "round": {"id": rnd.pk, "title": rnd.title, "period_year": rnd.period_year} if rnd else None}

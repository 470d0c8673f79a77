"""终期评估 (the final evaluation) of a programme: each indicator's final value against its final
target (``ipcity.progress.final``, on the values monitoring holds) and each task section's completion
from the last round (``rollup``). Read by the page, its .xlsx and the archiving form."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext_lazy

from ipcity.monitoring.models import IndicatorActual
from ipcity.monitoring.selectors import current_actuals, indicator_input, indicators_for_judging
from ipcity.programs.lifecycle import program_state
from ipcity.programs.models import Indicator, Program
from ipcity.programs.sections import section_titles
from ipcity.progress.final import FinalEvaluation, evaluate_final
from ipcity.progress.inputs import Point
from ipcity.supervision.models import NOT_HANDED_IN_STATUSES, WITH_OFFICE_STATUSES, DepartmentReport, Round
from ipcity.supervision.selectors.rollup import SectionRollup, rollup

# result → (words, badge colour)
RESULT_LABELS = {
    "achieved": (gettext_lazy("已达成"), "green"),
    "not_achieved": (gettext_lazy("未达成"), "red"),
    "no_data": (gettext_lazy("无数据"), "grey"),
    "no_target": (gettext_lazy("无数值目标"), "grey"),
}
COMPARATOR_WORDS = {">=": "≥", "<=": "≤", "=": "="}


@dataclass
class IndicatorFinal:
    indicator: Indicator
    evaluation: FinalEvaluation
    actual: IndicatorActual | None  # the value row the final value is (kind level), for its source

    @property
    def label(self):
        return RESULT_LABELS[self.evaluation.result][0]

    @property
    def colour(self) -> str:
        return RESULT_LABELS[self.evaluation.result][1]

    @property
    def comparator(self) -> str:
        return COMPARATOR_WORDS.get(self.evaluation.comparator or "", "")


@dataclass
class FinalReport:
    program: Program
    today: dt.date
    state: str  # lifecycle: active / ended / archived
    indicators: list[IndicatorFinal]
    counts: list[dict]
    reporting_round: Round | None
    sections: list[tuple[SectionRollup, str]] = field(default_factory=list)  # (section, its title)
    completion: int = 0
    open_rounds: list[Round] = field(default_factory=list)
    awaiting_review: int = 0  # reports handed in and not yet reviewed: archiving leaves them unreviewed

    @property
    def tasks_done(self) -> int:
        return sum(s.done for s, _title in self.sections)

    @property
    def task_total(self) -> int:
        return sum(len(s.tasks) for s, _title in self.sections)


def last_round(program: Program) -> Round | None:
    """The round the task completion is read from: the latest (by 所报年度, then due date) in which
    at least one department has handed in its report; else the latest round; None without rounds."""
    rounds = Round.objects.filter(program=program).order_by("-period_year", "-due_date", "-id")
    handed_in = (DepartmentReport.objects.filter(round__program=program)
                 .exclude(status__in=NOT_HANDED_IN_STATUSES).values("round_id"))
    return rounds.filter(pk__in=handed_in).first() or rounds.first()


def open_rounds(program: Program) -> list[Round]:
    return list(Round.objects.filter(program=program, status=Round.Status.OPEN).order_by("due_date", "id"))


def indicator_finals(program: Program) -> list[IndicatorFinal]:
    rows = []
    for indicator in indicators_for_judging([program.pk]).order_by("order", "id"):
        actuals = current_actuals(indicator)
        evaluation = evaluate_final(indicator_input(indicator), [Point(a.year, a.value) for a in actuals])
        actual = (next((a for a in actuals if a.year == evaluation.value_year), None)
                  if evaluation.kind == "level" else None)
        rows.append(IndicatorFinal(indicator=indicator, evaluation=evaluation, actual=actual))
    return rows


def final_evaluation(program: Program, today: dt.date | None = None) -> FinalReport:
    """The whole programme (the page is the office's and the leaders': no department scoping)."""
    today = today or timezone.localdate()
    finals = indicator_finals(program)
    counts = [{"code": code, "word": word, "colour": colour,
               "count": sum(1 for f in finals if f.evaluation.result == code)}
              for code, (word, colour) in RESULT_LABELS.items()]
    rnd = last_round(program)
    sections: list[tuple[SectionRollup, str]] = []
    completion = 0
    if rnd is not None:
        rolled, completion = rollup(reporting_round=rnd)
        titles = section_titles(program.source_text, [s.section for s in rolled])
        sections = [(s, " › ".join(titles.get(s.section) or []) or s.section or "—") for s in rolled]
    return FinalReport(program=program, today=today, state=program_state(program, today), indicators=finals,
                       counts=counts, reporting_round=rnd, sections=sections, completion=completion,
                       open_rounds=open_rounds(program),
                       awaiting_review=DepartmentReport.objects.filter(
                           round__program=program, status__in=WITH_OFFICE_STATUSES).count())

"""Reads of the public side: ONLY what the office has published, and nothing else.

Every public page, download, the sitemap and the static export read through this module, and it
filters on the publication flags in the query itself (never fetches and then hides), so that an
unpublished indicator or programme cannot reach a public response by any path. Verdicts are
``ipcity.monitoring.selectors.judge`` (the same as the dashboard's) on the published indicators.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from ipcity.monitoring import selectors as monitoring
from ipcity.monitoring.models import IndicatorActual
from ipcity.monitoring.verdict_steps import criteria_steps, explain
from ipcity.programs.models import Indicator, Program
from ipcity.progress.method import Thresholds
from ipcity.publication.models import IndicatorPublication, ProgramPublication
from ipcity.reports.models import Kind, ReportVersion

PUBLIC_INDICATOR = Q(publication__published=True, program__publication__published=True)


def public_programs() -> QuerySet[Program]:
    """Published programmes, each with ``public_indicator_count``."""
    return (Program.objects.filter(publication__published=True)
            .select_related("region", "publication")
            .annotate(public_indicator_count=Count("indicators", filter=Q(indicators__publication__published=True)))
            .order_by("-start_year", "title", "pk"))


def public_program(program_id: int) -> Program:
    """The published programme, or 404 (the same answer as for one that does not exist)."""
    program = public_programs().filter(pk=program_id).first()
    if program is None:
        raise Http404("未公开")
    return program


def public_indicators(program: Program) -> QuerySet[Indicator]:
    return monitoring.indicators_for_judging([program.pk]).filter(PUBLIC_INDICATOR).order_by("order", "pk")


@dataclass
class PublicIndicator:
    verdict: monitoring.Verdict
    chart: dict
    steps: list[dict]
    rows: list[dict]  # the chart's table alternative: one row per year
    # A computed high-value figure the verdict rests on was counted without some criteria (no SEI
    # table, no pledge threshold): said as on the office's indicator page ("" when not).
    criteria_note: str = ""

    @property
    def indicator(self) -> Indicator:
        return self.verdict.indicator


def _judged(indicator: Indicator, thresholds: Thresholds) -> PublicIndicator:
    """The verdict, chart and steps of one published indicator, from what ``indicators_for_judging``
    fetched for the whole page: the criteria note reads the prefetched current values (their
    lineage), so a page of any number of indicators asks nothing more per indicator."""
    verdict = monitoring.judge(indicator, thresholds)
    chart = monitoring.chart_data(verdict)
    partial = criteria_steps(verdict.assessment, monitoring.current_actuals(indicator))
    return PublicIndicator(verdict=verdict, chart=chart, steps=explain(verdict.assessment, indicator.unit or "") + partial,
                           rows=chart_rows(chart), criteria_note=partial[0]["text"] if partial else "")


def public_verdicts(program: Program) -> list[PublicIndicator]:
    thresholds = monitoring.program_thresholds(program)
    return [_judged(ind, thresholds) for ind in public_indicators(program)]


def public_indicator(program: Program, indicator_id: int) -> PublicIndicator:
    indicator = public_indicators(program).filter(pk=indicator_id).first()
    if indicator is None:
        raise Http404("未公开")
    return _judged(indicator, monitoring.program_thresholds(program))


def chart_rows(chart: dict) -> list[dict]:
    """Year by year, every series of the chart: what a screen reader (or a printout) reads instead."""
    by_year: dict[int, dict] = {}
    for series in ("actual", "plan", "projection", "reference"):
        for year, value in chart.get(series, []):
            by_year.setdefault(int(year), {"year": int(year)})[series] = value
    return [by_year[y] for y in sorted(by_year)]


def value_sources(indicator: Indicator) -> dict[int, str]:
    """The source named for each current value (public: who entered it and notes are not)."""
    rows = IndicatorActual.objects.filter(indicator=indicator, is_current=True).values_list("year", "source")
    return dict(rows)


def public_whitepapers(program: Program) -> list[ReportVersion]:
    """The programme's white papers that the office published (``published_at`` set by the reports
    app), finished and with a file; shown only while the programme itself is published."""
    return list(ReportVersion.objects.filter(program=program, program__publication__published=True,
                                             kind=Kind.WHITEPAPER, status=ReportVersion.Status.DONE,
                                             published_at__isnull=False)
                .exclude(file="").order_by("-year", "-published_at", "-pk"))


def public_whitepaper(program: Program, version_id: int, fmt: str) -> ReportVersion:
    version = next((v for v in public_whitepapers(program) if v.pk == version_id and v.fmt == fmt), None)
    if version is None:
        raise Http404("未公开")
    return version


# ---------------------------------------------------------------- the office's publication page

@dataclass
class ManageRow:
    indicator: Indicator
    published: bool


def publication_state(program: Program) -> tuple[ProgramPublication | None, list[ManageRow]]:
    """The programme's publication and every indicator with its flag (for the office's 公开 tab)."""
    row = ProgramPublication.objects.filter(program=program).first()
    flags = dict(IndicatorPublication.objects.filter(indicator__program=program).values_list("indicator_id", "published"))
    indicators = Indicator.objects.filter(program=program).order_by("order", "pk")
    return row, [ManageRow(indicator=ind, published=flags.get(ind.pk, False)) for ind in indicators]

"""Reads of the monitoring app: each indicator judged by ``ipcity.progress.method``.

Queries are fixed in number per page (prefetching targets, current actuals and references), so
a dashboard costs the same few queries whether it has 5 indicators or 50.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from ipcity.monitoring import labels
from ipcity.monitoring.models import (
    ActualImport,
    IndicatorActual,
    IndicatorLink,
    ProgramThresholds,
    ReferenceValue,
    StandardIndicator,
)
from ipcity.programs.access import access_programs
from ipcity.programs.models import Indicator, Program
from ipcity.progress.inputs import IndicatorInput, Point, Target
from ipcity.progress.method import Assessment, Thresholds, assess


def indicator_years(indicator: Indicator) -> range:
    """The years a value may be given for: from the baseline (or plan start) to the plan's end."""
    program = indicator.program
    first = min(y for y in (program.start_year, indicator.baseline_year) if y)
    last = program.end_year
    targets = getattr(indicator, "_prefetched_objects_cache", {}).get("targets")
    target_years = [t.year for t in (targets if targets is not None else indicator.targets.all())]
    if target_years:  # a plan may set a target just beyond its own period
        last = max(last, max(target_years))
    return range(first, last + 1)


def reported_year(years: range, today: dt.date) -> int:
    """The year a value typed at ``today`` is most likely for, among ``years``: the year being
    reported on (January–June the year before, July–December this year, as a round's 所报年度),
    kept within ``years``. In January 2027 a 2025–2027 plan's value form proposes 2026, not 2027."""
    year = today.year if today.month >= 7 else today.year - 1
    return min(max(year, years.start), years.stop - 1)


def program_thresholds(program: Program) -> Thresholds:
    row = ProgramThresholds.objects.filter(program=program).first()
    return Thresholds(near=row.near, on_track=row.on_track, acceleration=row.acceleration) if row else Thresholds()


def thresholds_edit_state(thresholds: Thresholds | ProgramThresholds) -> dict:
    """What the thresholds form edits (the same for a programme with no row yet and one holding the
    defaults): its edit stamp (``core.edit_stamps``) is made of this."""
    return {"near": thresholds.near, "on_track": thresholds.on_track, "acceleration": thresholds.acceleration}


def indicators_for_judging(programs: QuerySet | list) -> QuerySet:
    """Indicators with everything the verdict needs, in a fixed number of queries."""
    return (Indicator.objects.filter(program__in=programs)
            .select_related("program__region", "owner_department")
            .prefetch_related(
                "targets",
                Prefetch("actuals", queryset=IndicatorActual.objects.filter(is_current=True).order_by("year"),
                         to_attr="current_actuals"),
                Prefetch("reference_values", to_attr="references"),
            ))


def recordable_indicators(program: Program, department_id: int | None) -> list[Indicator]:
    qs = Indicator.objects.filter(program=program).select_related("program").prefetch_related("targets")
    if department_id is not None:
        qs = qs.filter(owner_department_id=department_id)
    return list(qs)


def department_indicators(user, department_id: int) -> list[Indicator]:
    """A department's indicators in every programme the user can see (the department template), but
    not those of an archived programme: it takes no values (``programs.lifecycle``)."""
    from ipcity.programs.access import access_programs

    programs = access_programs(user).exclude(status=Program.Status.ARCHIVED).values("pk")
    return list(Indicator.objects.filter(program__in=programs, owner_department_id=department_id)
                .select_related("program").prefetch_related("targets").order_by("program__title", "program_id", "order"))


def current_values(indicators: list[Indicator]) -> dict[tuple[int, int], float]:
    rows = IndicatorActual.objects.filter(indicator__in=indicators, is_current=True).values_list("indicator_id", "year", "value")
    return {(i, y): v for i, y, v in rows}


def indicator_input(indicator: Indicator) -> IndicatorInput:
    baseline = (Point(indicator.baseline_year, indicator.baseline_value)
                if indicator.baseline_year is not None and indicator.baseline_value is not None else None)
    targets = sorted(indicator.targets.all(), key=lambda t: t.year)
    return IndicatorInput(
        unit=indicator.unit, baseline=baseline,
        targets=tuple(Target(t.year, t.value, t.comparator) for t in targets),
        tags=tuple(indicator.tags or ()), qualitative_target=indicator.qualitative_target,
        direction=indicator.direction or None,
        reference=tuple(Point(r.year, r.value) for r in _references(indicator)),
    )


def current_actuals(indicator: Indicator) -> list[IndicatorActual]:
    """The indicator's current values by year: those ``indicators_for_judging`` prefetched (no
    query), or fetched."""
    cached = getattr(indicator, "current_actuals", None)
    if cached is not None:
        return cached
    return list(indicator.actuals.filter(is_current=True).order_by("year"))


def _references(indicator: Indicator) -> list[ReferenceValue]:
    cached = getattr(indicator, "references", None)
    return cached if cached is not None else list(indicator.reference_values.all())


@dataclass
class Verdict:
    """One indicator judged at one year, with the year before for comparison."""

    indicator: Indicator
    series: list[Point]
    assessment: Assessment
    previous: Assessment | None = None
    worse: list[str] = field(default_factory=list)

    @property
    def year_badge(self) -> dict:
        return labels.year_badge(self.assessment.year_status)

    @property
    def outlook_badge(self) -> dict:
        return labels.outlook_badge(self.assessment.outlook)

    @property
    def previous_year_badge(self) -> dict | None:
        return labels.year_badge(self.previous.year_status) if self.previous else None

    @property
    def previous_outlook_badge(self) -> dict | None:
        return labels.outlook_badge(self.previous.outlook) if self.previous else None

    @property
    def latest(self) -> Point | None:
        return self.series[-1] if self.series else None

    @property
    def sparkline(self) -> str:
        return sparkline_points(self.series)


def judge(indicator: Indicator, thresholds: Thresholds, as_of: int | None = None) -> Verdict:
    series = [Point(a.year, a.value) for a in current_actuals(indicator)]
    ind = indicator_input(indicator)
    if as_of is None and series:
        as_of = series[-1].year
    assessment = assess(ind, series, as_of, thresholds)
    verdict = Verdict(indicator=indicator, series=series, assessment=assessment)
    if as_of is not None:
        earlier = [p for p in series if p.year < as_of]
        verdict.previous = assess(ind, earlier, as_of - 1, thresholds)
        verdict.worse = _what_got_worse(verdict.previous, assessment)
    return verdict


def _what_got_worse(before: Assessment, now: Assessment) -> list[str]:
    worse = []
    if (before.year_status in labels.YEAR_RANK and now.year_status in labels.YEAR_RANK
            and labels.YEAR_RANK[now.year_status] > labels.YEAR_RANK[before.year_status]):
        worse.append("year_status")
    if (before.outlook in labels.OUTLOOK_RANK and now.outlook in labels.OUTLOOK_RANK
            and labels.OUTLOOK_RANK[now.outlook] > labels.OUTLOOK_RANK[before.outlook]):
        worse.append("outlook")
    return worse


def sparkline_points(series: list[Point], width: int = 90, height: int = 22) -> str:
    """The ``points`` of an inline SVG polyline; no JavaScript needed for a row's trend."""
    if len(series) < 2:
        return ""
    low, high = min(p.value for p in series), max(p.value for p in series)
    span = (high - low) or 1
    first, last = series[0].year, series[-1].year
    years = (last - first) or 1
    return " ".join(f"{(p.year - first) / years * width:.1f},{height - 2 - (p.value - low) / span * (height - 4):.1f}"
                    for p in series)


# ---------------------------------------------------------------- the programme dashboard

@dataclass
class Dashboard:
    program: Program
    thresholds: Thresholds
    verdicts: list[Verdict]
    year_counts: list[dict]
    outlook_counts: list[dict]
    worse: list[Verdict]
    departments: list
    filters: dict


def _visible(indicators: QuerySet, user, program: Program) -> QuerySet:
    """Only what ``programs.access.access_indicators`` lets the user see (a reporter: its own)."""
    from ipcity.programs.access import access_indicators

    return indicators.filter(pk__in=access_indicators(user, program).values("pk"))


def program_dashboard(program: Program, *, user, year_status: str = "", outlook: str = "",
                      department_id: int | None = None, worse_only: bool = False, as_of: int | None = None) -> Dashboard:
    """The programme's indicators judged, as ``user`` may see them (``user`` is required so that no
    caller can show a reporter another department's indicators)."""
    thresholds = program_thresholds(program)
    indicators = list(_visible(indicators_for_judging([program.pk]), user, program))
    verdicts = [judge(ind, thresholds, as_of) for ind in indicators]
    year_counts = _counts(verdicts, labels.YEAR_STATUS, lambda v: v.assessment.year_status, "year_status")
    outlook_counts = _counts(verdicts, labels.OUTLOOK, lambda v: v.assessment.outlook, "outlook")
    departments = sorted({ind.owner_department for ind in indicators if ind.owner_department}, key=lambda d: d.name)
    shown = [v for v in verdicts
             if (not year_status or v.assessment.year_status == year_status)
             and (not outlook or v.assessment.outlook == outlook)
             and (department_id is None or v.indicator.owner_department_id == department_id)
             and (not worse_only or v.worse)]
    return Dashboard(program=program, thresholds=thresholds, verdicts=shown, year_counts=year_counts,
                     outlook_counts=outlook_counts, worse=[v for v in verdicts if v.worse], departments=departments,
                     filters={"year_status": year_status, "outlook": outlook, "department": department_id,
                              "worse": worse_only, "as_of": as_of})


def _counts(verdicts: list[Verdict], table: dict, key, param: str) -> list[dict]:
    counts = {code: 0 for code in table}
    for verdict in verdicts:
        counts[key(verdict)] = counts.get(key(verdict), 0) + 1
    return [{"code": code, "param": param, "word": table[code][0], "colour": table[code][1], "count": counts[code]}
            for code in table]


# ---------------------------------------------------------------- one indicator

def indicator_for_page(program: Program, indicator_id: int, *, user) -> Indicator | None:
    """The indicator with what its page needs (its catalogue link too); None when ``user`` may not see it."""
    return (_visible(indicators_for_judging([program.pk]), user, program).select_related("monitoring_link__standard")
            .filter(pk=indicator_id).first())


def value_history(indicator: Indicator) -> list[IndicatorActual]:
    """Every value ever recorded, current and superseded, newest first within a year."""
    return list(indicator.actuals.select_related("entered_by").order_by("-year", "-entered_at", "-pk"))


def chart_data(verdict: Verdict) -> dict:
    """ECharts series: actual values, the plan trajectory, the projection (dashed), references."""
    ind, a = verdict.indicator, verdict.assessment
    plan = ([[ind.baseline_year, ind.baseline_value]] if ind.baseline_year and ind.baseline_value is not None else [])
    plan += [[t.year, t.value] for t in sorted(ind.targets.all(), key=lambda t: t.year)]
    projection = projection_points(a)
    years = [p.year for p in verdict.series] + [p[0] for p in plan] + [p[0] for p in projection]
    references = [[r.year, r.value] for r in _references(ind)]
    years += [r[0] for r in references]
    return {
        "years": list(range(min(years), max(years) + 1)) if years else [],
        "actual": [[p.year, p.value] for p in verdict.series],
        "plan": plan, "projection": projection, "reference": references, "unit": ind.unit or "",
    }


def projection_points(a: Assessment) -> list[list[float]]:
    """The pace so far carried from the judged year to the final year (the method's own formula)."""
    if a.method is None or a.final_year is None or a.as_of is None or a.value is None or a.final_year <= a.as_of:
        return []
    points = []
    for year in range(a.as_of, a.final_year + 1):
        if a.method == "cagr" and a.growth is not None:
            value = a.value * (1 + a.growth) ** (year - a.as_of)
        elif a.method == "linear" and a.start is not None:
            value = a.value + (a.value - a.start.value) / (a.as_of - a.start.year) * (year - a.as_of)
        else:
            value = a.value
        points.append([year, round(value, 6)])
    return points


# -- The catalogue of standard indicators and the office's links to it ----------------------------


def standard_catalogue() -> QuerySet[StandardIndicator]:
    """Every standard indicator of the catalogue, by code."""
    return StandardIndicator.objects.order_by("code")


def standard_find(standard_id: int | None) -> StandardIndicator | None:
    """One catalogue entry, or None."""
    return StandardIndicator.objects.filter(pk=standard_id).first() if standard_id is not None else None


def links_visible(user) -> QuerySet[IndicatorLink]:
    """The links of the indicators of the programmes the user sees."""
    return (IndicatorLink.objects.select_related("standard", "indicator")
            .filter(indicator__program__in=access_programs(user).values("pk")))


def pending_department_imports(department) -> int:
    """A unit's value imports waiting for confirmation: a merge hands them on."""
    return ActualImport.objects.filter(department=department, status=ActualImport.Status.PENDING).count()

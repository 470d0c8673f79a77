"""The white paper (知识产权发展与保护状况白皮书) of the programme's region for year Y, for the public.

Its figures are computed from the patent records, not copied from entered values: for each of
the programme's indicators whose current value was computed by the patent engine, the same
computation (``monitoring.engine_figures.compute_figure``, same dataset and parameters as its lineage)
is run for every year from the plan's start to Y, for the city and, where the dataset and the
reference data allow it, for its province and the country. The office's own text goes first.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

from ipcity.divisions import province_of
from ipcity.monitoring import engine_figures
from ipcity.monitoring import selectors as monitoring
from ipcity.programs.models import Program
from ipcity.reports.snapshot.common import ReportDataMissing, clean, now_stamp, program_header


def _figure(indicator, params: dict, region_code: str, year: int) -> float | None:
    try:
        return engine_figures.compute_figure(
            indicator=indicator, dataset=params["dataset"], region_code=region_code, year=year, key=params["key"],
            sei_rules=params.get("sei_rules"), sei_mode=params.get("sei_mode") or "ipc_only",
            pledge_threshold=params.get("pledge_threshold"), population=params.get("population")).value
    except engine_figures.EngineFigureError:
        return None


def build(*, program: Program, year: int, text: str = "", **_ignored) -> tuple[dict, dict]:
    series, datasets = [], set()
    first = program.start_year - 1
    for indicator in monitoring.indicators_for_judging([program.pk]).order_by("order", "pk"):
        current = [a for a in getattr(indicator, "current_actuals", []) if a.computed and a.lineage]
        if not current:
            continue
        params = dict(current[-1].lineage.get("parameters") or {})
        if not params.get("dataset") or not params.get("key"):
            continue
        datasets.add(params["dataset"])
        region = params.get("region_code") or program.region.code
        city = [[y, clean(_figure(indicator, params, region, y))] for y in range(first, year + 1)]
        city = [p for p in city if p[1] is not None]
        if not city:
            continue
        province_code = province_of(region)
        province = [] if province_code == region else [
            [y, clean(v)] for y in range(first, year + 1) if (v := _figure(indicator, params, province_code, y)) is not None]
        references = [[r.year, clean(r.value), r.label] for r in getattr(indicator, "references", []) if r.year <= year]
        series.append({"id": indicator.pk, "name": indicator.name, "unit": indicator.unit or "",
                       "key": params["key"], "key_label": engine_figures.KEYS.get(params["key"], params["key"]),
                       "city": city, "province": province, "references": references,
                       "latest": city[-1][1], "latest_year": city[-1][0]})
    if not series:
        raise ReportDataMissing([(gettext_noop("项目没有由专利数据计算的指标（请先在“监测 › 由专利数据计算”中计算并记录）"), {})])
    snapshot = {"kind": "whitepaper", "program": program_header(program), "year": year, **now_stamp(),
                "text": text, "series": series}
    return snapshot, {"datasets": sorted(datasets), "years": [first, year]}

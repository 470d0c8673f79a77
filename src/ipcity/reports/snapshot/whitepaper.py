"""The white paper (知识产权发展与保护状况白皮书) of the programme's region for year Y, for the public.

Its comparisons are computed from the patent records: for each of
the programme's indicators whose current value was computed by the patent engine, the same
computation (``monitoring.engine_figures.compute_figure``, same dataset and parameters as its lineage)
is run for every year from the plan's start to Y, for the city and, where the dataset and the
reference data allow it, for its province and the country. The office's own text goes first.

The city's own series prints, for a year with a recorded value (``IndicatorActual``, current), that
record: the office's figure of record, which the annual report and /monitoring/ print, so that the
two documents never give two numbers for one figure; the other years print the engine's figure. The
snapshot keeps the engine's figure beside each record (``city_records``) and the document says, per
indicator, which years are records and where a record differs from the engine. The province and the
country are not the office's records: they stay computed.

The country, in this order of preference:
- ``records``: when the dataset's records counted in the white paper's years lie in more than one
  province, the same computation for the whole country (``ipcity.divisions.COUNTRY``: every
  domestic record attributed to a region); a dataset of one province says nothing about the country;
- ``reference``: else the indicator's reference values that the office entered for the country
  (a ``ReferenceValue`` whose label names 全国, e.g. 全国平均水平);
- none: the document says so in one sentence, and prints no country column.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

from ipcity.divisions import COUNTRY, province_of
from ipcity.monitoring import engine_figures
from ipcity.monitoring import selectors as monitoring
from ipcity.programs.models import Program
from ipcity.reports.snapshot.common import ReportDataMissing, clean, now_stamp, program_header


def _figure(indicator, params: dict, region_code: str, year: int, *, own_region: bool = False) -> float | None:
    """The lineage's figure for ``region_code`` and ``year``. A population (or entities count) the
    office typed in belongs to the lineage's own region and year: the province, the country and the
    other years take theirs from the tables, as ``compute_figure`` does for a growth's earlier year."""
    typed = own_region and year == params.get("year")
    try:
        return engine_figures.compute_figure(
            indicator=indicator, dataset=params["dataset"], region_code=region_code, year=year, key=params["key"],
            sei_rules=params.get("sei_rules"), sei_mode=params.get("sei_mode") or "ipc_only",
            pledge_threshold=params.get("pledge_threshold"),
            population=params.get("population") if typed else None,
            entities=params.get("entities") if typed else None).value
    except engine_figures.EngineFigureError:
        return None


# A reference value is the country's when its label names it (全国平均水平, 全国); others
# (全省平均水平…) stay reference lines of their own.
COUNTRY_WORD = "全国"


def provinces_in(dataset: str, years: list[int]) -> list[str]:
    """The provinces the dataset's records count in over ``years`` (patents and the other kinds,
    attributed by the engine's own rule: ``compute_panel`` at the province level)."""
    from ipcity.analytics import datasets as dataset_store
    from ipcity.analytics.engine import EngineError, connect
    from ipcity.analytics.indicators import Parameters
    from ipcity.analytics.panel import compute_panel

    engine = connect(engine_figures.ENGINE)
    try:
        panel = compute_panel(engine, dataset_store.dataset_dir(dataset, engine_figures.data_dir()), "province",
                              years, Parameters(), population_lookup=lambda region, year: None)
    except (EngineError, ValueError, OSError):
        return []
    finally:
        engine.close()
    return sorted(set(panel["region"]))


def _country(indicator, params: dict, provinces: list[str], years: range) -> tuple[str, str, list]:
    """(source, label, points) of the country's series: computed, the office's reference, or none."""
    if len(provinces) > 1:
        points = [[y, clean(v)] for y in years if (v := _figure(indicator, params, COUNTRY, y)) is not None]
        if points:
            return "records", "全国", points
    national = [r for r in getattr(indicator, "references", []) if COUNTRY_WORD in r.label and r.year <= years[-1]]
    if national:
        return "reference", national[0].label, [[r.year, clean(r.value)] for r in national]
    return "", "", []


def _city_series(indicator, computed: dict[int, float | None], years: range) -> tuple[list, list[dict], list[dict]]:
    """The city's points, the snapshot's ``city_records`` and the source's records.

    A year with a current value record prints that record: the office's figure of record, the one the
    annual report and /monitoring/ print (typed by hand, imported or computed earlier). A year without
    one prints the engine's figure. Each record keeps the engine's figure beside it, so that the
    document can say where the two differ."""
    recorded = {a.year: a for a in getattr(indicator, "current_actuals", []) if a.year in years}
    points, records, source = [], [], []
    for y in years:
        actual = recorded.get(y)
        if actual is None:
            if computed[y] is not None:
                points.append([y, computed[y]])
            continue
        points.append([y, clean(actual.value)])
        records.append({"year": y, "value": clean(actual.value), "engine": computed[y], "typed": not actual.computed})
        source.append({"year": y, "value_id": actual.pk, "typed": not actual.computed,
                       "entered_at": actual.entered_at.isoformat(timespec="seconds")})
    return points, records, source


def build(*, program: Program, year: int, text: str = "", **_ignored) -> tuple[dict, dict]:
    series, datasets = [], set()
    first = program.start_year - 1
    years = range(first, year + 1)
    coverage: dict[str, list[str]] = {}
    city_sources: list[dict] = []
    for indicator in monitoring.indicators_for_judging([program.pk]).order_by("order", "pk"):
        current = [a for a in getattr(indicator, "current_actuals", []) if a.computed and a.lineage]
        if not current:
            continue
        params = {"year": current[-1].year, **(current[-1].lineage.get("parameters") or {})}
        if not params.get("dataset") or not params.get("key"):
            continue
        datasets.add(params["dataset"])
        region = params.get("region_code") or program.region.code
        computed = {y: clean(_figure(indicator, params, region, y, own_region=True)) for y in years}
        city, records, recorded = _city_series(indicator, computed, years)
        if not city:
            continue
        city_sources.append({"indicator": indicator.pk, "dataset": params["dataset"], "recorded": recorded,
                             "computed": [y for y, _v in city if y not in {r["year"] for r in records}]})
        province_code = province_of(region)
        province = [] if province_code == region else [
            [y, clean(v)] for y in range(first, year + 1) if (v := _figure(indicator, params, province_code, y)) is not None]
        if params["dataset"] not in coverage:
            coverage[params["dataset"]] = provinces_in(params["dataset"], list(years))
        country_source, country_label, country = _country(indicator, params, coverage[params["dataset"]], years)
        references = [[r.year, clean(r.value), r.label] for r in getattr(indicator, "references", [])
                      if r.year <= year and not (country_source == "reference" and COUNTRY_WORD in r.label)]
        series.append({"id": indicator.pk, "name": indicator.name, "unit": indicator.unit or "",
                       "key": params["key"], "key_label": engine_figures.figure_label(params["key"]),
                       "kinds": sorted(current[-1].lineage.get("kinds") or ["patent"]),
                       "city": city, "city_records": records, "dataset": params["dataset"], "province": province, "country": country, "country_source": country_source,
                       "country_label": country_label, "country_provinces": len(coverage[params["dataset"]]),
                       "references": references,
                       "latest": city[-1][1], "latest_year": city[-1][0]})
    if not series:
        raise ReportDataMissing([(gettext_noop("项目没有由知识产权数据（专利、商标、质押、许可转让、著作权登记）计算的指标（请先在“监测”中打开指标页，用指标页的“从知识产权数据计算”计算并记录）"), {})])
    snapshot = {"kind": "whitepaper", "program": program_header(program), "year": year, **now_stamp(),
                "text": text, "series": series}
    return snapshot, {"datasets": sorted(datasets), "years": [first, year], "city": city_sources,
                      "provinces": {name: coverage[name] for name in sorted(coverage)}}

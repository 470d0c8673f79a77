"""A figure computed from IP records becomes an indicator's actual value, with its lineage.

The office picks a dataset, a region, a year and one figure of ``ipcity indicators compute``
(the same function, ``ipcity.analytics.panel.compute_region``, on DuckDB), or a formula of the
catalogue of standard indicators over those figures (``licences + transfers``,
``pledge_amount_by_kind.patent``, ``growth(copyright_works)``: ``ipcity.analytics.formulas``).
The engine's value (件, 元 or %) is converted into the indicator's unit (元 → 亿元, 件 → 万件) by
``ipcity.text.convert_unit``, the one place figures change magnitude. The figure is
recorded through ``services.actual_value_record`` (the one write path: audited, history kept),
marked computed, with everything that shaped it: the dataset and its manifest, the reference
data versions (population, market entities, pledge threshold), the SEI concordance's hash and
mode, the formula and each term's value, the unit conversion, the parameters, the engine, the
ipcity version and the time.

The analytics libraries (pandas, DuckDB, Ibis) are imported when a figure is computed, not when
Django loads this module, so pages that never compute pay nothing for them.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext, gettext_lazy, gettext_noop

import ipcity
from ipcity.core.access import is_office
from ipcity.core.templatetags.punctuation import list_comma
from ipcity.datasets.models import Kind
from ipcity.monitoring import selectors
from ipcity.monitoring.models import IndicatorActual
from ipcity.monitoring.services import MonitoringInputError, actual_value_record
from ipcity.programs.models import Indicator
from ipcity.text import convert_unit, fold_width

SOURCE = "专利数据计算"
# Figures of the other records are recorded with this source (patent-only formulas keep SOURCE).
RECORDS_SOURCE = "知识产权数据计算"
ENGINE = "duckdb"
# The scalar figures of ``ipcity indicators compute`` that an indicator can take, with the
# name an office would recognise (kept in Chinese in a lineage's ``key_label``; marked for the
# catalogue so that a page in English can say them: ``record_cells.figure_words``).
KEYS: dict[str, str] = {
    "high_value_per_10k": gettext_noop("每万人口高价值发明专利拥有量"),
    "invention_valid_per_10k": gettext_noop("每万人口发明专利拥有量"),
    "high_value": gettext_noop("高价值发明专利拥有量"),
    "invention_valid": gettext_noop("有效发明专利拥有量"),
    "invention_grants": gettext_noop("发明专利授权量"),
    "invention_applications": gettext_noop("发明专利申请量"),
    "pct_applications": gettext_noop("PCT专利申请量"),
    # shared/spec/ip-records.md
    "tm_valid": gettext_noop("有效注册商标量"),
    "tm_valid_per_10k_entities": gettext_noop("每万户市场主体有效注册商标量"),
    "tm_new_registrations": gettext_noop("新增注册商标量"),
    "madrid_new": gettext_noop("马德里商标国际注册量"),
    "gi_marks_valid": gettext_noop("地理标志商标注册量"),
    "pledge_count": gettext_noop("知识产权质押登记数"),
    "pledge_amount": gettext_noop("知识产权质押融资额"),
    "licences": gettext_noop("专利商标实施许可合同备案数"),
    "licences_in": gettext_noop("引进专利商标实施许可数"),
    "transfers": gettext_noop("专利商标转让登记数"),
    "transfers_in": gettext_noop("受让专利商标转让登记数"),
    "copyright_works": gettext_noop("作品登记量"),
    "copyright_software": gettext_noop("计算机软件著作权登记量"),
}
# The kinds of record a dataset holds, in the words of the 数据集 page that imports them (one home).
KIND_WORDS: dict[str, Any] = dict(Kind.choices)
#: The party whose region a record of a kind is counted in (``analytics.record_kinds.PARTIES``).
PARTY_WORDS: dict[str, Any] = {"holder": gettext_lazy("注册人"), "pledgor": gettext_lazy("出质人"),
                               "from": gettext_lazy("让与方"), "to": gettext_lazy("受让方"),
                               "owner": gettext_lazy("著作权人")}
SEI_MODES: dict[str, Any] = {"ipc_only": gettext_lazy("仅按 IPC 分类号"), "ipc_and_keyword": gettext_lazy("IPC 分类号且含关键词")}


class EngineFigureError(MonitoringInputError):
    """A figure that cannot be computed or recorded; ``field`` names the input, the message is Chinese."""


@dataclass(frozen=True)
class ComputedFigure:
    """One figure and everything behind it, before (or without) being recorded."""

    key: str  # the formula's canonical text: one figure (tm_valid) or a catalogue formula
    value: float  # in the indicator's unit
    result: dict[str, Any]  # the whole object of ``ipcity indicators compute`` for the year
    lineage: dict[str, Any]

    @property
    def source(self) -> str:
        """专利数据计算 for patent figures, 知识产权数据计算 when other records are read."""
        return SOURCE if set(self.lineage.get("kinds") or ["patent"]) == {"patent"} else RECORDS_SOURCE

    @property
    def warnings(self) -> list[dict[str, Any]]:
        return self.result.get("warnings", [])


# The criteria of 高价值发明专利 that need reference data the office supplies (ip-indicators.md):
# without it the criterion is not applied and the figure, still a figure, says so.
CRITERIA_NEEDING_REFERENCE: dict[str, Any] = {
    "sei": gettext_lazy("战略性新兴产业（SEI）"), "pledge": gettext_lazy("质押金额"),
}


def criteria_not_applied(lineage: dict[str, Any] | None) -> list[str]:
    """The high-value criteria (``sei``, ``pledge``) a computed figure was counted without, from
    its lineage's warnings; [] for a figure that does not count high-value patents.

    The spec keeps such a figure (the patents meeting the other criteria): it is a count, not a
    null, so it is recorded and judged like any other; the pages say which criteria were left out.
    """
    from ipcity.analytics.formulas import HIGH_VALUE_KEYS

    if not lineage:
        return []
    terms = (lineage.get("formula") or {}).get("terms") or {}
    keys = {term.split(".")[0] for values in terms.values() for term in values} or {lineage.get("key")}
    if not keys & HIGH_VALUE_KEYS:
        return []
    codes = {w.get("code") for w in lineage.get("warnings") or [] if isinstance(w, dict)}
    return [c for c in CRITERIA_NEEDING_REFERENCE if f"{c}_not_applied" in codes]


# ---------------------------------------------------------------- choices


def suggest_key(indicator_name: str) -> str | None:
    """The engine figure an indicator most likely is, by its name; the office confirms or changes it."""
    name = fold_width(indicator_name).upper().replace(" ", "")
    if "PCT" in name:
        return "pct_applications"
    if "万人" in name:  # 每万人口…, 万人…
        if "高价值" in name:
            return "high_value_per_10k"
        return "invention_valid_per_10k" if "发明专利" in name else None
    if "高价值发明专利" in name:
        return "high_value"
    if "发明专利授权" in name:
        return "invention_grants"
    if "发明专利申请" in name:
        return "invention_applications"
    if "发明专利拥有" in name or "有效发明专利" in name:
        return "invention_valid"
    return None


def data_dir() -> Path:
    """The platform's data directory: the datasets and reference data live under it."""
    return Path(settings.DATA_DIR)


def dataset_choices(root: str | Path | None = None) -> list[dict[str, Any]]:
    """The datasets an office may compute from: name, source file, import time, rows."""
    from ipcity.analytics import datasets

    return [_dataset_summary(m["name"], m, datasets.source_name(m))
            for m in datasets.list_datasets(root or data_dir())]


def _dataset_summary(name: str, manifest: dict[str, Any], source_file: str | None) -> dict[str, Any]:
    return {"name": name, "source_file": source_file, "format": manifest.get("format"),
            "imported_at": manifest.get("imported_at") or manifest.get("written_at"),
            "written_at": manifest.get("written_at"), "rows": manifest.get("rows")}


# ---------------------------------------------------------------- compute


def compute_figure(*, indicator: Indicator, dataset: str, region_code: str, year: int, key: str,
                   sei_rules: str | Path | None = None, sei_mode: str = "ipc_only",
                   pledge_threshold: float | None = None, population: float | None = None,
                   entities: float | None = None, root: str | Path | None = None) -> ComputedFigure:
    """Compute one figure for ``indicator`` without recording it (the preview); refuses a null figure.

    ``key`` is a figure of ``compute_region`` or a formula over them (the catalogue's); the value
    is converted into the indicator's unit (its standard's unit when the indicator has none).
    """
    from ipcity.analytics import datasets

    root = Path(root or data_dir())
    formula = _check_inputs(indicator, year=year, key=key, sei_mode=sei_mode, pledge_threshold=pledge_threshold,
                            population=population, entities=entities)
    try:
        manifest = datasets.read_manifest(dataset, root)
    except datasets.DatasetError:
        raise EngineFigureError("dataset", gettext("没有名为“%(name)s”的专利数据集") % {"name": dataset}) from None
    _check_kinds(dataset, root, formula)
    params, sei_path = _parameters(root, sei_rules, sei_mode, pledge_threshold)
    population_version = _population_version(root)
    entities_version = _entities_version(root)
    # A population or entities count typed in is the year's; an earlier year (a growth) reads the tables.
    results = {y: _compute_year(root, dataset, region_code, y, params, population if y == year else None,
                                population_version, entities if y == year else None, entities_version)
               for y in range(year - formula.years_back, year + 1)}
    result = results[year]
    engine_value, reason = formula.evaluate(results, year)
    if engine_value is None:
        raise EngineFigureError("key", _null_reason(formula, result, reason))
    unit = indicator.unit or _standard_unit(indicator) or formula.unit
    value = convert_unit(engine_value, formula.unit, unit)
    if value is None:
        raise EngineFigureError("key", gettext("“%(name)s”的计算结果以“%(engine)s”计，不能换算为指标单位“%(unit)s”")
                                % {"name": figure_label(formula.text), "engine": formula.unit, "unit": unit})
    lineage = _lineage(dataset=dataset, manifest=manifest, results=results, formula=formula, params=params,
                       value=value, engine_value=engine_value, unit=unit, sei_path=sei_path,
                       given_pledge=pledge_threshold, given_population=population,
                       population_version=population_version, given_entities=entities,
                       entities_version=entities_version,
                       notes=_version_notes(root, population_version, entities_version))
    return ComputedFigure(key=formula.text, value=value, result=_json_safe(result), lineage=lineage)


def _compute_year(root: Path, dataset: str, region_code: str, year: int, params, population: float | None,
                  population_version: str | None, entities: float | None,
                  entities_version: str | None) -> dict[str, Any]:
    """``compute_region`` for one year, with the reference versions read once before computing."""
    from ipcity.analytics import datasets
    from ipcity.analytics.engine import EngineError, connect
    from ipcity.analytics.panel import compute_region
    from ipcity.divisions import DivisionCodeError

    def population_lookup(region: str, lookup_year: int) -> float | None:
        return _reference_population(root, region, lookup_year, population_version)

    # Market entities as for the population: the version read once before computing, under ``root``.
    if not entities:
        entities = _reference_entities(root, region_code, year, entities_version)
    engine = connect(ENGINE)
    try:
        return compute_region(engine, datasets.dataset_dir(dataset, root), region_code, year, params,
                              population=population, population_lookup=population_lookup, entities=entities)
    except DivisionCodeError:
        raise EngineFigureError("region_code", gettext("“%(code)s”不是 6 位行政区划代码") % {"code": region_code}) from None
    except (EngineError, ValueError) as exc:
        raise EngineFigureError("dataset", gettext("无法计算：%(reason)s") % {"reason": exc}) from None
    finally:
        engine.close()


def parse_key(key: str):
    """The formula a key names (a figure, or a formula of the catalogue), or EngineFigureError."""
    from ipcity.analytics.formulas import FormulaError, parse

    try:
        return parse(key)
    except FormulaError as exc:
        raise EngineFigureError("key", gettext("未知的计算指标“%(key)s”（%(reason)s），可选：%(options)s") % {
            "key": key, "reason": exc, "options": list_comma().join(KEYS)}) from None


def figure_label(key: str) -> str:
    """The name of a figure or formula: the catalogue's standard name, else the figure's, else the text."""
    from ipcity.monitoring.models import StandardIndicator

    if key in KEYS:
        return KEYS[key]
    standard = StandardIndicator.objects.filter(formula=key).order_by("code").first()
    return standard.name if standard else key


def _standard_unit(indicator: Indicator) -> str:
    """The unit of the catalogue entry the office linked the indicator to (for an indicator without one)."""
    from ipcity.monitoring.models import IndicatorLink

    link = IndicatorLink.objects.select_related("standard").filter(indicator=indicator).first()
    return link.standard.unit if link is not None else ""


def _check_kinds(dataset: str, root: Path, formula) -> None:
    """Refuse, naming the missing kinds, a formula that reads records the dataset does not hold."""
    from ipcity.analytics import datasets

    present = set(datasets.kinds_present(dataset, root))
    if "patent" in formula.kinds and "patent" not in present:
        # A dataset of trademarks alone: the engine would count nothing and blame the population.
        raise EngineFigureError("dataset", gettext("数据集“%(name)s”没有专利记录，请先用 ipcity patents import 导入")
                                % {"name": dataset})
    missing = [kind for kind in formula.kinds if kind != "patent" and kind not in present]
    if missing:
        raise EngineFigureError("dataset", gettext("数据集“%(name)s”没有%(kinds)s记录，请先用 ipcity records import 导入") % {
            "name": dataset, "kinds": list_comma().join(str(KIND_WORDS[k]) for k in missing)})


def _check_inputs(indicator: Indicator, *, year: int, key: str, sei_mode: str, pledge_threshold: float | None,
                  population: float | None, entities: float | None = None):
    """Everything that can be refused before the engine runs; the formula ``key`` names."""
    formula = parse_key(key)
    if sei_mode not in SEI_MODES:
        raise EngineFigureError("sei_mode", gettext("未知的 SEI 匹配方式“%(mode)s”，可选：%(options)s")
                                  % {"mode": sei_mode, "options": list_comma().join(SEI_MODES)})
    if isinstance(year, bool) or not isinstance(year, int):
        raise EngineFigureError("year", gettext("年份必须是整数"))
    allowed = selectors.indicator_years(indicator)
    if year not in allowed:
        raise EngineFigureError("year", gettext("%(year)s 年不在规划期内（%(start)s—%(end)s 年）") % {"year": year, "start": allowed.start,
                                                                           "end": allowed.stop - 1})
    if pledge_threshold is not None and not pledge_threshold > 0:
        raise EngineFigureError("pledge_threshold", gettext("质押金额阈值必须是正数（元）"))
    if population is not None and not population > 0:
        raise EngineFigureError("population", gettext("年末常住人口必须是正数（人）"))
    if entities is not None and not entities > 0:
        raise EngineFigureError("entities", gettext("年末市场主体户数必须是正数（户）"))
    return formula


def _parameters(root: Path, sei_rules: str | Path | None, sei_mode: str, pledge_threshold: float | None):
    """The engine's parameters, as the CLI builds them, but reading reference data under ``root``."""
    from ipcity.analytics import reference
    from ipcity.analytics.indicators import Parameters
    from ipcity.analytics.sei import SeiTableError, load_sei_table

    sei_path, _ = reference.resolve_sei_rules(sei_rules, root)
    try:
        sei = load_sei_table(sei_path) if sei_path else None
    except SeiTableError as exc:
        raise EngineFigureError("sei_rules", gettext("SEI 对照表无法读取：%(reason)s") % {"reason": exc}) from None
    version = None
    if pledge_threshold is None:
        pledge_threshold, version = reference.pledge_threshold(root)
    return Parameters(sei=sei, sei_mode=sei_mode, pledge_threshold=pledge_threshold,
                      pledge_threshold_version=version), sei_path


def _version_notes(root: Path, population_version: str | None, entities_version: str | None) -> dict[str, str]:
    """The notes the reference tables' versions were loaded with ("" for none): the demo's say there
    that their figures are invented, and the lineage carries that beside the figure."""
    from ipcity.analytics import reference

    return {kind: str((reference.version_info(kind, version, root) or {}).get("note") or "")
            for kind, version in ((reference.POPULATION, population_version), (reference.ENTITIES, entities_version))}


def _population_version(root: Path) -> str | None:
    from ipcity.analytics import reference

    return reference.current_version(reference.POPULATION, root)


def _reference_population(root: Path, region: str, year: int, version: str | None) -> float | None:
    """The population of the version read once before computing, so the lineage names the one used."""
    from ipcity.analytics import reference

    if version is None:
        return None
    value = reference.population(region, year, root, version=version)
    return float(value) if value else None


def _entities_version(root: Path) -> str | None:
    from ipcity.analytics import reference

    return reference.current_version(reference.ENTITIES, root)


def _reference_entities(root: Path, region: str, year: int, version: str | None) -> float | None:
    """The market entities of the version read once before computing (as for the population)."""
    from ipcity.analytics import reference

    if version is None:
        return None
    try:
        value = reference.entities(region, year, root, version=version)
    except (LookupError, ValueError, OSError):  # a bad region code is refused by the engine, in words
        return None
    return float(value) if value else None


def _null_reason(formula, result: dict[str, Any], reason: str | None) -> str:
    name = figure_label(formula.text)
    if any(k.endswith("_per_10k") for k in formula.keys) and not result.get("population"):
        return gettext("无法计算“%(name)s”：缺少 %(region)s 地区 %(year)s 年末常住人口（请填写人口数或加载人口表）") % {
            "name": name, "region": result.get("region"), "year": result.get("year")}
    if "tm_valid_per_10k_entities" in formula.keys and not result.get("entities"):
        return gettext("无法计算“%(name)s”：缺少 %(region)s 地区 %(year)s 年末市场主体户数（请填写户数或用 ipcity records reference entities 加载）") % {
            "name": name, "region": result.get("region"), "year": result.get("year")}
    return gettext("“%(name)s”没有计算结果，未记录（%(reason)s）") % {"name": name, "reason": reason or ""}


def _lineage(*, dataset: str, manifest: dict[str, Any], results: dict[int, dict[str, Any]], formula, params,
             value: float, engine_value: float, unit: str, sei_path: str | None, given_pledge: float | None,
             given_population: float | None, population_version: str | None, given_entities: float | None,
             entities_version: str | None, notes: dict[str, str]) -> dict[str, Any]:
    from ipcity.analytics import datasets

    year = max(results)
    result = results[year]
    from_reference = result.get("population_source") == "reference"
    entities_source = "given" if given_entities else ("reference" if result.get("entities") else None)
    lineage = {
        "key": formula.text,
        "key_label": figure_label(formula.text),
        "value": value,
        "unit": unit,
        "engine_value": engine_value,
        "engine_unit": formula.unit,
        "formula": {"text": formula.text, "growth": formula.growth,
                    "terms": {str(y): formula.term_values(r) for y, r in sorted(results.items())}},
        "kinds": list(formula.kinds),
        "region": result["region"],
        "region_name": result.get("region_name") or "",
        "year": result["year"],
        "as_of": result["as_of"],
        "dataset": _dataset_summary(dataset, manifest, datasets.source_name(manifest)),
        "dataset_kinds": {kind: {k: part.get(k) for k in ("source", "format", "rows", "rejected", "imported_at",
                                                          "written_at")
                                 if isinstance(part, dict)}
                          for kind, part in (manifest.get("kinds") or {}).items() if kind in formula.kinds},
        "reference": {
            "population": {"value": result.get("population"), "source": result.get("population_source"),
                           "version": population_version if from_reference else None,
                           "note": notes["population"] if from_reference else ""},
            "entities": {"value": result.get("entities"), "source": entities_source,
                         "version": entities_version if entities_source == "reference" else None,
                         "note": notes["entities"] if entities_source == "reference" else ""},
            "pledge_threshold": {"yuan": params.pledge_threshold,
                                 "source": "given" if given_pledge is not None else (
                                     "reference" if params.pledge_threshold is not None else None),
                                 "version": params.pledge_threshold_version},
        },
        "sei": {"rules": Path(sei_path).name if sei_path else None,
                "sha256": params.sei.sha256 if params.sei else None,
                "version": params.sei.version if params.sei else None, "mode": params.sei_mode},
        "parameters": {"dataset": dataset, "region_code": result["region"], "year": result["year"], "key": formula.text,
                       "sei_rules": sei_path, "sei_mode": params.sei_mode, "pledge_threshold": given_pledge,
                       "population": given_population},
        "figures": {k: result.get(k) for k in (*KEYS, "pledge_amount_by_kind", "high_value_by_criterion", "unattributed")
                    if k in result},
        "warnings": result.get("warnings", []),
        # how many rows each kind's regions came from addresses and from names (ip-indicators.md:
        # "shown with the figures"), for the whole dataset
        "attribution": result.get("attribution") or {},
        "engine": result.get("parameters", {}).get("engine", ENGINE),
        "ipcity_version": ipcity.__version__,
        "computed_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    if given_entities is not None:
        lineage["parameters"]["entities"] = given_entities
    return _json_safe(lineage)


def _json_safe(data: dict[str, Any]) -> dict[str, Any]:
    """What a JSON field stores (numpy numbers and dates become plain values)."""
    return json.loads(json.dumps(data, ensure_ascii=False, default=_plain))


def _plain(value: Any) -> Any:
    if hasattr(value, "item"):
        return value.item()
    return str(value)


# ---------------------------------------------------------------- record


def actual_value_from_patents(*, indicator: Indicator, user, dataset: str, region_code: str, year: int, key: str,
                              sei_rules: str | Path | None = None, sei_mode: str = "ipc_only",
                              pledge_threshold: float | None = None, population: float | None = None,
                              entities: float | None = None, note: str = "",
                              root: str | Path | None = None) -> IndicatorActual:
    """Compute a figure and record it as the indicator's actual value for ``year``, marked computed.

    ``user`` None is the system (the command line without ``--user``); a person must be the
    office. Recomputing the same figure from the same inputs adds no history row.
    """
    if user is not None and not is_office(user):
        raise PermissionDenied(gettext("只有知识产权办公室可以记录专利数据计算值"))
    figure = compute_figure(indicator=indicator, dataset=dataset, region_code=region_code, year=year, key=key,
                            sei_rules=sei_rules, sei_mode=sei_mode, pledge_threshold=pledge_threshold,
                            population=population, entities=entities, root=root)
    return record_figure(indicator=indicator, user=user, year=year, figure=figure, note=note)


@transaction.atomic
def record_figure(*, indicator: Indicator, user, year: int, figure: ComputedFigure, note: str = "") -> IndicatorActual:
    """Record a computed figure through the one write path (audited, history kept; the same figure
    again, its lineage differing only in its times, adds nothing)."""
    return actual_value_record(indicator=indicator, year=year, value=figure.value, user=user, source=figure.source,
                               note=note, lineage=figure.lineage, channel=IndicatorActual.Channel.ENGINE)


"""A patent figure computed by the engine becomes an indicator's actual value, with its lineage.

The office picks a dataset, a region, a year and one figure of ``ipcity indicators compute``
(the same function, ``ipcity.analytics.panel.compute_region``, on DuckDB). The figure is
recorded through ``services.actual_value_record`` (the one write path: audited, history kept),
marked computed, with everything that shaped it: the dataset and its manifest, the reference
data versions (population, pledge threshold), the SEI concordance's hash and mode, the
parameters, the engine, the ipcity version and the time.

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
from django.utils.translation import gettext, gettext_lazy

import ipcity
from ipcity.core.access import is_office
from ipcity.monitoring import selectors
from ipcity.monitoring.models import IndicatorActual
from ipcity.monitoring.services import MonitoringInputError, actual_value_record
from ipcity.programs.models import Indicator
from ipcity.text import fold_width

SOURCE = "专利数据计算"
ENGINE = "duckdb"
# The scalar figures of ``ipcity indicators compute`` that an indicator can take, with the
# name an office would recognise.
KEYS: dict[str, str] = {
    "high_value_per_10k": "每万人口高价值发明专利拥有量",
    "invention_valid_per_10k": "每万人口发明专利拥有量",
    "high_value": "高价值发明专利拥有量",
    "invention_valid": "有效发明专利拥有量",
    "invention_grants": "发明专利授权量",
    "invention_applications": "发明专利申请量",
    "pct_applications": "PCT专利申请量",
}
SEI_MODES: dict[str, Any] = {"ipc_only": gettext_lazy("仅按 IPC 分类号"), "ipc_and_keyword": gettext_lazy("IPC 分类号且含关键词")}
# Times that change on every computation; two lineages equal without them are the same figure.
_VOLATILE = ("computed_at", "recorded_at")


class EngineFigureError(MonitoringInputError):
    """A figure that cannot be computed or recorded; ``field`` names the input, the message is Chinese."""


@dataclass(frozen=True)
class ComputedFigure:
    """One figure and everything behind it, before (or without) being recorded."""

    key: str
    value: float
    result: dict[str, Any]  # the whole object of ``ipcity indicators compute``
    lineage: dict[str, Any]

    @property
    def warnings(self) -> list[dict[str, Any]]:
        return self.result.get("warnings", [])


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
                   root: str | Path | None = None) -> ComputedFigure:
    """Compute one figure for ``indicator`` without recording it (the preview); refuses a null figure."""
    from ipcity.analytics import datasets
    from ipcity.analytics.engine import EngineError, connect
    from ipcity.analytics.panel import compute_region
    from ipcity.divisions import DivisionCodeError

    root = Path(root or data_dir())
    _check_inputs(indicator, year=year, key=key, sei_mode=sei_mode, pledge_threshold=pledge_threshold,
                  population=population)
    try:
        manifest = datasets.read_manifest(dataset, root)
    except datasets.DatasetError:
        raise EngineFigureError("dataset", gettext("没有名为“%(name)s”的专利数据集") % {"name": dataset}) from None
    params, sei_path = _parameters(root, sei_rules, sei_mode, pledge_threshold)
    population_version = _population_version(root) if not population else None

    def population_lookup(region: str, lookup_year: int) -> float | None:
        return _reference_population(root, region, lookup_year, population_version)

    engine = connect(ENGINE)
    try:
        result = compute_region(engine, datasets.dataset_dir(dataset, root), region_code, year, params,
                                population=population, population_lookup=population_lookup)
    except DivisionCodeError:
        raise EngineFigureError("region_code", gettext("“%(code)s”不是 6 位行政区划代码") % {"code": region_code}) from None
    except (EngineError, ValueError) as exc:
        raise EngineFigureError("dataset", gettext("无法计算：%(reason)s") % {"reason": exc}) from None
    finally:
        engine.close()
    value = result.get(key)
    if value is None:
        raise EngineFigureError("key", _null_reason(key, result))
    lineage = _lineage(dataset=dataset, manifest=manifest, result=result, params=params, key=key,
                       value=float(value), sei_path=sei_path, given_pledge=pledge_threshold,
                       given_population=population, population_version=population_version)
    return ComputedFigure(key=key, value=float(value), result=_json_safe(result), lineage=lineage)


def _check_inputs(indicator: Indicator, *, year: int, key: str, sei_mode: str, pledge_threshold: float | None,
                  population: float | None) -> None:
    """Everything that can be refused before the engine runs."""
    if key not in KEYS:
        raise EngineFigureError("key", gettext("未知的计算指标“%(key)s”，可选：%(options)s") % {"key": key,
                                                                                  "options": "、".join(KEYS)})
    if sei_mode not in SEI_MODES:
        raise EngineFigureError("sei_mode", gettext("未知的 SEI 匹配方式“%(mode)s”，可选：%(options)s")
                                  % {"mode": sei_mode, "options": "、".join(SEI_MODES)})
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


def _null_reason(key: str, result: dict[str, Any]) -> str:
    if key.endswith("_per_10k") and not result.get("population"):
        return gettext("无法计算“%(name)s”：缺少 %(region)s 地区 %(year)s 年末常住人口（请填写人口数或加载人口表）") % {
            "name": KEYS[key], "region": result.get("region"), "year": result.get("year")}
    return gettext("“%(name)s”没有计算结果，未记录") % {"name": KEYS[key]}


def _lineage(*, dataset: str, manifest: dict[str, Any], result: dict[str, Any], params, key: str, value: float,
             sei_path: str | None, given_pledge: float | None, given_population: float | None,
             population_version: str | None) -> dict[str, Any]:
    from ipcity.analytics import datasets

    from_reference = result.get("population_source") == "reference"
    lineage = {
        "key": key,
        "key_label": KEYS[key],
        "value": value,
        "region": result["region"],
        "region_name": result.get("region_name") or "",
        "year": result["year"],
        "as_of": result["as_of"],
        "dataset": _dataset_summary(dataset, manifest, datasets.source_name(manifest)),
        "reference": {
            "population": {"value": result.get("population"), "source": result.get("population_source"),
                           "version": population_version if from_reference else None},
            "pledge_threshold": {"yuan": params.pledge_threshold,
                                 "source": "given" if given_pledge is not None else (
                                     "reference" if params.pledge_threshold is not None else None),
                                 "version": params.pledge_threshold_version},
        },
        "sei": {"rules": Path(sei_path).name if sei_path else None,
                "sha256": params.sei.sha256 if params.sei else None,
                "version": params.sei.version if params.sei else None, "mode": params.sei_mode},
        "parameters": {"dataset": dataset, "region_code": result["region"], "year": result["year"], "key": key,
                       "sei_rules": sei_path, "sei_mode": params.sei_mode, "pledge_threshold": given_pledge,
                       "population": given_population},
        "figures": {k: result.get(k) for k in (*KEYS, "high_value_by_criterion", "unattributed")},
        "warnings": result.get("warnings", []),
        "engine": result.get("parameters", {}).get("engine", ENGINE),
        "ipcity_version": ipcity.__version__,
        "computed_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
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
                              note: str = "", root: str | Path | None = None) -> IndicatorActual:
    """Compute a figure and record it as the indicator's actual value for ``year``, marked computed.

    ``user`` None is the system (the command line without ``--user``); a person must be the
    office. Recomputing the same figure from the same inputs adds no history row.
    """
    if user is not None and not is_office(user):
        raise PermissionDenied(gettext("只有知识产权办公室可以记录专利数据计算值"))
    figure = compute_figure(indicator=indicator, dataset=dataset, region_code=region_code, year=year, key=key,
                            sei_rules=sei_rules, sei_mode=sei_mode, pledge_threshold=pledge_threshold,
                            population=population, root=root)
    return record_figure(indicator=indicator, user=user, year=year, figure=figure, note=note)


@transaction.atomic
def record_figure(*, indicator: Indicator, user, year: int, figure: ComputedFigure, note: str = "") -> IndicatorActual:
    """Record a computed figure through the one write path (audited, history kept)."""
    current = (IndicatorActual.objects.select_for_update()
               .filter(indicator=indicator, year=year, is_current=True).first())
    if (current is not None and current.computed and current.value == figure.value and current.note == note
            and current.source == SOURCE and _stable(current.lineage) == _stable(figure.lineage)):
        return current
    return actual_value_record(indicator=indicator, year=year, value=figure.value, user=user, source=SOURCE,
                               note=note, lineage=figure.lineage, channel=IndicatorActual.Channel.ENGINE)


def _stable(lineage: dict[str, Any] | None) -> dict[str, Any] | None:
    if lineage is None:
        return None
    return {k: v for k, v in lineage.items() if k not in _VOLATILE}

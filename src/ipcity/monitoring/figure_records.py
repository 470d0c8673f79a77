"""The records behind a computed figure, and what the office can act on, read from its lineage.

A computed actual value (``engine_figures``) keeps in its lineage the dataset, region, year,
formula and parameters it was computed with. From them:

- :func:`records_behind` lists the records behind the figure with ``ipcity.analytics.explain``
  (one call per term of the formula: ``licences + transfers`` lists both, tagged by ``figure``;
  a per-10k figure lists the records of its count; ``pledge_amount_by_kind.patent`` the patent
  pledges; a growth the records of both years, tagged by ``year``);
- :func:`actions_for` runs ``ipcity.analytics.actions`` (patents crossing the 10-year line next
  year, high-value patents at risk, the leading holders) for a high-value figure;
- :func:`table_bytes` and :func:`actions_workbook` write them as .xlsx/.csv, every text cell through
  ``core.spreadsheets.safe_row`` (a title such as ``=HYPERLINK(…)`` stays text).

The page and both files head the columns (``labels.column_label``) and show the cells
(``record_cells``: 有效, 普通许可, 是…) in words; the frames, and their cache, keep the engine's codes.

The data are read as they are on disk now: when the dataset was re-imported after the figure
was computed, the result says so (``stale``) and the page shows it beside the list.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from ipcity.core.spreadsheets import safe_row, workbook_bytes
from ipcity.monitoring import record_cells
from ipcity.monitoring.engine_figures import ENGINE, EngineFigureError, data_dir
from ipcity.monitoring.labels import column_label
from ipcity.monitoring.models import IndicatorActual

if TYPE_CHECKING:
    import pandas as pd

# A figure per inhabitant or per market entity lists the records of its count.
COUNT_OF = {"high_value_per_10k": "high_value", "invention_valid_per_10k": "invention_valid",
            "tm_valid_per_10k_entities": "tm_valid", "pledge_amount_by_kind": "pledge_amount"}
HIGH_VALUE_KEYS = ("high_value", "high_value_per_10k")
ACTION_LISTS = ("crossing", "at_risk", "top_holders")
PAGE_SIZE = 50


@dataclass
class FigureRecords:
    """The records behind one computed value (``frame`` None: the value was not computed)."""

    actual: IndicatorActual
    frame: pd.DataFrame | None
    stale: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def columns(self) -> list[str]:
        return [] if self.frame is None else [str(c) for c in self.frame.columns]

    @property
    def headers(self) -> list[str]:
        """The columns in the page's words (the page, the Excel and the CSV head them so)."""
        return [column_label(c) for c in self.columns]

    def __len__(self) -> int:
        return 0 if self.frame is None else len(self.frame)

    def page(self, number: int, size: int = PAGE_SIZE) -> tuple[list[list[Any]], int, int]:
        """(rows of page ``number`` in words (``record_cells``), the page number kept in range, the page count)."""
        pages = max(1, -(-len(self) // size))
        number = min(max(1, number), pages)
        if self.frame is None:
            return [], number, pages
        chunk = self.frame.iloc[(number - 1) * size:number * size]
        return record_cells.rows(self.columns, chunk.itertuples(index=False)), number, pages


def _in_words(name: str, row: dict[str, Any]) -> dict[str, Any]:
    """A list's row as the page and the workbook show it (``record_cells``: codes, flags, risks in words)."""
    return record_cells.record(row)


def parameters_from_lineage(lineage: dict[str, Any], root: Path):
    """The engine parameters a figure was computed with (SEI file by its path, the threshold in 元)."""
    from ipcity.analytics.indicators import Parameters
    from ipcity.analytics.sei import SeiTableError, load_sei_table

    sei_path = (lineage.get("parameters") or {}).get("sei_rules")
    sei = None
    if sei_path and Path(sei_path).exists():
        try:
            sei = load_sei_table(sei_path)
        except SeiTableError:
            sei = None
    pledge = (lineage.get("reference") or {}).get("pledge_threshold") or {}
    return Parameters(sei=sei, sei_mode=(lineage.get("sei") or {}).get("mode") or "ipc_only",
                      pledge_threshold=pledge.get("yuan"), pledge_threshold_version=pledge.get("version"))


def _stale(lineage: dict[str, Any], root: Path) -> bool:
    """Whether a kind the figure read was imported again since (patents: the dataset's
    ``written_at``; another kind: its own part of the manifest)."""
    from ipcity.analytics import datasets

    try:
        manifest = datasets.read_manifest(lineage["dataset"]["name"], root)
    except (datasets.DatasetError, KeyError):
        return True
    kinds = lineage.get("kinds") or ["patent"]
    if "patent" in kinds and manifest.get("written_at") != (lineage.get("dataset") or {}).get("written_at"):
        return True
    then = lineage.get("dataset_kinds") or {}
    now = manifest.get("kinds") or {}
    return any((now.get(kind) or {}).get("written_at") != (then.get(kind) or {}).get("written_at")
               for kind in kinds if kind != "patent")


# ---------------------------------------------------------------- cache
#
# Listing the records of a figure reads the dataset (seconds at 10M records); paging through
# them must not. The listing of one computed value is kept as Parquet under
# ``<data dir>/cache/figure-records/``, named by the value and the dataset version it was read
# from, so a re-import (a new version directory) makes a new listing; older ones are removed.


def _cache_file(root: Path, name: str, actual: IndicatorActual, part: str = "records") -> Path | None:
    from ipcity.analytics import datasets

    link = datasets.dataset_dir((actual.lineage or {})["dataset"]["name"], root)
    if not link.exists():
        return None
    version = hashlib.sha256(f"{link.resolve().name}|{json.dumps(actual.lineage, sort_keys=True, default=str)}"
                             .encode()).hexdigest()[:20]
    return root / "cache" / "figure-records" / f"{name}-{actual.pk}-{version}-{part}.parquet"


def _cache_read(path: Path | None) -> pd.DataFrame | None:
    if path is None or not path.is_file():
        return None
    import pandas as pd

    try:
        return pd.read_parquet(path)
    except (OSError, ValueError):
        return None


def _cache_write(path: Path | None, frame: pd.DataFrame, stem: str) -> None:
    """Best effort: a listing that cannot be cached is simply read again next time."""
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob(f"{stem}-*.parquet"):
            if not old.name.startswith(path.name.rsplit("-", 1)[0]):
                old.unlink(missing_ok=True)
        temporary = path.with_suffix(".tmp")
        frame.to_parquet(temporary, index=False)
        temporary.replace(path)
    except (OSError, ValueError, TypeError, ImportError):
        return


def _explain(engine, dataset_path: Path, region: str, year: int, key: str, params) -> pd.DataFrame:
    """The records behind one figure: patents through ``explain``, other records through
    ``record_indicators.explain_records`` (which opens per-entity and by-kind figures itself)."""
    from ipcity.analytics.formulas import PATENT_KEYS

    if key in PATENT_KEYS:
        from ipcity.analytics.explain import explain

        return explain(engine, dataset_path, region, year, COUNT_OF.get(key, key), params)
    from ipcity.analytics.record_indicators import explain_records

    return explain_records(engine, dataset_path, region, year, key)


def records_behind(actual: IndicatorActual, root: str | Path | None = None) -> FigureRecords:
    """The records behind a computed value, read from its dataset as the figure was computed."""
    import pandas as pd

    from ipcity.analytics.engine import EngineError, connect
    from ipcity.analytics.formulas import FormulaError, parse

    lineage = actual.lineage or {}
    if not actual.computed or "key" not in lineage or "dataset" not in lineage:
        return FigureRecords(actual, None, notes=[_("该值为填报值，不是从数据计算的，没有明细记录。")])
    root = Path(root or data_dir())
    try:
        formula = parse(lineage["key"])
    except FormulaError as exc:
        raise EngineFigureError("key", str(exc)) from None
    dataset, region, year = lineage["dataset"]["name"], lineage["region"], int(lineage["year"])
    params = parameters_from_lineage(lineage, root)
    from ipcity.analytics import datasets

    if not datasets.exists(dataset, root):
        return FigureRecords(actual, None, stale=True,
                             notes=[_("计算所用的数据集“%(name)s”已不存在，无法列出明细。") % {"name": dataset}])
    stale = _stale(lineage, root)
    notes = [_("数据集在计算之后已重新导入，以下明细按当前数据列出，条数可能与计算值不同。")] if stale else []
    cache = _cache_file(root, "records", actual)
    cached = _cache_read(cache)
    if cached is not None:
        return FigureRecords(actual, cached, stale=stale, notes=notes)
    frames = []
    engine = connect(ENGINE)
    try:
        for y in range(year - formula.years_back, year + 1):
            for term in formula.terms:
                key, _dot, part = term.partition(".")
                frame = _explain(engine, datasets.dataset_dir(dataset, root), region, y, key, params)
                if part and "right_kind" in frame.columns:
                    frame = frame[frame["right_kind"] == part]
                if len(formula.terms) > 1:
                    frame.insert(0, "figure", term)
                if formula.growth:  # the year first (record listings carry it already)
                    frame = frame.assign(year=y)[["year", *(c for c in frame.columns if c != "year")]]
                frames.append(frame)
    except (EngineError, ValueError) as exc:
        raise EngineFigureError("dataset", _("无法列出明细：%(reason)s") % {"reason": exc}) from None
    finally:
        engine.close()
    frame = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0].reset_index(drop=True)
    _cache_write(cache, frame, f"records-{actual.pk}")
    return FigureRecords(actual, frame, stale=stale, notes=notes)


# ---------------------------------------------------------------- actions


@dataclass
class Actions:
    """The three lists for the figure ``actual`` (dataset, region and year from its lineage)."""

    actual: IndicatorActual
    lists: dict[str, pd.DataFrame]
    stale: bool = False

    @property
    def year(self) -> int:
        return int((self.actual.lineage or {})["year"])

    @property
    def counts(self) -> dict[str, int]:
        return {name: len(frame) for name, frame in self.lists.items()}

    @property
    def preview(self) -> dict[str, list[dict[str, Any]]]:
        """The first 20 lines of each list, as display values (the page; the workbook has them all)."""
        return {name: [_in_words(name, row) for row in frame.head(20).to_dict("records")]
                for name, frame in self.lists.items()}


def high_value_figure(actuals) -> IndicatorActual | None:
    """The latest current computed value of a high-value figure among ``actuals`` (newest year first)."""
    chosen = [a for a in actuals if a.is_current and a.computed and (a.lineage or {}).get("key") in HIGH_VALUE_KEYS
              and (a.lineage or {}).get("dataset")]
    return max(chosen, key=lambda a: (a.year, a.entered_at), default=None)


def actions_for(actual: IndicatorActual, root: str | Path | None = None, limit: int = 20) -> Actions:
    """Crossing the 10-year line in Y+1, at risk, and the leading enterprise holders, for the figure's Y."""
    from ipcity.analytics import actions, datasets
    from ipcity.analytics.engine import EngineError, connect

    root = Path(root or data_dir())
    lineage = actual.lineage or {}
    dataset = lineage["dataset"]["name"]
    if not datasets.exists(dataset, root):
        raise EngineFigureError("dataset", _("计算所用的数据集“%(name)s”已不存在") % {"name": dataset})
    files = {name: _cache_file(root, "actions", actual, name) for name in ACTION_LISTS}
    cached = {name: _cache_read(path) for name, path in files.items()}
    if all(frame is not None for frame in cached.values()):
        return Actions(actual=actual, lists={k: v for k, v in cached.items() if v is not None},
                       stale=_stale(lineage, root))
    engine = connect(ENGINE)
    try:
        lists = actions.all_actions(engine, datasets.dataset_dir(dataset, root), lineage["region"], int(lineage["year"]),
                                    parameters_from_lineage(lineage, root), limit=limit)
    except (EngineError, ValueError) as exc:
        raise EngineFigureError("dataset", _("无法计算：%(reason)s") % {"reason": exc}) from None
    finally:
        engine.close()
    for name, frame in lists.items():
        _cache_write(files[name], frame, f"actions-{actual.pk}")
    return Actions(actual=actual, lists=lists, stale=_stale(lineage, root))


# ---------------------------------------------------------------- files


def table_bytes(records: FigureRecords, fmt: str, title: str) -> bytes:
    """The whole list as .xlsx or .csv (UTF-8 with BOM, for Excel), text cells neutralised."""
    rows = [] if records.frame is None else record_cells.rows(records.columns, records.frame.itertuples(index=False))
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        if records.frame is None:
            writer.writerow(safe_row(records.notes))
        writer.writerow(safe_row(records.headers))
        writer.writerows(safe_row(row) for row in rows)
        return ("\ufeff" + out.getvalue()).encode("utf-8")
    wb = Workbook()
    ws = wb.active
    ws.title = _("明细记录")
    ws.append(safe_row([title]))
    ws["A1"].font = Font(bold=True)
    for note in records.notes:
        ws.append(safe_row([note]))
    ws.append(safe_row(records.headers))
    for row in rows:
        ws.append(safe_row(row))
    return workbook_bytes(wb)


def actions_workbook(result: Actions | None, title: str, note: str = "") -> bytes:
    """One sheet per list (crossing, at risk, leading holders), text cells neutralised."""
    wb = Workbook()
    first = wb.active
    if result is None:
        first.title = _("可采取的行动")
        first.append(safe_row([title]))
        first.append(safe_row([note]))
        return workbook_bytes(wb)
    names = {"crossing": _("次年满10年"), "at_risk": _("高价值专利失效风险"), "top_holders": _("高价值专利主要权利人")}
    for index, name in enumerate(ACTION_LISTS):
        ws = first if index == 0 else wb.create_sheet()
        ws.title = str(names[name])
        frame = result.lists[name]
        ws.append(safe_row([f"{title} · {names[name]}"]))
        ws["A1"].font = Font(bold=True)
        ws.append(safe_row([column_label(str(c)) for c in frame.columns]))
        for row in frame.to_dict("records"):
            ws.append(safe_row(list(_in_words(name, row).values())))
    return workbook_bytes(wb)


def shows_actions(suggestion, history) -> bool:
    """The indicator page shows the actions section on a high-value indicator: one whose catalogue
    entry (linked or suggested) is a high-value figure, or which has a computed high-value value."""
    formula = getattr(suggestion, "formula", "")
    return formula in HIGH_VALUE_KEYS or high_value_figure(history) is not None

"""The indicators of shared/spec/ip-records.md as Ibis expressions (DuckDB locally, Spark on a cluster).

Every key is defined once (:data:`DEFINITIONS`): the kind it reads, the party it counts by, a row
filter, and either a date whose year is the figure's year (a *flow*) or the rule "in force at Y"
(a *stock*). :func:`key_rows` builds the rows behind a key for one region or every region of a
level and a list of years; a figure is the count of those rows (or, for pledge amounts, the sum
of their amounts), and ``explain`` lists the same rows, so a figure always opens to its records.

Rules of the spec, where they are applied:

- domestic only: the counting party's country is ``CN`` (:func:`attributed`);
- attribution: the party's region code, else the region of its address (each distinct address
  resolved once, as for patents); the importer has already tried the enterprise name;
- in force at Y (trademarks): ``reg_date ≤ Y-12-31``, ``expiry_date`` empty or ``≥ Y-12-31``,
  ``lapse_date`` empty or later than ``Y-12-31``; an ``invalid`` row without ``lapse_date`` is in
  force in no year. In years: ``reg_year ≤ Y < end_year`` with ``end_year`` the smaller of the
  lapse year and the expiry year (+1 when the term ends on 31 December, which is still in force
  at Y-12-31);
- pledge amounts are summed in 分 (integers), so that every engine gives the same total; an
  amount of 0 or an empty one counts in ``pledge_count`` and adds nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ibis
import ibis.expr.types as ir
import pandas as pd

from ipcity.analytics import record_kinds
from ipcity.analytics.attribution import code_prefix, keyed_cells, region_key
from ipcity.analytics.engine import Engine
from ipcity.analytics.formulas import per_10k
from ipcity.analytics.indicators import NEVER
from ipcity.analytics.record_kinds import Party


@dataclass(frozen=True)
class KeyDef:
    key: str
    kind: str
    party: int  # index into record_kinds.PARTIES[kind]
    where: Callable[[ir.Table], ir.BooleanValue]
    date: str | None = None  # a flow: the year of this date is the figure's year
    stock: bool = False  # in force at Y (trademarks)
    measure: str = "count"  # count | amount
    label: str = ""


def _cn_register(t: ir.Table) -> ir.BooleanValue:
    return ((t.office == "CN") & ~t.madrid).coalesce(False)


DEFINITIONS: dict[str, KeyDef] = {d.key: d for d in (
    KeyDef("tm_valid", "trademark", 0, _cn_register, stock=True, label="有效注册商标量"),
    KeyDef("tm_new_registrations", "trademark", 0, _cn_register, date="reg_date", label="新增注册商标量"),
    KeyDef("madrid_new", "trademark", 0, lambda t: t.madrid.coalesce(False), date="app_date",
           label="马德里商标国际注册量"),
    KeyDef("gi_marks_valid", "trademark", 0, lambda t: (_cn_register(t) & t.gi).coalesce(False), stock=True,
           label="地理标志商标"),
    KeyDef("pledge_count", "pledge", 0, lambda t: ibis.literal(True), date="reg_date", label="质押登记数"),
    KeyDef("pledge_amount", "pledge", 0, lambda t: ibis.literal(True), date="reg_date", measure="amount",
           label="知识产权质押融资金额"),
    KeyDef("licences", "licence", 0, lambda t: (t.record_type == "licence").coalesce(False), date="date",
           label="实施许可合同备案数"),
    KeyDef("licences_in", "licence", 1, lambda t: (t.record_type == "licence").coalesce(False), date="date",
           label="许可（被许可方在本地）"),
    KeyDef("transfers", "licence", 0, lambda t: (t.record_type == "transfer").coalesce(False), date="date",
           label="转让登记数"),
    KeyDef("transfers_in", "licence", 1, lambda t: (t.record_type == "transfer").coalesce(False), date="date",
           label="转让（受让方在本地）"),
    KeyDef("copyright_works", "copyright", 0, lambda t: (t.work_type == "work").coalesce(False), date="reg_date",
           label="作品著作权登记量"),
    KeyDef("copyright_software", "copyright", 0, lambda t: (t.work_type == "software").coalesce(False),
           date="reg_date", label="软件著作权登记量"),
)}
PLEDGE_KINDS = ("patent", "trademark", "mixed")
#: Every key of the spec, per kind, in the spec's order (derived keys included).
KEYS_BY_KIND: dict[str, tuple[str, ...]] = {
    "trademark": ("tm_valid", "tm_valid_per_10k_entities", "tm_new_registrations", "madrid_new", "gi_marks_valid"),
    "pledge": ("pledge_count", "pledge_amount", "pledge_amount_by_kind"),
    "licence": ("licences", "licences_in", "transfers", "transfers_in"),
    "copyright": ("copyright_works", "copyright_software"),
}
RECORD_KEYS: tuple[str, ...] = tuple(k for keys in KEYS_BY_KIND.values() for k in keys)
#: The keys with records behind them (``explain``): the derived ones open to their base key's records.
EXPLAINABLE: dict[str, str] = {**{k: k for k in DEFINITIONS}, "tm_valid_per_10k_entities": "tm_valid",
                               "pledge_amount_by_kind": "pledge_amount"}
# The flat columns of a panel: the split by kind becomes three columns.
PANEL_COLUMNS: dict[str, tuple[str, ...]] = {
    "trademark": ("tm_valid", "tm_new_registrations", "madrid_new", "gi_marks_valid"),
    "pledge": ("pledge_count", "pledge_amount", *(f"pledge_amount_{k}" for k in PLEDGE_KINDS), "pledge_amount_missing"),
    "licence": ("licences", "licences_in", "transfers", "transfers_in"),
    "copyright": ("copyright_works", "copyright_software"),
}


def kind_path(dataset: str | Path, kind: str) -> Path | None:
    """The dataset's file of ``kind`` records: a dataset name, or a directory holding ``<kind>.parquet``."""
    path = Path(dataset)
    if path.suffix == ".parquet":  # a canonical patent file: patents only
        return None
    if path.is_dir():
        candidate = path / record_kinds.FILES[kind]
        return candidate if candidate.is_file() else None
    from ipcity.analytics import datasets

    try:
        return datasets.kind_path(str(dataset), kind)
    except datasets.DatasetError:  # not a dataset name: no records of any kind (the patent
        return None  # side says "no dataset" when there are none either)


def kinds_present(dataset: str | Path) -> list[str]:
    return [kind for kind in record_kinds.KINDS if kind_path(dataset, kind) is not None]


def _text_present(column: ir.StringValue) -> ir.BooleanValue:
    return column.notnull() & (column.length() > 0)


def attributed(engine: Engine, table: ir.Table, party: Party, *, region: str | None = None,
               level: str | None = None, columns: Sequence[str] | None = None, keyed: bool = True) -> ir.Table:
    """The rows whose ``party`` is domestic (country CN) and attributed to ``region`` (or to a
    region of ``level``), with ``region`` and ``region_key``. With ``keyed=False``: every
    attributed row with its ``region`` code only, for a caller that groups by the code first and
    keys the few groups (``attribution.keyed_cells``), not the millions of rows.

    With ``columns`` (the columns the caller reads), as ``attribution.attributed_records``: the few
    domestic rows without a code but with an address are read once into a table the engine keeps,
    and the rows with a code are read without the long address column; the result has only
    those columns (plus the party's code, address and country)."""
    t = table.filter((table[party.country] == "CN").coalesce(False))
    code = t[party.region_code]
    has_code = (code.length() == 6).coalesce(False)
    needs_address = ~has_code & _text_present(t[party.address])
    kept = list(t.columns) if columns is None else list(
        dict.fromkeys([*columns, party.region_code, party.address, party.country]))
    uncoded = t.filter(needs_address) if columns is None else engine.materialise(t.filter(needs_address).select(*kept))
    found = engine.execute(uncoded.select(address=uncoded[party.address]).distinct())
    from ipcity.analytics.addresses import regions_from_addresses  # cpca's matcher: loaded when needed

    mapping = regions_from_addresses([a for a in found["address"].tolist() if isinstance(a, str)])
    coded = t.filter(has_code).select(*kept)
    coded = coded.mutate(region=coded[party.region_code])
    if mapping:
        lookup = engine.frame(pd.DataFrame({"address": list(mapping), "derived_region": list(mapping.values())}))
        joined = uncoded.inner_join(lookup, uncoded[party.address] == lookup.address)
        derived = joined.select(*[uncoded[c] for c in kept], region=lookup.derived_region)
        coded = ibis.union(coded, derived, distinct=False)
    if not keyed:
        return coded
    keyed_rows = region_key(coded, region=region, level=level)
    return keyed_rows.filter(keyed_rows.region_key.notnull())


def _end_year(t: ir.Table) -> ir.IntegerValue:
    """The first year a trademark is no longer in force (NEVER when neither expiry nor lapse)."""
    # In force on Dec 31 of the expiry year only when it expires that very day: the year of the
    # day after the expiry is the first year not in force (one date step, not month and day tests).
    expiry_end = (t.expiry_date + ibis.interval(days=1)).year().coalesce(NEVER)
    lapse_end = t.lapse_date.year().coalesce(NEVER)
    return ibis.ifelse(expiry_end < lapse_end, expiry_end, lapse_end)


def key_rows(engine: Engine, table: ir.Table, definition: KeyDef, years: Sequence[int], *,
             region: str | None = None, level: str | None = None) -> ir.Table:
    """The rows counted in ``definition`` for the years, with ``region_key`` and ``year``."""
    party = record_kinds.PARTIES[definition.kind][definition.party]
    rows = attributed(engine, table, party, region=region, level=level)
    rows = rows.filter(definition.where(rows))
    years = [int(y) for y in years]
    if definition.stock:
        invalid_without_lapse = ((rows.status == "invalid") & rows.lapse_date.isnull()).coalesce(False)
        rows = rows.filter(rows.reg_date.notnull(), ~invalid_without_lapse)
        rows = rows.mutate(_start=rows.reg_date.year(), _end=_end_year(rows))
        year_table = engine.frame(pd.DataFrame({"year": years}))
        joined = rows.join(year_table, [rows._start <= year_table.year, rows._end > year_table.year])
        return joined.drop("_start", "_end")
    assert definition.date is not None
    dated = rows.mutate(year=rows[definition.date].year())
    return dated.filter(dated.year.isin(years))


def _fen(t: ir.Table) -> ir.IntegerValue:
    """The amount in 分 (an integer), 0 for an empty or non-positive amount."""
    fen = (t.amount * 100).round().cast("int64")
    return ibis.ifelse((t.amount > 0).coalesce(False), fen, 0)


#: The grouping columns of :func:`trademark_frame`'s cells (the rest are counts).
_CELL_KEYS = ("reg_year", "end_year", "madrid_year")

#: The trademark columns the panel reads (:func:`trademark_frame`; the benchmark scans these).
TRADEMARK_PANEL_COLUMNS = ("office", "madrid", "gi", "app_date", "reg_date", "expiry_date", "lapse_date", "status",
                           "first_holder_country", "first_holder_address", "region_code")


def trademark_frame(engine: Engine, table: ir.Table, years: Sequence[int], *, region: str | None = None,
                    level: str | None = None) -> pd.DataFrame:
    """The four trademark keys in one grouped pass over the attributed rows (one address lookup).

    The same rules as :data:`DEFINITIONS` (which ``explain`` lists), grouped once into cells of
    (region_key, registration year, end year, Madrid filing year) with counts; the cells are
    few (regions × years × years) and are spread over the years here: a stock cell counts in
    every year of ``[reg year, end year)``, a registration in its year, a Madrid filing in its."""
    rows = attributed(engine, table, record_kinds.PARTIES["trademark"][0], region=region, level=level,
                      columns=TRADEMARK_PANEL_COLUMNS, keyed=False)
    cn = _cn_register(rows)
    madrid = rows.madrid.coalesce(False)
    invalid_without_lapse = ((rows.status == "invalid") & rows.lapse_date.isnull()).coalesce(False)
    in_stock = cn & rows.reg_date.notnull() & ~invalid_without_lapse
    none = ibis.null().cast("int32")
    cells = rows.filter(cn | madrid).mutate(
        reg_year=ibis.ifelse(cn, rows.reg_date.year().cast("int32"), none),
        end_year=ibis.ifelse(in_stock, _end_year(rows).cast("int32"), none),
        madrid_year=ibis.ifelse(madrid, rows.app_date.year().cast("int32"), none),
        _stock=ibis.ifelse(in_stock, 1, 0),
        _gi=ibis.ifelse(in_stock & rows.gi.coalesce(False), 1, 0),
        region=code_prefix(rows.region, region=region, level=level),
    ).group_by(["region", *_CELL_KEYS]).aggregate(
        n=ibis._.count(), stock=ibis._._stock.sum(), gi=ibis._._gi.sum())
    frame = engine.execute(keyed_cells(cells, _CELL_KEYS, region=region, level=level))
    for column in _CELL_KEYS:
        frame[column] = frame[column].astype("Int64")
    years = [int(y) for y in years]
    parts = []
    registered = frame[frame["reg_year"].isin(years)]
    parts.append(registered.groupby(["region_key", "reg_year"])["n"].sum().rename("tm_new_registrations")
                 .rename_axis(["region_key", "year"]))
    filed = frame[frame["madrid_year"].isin(years)]
    parts.append(filed.groupby(["region_key", "madrid_year"])["n"].sum().rename("madrid_new")
                 .rename_axis(["region_key", "year"]))
    stock = frame[frame["end_year"].notna() & (frame["stock"] > 0)]
    spread = stock.merge(pd.DataFrame({"year": years}), how="cross")
    spread = spread[(spread["reg_year"] <= spread["year"]) & (spread["year"] < spread["end_year"])]
    parts.append(spread.groupby(["region_key", "year"])[["stock", "gi"]].sum()
                 .rename(columns={"stock": "tm_valid", "gi": "gi_marks_valid"}))
    merged = pd.concat(parts, axis=1)
    merged = merged[list(PANEL_COLUMNS["trademark"])].fillna(0).astype("int64").reset_index()
    merged["year"] = merged["year"].astype("int64")
    return merged.sort_values(["region_key", "year"], ignore_index=True)


def kind_frame(engine: Engine, table: ir.Table, kind: str, years: Sequence[int], *, region: str | None = None,
               level: str | None = None) -> pd.DataFrame:
    """One row per (region_key, year) with the kind's panel columns (zeros filled)."""
    if kind == "trademark":
        return trademark_frame(engine, table, years, region=region, level=level)
    frames = []
    for definition in DEFINITIONS.values():
        if definition.kind != kind or definition.measure == "amount":
            continue
        rows = key_rows(engine, table, definition, years, region=region, level=level)
        if kind == "pledge":
            fen = rows.mutate(_fen=_fen(rows))
            counts = fen.group_by(["region_key", "year"]).aggregate(
                pledge_count=ibis._.count(),
                pledge_amount_missing=ibis.ifelse(fen._fen > 0, 0, 1).sum(),
                **{f"_fen_{k}": ibis.ifelse(fen.right_kind == k, fen._fen, 0).sum() for k in PLEDGE_KINDS},
            )
        else:
            counts = rows.group_by(["region_key", "year"]).aggregate(**{definition.key: ibis._.count()})
        frame = engine.execute(counts)
        frame["year"] = frame["year"].astype("int64")
        frames.append(frame.set_index(["region_key", "year"]))
    columns = PANEL_COLUMNS[kind]
    if not frames:
        return pd.DataFrame(columns=["region_key", "year", *columns])
    merged = pd.concat(frames, axis=1)
    if kind == "pledge":
        for k in PLEDGE_KINDS:
            merged[f"_fen_{k}"] = merged[f"_fen_{k}"].fillna(0).astype("int64")
            merged[f"pledge_amount_{k}"] = merged[f"_fen_{k}"] / 100
        merged["pledge_amount"] = sum(merged[f"_fen_{k}"] for k in PLEDGE_KINDS) / 100
        merged = merged.drop(columns=[f"_fen_{k}" for k in PLEDGE_KINDS])
    for column in columns:
        if column not in merged:
            merged[column] = 0
        if not column.startswith("pledge_amount") or column == "pledge_amount_missing":
            merged[column] = merged[column].fillna(0).astype("int64")
        else:
            merged[column] = merged[column].fillna(0.0).astype("float64")
    return merged[list(columns)].reset_index().sort_values(["region_key", "year"], ignore_index=True)


def records_frame(engine: Engine, dataset: str | Path, years: Sequence[int], *, region: str | None = None,
                  level: str | None = None) -> tuple[pd.DataFrame, list[str]]:
    """Every record kind the dataset holds: (one row per region_key × year, the kinds found)."""
    kinds = kinds_present(dataset)
    merged: pd.DataFrame | None = None
    for kind in kinds:
        path = kind_path(dataset, kind)
        assert path is not None
        frame = kind_frame(engine, engine.read_records(path), kind, years, region=region, level=level)
        merged = frame if merged is None else merged.merge(frame, on=["region_key", "year"], how="outer")
    if merged is None:
        return pd.DataFrame(columns=["region_key", "year"]), kinds
    for kind in kinds:
        for column in PANEL_COLUMNS[kind]:
            is_amount = column.startswith("pledge_amount") and column != "pledge_amount_missing"
            merged[column] = merged[column].fillna(0.0 if is_amount else 0).astype("float64" if is_amount else "int64")
    return merged.sort_values(["region_key", "year"], ignore_index=True), kinds


def invalid_without_lapse(engine: Engine, dataset: str | Path, region: str) -> int:
    """Domestic trademarks of ``region`` with status invalid and no lapse date (in force in no year)."""
    path = kind_path(dataset, "trademark")
    if path is None:
        return 0
    rows = attributed(engine, engine.read_records(path), record_kinds.PARTIES["trademark"][0], region=region)
    flagged = rows.filter(((rows.status == "invalid") & rows.lapse_date.isnull()).coalesce(False))
    return int(engine.execute(flagged.count()))


def reference_entities(region: str, year: int) -> float | None:
    from ipcity.analytics import reference

    try:
        value = reference.entities(region, year)
    except (LookupError, ValueError, OSError):
        return None
    return float(value) if value else None


def region_figures(engine: Engine, dataset: str | Path, region: str, year: int, *, entities: float | None = None,
                   entities_lookup: Callable[[str, int], float | None] = reference_entities
                   ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The keys of the kinds the dataset holds for one region and year, and their warnings."""
    frame, kinds = records_frame(engine, dataset, [year], region=region)
    row = frame.iloc[0].to_dict() if len(frame) else {}
    out: dict[str, Any] = {}
    warnings: list[dict[str, Any]] = []
    if "trademark" in kinds:
        valid = int(row.get("tm_valid", 0))
        source = "given" if entities else None
        if not entities:
            entities = entities_lookup(region, year)
            source = "reference" if entities else None
        out.update({
            "tm_valid": valid,
            "tm_valid_per_10k_entities": per_10k(valid, entities),
            "tm_new_registrations": int(row.get("tm_new_registrations", 0)),
            "madrid_new": int(row.get("madrid_new", 0)),
            "gi_marks_valid": int(row.get("gi_marks_valid", 0)),
            "entities": entities,
            "entities_source": source,
            "entities_version": _entities_version() if source == "reference" else None,
        })
        if not entities:
            warnings.append({"code": "no_entities", "message": (
                f"no number of market entities for {region} in {year} (--entities or `ipcity records reference "
                f"entities`): tm_valid_per_10k_entities is null")})
        flagged = invalid_without_lapse(engine, dataset, region)
        if flagged:
            warnings.append({"code": "tm_invalid_without_lapse", "rows": flagged, "message": (
                f"{flagged} trademarks have status invalid but no lapse date: counted in force in no year")})
    if "pledge" in kinds:
        missing = int(row.get("pledge_amount_missing", 0))
        out.update({
            "pledge_count": int(row.get("pledge_count", 0)),
            "pledge_amount": float(row.get("pledge_amount", 0.0)),
            "pledge_amount_by_kind": {k: float(row.get(f"pledge_amount_{k}", 0.0)) for k in PLEDGE_KINDS},
        })
        if missing:
            warnings.append({"code": "pledge_amount_missing", "rows": missing, "message": (
                f"{missing} pledge registrations have an amount of 0 or none: counted in pledge_count, "
                f"nothing added to pledge_amount")})
    if "licence" in kinds:
        out.update({k: int(row.get(k, 0)) for k in PANEL_COLUMNS["licence"]})
    if "copyright" in kinds:
        out.update({k: int(row.get(k, 0)) for k in PANEL_COLUMNS["copyright"]})
    return out, warnings


def _entities_version() -> str | None:
    from ipcity.analytics import reference

    return reference.current_version(reference.ENTITIES)


def explain_records(engine: Engine, dataset: str | Path, region: str, year: int, key: str) -> pd.DataFrame:
    """The records behind ``key`` for ``region`` and ``year``: one line per record counted
    (``tm_valid_per_10k_entities`` opens to tm_valid's, ``pledge_amount_by_kind`` to pledge_amount's)."""
    from ipcity.divisions import check_code

    if key not in EXPLAINABLE:
        raise ValueError(f"unknown indicator {key!r}; one of {', '.join(EXPLAINABLE)}")
    definition = DEFINITIONS[EXPLAINABLE[key]]
    if definition.measure == "amount":  # the same rows as the count
        definition = DEFINITIONS["pledge_count"]
    path = kind_path(dataset, definition.kind)
    if path is None:
        raise ValueError(f"dataset {dataset} holds no {definition.kind} records (needed for {key})")
    rows = key_rows(engine, engine.read_records(path), definition, [year], region=check_code(region))
    columns = [*record_kinds.COLUMNS[definition.kind], "region", "year"]
    frame = engine.execute(rows.select(*columns))
    sort = list(record_kinds.KEYS[definition.kind])
    return frame.sort_values(sort, ignore_index=True)

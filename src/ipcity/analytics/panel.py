"""Figures for one region and year (``compute``) and for every region of a level × years (``panel``).

Both run the same expressions of ``indicators.py``; one region is a panel of one. The counts
come from the engine; population, per-10k figures, warnings and parameters are added here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from ipcity.analytics import attribution, indicator_counts
from ipcity.analytics import indicators as ind
from ipcity.analytics.engine import Engine, EngineError, resolve_records
from ipcity.analytics.formulas import PER_10K, per_10k, per_10k_column
from ipcity.analytics.schema import TERM_YEARS
from ipcity.divisions import LEVELS, check_code, display_name

PopulationLookup = Callable[[str, int], float | None]


def reference_population(region: str, year: int) -> float | None:
    """Year-end resident population from the office's loaded population table, if any."""
    from ipcity.analytics import reference

    try:
        value = reference.population(region, year)
    except (LookupError, ValueError, OSError):
        return None
    return float(value) if value else None


def population_version() -> str | None:
    from ipcity.analytics import reference

    return reference.current_version(reference.POPULATION)


def _manifest(dataset: str | Path) -> dict[str, Any]:
    """The dataset's manifest (a name, or a directory holding one); {} for a bare Parquet file."""
    import json

    from ipcity.analytics import datasets

    path = Path(dataset)
    if path.suffix == ".parquet":
        candidate = path.parent / datasets.MANIFEST_FILE
    elif path.is_dir():
        candidate = path / datasets.MANIFEST_FILE
    else:
        try:
            candidate = datasets.dataset_dir(str(dataset)) / datasets.MANIFEST_FILE
        except datasets.DatasetError:
            return {}
    try:
        return json.loads(candidate.read_text(encoding="utf-8")) if candidate.is_file() else {}
    except (OSError, ValueError):
        return {}


def attribution_counts(dataset: str | Path, patents_by_address_now: int | None) -> dict[str, Any]:
    """How many rows of the dataset were attributed by address and by name (ip-indicators.md:
    "shown with the figures"): the importer's counts from the manifest, plus, for patents, the
    rows without a code whose address gives the region when the figures are computed (a
    canonical file read directly); ``by_address`` is None for a patent import made before that
    count was kept. Whole dataset, like ``unattributed``. For a kind with two
    parties (licences) one count per party; keys are the manifest's party roles."""
    from ipcity.analytics import record_kinds
    from ipcity.analytics.patent_regions import ADDRESS_NOTE, NAME_NOTE

    manifest = _manifest(dataset)
    out: dict[str, Any] = {}
    if patents_by_address_now is not None:
        notes = manifest.get("notes") or {}
        # A file read directly, or a dataset written whole (the demo's and `patents synth`'s
        # synthetic records: no "rows_read"), had no import, so no row was placed at import; an
        # import before the address count was kept recorded the names only: its address count is
        # unknown (None, "not counted": the figure's note says 该数据集导入较早), not 0.
        imported = "rows_read" in manifest
        counted = not imported or manifest.get("attribution_counted") or ADDRESS_NOTE in notes
        out["patent"] = {"by_address": int(notes.get(ADDRESS_NOTE, 0)) + patents_by_address_now if counted else None,
                         "by_name": int(notes.get(NAME_NOTE, 0))}
    for kind, part in (manifest.get("kinds") or {}).items():
        notes = part.get("notes") or {}
        parties = {party.role: {"by_address": int(notes.get(f"{party.role}: region from the address", 0)),
                                "by_name": int(notes.get(f"{party.role}: region from the name", 0))}
                   for party in record_kinds.PARTIES.get(kind, ())}
        if parties:
            out[kind] = parties
    return out


def records_unattributed(dataset: str | Path) -> list[dict[str, Any]]:
    """One ``records_unattributed`` warning per kind and party with domestic rows whose region the
    import could not derive (no code, no address naming a region, no region at the start of the
    name): ip-indicators.md counts such a row nowhere "and reports it as unattributed", and
    ip-records.md applies that rule unchanged. Whole dataset, like the patents' ``unattributed``;
    from the import's notes, as ``attribution_counts``."""
    from ipcity.analytics import record_kinds

    found = []
    for kind, part in (_manifest(dataset).get("kinds") or {}).items():
        notes = part.get("notes") or {}
        for party in record_kinds.PARTIES.get(kind, ()):
            rows = int(notes.get(f"{party.role}: domestic without a region", 0))
            if rows:
                found.append(_warning(
                    "records_unattributed",
                    f"{rows} {kind} records whose {party.role} is domestic have no region code, no address and no "
                    f"name that names a region: counted nowhere by the {party.role}",
                    kind=kind, party=party.role, rows=rows))
    return found


def _warning(code: str, message: str, **extra: Any) -> dict[str, Any]:
    return {"code": code, "message": message, **extra}


def parameter_warnings(params: ind.Parameters) -> list[dict[str, Any]]:
    found = []
    if params.sei is None:
        found.append(_warning("sei_not_applied", "no SEI concordance file given (--sei-rules): the sei criterion is not applied"))
    if params.pledge_threshold is None:
        found.append(_warning(
            "pledge_not_applied",
            "no pledge threshold set (--pledge-threshold): CNIPA publishes none, so the pledge criterion is not applied",
        ))
    return found


def compute_region(
    engine: Engine,
    dataset: str | Path,
    region: str,
    year: int,
    params: ind.Parameters,
    population: float | None = None,
    population_lookup: PopulationLookup = reference_population,
    entities: float | None = None,
) -> dict[str, Any]:
    """The JSON object of ``ipcity indicators compute``: the patent keys when the dataset holds
    patents, and the keys of ip-records.md for the other kinds it holds (``record_indicators``)."""
    from ipcity.analytics import record_indicators

    region = check_code(region)
    record_keys, record_warnings = record_indicators.region_figures(engine, dataset, region, year, entities=entities)
    record_warnings += records_unattributed(dataset)
    if not has_patents(dataset):
        if not record_keys and not record_indicators.kinds_present(dataset):
            resolve_records(dataset)  # no kind at all: the usual "no dataset" error
        return {"dataset": str(dataset), "region": region, "region_name": display_name(region), "year": int(year),
                "as_of": f"{int(year)}-12-31", **record_keys, "warnings": record_warnings,
                "attribution": attribution_counts(dataset, None), "parameters": params.describe(engine.name)}
    records = engine.read_records(resolve_records(dataset))
    rows = ind.prepared_rows(engine, records, params, region=region)
    frame = indicator_counts.indicator_frame(engine, rows, params, [year], region=region)
    counts = frame.iloc[0].to_dict() if len(frame) else dict.fromkeys(ind.STOCK_KEYS + ind.FLOW_KEYS, 0)
    quality = engine.execute(ind.quality_counts(rows))
    invalid_without_lapse = int(quality["invalid_without_lapse"].sum()) if len(quality) else 0
    past_term = engine.execute(ind.past_term_counts(rows, int(year)))
    past_term_without_lapse = int(past_term["past_term_without_lapse"].sum()) if len(past_term) else 0
    unattributed, by_address_now = attribution.address_attribution(engine, records)

    population_source = "given" if population else None
    if not population:
        population = population_lookup(region, year)
        population_source = "reference" if population else None
    warnings = parameter_warnings(params)
    if not population:
        warnings.insert(0, _warning(
            "no_population",
            f"no year-end resident population for {region} in {year} (--population or the population table): per-10k figures are null",
        ))
    if invalid_without_lapse:
        warnings.append(_warning(
            "invalid_without_lapse",
            f"{invalid_without_lapse} granted inventions have status invalid but no lapse date: counted in force in no year",
            rows=invalid_without_lapse,
        ))
    if past_term_without_lapse:
        warnings.append(_warning(
            "past_term_without_lapse",
            f"{past_term_without_lapse} inventions counted in force at {int(year)}-12-31 were filed over "
            f"{TERM_YEARS['invention']} years before and have no lapse date: their term has ended unless "
            "it was extended; check the data's legal status",
            rows=past_term_without_lapse,
        ))
    if unattributed:
        warnings.append(_warning(
            "unattributed",
            f"{unattributed} domestic CN rows have no region code and no address that names a region: counted nowhere",
            rows=unattributed,
        ))
    by_criterion: dict[str, int | None] = {c: int(counts[f"hv_{c}"]) for c in ind.CRITERIA}
    if params.sei is None:
        by_criterion["sei"] = None
    if params.pledge_threshold is None:
        by_criterion["pledge"] = None
    valid, high = int(counts["invention_valid"]), int(counts["high_value"])
    result = {
        "dataset": str(dataset),
        "region": region,
        "region_name": display_name(region),
        "year": int(year),
        "as_of": f"{int(year)}-12-31",
        "population": population,
        "population_source": population_source,
        "population_version": population_version() if population_source == "reference" else None,
        "invention_valid": valid,
        "invention_valid_per_10k": per_10k(valid, population),
        "high_value": high,
        "high_value_per_10k": per_10k(high, population),
        "high_value_by_criterion": by_criterion,
        "invention_grants": int(counts["invention_grants"]),
        "invention_applications": int(counts["invention_applications"]),
        "pct_applications": int(counts["pct_applications"]),
        "unattributed": unattributed,
        "attribution": attribution_counts(dataset, by_address_now),
        "warnings": warnings,
        "parameters": params.describe(engine.name),
    }
    result.update(record_keys)
    warnings.extend(record_warnings)
    return result


def has_patents(dataset: str | Path) -> bool:
    """Whether ``dataset`` (a name, a directory or a Parquet path) holds patent records."""
    try:
        resolve_records(dataset)
    except EngineError:
        return False
    return True


def parse_years(text: str) -> list[int]:
    """``2016-2025`` → [2016 … 2025]; ``2020`` → [2020]; ``2018,2020`` → [2018, 2020]."""
    years: set[int] = set()
    for part in text.split(","):
        part = part.strip()
        start, sep, end = part.partition("-")
        try:
            first, last = (int(start), int(end)) if sep else (int(part), int(part))
        except ValueError as exc:
            raise ValueError(f"years must look like 2016-2025 or 2020, not {text!r}") from exc
        if last < first or first < 1900 or last > 2200:
            raise ValueError(f"not a range of years: {part!r}")
        years.update(range(first, last + 1))
    return sorted(years)


def compute_panel(
    engine: Engine,
    dataset: str | Path,
    level: str,
    years: Sequence[int],
    params: ind.Parameters,
    population_lookup: PopulationLookup = reference_population,
) -> pd.DataFrame:
    """Every region of ``level`` found in the data × ``years``, one pass over the records."""
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r}; one of {', '.join(LEVELS)}")
    from ipcity.analytics import record_indicators

    patents = has_patents(dataset)
    value_columns = list(ind.STOCK_KEYS + ind.FLOW_KEYS)
    if patents:
        records = engine.read_records(resolve_records(dataset))
        rows = ind.prepared_rows(engine, records, params, level=level)
        counts = indicator_counts.indicator_frame(engine, rows, params, years, level=level)
    else:
        counts = pd.DataFrame({c: pd.Series([], dtype="int64" if c != "region_key" else object)
                               for c in ["region_key", "year", *value_columns]})
    # the other kinds of record the dataset holds (ip-records.md), on the same grid
    extra, kinds = record_indicators.records_frame(engine, dataset, years, level=level)
    regions = sorted(set(counts["region_key"]) | set(extra["region_key"]))
    grid = pd.MultiIndex.from_product([regions, list(years)], names=["region_key", "year"]).to_frame(index=False)
    panel = grid.merge(counts, on=["region_key", "year"], how="left")
    panel[value_columns] = panel[value_columns].fillna(0).astype("int64")
    if kinds:
        extra = extra.astype({"year": "int64"})
        panel = panel.merge(extra, on=["region_key", "year"], how="left")
        for kind in kinds:
            for column in record_indicators.PANEL_COLUMNS[kind]:
                is_amount = column.startswith("pledge_amount") and column != "pledge_amount_missing"
                panel[column] = panel[column].fillna(0.0 if is_amount else 0).astype("float64" if is_amount else "int64")
    panel = panel.rename(columns={"region_key": "region", **{f"hv_{c}": f"high_value_{c}" for c in ind.CRITERIA}})
    panel.insert(1, "region_name", panel["region"].map(display_name))
    populations = [population_lookup(r, int(y)) for r, y in zip(panel["region"], panel["year"], strict=True)]
    panel["population"] = pd.array(populations, dtype="Float64")
    _add_per_10k(panel, "population")
    if params.sei is None:
        panel["high_value_sei"] = pd.array([None] * len(panel), dtype="Int64")
    if params.pledge_threshold is None:
        panel["high_value_pledge"] = pd.array([None] * len(panel), dtype="Int64")
    if "trademark" in kinds:
        entities = [record_indicators.reference_entities(r, int(y)) for r, y in zip(panel["region"], panel["year"],
                                                                                     strict=True)]
        panel["entities"] = pd.array(entities, dtype="Float64")
        _add_per_10k(panel, "entities")
    if not patents:
        patent_columns = {*value_columns, "population", *_per_10k_of("population"),
                          *(f"high_value_{c}" for c in ind.CRITERIA)}
        panel = panel.drop(columns=[c for c in panel.columns if c in patent_columns])
    return panel


def _per_10k_of(divisor: str) -> list[str]:
    """The per-10,000 figures (``formulas.PER_10K``) divided by this reference column, in their order."""
    return [key for key, (_count, by) in PER_10K.items() if by == divisor]


def _add_per_10k(panel: pd.DataFrame, divisor: str) -> None:
    """The per-10,000 columns over ``divisor``, right after it (the panel's column order)."""
    for key in _per_10k_of(divisor):
        panel[key] = per_10k_column(panel[PER_10K[key][0]], panel[divisor])


def write_panel(panel: pd.DataFrame, out: str | Path, params: ind.Parameters, engine_name: str) -> Path:
    """Parquet (with the parameters in its metadata) or CSV (UTF-8 with BOM, for Excel)."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix.lower() == ".csv":
        panel.to_csv(out, index=False, encoding="utf-8-sig")
    elif out.suffix.lower() == ".parquet":
        import json

        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pandas(panel, preserve_index=False)
        meta = dict(table.schema.metadata or {})
        meta[b"ipcity.parameters"] = json.dumps(params.describe(engine_name), ensure_ascii=False).encode()
        pq.write_table(table.replace_schema_metadata(meta), out)
    else:
        raise ValueError(f"--out must end in .parquet or .csv, not {out.name!r}")
    return out

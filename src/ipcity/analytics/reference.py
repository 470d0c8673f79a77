"""Versioned reference data the office supplies: population table, pledge threshold, SEI concordance.

Each load makes a new, immutable version under ``<data_dir>/reference/<kind>/<version>/`` and
then points ``<data_dir>/reference/<kind>/current`` at it (an atomic file replace), so a figure
can name the exact version that shaped it. The SEI concordance is read (and checked) by
``sei.load_sei_table``; this module only keeps its versions.

Population file (CSV or XLSX): one row per region and year, with columns for the region
(a GB/T 2260 code, or a name that cpca resolves), the year, and the year-end resident
population (年末常住人口). The unit is read from the header (``万人`` → ×10,000, ``人`` →
persons); a header without a unit is read as 万人 when every value is below 20,000: a table
in persons whose largest region has under 20,000 residents is not a real table of cities or
counties, while one in 万人 always is (the largest city has about 3,200 万).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ipcity.analytics import addresses, file_rows, readers
from ipcity.analytics.datasets import data_root
from ipcity.analytics.formats import normalise_header
from ipcity.divisions import codes_for_name, level, normalise_code

POPULATION = "population"
PLEDGE_THRESHOLD = "pledge_threshold"
SEI = "sei_concordance"
ENTITIES = "entities"
KINDS = (POPULATION, PLEDGE_THRESHOLD, SEI, ENTITIES)
WAN = 10_000
# Below this, a unit-less population column is in 万人 (the largest city has about 3,200 万).
_WAN_CEILING = 20_000
_CODE_HEADERS = ("行政区划代码", "区划代码", "地区代码", "代码", "adcode", "region_code", "code")
_NAME_HEADERS = ("地区", "地区名称", "行政区划", "行政区划名称", "城市", "名称", "region", "name", "region_name")
_YEAR_HEADERS = ("年份", "年度", "年", "year")
_POPULATION_WORDS = ("人口", "population")


class ReferenceDataError(ValueError):
    """A reference file that cannot be loaded; nothing was changed."""


def reference_dir(kind: str, data_dir: str | Path | None = None) -> Path:
    return data_root(data_dir) / "reference" / kind


def current_version(kind: str, data_dir: str | Path | None = None) -> str | None:
    pointer = reference_dir(kind, data_dir) / "current"
    return pointer.read_text(encoding="utf-8").strip() if pointer.is_file() else None


def versions(kind: str, data_dir: str | Path | None = None) -> list[dict[str, Any]]:
    """Every stored version's metadata, oldest first; ``current`` marks the one in use."""
    root = reference_dir(kind, data_dir)
    current = current_version(kind, data_dir)
    found = []
    for meta in sorted(root.glob("*/meta.json")):
        info = json.loads(meta.read_text(encoding="utf-8"))
        info["current"] = info["version"] == current
        found.append(info)
    return sorted(found, key=lambda info: info["loaded_at"])


def version_info(kind: str, version: str | None, data_dir: str | Path | None = None) -> dict[str, Any] | None:
    """One stored version's metadata (``current`` marked as in ``versions``), read from its own
    ``meta.json``; None for no version or one not stored."""
    if not version:
        return None
    meta = reference_dir(kind, data_dir) / version / "meta.json"
    if not meta.is_file():
        return None
    info = json.loads(meta.read_text(encoding="utf-8"))
    info["current"] = info["version"] == current_version(kind, data_dir)
    return info


def _store(kind: str, payload: bytes, meta: dict[str, Any], write, data_dir: str | Path | None) -> str:
    """Write a new version (``write(dir)`` fills it), then make it current."""
    now = dt.datetime.now(dt.UTC)
    version = f"{kind}-{now:%Y%m%dT%H%M%S}-{hashlib.sha256(payload).hexdigest()[:8]}"
    root = reference_dir(kind, data_dir)
    target = root / version
    target.mkdir(parents=True, exist_ok=True)
    write(target)
    meta = {**meta, "version": version, "loaded_at": now.isoformat(timespec="microseconds")}
    (target / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    pointer = root / "current"
    tmp = root / f".current-{version}"
    tmp.write_text(version, encoding="utf-8")
    os.replace(tmp, pointer)
    return version


# ---------------------------------------------------------------- population


def load_population(path: str | Path, data_dir: str | Path | None = None, note: str = "") -> str:
    """Load a population table as a new current version; returns the version id.

    ``note`` says where the figures come from (the demo's labels its table as invented); the
    file's SHA-256 is kept, so a loader can tell whether a version holds a given file."""
    try:
        source = readers.inspect(path, max_bytes=200 * 1024**2)
        rows = list(file_rows.iter_rows(source))
    except readers.InputError as exc:
        raise ReferenceDataError(str(exc)) from None
    records, unit = parse_population_rows(rows)
    table = pa.table({
        "region_code": [r[0] for r in records],
        "year": pa.array([r[1] for r in records], pa.int32()),
        "population": pa.array([r[2] for r in records], pa.int64()),
    })
    payload = Path(path).read_bytes()
    meta = {"source": Path(path).name, "rows": len(records), "unit_in_file": unit,
            "years": sorted({r[1] for r in records}), "regions": len({r[0] for r in records}),
            "sha256": hashlib.sha256(payload).hexdigest(), "note": note}
    return _store(POPULATION, payload, meta,
                  lambda target: pq.write_table(table, target / "population.parquet"), data_dir)


def parse_population_rows(rows: list[tuple[int, list[object]]]) -> tuple[list[tuple[str, int, int]], str]:
    """(region code, year, persons) rows and the unit found; any bad row fails the whole file."""
    rows = [(line, cells) for line, cells in rows if any(str(c or "").strip() for c in cells)]
    if len(rows) < 2:
        raise ReferenceDataError("the population file has no data rows")
    header_line, header = rows[0]
    columns = _population_columns([normalise_header(h) for h in header], header)
    raw: list[tuple[int, str, int, float]] = []
    errors: list[str] = []
    names = _names_in_table(rows[1:], columns)
    for line, cells in rows[1:]:
        try:
            raw.append((line, *_population_row(cells, columns, names)))
        except ValueError as exc:
            errors.append(f"line {line}: {exc}")
    if errors:
        raise ReferenceDataError(f"{len(errors)} unreadable row(s): " + "; ".join(errors[:5]))
    pop_header = str(header[columns["population"]])
    unit = _unit(pop_header, [value for *_, value in raw])
    factor = WAN if unit == "万人" else 1
    seen: dict[tuple[str, int], int] = {}
    records = []
    for line, code, year, value in raw:
        if (code, year) in seen:
            raise ReferenceDataError(f"line {line}: region {code} year {year} repeats line {seen[(code, year)]}")
        seen[(code, year)] = line
        records.append((code, year, round(value * factor)))
    return records, unit


def _population_columns(normalised: list[str], header: list[object]) -> dict[str, int]:
    def find(candidates: tuple[str, ...]) -> int | None:
        for candidate in map(normalise_header, candidates):  # region_code is read as regioncode
            if candidate in normalised:
                return normalised.index(candidate)
        return None

    columns = {"code": find(_CODE_HEADERS), "name": find(_NAME_HEADERS), "year": find(_YEAR_HEADERS),
               "population": next((i for i, h in enumerate(normalised) if any(w in h for w in _POPULATION_WORDS)), None)}
    if columns["year"] is None or columns["population"] is None or (columns["code"] is None and columns["name"] is None):
        raise ReferenceDataError(
            "a population table needs a region (代码 or 地区), a year (年份) and a population (年末常住人口) "
            "column; headers found: " + ", ".join(str(h) for h in header if h is not None))
    return {k: v for k, v in columns.items() if v is not None}


def _names_in_table(rows: list[tuple[int, list[object]]], columns: dict[str, int]) -> dict[str, str | None]:
    """Region name → code for the names of a table, the table itself settling a shared one.

    A yearbook table lists a city's districts by their bare names (深圳市, then 南山区), and
    several regions share such a name (南山区 is 深圳's and 鹤岗's): a name that is not
    derivable on its own is the one candidate under a city (else province) the table names.
    """
    index = columns.get("name")
    if index is None:
        return {}
    found = {name: addresses.region_of_names(name) for name in
             {str(cells[index]).strip() for _, cells in rows if index < len(cells) and cells[index]}}
    known = [code for code in found.values() if code]
    for name, code in found.items():
        if code is None:
            candidates = [c for c in codes_for_name(name) if level(c) == "district"]
            near = ([c for c in candidates if any(c[:4] == k[:4] and k[4:] == "00" for k in known)]
                    or [c for c in candidates if any(c[:2] == k[:2] for k in known)])
            found[name] = near[0] if len(near) == 1 else None
    return found


def _population_row(cells: list[object], columns: dict[str, int],
                    names: dict[str, str | None] | None = None) -> tuple[str, int, float]:
    def cell(name: str) -> object:
        index = columns.get(name)
        return cells[index] if index is not None and index < len(cells) else None

    code = normalise_code(cell("code")) if "code" in columns else None
    if code is None and cell("name"):
        name = str(cell("name")).strip()
        code = names[name] if names is not None and name in names else addresses.region_of_names(name)
    if code is None:
        raise ValueError(f"region not recognised: {cell('code') or cell('name')!r}")
    year_text = re.sub(r"[年\s]", "", str(cell("year") or ""))
    if not re.fullmatch(r"(19|20)\d\d(\.0)?", year_text):
        raise ValueError(f"unreadable year {cell('year')!r}")
    value_text = str(cell("population") or "").replace(",", "").replace("，", "").strip()
    value_text = re.sub(r"\s*(万人|万|人)$", "", value_text)
    try:
        value = float(value_text)
    except ValueError:
        raise ValueError(f"unreadable population {cell('population')!r}") from None
    if value <= 0:
        raise ValueError(f"population must be positive, got {value_text}")
    return code, int(float(year_text)), value


def _unit(header: str, values: list[float]) -> str:
    if "万" in header:
        return "万人"
    if "人" in header.replace("人口", "") or "persons" in header.lower():
        return "人"
    return "万人" if max(values) < _WAN_CEILING else "人"


@functools.lru_cache(maxsize=8)
def _population_map(path: str) -> dict[tuple[str, int], int]:
    table = pq.read_table(path)
    return {(c, y): p for c, y, p in zip(table.column("region_code").to_pylist(), table.column("year").to_pylist(),
                                          table.column("population").to_pylist(), strict=True)}


def population(region_code: str, year: int, data_dir: str | Path | None = None,
               version: str | None = None) -> int | None:
    """Year-end resident population of a region in a year (persons), or None if not loaded."""
    version = version or current_version(POPULATION, data_dir)
    if version is None:
        return None
    path = reference_dir(POPULATION, data_dir) / version / "population.parquet"
    if not path.is_file():
        raise ReferenceDataError(f"population version {version} not found")
    return _population_map(str(path)).get((normalise_code(region_code) or region_code, int(year)))


# ---------------------------------------------------------------- market entities
# The number of market entities (市场主体: enterprises, individual businesses, farmers'
# cooperatives) of a region at year end, for tm_valid_per_10k_entities (ip-records.md). Same file
# shape as the population table; the unit comes from the header (``万户`` → ×10,000, else 户:
# unlike population there is no unit-less guess, a county's count in 户 can be small).

_ENTITIES_WORDS = ("市场主体", "主体", "entities", "户数")


def load_entities(path: str | Path, data_dir: str | Path | None = None, note: str = "") -> str:
    """Load a market-entities table (region, year, entities at year end) as a new current version
    (``note`` and the file's SHA-256 kept as for the population table)."""
    try:
        source = readers.inspect(path, max_bytes=200 * 1024**2)
        rows = list(file_rows.iter_rows(source))
    except readers.InputError as exc:
        raise ReferenceDataError(str(exc)) from None
    records, unit = parse_entities_rows(rows)
    table = pa.table({
        "region_code": [r[0] for r in records],
        "year": pa.array([r[1] for r in records], pa.int32()),
        "entities": pa.array([r[2] for r in records], pa.int64()),
    })
    payload = Path(path).read_bytes()
    meta = {"source": Path(path).name, "rows": len(records), "unit_in_file": unit,
            "years": sorted({r[1] for r in records}), "regions": len({r[0] for r in records}),
            "sha256": hashlib.sha256(payload).hexdigest(), "note": note}
    return _store(ENTITIES, payload, meta,
                  lambda target: pq.write_table(table, target / "entities.parquet"), data_dir)


def parse_entities_rows(rows: list[tuple[int, list[object]]]) -> tuple[list[tuple[str, int, int]], str]:
    """(region code, year, entities) rows and the unit found; any bad row fails the whole file."""
    rows = [(line, cells) for line, cells in rows if any(str(c or "").strip() for c in cells)]
    if len(rows) < 2:
        raise ReferenceDataError("the market-entities file has no data rows")
    _header_line, header = rows[0]
    normalised = [normalise_header(h) for h in header]
    value_column = next((i for i, h in enumerate(normalised) if any(w in h for w in _ENTITIES_WORDS)), None)
    if value_column is None:
        raise ReferenceDataError("a market-entities table needs a region (代码 or 地区), a year (年份) and a "
                                 "count of market entities (市场主体数量) column; headers found: "
                                 + ", ".join(str(h) for h in header if h is not None))
    # the region and year columns are found as for population; the count stands in its place
    renamed = list(normalised)
    renamed[value_column] = "population"
    columns = _population_columns(renamed, header)
    unit = "万户" if "万" in str(header[value_column]) else "户"
    factor = WAN if unit == "万户" else 1
    seen: dict[tuple[str, int], int] = {}
    records: list[tuple[str, int, int]] = []
    errors: list[str] = []
    names = _names_in_table(rows[1:], columns)
    for line, cells in rows[1:]:
        try:
            code, year, value = _population_row(cells, columns, names)
        except ValueError as exc:
            errors.append(f"line {line}: {str(exc).replace('population', 'market entities')}")
            continue
        if (code, year) in seen:
            errors.append(f"line {line}: region {code} year {year} repeats line {seen[(code, year)]}")
            continue
        seen[(code, year)] = line
        records.append((code, year, round(value * factor)))
    if errors:
        raise ReferenceDataError(f"{len(errors)} unreadable row(s): " + "; ".join(errors[:5]))
    return records, unit


@functools.lru_cache(maxsize=8)
def _entities_map(path: str) -> dict[tuple[str, int], int]:
    table = pq.read_table(path)
    return {(c, y): n for c, y, n in zip(table.column("region_code").to_pylist(), table.column("year").to_pylist(),
                                          table.column("entities").to_pylist(), strict=True)}


def entities(region_code: str, year: int, data_dir: str | Path | None = None,
             version: str | None = None) -> int | None:
    """Market entities of a region at the end of a year, or None if not loaded."""
    version = version or current_version(ENTITIES, data_dir)
    if version is None:
        return None
    path = reference_dir(ENTITIES, data_dir) / version / "entities.parquet"
    if not path.is_file():
        raise ReferenceDataError(f"entities version {version} not found")
    return _entities_map(str(path)).get((normalise_code(region_code) or region_code, int(year)))


# ---------------------------------------------------------------- pledge threshold


def set_pledge_threshold(yuan: float, data_dir: str | Path | None = None, note: str = "") -> str:
    """Record the office's pledge threshold (元) as a new current version."""
    if not yuan > 0:
        raise ReferenceDataError("the pledge threshold must be a positive amount in 元")
    payload = json.dumps({"yuan": float(yuan)}).encode()
    return _store(PLEDGE_THRESHOLD, payload, {"yuan": float(yuan), "note": note},
                  lambda target: None, data_dir)


def pledge_threshold(data_dir: str | Path | None = None) -> tuple[float | None, str | None]:
    """(threshold in 元, version) or (None, None): CNIPA publishes no default, so there is none."""
    version = current_version(PLEDGE_THRESHOLD, data_dir)
    if version is None:
        return None, None
    meta = json.loads((reference_dir(PLEDGE_THRESHOLD, data_dir) / version / "meta.json").read_text(encoding="utf-8"))
    return float(meta["yuan"]), version


# ---------------------------------------------------------------- SEI concordance


def load_sei(path: str | Path, data_dir: str | Path | None = None, note: str = "") -> str:
    """Check a concordance file (the format of ``sei.load_sei_table``) and keep it as the current version."""
    from ipcity.analytics.sei import SeiTableError, load_sei_table

    try:
        table = load_sei_table(path)
    except SeiTableError as exc:
        raise ReferenceDataError(str(exc)) from None
    payload = Path(path).read_bytes()
    # Kept under its own name, so the version shown beside a figure reads like the file it came from.
    name = Path(path).name
    meta = {"source": name, "file": name, "rules": len(table.rules), "patterns": table.pattern_count,
            "sha256": table.sha256, "note": note}
    return _store(SEI, payload, meta, lambda target: (target / name).write_bytes(payload), data_dir)


def sei_rules_file(data_dir: str | Path | None = None) -> tuple[Path | None, str | None]:
    """(path of the current stored concordance, its version), or (None, None) when none is loaded."""
    version = current_version(SEI, data_dir)
    if version is None:
        return None, None
    folder = reference_dir(SEI, data_dir) / version
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    return folder / meta["file"], version


def resolve_sei_rules(explicit: str | Path | None = None,
                      data_dir: str | Path | None = None) -> tuple[str | None, str | None]:
    """Which concordance a computation uses: the file given for this run, else ``$IPCITY_SEI_RULES``,
    else the office's current stored version. Returns (path, reference version or None)."""
    if explicit:
        return str(explicit), None
    if os.environ.get("IPCITY_SEI_RULES"):
        return os.environ["IPCITY_SEI_RULES"], None
    path, version = sei_rules_file(data_dir)
    return (str(path) if path else None), version

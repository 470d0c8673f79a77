"""The landscape of an industry (or a node of it, or a whole dataset), one Ibis computation on
DuckDB or Spark: the keys the ``ipcity navigate landscape`` command prints.

Counting unit: the **patent** (one application), keyed as the indicators key it
(:func:`ipcity.analytics.indicators.patent_key`: the normalised application number, else
``pub:`` + the publication number), so an application's A and B publications count once.
A patent's facts over its rows: filing year and grant year the earliest; kind, office, main IPC
and region the smallest value (rows of one application agree on them in practice; the rule
makes the result deterministic); legal status ``valid`` when any row says valid, else
``invalid`` when any says invalid, else ``pending``; its applicants every applicant of any row
(after name normalisation), its first applicant the smallest key among its rows' first names.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import ibis
import ibis.expr.types as ir
import pandas as pd

from ipcity import divisions
from ipcity.analytics.engine import Engine
from ipcity.analytics.indicators import patent_key
from ipcity.analytics.navigation import contributors, lifecycle, names
from ipcity.analytics.navigation.definition import Definition, Node, node_filter
from ipcity.analytics.sei import SeiTable, pattern_key

TOP = 20
TOP_IPC = 50
_TEMP_NAMES = itertools.count()


@contextmanager
def materialised(engine: Engine, expr: ir.Table) -> Iterator[ir.Table]:
    """``expr`` computed once and kept for the queries that follow (a temporary table in
    DuckDB, a cached DataFrame in Spark), dropped afterwards."""
    if engine.name != "duckdb":
        engine.con._run_pre_execute_hooks(expr)  # registers the memtables (cache() does not)
        cached = expr.cache()
        try:
            yield cached
        finally:
            cached.release()
        return
    # Ibis's own cache() cannot drop its table with this DuckDB/sqlglot pair: plain SQL instead.
    con = engine.con
    name = f"_ipcity_nav_{next(_TEMP_NAMES)}"
    con._run_pre_execute_hooks(expr)  # registers the memtables the expression uses
    con.con.execute(f'CREATE TEMP TABLE "{name}" AS {con.compile(expr)}')
    try:
        yield con.table(name)
    finally:
        con.con.execute(f'DROP TABLE IF EXISTS "{name}"')


def _region_column(engine: Engine, rows: ir.Table) -> ir.Table:
    """``rows`` plus ``region``: the 6-digit code, else the region derived from the first
    applicant's address (CN rows), else null. Every row is kept."""
    code = rows.region_code
    has_code = (code.length() == 6).coalesce(False)
    needs = ~has_code & rows.first_applicant_address.notnull() & (rows.first_applicant_address.length() > 0)
    addresses = engine.execute(rows.filter(needs & (rows.office == "CN")).select("first_applicant_address").distinct())
    from ipcity.analytics.addresses import regions_from_addresses

    mapping = regions_from_addresses([a for a in addresses["first_applicant_address"] if isinstance(a, str)])
    if not mapping:
        return rows.mutate(region=ibis.ifelse(has_code, code, ibis.null("string")))
    table = engine.frame(pd.DataFrame({"address": list(mapping), "derived": list(mapping.values())}))
    coded = rows.filter(has_code).mutate(region=code)
    uncoded = rows.filter(~has_code)
    joined = uncoded.left_join(table, (uncoded.first_applicant_address == table.address) & (uncoded.office == "CN"))
    derived = joined.select(*[uncoded[c] for c in rows.columns], region=table.derived)
    return ibis.union(coded, derived, distinct=False)


def _counts(frame: pd.DataFrame, key: str, value: str = "patents") -> dict[str, int]:
    frame = frame.dropna(subset=[key]).sort_values(key)
    if key == "year":  # an integer column with nulls comes back as float
        return {str(int(k)): int(v) for k, v in zip(frame[key], frame[value], strict=True)}
    return {str(k): int(v) for k, v in zip(frame[key], frame[value], strict=True)}


def _ranked(frame: pd.DataFrame, key: str, top: int | None) -> list[dict]:
    frame = frame.dropna(subset=[key]).sort_values(["patents", key], ascending=[False, True])
    if top:
        frame = frame.head(top)
    return [{"code": str(k), "patents": int(v)} for k, v in zip(frame[key], frame["patents"], strict=True)]


def _as_date(value: Any) -> dt.date | None:
    if value is None or pd.isna(value):
        return None
    return pd.Timestamp(value).date()


def nearest_ipc_groups(engine: Engine, records: ir.Table, node: Node, limit: int = 10) -> list[dict]:
    """Main groups present in ``records`` (by main IPC) closest to the node's patterns: same
    main group prefix first, then same subclass, class, section; more patents first."""
    main = records.ipc.re_split(r"\|")[0]
    groups = engine.execute(
        records.select(group=main.split("/")[0]).group_by("group").aggregate(patents=ibis._.count())
    )
    patterns = [p for n, _ in node.walk() for p in n.ipc]
    if not patterns:
        groups = groups.sort_values(["patents", "group"], ascending=[False, True]).head(limit)
        return [{"code": g, "patents": int(n), "shared_prefix": 0} for g, n in zip(groups["group"], groups["patents"], strict=True)]
    keys = [pattern_key(p)[1].split("/")[0] for p in patterns]

    def shared(group: str) -> int:
        return max(len(_common_prefix(group, k)) for k in keys)

    groups = groups.dropna(subset=["group"])
    groups["shared_prefix"] = groups["group"].map(shared)
    groups = groups[groups["shared_prefix"] > 0]
    groups = groups.sort_values(["shared_prefix", "patents", "group"], ascending=[False, False, True]).head(limit)
    return [{"code": g, "patents": int(n), "shared_prefix": int(s)}
            for g, n, s in zip(groups["group"], groups["patents"], groups["shared_prefix"], strict=True)]


def _common_prefix(a: str, b: str) -> str:
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    return a[:i]


def landscape(engine: Engine, records: ir.Table, definition_or_node: Definition | Node | None = None,
              region: str | None = None, *, sei_table: SeiTable | None = None,
              aliases: Mapping[str, str] | None = None, data_date: dt.date | None = None,
              top: int = TOP) -> dict:
    """Every key of the landscape for the patents the definition (or node) selects, within
    ``region`` (a province, city or district code; ``divisions.COUNTRY``: every patent attributed
    to a region; None = the whole dataset, every office).

    ``aliases`` maps an applicant name to the name it is merged into (both are normalised);
    ``data_date`` is the date the data were extracted (default: the latest filing or grant date
    in the data), from which the life cycle leaves out the last 18 months."""
    return landscapes(engine, records, definition_or_node, [region], sei_table=sei_table, aliases=aliases,
                      data_date=data_date, top=top)[0]


def landscapes(engine: Engine, records: ir.Table, definition_or_node: Definition | Node | None,
               regions: Sequence[str | None], *, sei_table: SeiTable | None = None,
               aliases: Mapping[str, str] | None = None, data_date: dt.date | None = None,
               top: int = TOP) -> list[dict]:
    """The landscape of each of ``regions`` (as :func:`landscape` gives it for that region), from
    one pass over the dataset: the node matching, the region attribution and the per-row columns
    are computed once and kept as a temporary table, and each region's measures are computed from
    that table (a city, its province and the country: the platform's comparison)."""
    definition = definition_or_node if isinstance(definition_or_node, Definition) else None
    node: Node | None = definition.root if definition else (
        definition_or_node if isinstance(definition_or_node, Node) else None)
    prefixes = [None if r is None else divisions.region_prefix(divisions.check_code(r)) for r in regions]
    rows = records
    if node is not None:
        rows = rows.filter(node_filter(records, node, sei_table))
    rows = _region_column(engine, rows)
    known = [p for p in prefixes if p is not None]
    if len(known) == len(prefixes):
        # keep only the rows some region needs: those within the regions' common prefix ("" for
        # the country: every attributed row; a single region: its own rows)
        rows = rows.filter(rows.region.startswith(os.path.commonprefix(known)))
    single = len(set(prefixes)) == 1
    has = contributors.available(engine, records)
    slim = rows.select(
        patent=patent_key(rows), pub_number=rows.pub_number, office=rows.office, kind=rows.kind,
        status=rows.status, app_year=rows.app_date.year(), grant_year=rows.grant_date.year(),
        main_ipc=rows.ipc.re_split(r"\|")[0].re_replace(r"\s+", "").upper(),
        applicants=rows.applicants, region=rows.region,
        app_date=rows.app_date, grant_date=rows.grant_date, **contributors.slim_columns(rows, has),
    )
    out = []
    memo: dict[str, dict[str, str]] = {"applicants": {}, "inventors": {}}  # name keys, shared by the regions
    with materialised(engine, slim) as cached:
        for region, prefix in zip(regions, prefixes, strict=True):
            scoped = cached if single or prefix is None else cached.filter(cached.region.startswith(prefix))
            result = _compute(engine, records, scoped, node, aliases, data_date, top, has, memo)
            result["definition"] = (
                {"name": definition.name, "version": definition.version} if definition
                else ({"node": node.key, "name": node.name} if node is not None else None)
            )
            result["region"] = {"code": region, "name": divisions.display_name(region)} if region else None
            result["engine"] = engine.name
            out.append(result)
    return out


def _compute(engine: Engine, records: ir.Table, slim: ir.Table, node: Node | None,
             aliases: Mapping[str, str] | None, data_date: dt.date | None, top: int, has: dict[str, bool],
             memo: dict[str, dict[str, str]]) -> dict:
    s = slim
    patents = s.group_by("patent").aggregate(
        app_year=s.app_year.min(), grant_year=s.grant_year.min(), kind=s.kind.min(), office=s.office.min(),
        main_ipc=s.main_ipc.min(), region=s.region.min(),
        any_valid=(s.status == "valid").any(), any_invalid=(s.status == "invalid").any(),
    )
    with materialised(engine, patents) as p:
        return _measures(engine, records, s, p, node, aliases, data_date, top, has, memo)


def _measures(engine: Engine, records: ir.Table, s: ir.Table, p: ir.Table, node: Node | None,
              aliases: Mapping[str, str] | None, data_date: dt.date | None, top: int, has: dict[str, bool],
              memo: dict[str, dict[str, str]]) -> dict:
    patents = p
    total = int(engine.execute(patents.count()))
    if total == 0:
        message = "the definition matches no patent in this dataset" if node is not None else "the dataset has no records"
        return {
            "patents": 0, "message": message,
            "nearest_ipc_groups": nearest_ipc_groups(engine, records, node) if node is not None else [],
            **{key: {} for key in ("applications_by_year", "grants_by_year", "kinds", "legal_status", "offices")},
            "ipc_subclasses": [], "ipc_main_groups": [], "regions": {"provinces": [], "cities": [], "unattributed": 0},
            "top_applicants": [], "applicant_merges": [], **contributors.empty(has),
            "concentration": {"cr4": None, "cr8": None, "hhi": None, "applicants": 0},
            "life_cycle": lifecycle.life_cycle({}, {}, data_date),
        }
    by = engine.execute

    def count_by(column: ir.Value, name: str) -> pd.DataFrame:
        return by(p.group_by(column.name(name)).aggregate(patents=ibis._.count()))

    apps = count_by(p.app_year, "year")
    grants = count_by(p.grant_year, "year")
    status = ibis.ifelse(p.any_valid, "valid", ibis.ifelse(p.any_invalid, "invalid", "pending"))
    subclasses = count_by(p.main_ipc.substr(0, 4), "code")
    main_groups = count_by(p.main_ipc.split("/")[0], "code")
    region_counts = count_by(p.region, "region")

    # applicants: distinct raw names → keys in Python → back into the engine as a small table
    exploded = s.select("patent", "app_year", raw=s.applicants.re_split(r"\|").unnest())
    exploded = exploded.filter(exploded.raw.notnull() & (exploded.raw.strip() != ""))
    raw_names = by(exploded.group_by("raw").aggregate(rows=ibis._.count()))
    alias_map = names.alias_keys(aliases or {})
    raw_names["key"] = names.keyed(raw_names["raw"], lambda n: names.name_key(n, alias_map), memo["applicants"])
    mapping = engine.frame(raw_names[["raw", "key"]])
    keyed = exploded.join(mapping, "raw").select("patent", "app_year", "raw", "key")
    per_patent = keyed.select("patent", "key").distinct()
    applicant_counts = by(per_patent.group_by("key").aggregate(patents=ibis._.count()))
    variant_counts = by(keyed.select("patent", "raw", "key").distinct().group_by(["key", "raw"]).aggregate(
        patents=ibis._.count()))
    firsts = s.select("patent", raw=s.applicants.re_split(r"\|")[0])
    firsts = firsts.join(mapping, "raw").group_by("patent").aggregate(key=ibis._.key.min())
    first_counts = by(firsts.group_by("key").aggregate(patents=ibis._.count()))
    yearly_applicants = by(keyed.filter(keyed.app_year.notnull()).select("app_year", "key").distinct()
                           .group_by("app_year").aggregate(applicants=ibis._.count()))
    if data_date is None:
        dates = by(s.aggregate(a=s.app_date.max(), g=s.grant_date.max()))
        data_date = max(filter(None, (_as_date(dates["a"].iloc[0]), _as_date(dates["g"].iloc[0]))), default=None)

    top_applicants, merges = _applicants(applicant_counts, variant_counts, top)
    filings = {int(y): int(n) for y, n in zip(apps["year"], apps["patents"], strict=True) if pd.notna(y)}
    applicants_by_year = {int(y): int(n) for y, n in zip(yearly_applicants["app_year"], yearly_applicants["applicants"], strict=True)}
    kinds = by(p.group_by("kind").aggregate(patents=ibis._.count()))
    statuses = by(p.group_by(status.name("status")).aggregate(patents=ibis._.count()))
    offices = by(p.group_by("office").aggregate(patents=ibis._.count()))
    return {
        "patents": total,
        "applications_by_year": _counts(apps, "year"),
        "grants_by_year": _counts(grants, "year"),
        "kinds": _counts(kinds, "kind"),
        "legal_status": _counts(statuses, "status"),
        "offices": _counts(offices, "office"),
        "ipc_subclasses": _ranked(subclasses[subclasses["code"] != ""], "code", TOP_IPC),
        "ipc_main_groups": _ranked(main_groups[main_groups["code"] != ""], "code", TOP_IPC),
        "regions": region_distribution(region_counts),
        "top_applicants": top_applicants,
        "applicant_merges": merges,
        # from the optional inventors and cited_by_count columns, None where the export had none
        **contributors.measures(engine, s, p, has, top, memo["inventors"]),
        "concentration": _concentration(first_counts),
        "life_cycle": lifecycle.life_cycle(filings, applicants_by_year, data_date),
    }


def region_distribution(frame: pd.DataFrame) -> dict:
    """Patents per region code (``region``, ``patents``; a null region: unattributed) → the
    provinces and cities they lie in, most patents first, and the unattributed count."""
    unattributed = int(frame.loc[frame["region"].isna(), "patents"].sum())
    coded = frame.dropna(subset=["region"])
    provinces: dict[str, int] = {}
    cities: dict[str, int] = {}
    for code, n in zip(coded["region"], coded["patents"], strict=True):
        key = divisions.level_key(code, "province")
        if key:
            provinces[key] = provinces.get(key, 0) + int(n)
        city = divisions.level_key(code, "city")
        if city:
            cities[city] = cities.get(city, 0) + int(n)

    def listed(counts: dict[str, int]) -> list[dict]:
        return [{"code": c, "name": divisions.display_name(c), "patents": n}
                for c, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]

    return {"provinces": listed(provinces), "cities": listed(cities), "unattributed": unattributed}


def _applicants(counts: pd.DataFrame, variants: pd.DataFrame, top: int) -> tuple[list[dict], list[dict]]:
    """The leading applicants (display name = the variant on most patents, ties by the name)
    and every merge of more than one written form, so that a page can show and edit them."""
    variants = variants.sort_values(["key", "patents", "raw"], ascending=[True, False, True])
    firsts = variants.drop_duplicates("key")
    shown = dict(zip(firsts["key"], firsts["raw"], strict=True))
    # the written forms of the keys written more than one way only (a country's applicants are
    # mostly written one way: listing every key's forms cost seconds)
    several = variants[variants.duplicated("key", keep=False)]
    forms: dict[str, list[str]] = {}
    for key, raw in zip(several["key"], several["raw"], strict=True):
        forms.setdefault(key, []).append(raw)
    ranked = counts.sort_values(["patents", "key"], ascending=[False, True])
    leaders = [
        {"name": shown[k], "key": k, "patents": int(n), "type": names.applicant_type(shown[k])}
        for k, n in zip(ranked["key"].head(top), ranked["patents"].head(top), strict=True)
    ]
    merges = [{"key": k, "name": shown[k], "variants": forms[k]} for k in ranked["key"].tolist() if k in forms]
    return leaders, merges


def _concentration(first_counts: pd.DataFrame) -> dict:
    """CR4, CR8 and HHI of applicants, each patent credited to its first applicant (so shares
    sum to 1); HHI on the 0–10 000 scale."""
    values = sorted((int(v) for v in first_counts["patents"]), reverse=True)
    total = sum(values)
    if total == 0:
        return {"cr4": None, "cr8": None, "hhi": None, "applicants": 0}
    shares = [v / total for v in values]
    return {
        "cr4": sum(shares[:4]), "cr8": sum(shares[:8]),
        "hhi": sum(x * x for x in shares) * 10_000, "applicants": len(values),
    }

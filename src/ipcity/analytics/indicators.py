"""The indicators of shared/spec/ip-indicators.md as Ibis expressions (one code, any engine).

The computation, in the order the functions below build it:

1. :func:`attributed_records`: every record gets ``region`` (its code, else the region derived
   from the first patentee's address, else null = unattributed).
2. :func:`flagged_records`: per-row facts that do not depend on the year: office CN, domestic,
   the years of filing, grant and lapse, the year from which it is "maintained > 10 years",
   and the year-independent criteria (overseas family, pledge, award).
3. :func:`sei_matches`: (pub_number, rule_id) for every patent with an IPC symbol under a
   rule's pattern and none of its exclusions; a join of the distinct symbols' ancestors with
   the pattern lookup, never a regular expression per row.
4. :func:`stock_by_year`: in force at Y ⟺ grant_year ≤ Y < lapse_year, because a lapse on
   any day of year L (31 December included) means "not later than L-12-31". The spec counts
   *patents* there, not rows: rows are first collapsed to one per patent (:func:`patent_level`,
   keyed by the normalised application number), then to distinct (region, years, criteria)
   combinations, which are joined to the years.
5. :func:`grant_counts` (distinct patents, taken from the stock query's per-patent grouping, see
   :func:`stock_by_year`) and :func:`flow_cells` (applications and PCT filings, which the spec
   counts as rows) by year.

Every count is an integer computed by the engine; per-10k figures are derived in Python, so
DuckDB and Spark give identical numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import ibis
import ibis.expr.types as ir
import pandas as pd

from ipcity.analytics.engine import Engine
from ipcity.analytics.schema import TERM_YEARS
from ipcity.analytics.sei import SeiTable
from ipcity.divisions import check_code, region_prefix

CRITERIA = ("sei", "overseas_family", "maintained_10y", "pledge", "award")
STOCK_KEYS = ("invention_valid", "high_value", *(f"hv_{c}" for c in CRITERIA))
FLOW_KEYS = ("invention_grants", "invention_applications", "pct_applications")
# "No lapse" as a year beyond any figure, so "Y < lapse_year" needs no null test.
NEVER = 9999
# Rows without an application number are patents of their own, keyed by their publication number;
# the prefix keeps such a key apart from any application number.
PUB_KEY_PREFIX = "pub:"


@dataclass(frozen=True)
class Parameters:
    """Everything besides the records that shapes a figure; shown beside it."""

    sei: SeiTable | None = None
    sei_mode: str = "ipc_only"
    pledge_threshold: float | None = None
    pledge_threshold_version: str | None = None  # the reference version it came from, if any

    def describe(self, engine: str) -> dict:
        return {
            "sei_rules": self.sei.path if self.sei else None,
            "sei_sha256": self.sei.sha256 if self.sei else None,
            "sei_version": self.sei.version if self.sei else None,
            "sei_mode": self.sei_mode,
            "pledge_threshold": self.pledge_threshold,
            "pledge_threshold_version": self.pledge_threshold_version,
            "engine": engine,
        }


def _text_present(column: ir.StringValue) -> ir.BooleanValue:
    # Canonical text is already trimmed by the importer ('' or null when absent); no strip()
    # here, because trimming every row costs more than the rest of a figure.
    return column.notnull() & (column.length() > 0)


def attributed_records(engine: Engine, records: ir.Table, columns: Sequence[str] | None = None) -> ir.Table:
    """The attributable ``records`` plus ``region``: the 6-digit code, else the region derived
    from the address. Rows with neither are left out (see :func:`unattributed_count`).

    With ``columns`` (the record columns the caller reads), the few rows without a code (about
    1.5 % of a national file) are read once, with those columns, into a table the engine keeps
    (:meth:`Engine.materialise`); every query over the result then reads the records without
    their long address column and takes these rows from memory. Without ``columns`` nothing is
    materialised and each query reads the address column again."""
    # The canonical region_code is six digits or empty (the importer checks the digits).
    code = records.region_code
    has_code = (code.length() == 6).coalesce(False)
    kept = list(records.columns) if columns is None else list(
        dict.fromkeys([*columns, "region_code", "first_applicant_address", "office"])
    )
    if columns is None:
        uncoded = records.filter(~has_code)
    else:
        uncoded = engine.materialise(
            records.filter(~has_code, _text_present(records.first_applicant_address)).select(*kept)
        )
    needs_address = _text_present(uncoded.first_applicant_address) & (uncoded.office == "CN")
    addresses = engine.execute(uncoded.filter(needs_address).select("first_applicant_address").distinct())
    from ipcity.analytics.addresses import regions_from_addresses  # cpca's matcher: loaded when needed

    mapping = regions_from_addresses(addresses["first_applicant_address"].tolist())
    coded = records.filter(has_code) if columns is None else records.filter(has_code).select(*kept)
    coded = coded.mutate(region=coded.region_code)
    if not mapping:
        return coded
    # Two branches so that the long address column is read only for the few rows without a
    # code (reading it for every row cost more than the rest of a figure's query).
    table = engine.frame(pd.DataFrame({"address": list(mapping), "derived_region": list(mapping.values())}))
    joined = uncoded.inner_join(table, uncoded.first_applicant_address == table.address)
    derived = joined.select(*[uncoded[c] for c in kept], region=table.derived_region)
    return ibis.union(coded, derived, distinct=False)


# The record columns the indicators read (flagged_records), as stored.
SOURCE_COLUMNS = (
    "pub_number", "office", "app_number", "kind", "app_date", "grant_date", "lapse_date", "status",
    "first_applicant_country", "first_applicant_address", "region_code", "ipc", "family_granted_offices", "pct",
    "pledge_amount", "award",
)
# The columns every indicator needs after preparation; anything else is asked for by name.
PREPARED_COLUMNS = (
    "pub_number", "patent", "region", "is_invention", "has_grant", "app_year", "grant_year", "lapse_year",
    "maint_year", "invalid_without_lapse", "overseas_family", "pledge", "award", "is_pct", "ipc",
)


def patent_key(records: ir.Table) -> ir.StringValue:
    """The patent a row belongs to: its application number, trimmed and upper-cased, shared by
    the application (CN…A) and grant (CN…B) publications; else ``pub:`` + its pub_number."""
    app = records.app_number.strip().upper()
    return ibis.ifelse(_text_present(app), app, ibis.literal(PUB_KEY_PREFIX).concat(records.pub_number))


def flagged_records(records: ir.Table, params: Parameters) -> ir.Table:
    """Per-row facts that do not depend on the year of the figure (plus the original columns)."""
    app, grant, lapse = records.app_date, records.grant_date, records.lapse_date
    # app_date + 10 years < Y-12-31 holds from Y = app_year + 10, unless filed on 31 December
    # (then app_date + 10 years = Y-12-31, not earlier): from the year after.
    filed_on_dec31 = (app.month() == 12) & (app.day() == 31)
    maint_year = app.year() + 10 + ibis.ifelse(filed_on_dec31, 1, 0)
    if params.pledge_threshold is None:
        pledge = ibis.literal(False)
    else:
        pledge = (records.pledge_amount >= params.pledge_threshold).coalesce(False)
    return records.mutate(
        # Canonical codes are upper case without spaces (the importer's job), so plain equality.
        patent=patent_key(records),
        is_cn=(records.office == "CN").coalesce(False),
        domestic=(records.first_applicant_country == "CN").coalesce(False),
        is_invention=(records.kind == "invention").coalesce(False),
        has_grant=grant.notnull(),
        app_year=app.year(),
        grant_year=grant.year(),
        lapse_year=lapse.year().coalesce(NEVER),
        maint_year=maint_year.coalesce(NEVER),
        invalid_without_lapse=((records.status == "invalid") & lapse.isnull() & grant.notnull()).coalesce(False),
        overseas_family=_text_present(records.family_granted_offices).coalesce(False),
        pledge=pledge,
        # the criterion takes the column's name; the award's text stays as award_text
        award_text=records.award,
        award=_text_present(records.award).coalesce(False),
        is_pct=records.pct.coalesce(False),
    )


def region_key(records: ir.Table, *, region: str | None = None, level: str | None = None) -> ir.Table:
    """Add ``region_key``: the region a row counts for (one given region, or its region of a level).

    Rows under no such region get null and are dropped by the callers' filters.
    """
    code = records.region
    if region is not None:
        prefix = region_prefix(check_code(region))
        key = ibis.ifelse(code.startswith(prefix), ibis.literal(region), ibis.null("string"))
    # The levels in SQL: ipcity.divisions.level_key, written as column expressions.
    elif level == "province":
        key = code.substr(0, 2).concat("0000")
    elif level == "city":
        key = ibis.ifelse(code.substr(2, 2) != "00", code.substr(0, 4).concat("00"), ibis.null("string"))
    elif level == "district":
        key = ibis.ifelse(code.substr(4, 2) != "00", code, ibis.null("string"))
    else:
        raise ValueError("give a region or a level")
    return records.mutate(region_key=key)


#: How many leading digits of a code name its province, city or district (GB/T 2260).
LEVEL_DIGITS = {"province": 2, "city": 4, "district": 6}


def code_prefix(code: ir.StringValue, *, region: str | None, level: str | None) -> ir.StringValue:
    """The digits of a region code that decide its region of ``level`` (2, 4 or 6), padded back
    to six by :func:`keyed_cells`: fewer, shorter groups than whole codes."""
    if region is None and level in LEVEL_DIGITS:
        return code.substr(0, LEVEL_DIGITS[level])
    return code


def keyed_cells(cells: ir.Table, keys: Sequence[str], *, region: str | None = None,
                level: str | None = None) -> ir.Table:
    """Cells grouped by ``region`` (a code or its :func:`code_prefix`) and ``keys``, whose other
    columns are counts → the same cells by ``region_key``, the counts summed: the region rule of
    :func:`region_key` applied to a few thousand codes instead of every row (string slicing
    costs ~100 ns a row)."""
    measures = [c for c in cells.columns if c != "region" and c not in keys]
    cells = cells.mutate(region=cells.region.rpad(6, "0"))
    keyed_rows = region_key(cells, region=region, level=level)
    keyed_rows = keyed_rows.filter(keyed_rows.region_key.notnull())
    return keyed_rows.group_by(["region_key", *keys]).aggregate(**{m: keyed_rows[m].sum() for m in measures})


def granted_inventions(records: ir.Table) -> ir.Table:
    """Granted inventions with a region: the rows of the grants, and of the stock but for those
    marked invalid without a lapse date (:func:`stock_candidates`)."""
    r = records
    return r.filter(r.is_invention, r.has_grant, r.region_key.notnull())


def stock_candidates(records: ir.Table) -> ir.Table:
    """Granted inventions with a region: the rows that can be in force in some year."""
    r = records
    return r.filter(r.is_invention, r.has_grant, ~r.invalid_without_lapse, r.region_key.notnull())


def ipc_symbols(rows: ir.Table) -> tuple[ir.Table, ir.Table, ir.Table]:
    """The rows' IPC symbols, for matching IPC patterns (the SEI concordance's, a navigation node's).

    Returns ``exploded`` (``pub_number``, ``raw``: one row per record and symbol as written),
    ``symbols`` (``raw``, ``sym``: each distinct symbol normalised once) and ``ancestors`` (``sym``,
    ``level``, ``key``: the class, subclass, main group and full symbol each symbol falls under), so
    that a pattern table keyed by (level, key) joins to ``ancestors``."""
    # re_split, not split: Spark's split() reads its delimiter as a regex, where "|" means "or".
    exploded = rows.select("pub_number", raw=rows.ipc.re_split(r"\|").unnest())
    # Normalise (no spaces, upper case) once per distinct symbol, not once per occurrence.
    raw_symbols = exploded.select("raw").distinct()
    symbols = raw_symbols.select("raw", sym=raw_symbols.raw.re_replace(r"\s+", "").upper())
    symbols = symbols.filter(symbols.sym != "")
    main = symbols.sym.split("/")[0]
    ancestors = ibis.union(
        symbols.select("sym", level=ibis.literal("class"), key=symbols.sym.substr(0, 3)),
        symbols.select("sym", level=ibis.literal("subclass"), key=symbols.sym.substr(0, 4)),
        symbols.filter(main.length() > 4).select("sym", level=ibis.literal("main_group"), key=main),
        symbols.filter(symbols.sym.contains("/")).select("sym", level=ibis.literal("symbol"), key=symbols.sym),
        distinct=False,
    )
    return exploded, symbols, ancestors


def sei_matches(engine: Engine, rows: ir.Table, sei: SeiTable, mode: str = "ipc_only") -> ir.Table:
    """(pub_number, rule_id) for every row whose IPC symbols satisfy an SEI rule."""
    exploded, symbols, ancestors = ipc_symbols(rows)
    lookup = engine.frame(sei.lookup_frame())
    hits = ancestors.join(lookup, [ancestors.level == lookup.level, ancestors.key == lookup.key]).select(
        ancestors.sym, lookup.rule_id, lookup.is_exclusion
    )
    per_rule = hits.group_by(["sym", "rule_id"]).aggregate(
        covered=(~hits.is_exclusion).any(), excluded=hits.is_exclusion.any()
    )
    symbol_rules = per_rule.filter(per_rule.covered & ~per_rule.excluded).select("sym", "rule_id")
    raw_rules = symbols.join(symbol_rules, "sym").select("raw", "rule_id")
    pairs = exploded.join(raw_rules, "raw").select("pub_number", "rule_id").distinct()
    if mode == "ipc_only":
        return pairs
    if mode != "ipc_and_keyword":
        raise ValueError(f"unknown SEI mode {mode!r}")
    rules = engine.frame(sei.rules_frame()[["rule_id", "has_keywords"]])
    terms = engine.frame(sei.keyword_frame())
    with_rules = pairs.join(rules, "rule_id")
    free = with_rules.filter(~with_rules.has_keywords).select("pub_number", "rule_id")
    needing = with_rules.filter(with_rules.has_keywords).select("pub_number", "rule_id")
    texts = rows.select(
        "pub_number", text=rows.title.coalesce("").concat(" ", rows.abstract.coalesce(""))
    )
    candidates = needing.join(terms, "rule_id").join(texts, "pub_number")
    by_keyword = candidates.filter(candidates.text.contains(candidates.term)).select("pub_number", "rule_id")
    return ibis.union(free, by_keyword.distinct(), distinct=True)


def with_sei_flag(engine: Engine, rows: ir.Table, params: Parameters) -> ir.Table:
    """``rows`` plus the boolean ``sei`` (False for all when no concordance is loaded)."""
    if params.sei is None:
        return rows.mutate(sei=ibis.literal(False))
    matched = sei_matches(engine, rows, params.sei, params.sei_mode).select("pub_number").distinct()
    matched = matched.mutate(sei_hit=ibis.literal(True))
    joined = rows.left_join(matched, rows.pub_number == matched.pub_number)
    return joined.select(*[rows[c] for c in rows.columns], sei=matched.sei_hit.notnull())


def _in_force_by_year(engine: Engine, grouped: ir.Table, years: Sequence[int]) -> ir.Table:
    year_table = engine.frame(pd.DataFrame({"year": [int(y) for y in years]}))
    joined = grouped.join(
        year_table, [grouped.grant_year <= year_table.year, grouped.lapse_year > year_table.year]
    )
    return joined.mutate(maintained_10y=joined.year >= joined.maint_year)


YEAR_FREE_CRITERIA = ("sei", "overseas_family", "pledge", "award")


def patent_level(rows: ir.Table, **extra: ir.Scalar) -> ir.Table:
    """One row per (region_key, patent) of stock rows (with ``sei``): a criterion is met when
    any of the patent's rows meets it, maintained from its earliest ``maint_year``; the first
    and last grant and lapse years of its rows say when it is in force (see :func:`stock_by_year`)."""
    r = rows
    return r.group_by(["region_key", "patent"]).aggregate(
        first_grant=r.grant_year.min(), last_grant=r.grant_year.max(),
        first_lapse=r.lapse_year.min(), last_lapse=r.lapse_year.max(),
        maint_year=r.maint_year.min(),
        **{name: r[name].any() for name in YEAR_FREE_CRITERIA},
        **extra,
    )


def granted_patents(rows: ir.Table) -> ir.Table:
    """:func:`patent_level` of the stock rows among granted-invention ``rows`` (with ``sei``),
    plus ``in_stock`` (the patent has such a row) and the first and last grant year of *all* its
    rows (``first_grant_any``, ``last_grant_any``), from which :func:`stock_by_year` counts the
    grants: one grouping serves both figures, so the records are read once for them."""
    r = rows
    stock = ~r.invalid_without_lapse
    return r.group_by(["region_key", "patent"]).aggregate(
        in_stock=stock.any(),
        first_grant=r.grant_year.min(where=stock), last_grant=r.grant_year.max(where=stock),
        first_lapse=r.lapse_year.min(where=stock), last_lapse=r.lapse_year.max(where=stock),
        maint_year=r.maint_year.min(where=stock),
        **{name: r[name].any(where=stock) for name in YEAR_FREE_CRITERIA},
        first_grant_any=r.grant_year.min(), last_grant_any=r.grant_year.max(),
    )


def _patents_in_force_by_year(engine: Engine, rows: ir.Table, patents: ir.Table, years: Sequence[int]) -> ir.Table:
    """(region_key, year, maint_year, criteria…, n): patents in force at Y, each counted once.

    A patent is in force when any of its rows is. When its rows' spans [grant_year, lapse_year)
    share a year (last_grant ≤ first_lapse: always so for one row, and for A/B rows repeating
    the same dates) their union is the one span [first_grant, last_lapse), and patents are
    collapsed by span before the year join, as rows were. The rare patents whose rows' spans do
    not (inconsistent dates) are joined to the years row by row and made distinct."""
    patents = patents.filter(patents.in_stock)
    rows = rows.filter(~rows.invalid_without_lapse)
    criteria = ["maint_year", *YEAR_FREE_CRITERIA]
    regular = patents.filter(patents.last_grant <= patents.first_lapse)
    spans = regular.group_by(
        ["region_key", regular.first_grant.name("grant_year"), regular.last_lapse.name("lapse_year"), *criteria]
    ).aggregate(n=ibis._.count())
    by_span = _in_force_by_year(engine, spans, years).select("region_key", "year", *criteria, "n")

    irregular = patents.filter(patents.last_grant > patents.first_lapse)
    spans_of_rows = rows.select("region_key", "patent", "grant_year", "lapse_year").semi_join(
        irregular, ["region_key", "patent"]
    )
    year_table = engine.frame(pd.DataFrame({"year": [int(y) for y in years]}))
    in_force = spans_of_rows.join(
        year_table, [spans_of_rows.grant_year <= year_table.year, spans_of_rows.lapse_year > year_table.year]
    ).select("region_key", "patent", "year").distinct()
    by_row = in_force.join(irregular, ["region_key", "patent"]).select(
        "region_key", "year", *criteria, n=ibis.literal(1, type="int64")
    )
    return ibis.union(by_span, by_row, distinct=False)


def grant_counts(rows: ir.Table, patents: ir.Table, years: Sequence[int]) -> ir.Table:
    """invention_grants per (region_key, year): distinct patents with a row granted in Y (the A
    and B rows of one patent repeat its grant date; it is one grant). ``patents`` is
    :func:`granted_patents` of the granted-invention ``rows``: a patent whose rows share one
    grant year is granted in it; the rare others are counted from their rows."""
    years = [int(y) for y in years]
    one_year = patents.filter(patents.first_grant_any == patents.last_grant_any)
    single = one_year.select("region_key", "patent", year=one_year.first_grant_any.cast("int64"))
    several = patents.filter(patents.first_grant_any != patents.last_grant_any)
    of_rows = rows.semi_join(several, ["region_key", "patent"])
    spread = of_rows.select("region_key", "patent", year=of_rows.grant_year.cast("int64")).distinct()
    granted = ibis.union(single, spread, distinct=False)
    granted = granted.filter(granted.year.isin(years))
    return granted.group_by(["region_key", "year"]).aggregate(invention_grants=ibis._.count())


def stock_by_year(engine: Engine, rows: ir.Table, years: Sequence[int]) -> ir.Table:
    """Per (region_key, year): invention_valid, high_value and how many meet each criterion,
    counting distinct patents (the spec's "patents in force"), not rows; and invention_grants.
    ``rows`` are :func:`granted_inventions` with ``sei``: both figures come from one per-patent
    grouping (:func:`granted_patents`), so one query reads the records for them."""
    patents = granted_patents(rows)
    t = _patents_in_force_by_year(engine, rows, patents, years)
    t = t.mutate(maintained_10y=t.year >= t.maint_year)
    high = t.sei | t.overseas_family | t.maintained_10y | t.pledge | t.award

    def count_if(condition: ir.BooleanValue) -> ir.IntegerScalar:
        return ibis.ifelse(condition, t.n, 0).sum()

    stock = t.group_by(["region_key", "year"]).aggregate(
        invention_valid=t.n.sum(),
        high_value=count_if(high),
        **{f"hv_{name}": count_if(t[name]) for name in CRITERIA},
    )
    grants = grant_counts(rows, patents, years)
    stock_keys = list(STOCK_KEYS)
    # both on one (region_key, year) grid: a union of the two, summed (zeros where one has none)
    both = ibis.union(
        stock.mutate(invention_grants=ibis.literal(0, type="int64")),
        grants.select("region_key", "year", **{k: ibis.literal(0, type="int64") for k in stock_keys},
                      invention_grants=grants.invention_grants),
        distinct=False,
    )
    return both.group_by(["region_key", "year"]).aggregate(
        **{k: both[k].sum() for k in [*stock_keys, "invention_grants"]}
    )


def flow_cells(records: ir.Table, years: Sequence[int], *, region: str | None = None,
               level: str | None = None) -> ir.Table:
    """Rows counted by (region_key, app_year, is_invention, is_pct): one small scan from which
    :func:`flows_from_cells` reads applications and PCT filings by year (rows, as the spec says).
    Grouped by the code's deciding digits first, then keyed (:func:`keyed_cells`)."""
    years = [int(y) for y in years]
    r = records.filter(records.app_year.isin(years))
    keys = ["app_year", "is_invention", "is_pct"]
    cells = r.group_by([code_prefix(r.region, region=region, level=level).name("region"), *keys]).aggregate(
        n=ibis._.count())
    return keyed_cells(cells, keys, region=region, level=level)


def flows_from_cells(cells: pd.DataFrame, grants: pd.DataFrame) -> pd.DataFrame:
    """invention_grants, invention_applications, pct_applications per (region_key, year)."""
    inventions = cells[cells["is_invention"].astype(bool)]
    measures = [
        grants.astype({"year": "int64"}).set_index(["region_key", "year"])["invention_grants"],
        inventions.groupby(["region_key", "app_year"])["n"].sum()
        .rename("invention_applications").rename_axis(["region_key", "year"]),
        cells[cells["is_pct"].astype(bool)].groupby(["region_key", "app_year"])["n"]
        .sum().rename("pct_applications").rename_axis(["region_key", "year"]),
    ]
    return pd.concat(measures, axis=1)


def quality_counts(records: ir.Table) -> ir.Table:
    """Per region_key: granted inventions marked invalid without a lapse date (in force nowhere)."""
    r = records.filter(records.is_invention, records.invalid_without_lapse, records.region_key.notnull())
    return r.group_by("region_key").aggregate(invalid_without_lapse=ibis._.count())


def past_term_counts(records: ir.Table, year: int) -> ir.Table:
    """Per region_key: inventions in force at ``year`` by the spec's dates whose twenty-year term
    from filing had run out by ``year``-12-31 and that have no lapse date. The spec counts them
    (dates, not the term); an export without a legal-status column gives such rows, so the
    figures say how many they hold. ``maint_year`` (filing + 10 years, before 31 December) + 10
    is the first year-end past the term, by the same day rule."""
    r = stock_candidates(records)
    over = r.maint_year + (TERM_YEARS["invention"] - 10)
    r = r.filter(r.grant_year <= year, r.lapse_year == NEVER, over <= year)
    return r.group_by("region_key").aggregate(past_term_without_lapse=ibis._.count())


def unattributed_count(engine: Engine, records: ir.Table) -> int:
    """Domestic CN rows whose region could not be derived: counted nowhere."""
    return address_attribution(engine, records)[0]


def address_attribution(engine: Engine, records: ir.Table) -> tuple[int, int]:
    """Of the domestic CN rows without a region code: (counted nowhere, region from the address
    now). The second are the rows :func:`attributed_records` derives when the figures are
    computed (a canonical file read directly); rows the importer attributed carry a code."""
    r = records
    no_code = ~(r.region_code.length() == 6).coalesce(False)
    candidates = r.filter(r.office == "CN", r.first_applicant_country == "CN", no_code)
    addresses = engine.execute(candidates.group_by("first_applicant_address").aggregate(n=ibis._.count()))
    from ipcity.analytics.addresses import regions_from_addresses  # cpca's matcher: loaded when needed

    resolved = regions_from_addresses([a for a in addresses["first_applicant_address"] if isinstance(a, str) and a])
    derived = addresses["first_applicant_address"].isin([a for a, code in resolved.items() if code])
    return int(addresses.loc[~derived, "n"].sum()), int(addresses.loc[derived, "n"].sum())


def prepared_rows(engine: Engine, records: ir.Table, params: Parameters, *, region: str | None = None,
                  level: str | None = None, keep: Sequence[str] = ()) -> ir.Table:
    """Domestic CN rows, attributed, flagged and keyed, with only the columns the indicators
    need (plus ``keep``). Not materialised, except the few rows without a region code
    (:func:`attributed_records`): each figure's query reads only the columns it needs from the
    Parquet file, which measured faster than caching all of them once."""
    if params.sei is not None and params.sei_mode == "ipc_and_keyword":
        keep = (*keep, "title", "abstract")
    source = [c for c in dict.fromkeys((*SOURCE_COLUMNS, *keep)) if c in records.columns]
    flagged = flagged_records(attributed_records(engine, records, source), params)
    flagged = flagged.filter(flagged.is_cn, flagged.domestic)
    slim = flagged.select(*dict.fromkeys((*PREPARED_COLUMNS, *keep)))
    return region_key(slim, region=region, level=level)


def indicator_frame(engine: Engine, rows: ir.Table, params: Parameters, years: Sequence[int], *,
                    region: str | None = None, level: str | None = None) -> pd.DataFrame:
    """One row per (region_key, year) with every count of the spec (zeros filled); ``region`` or
    ``level`` as given to :func:`prepared_rows`."""
    granted_rows = with_sei_flag(engine, granted_inventions(rows), params)
    stock = engine.execute(stock_by_year(engine, granted_rows, years))
    stock["year"] = stock["year"].astype("int64")
    grants = stock.pop("invention_grants").to_frame().join(stock[["region_key", "year"]])
    grants = grants[grants["invention_grants"] > 0]
    stock = stock[stock["invention_valid"] > 0]
    flows = flows_from_cells(engine.execute(flow_cells(rows, years, region=region, level=level)), grants)
    flows.index = flows.index.set_levels(flows.index.levels[1].astype("int64"), level=1)
    frame = stock.set_index(["region_key", "year"]).join(flows, how="outer")
    for column in STOCK_KEYS + FLOW_KEYS:
        if column not in frame:
            frame[column] = 0
    frame = frame[list(STOCK_KEYS + FLOW_KEYS)].fillna(0).astype("int64").reset_index()
    frame["year"] = frame["year"].astype("int64")
    return frame.sort_values(["region_key", "year"], ignore_index=True)

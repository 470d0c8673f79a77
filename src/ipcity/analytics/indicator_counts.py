"""The patent indicators counted: the stock of granted inventions in force and its high-value
criteria per year (distinct patents, not rows), the grants, and the application and PCT flows;
:func:`indicator_frame` puts them on one (region_key, year) grid.

The rows come prepared by :mod:`ipcity.analytics.indicators` (attributed, flagged, keyed); this
module only counts them, so the definitions and the counting each have one home. Every count is
an integer computed by the engine.
"""

from __future__ import annotations

from collections.abc import Sequence

import ibis
import ibis.expr.types as ir
import pandas as pd

from ipcity.analytics.attribution import code_prefix, keyed_cells
from ipcity.analytics.engine import Engine
from ipcity.analytics.indicators import (
    CRITERIA,
    FLOW_KEYS,
    STOCK_KEYS,
    Parameters,
    granted_inventions,
    with_sei_flag,
)


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

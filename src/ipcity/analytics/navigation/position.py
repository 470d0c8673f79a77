"""Where the city stands in an industry: per node of a technology decomposition, the city, its
province and the country side by side (区域发展定位 of GB/T 39551-2020).

The unit is the *patent* (one per application number, else per publication number:
:func:`ipcity.analytics.indicators.patent_key`), counted in the region of its first applicant
(:func:`ipcity.analytics.attribution.attributed_records`), domestic CN filings only. "The country"
is every attributed domestic patent of the dataset, so a dataset that holds one province only
gives a "country" that is that province (the page says which dataset it used).

Per node and region ``r`` (city, province, country):

- ``patents``: the node's patents filed in ``r`` (any year);
- ``share``: ``patents(r, node) / patents(r)``, the node's weight among all of ``r``'s patents;
- ``share_of_country``: ``patents(r, node) / patents(country, node)``;
- ``rta`` (revealed technological advantage): ``share(r, node) / share(country, node)``; above 1
  the region is specialised in the node; empty when ``r`` or the node has no patent;
- ``cagr``: compound annual growth of the node's applications over the last five complete years
  ``E-4 … E``: ``(n(E) / n(E-4)) ** (1/4) - 1``; empty when ``n(E-4) = 0``. ``E`` defaults to
  the latest application year of the dataset minus one (the latest year is taken as incomplete;
  the last 18 months are under-published in any export, so recent growth reads low);
- ``high_value_share``: among the node's granted inventions in force at the end of ``E``
  (granted in or before ``E``, no lapse in or before ``E``, not invalid without a lapse date),
  those meeting at least one of the five criteria of the indicator engine
  (:func:`ipcity.analytics.indicators.flagged_records`: SEI, overseas family, maintained > 10
  years at ``E``, pledge, award);
- ``citations``: per node, the patents with a times-cited count, the sum of their counts and
  the mean, from the optional ``cited_by_count`` column (a patent's count: the largest among its
  publications); when no row of the dataset has one, the result says they are not available.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import ibis
import ibis.expr.types as ir
import pandas as pd

from ipcity.analytics.attribution import attributed_records
from ipcity.analytics.engine import Engine
from ipcity.analytics.indicators import (
    Parameters,
    flagged_records,
    patent_key,
    with_sei_flag,
)
from ipcity.analytics.navigation.contributors import available
from ipcity.analytics.navigation.definition import Definition, Node, node_matches
from ipcity.analytics.navigation.landscape import materialised, region_distribution
from ipcity.analytics.sei import SeiTable
from ipcity.divisions import check_code, province_of, region_prefix

GROWTH_YEARS = 5
SCOPES = ("city", "province", "country")
CITATIONS_UNAVAILABLE = "导出数据不含引证信息，未计算引证指标"


@dataclass(frozen=True)
class NodeInfo:
    key: str
    name: str
    level: int


def tree_nodes(definition: Definition | Node) -> tuple[Node, list[NodeInfo], str | None]:
    """The root, every node (depth first, the root at level 1) and the definition's version."""
    if isinstance(definition, Definition):
        root, version = definition.root, definition.version
    else:
        root, version = definition, None
    return root, [NodeInfo(n.key, n.name, depth) for n, depth in root.walk()], version


@dataclass
class Position:
    city: str
    province: str
    end_year: int
    years: list[int]
    nodes: pd.DataFrame  # one row per node; columns: see :data:`NODE_COLUMNS`
    by_year: pd.DataFrame  # node, year, city, province, country (applications)
    totals: dict[str, int]  # all patents per scope (the shares' denominators)
    citations: pd.DataFrame | None = None  # node, patents, citations, mean; None: not in the export
    definition_version: str | None = None
    notes: list[str] = field(default_factory=list)
    # the industry's (root node's) patents of the country scope over provinces and cities
    # (landscape.region_distribution); None when not computed
    regions: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        nodes = self.nodes.astype(object).where(self.nodes.notna(), None)
        return {
            "city": self.city, "province": self.province, "end_year": self.end_year,
            "growth_years": self.years, "definition_version": self.definition_version,
            "totals": self.totals, "notes": self.notes,
            "citations": (self.citations.to_dict(orient="records") if self.citations is not None
                          else CITATIONS_UNAVAILABLE),
            "regions": self.regions,
            "nodes": nodes.to_dict(orient="records"),
            "applications_by_year": [
                {"node": r.node, "year": int(r.year), **{s: int(getattr(r, s)) for s in SCOPES}}
                for r in self.by_year.itertuples()
            ],
        }


NODE_COLUMNS = (
    "key", "name", "level",
    *(f"{s}_{m}" for s in SCOPES for m in ("patents", "share", "share_of_country", "rta", "cagr",
                                           "in_force", "high_value", "high_value_share")),
)


def node_membership(records: ir.Table, root: Node, sei: SeiTable | None) -> ir.Table:
    """(patent, node): a patent is in a node when any of its rows matches the node or a descendant
    (:func:`ipcity.analytics.navigation.definition.node_matches`, one pass for the whole tree)."""
    matches = node_matches(records, [root], sei)
    keys = records.select("pub_number", patent=patent_key(records))
    joined = matches.join(keys, "pub_number")
    return joined.select("patent", node=joined.node_key).distinct()


def patent_facts(engine: Engine, records: ir.Table, params: Parameters) -> ir.Table:
    """One row per attributed domestic CN patent: region, first application year and the facts
    the high-value share needs (a criterion holds when any row of the patent meets it)."""
    flagged = flagged_records(attributed_records(engine, records), params)
    rows = flagged.filter(flagged.is_cn, flagged.domestic)
    rows = with_sei_flag(engine, rows, params)
    r = rows
    return r.group_by("patent").aggregate(
        region=r.region.min(),
        app_year=r.app_year.min(),
        is_invention=r.is_invention.any(),
        grant_year=r.grant_year.min(),
        lapse_year=r.lapse_year.min(),
        invalid_without_lapse=r.invalid_without_lapse.all(),
        maint_year=r.maint_year.min(),
        any_criterion=(r.sei | r.overseas_family | r.pledge | r.award).any(),
    )


def _scope_flags(table: ir.Table, city: str, province: str) -> dict[str, ir.BooleanValue]:
    return {
        "city": table.region.startswith(region_prefix(city)),
        "province": table.region.startswith(region_prefix(province)),
        "country": table.region.notnull(),
    }


def _count(condition: ir.BooleanValue) -> ir.IntegerScalar:
    return ibis.ifelse(condition, 1, 0).sum()


def position(engine: Engine, records: ir.Table, definition: Definition | Node, *, city: str,
             params: Parameters | None = None, end_year: int | None = None) -> Position:
    """The position of ``city`` (a 6-digit code) in every node, beside its province and the
    country. ``params.sei`` (the SEI concordance) serves both the nodes' SEI codes and the
    SEI criterion of the high-value share."""
    params = params or Parameters()
    root, nodes, definition_version = tree_nodes(definition)
    city = check_code(city)
    province = province_of(city)
    # The denominators and the latest filing year in one light pass: (patent, region, year) only.
    light = _domestic(attributed_records(engine, records))
    light = light.select(patent=patent_key(light), region=light.region, app_year=light.app_date.year())
    overview = light.group_by("patent").aggregate(region=light.region.min(), app_year=light.app_year.min())
    flags = _scope_flags(overview, city, province)
    totals_frame = engine.execute(overview.aggregate(latest=overview.app_year.max(),
                                                     **{s: _count(flags[s]) for s in SCOPES}))
    totals = {s: int(totals_frame[s].iloc[0] or 0) for s in SCOPES}
    if end_year is None:
        latest = totals_frame["latest"].iloc[0]
        end_year = int(latest) - 1 if pd.notna(latest) else 0
    years = list(range(end_year - GROWTH_YEARS + 1, end_year + 1))

    # The facts (flags, SEI criterion) only for the rows of the industry's patents, computed once.
    with materialised(engine, node_membership(records, root, params.sei)) as member:
        industry_rows = records.filter(patent_key(records).isin(member.select("patent").distinct().patent))
        with materialised(engine, patent_facts(engine, industry_rows, params)) as facts:
            per_node, yearly = _node_counts(engine, member.join(facts, "patent"), city, province, end_year, years)
            regions = _industry_regions(engine, facts)
            citations = node_citations(engine, records, member.join(facts.select("patent"), "patent"))

    frame = _node_frame(nodes, per_node, yearly, totals, years)
    by_year = _complete_years(nodes, yearly, years)
    notes = []
    if totals["city"] == 0:
        notes.append("数据集中没有归属本市的专利")
    return Position(city, province, end_year, years, frame, by_year, totals, citations=citations,
                    definition_version=definition_version, notes=notes, regions=regions)


def _domestic(rows: ir.Table) -> ir.Table:
    return rows.filter((rows.office == "CN").coalesce(False), (rows.first_applicant_country == "CN").coalesce(False))


def _node_counts(engine: Engine, joined: ir.Table, city: str, province: str, end_year: int,
                 years: list[int]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per node and scope: patents, inventions in force at the end of ``end_year`` and the
    high-value ones among them; per node, year and scope: applications in ``years``."""
    jflags = _scope_flags(joined, city, province)
    in_force = (
        joined.is_invention & joined.grant_year.notnull() & (joined.grant_year <= end_year)
        & (joined.lapse_year > end_year) & ~joined.invalid_without_lapse
    ).coalesce(False)
    high = in_force & (joined.any_criterion | (joined.maint_year <= end_year)).coalesce(False)
    measures: dict[str, ir.Scalar] = {}
    for s in SCOPES:
        measures[f"{s}_patents"] = _count(jflags[s])
        measures[f"{s}_in_force"] = _count(jflags[s] & in_force)
        measures[f"{s}_high_value"] = _count(jflags[s] & high)
    per_node = engine.execute(joined.group_by("node").aggregate(**measures))
    window = joined.filter(joined.app_year.isin(years))
    yearly = engine.execute(
        window.group_by(["node", "app_year"]).aggregate(**{s: _count(jflags[s]) for s in SCOPES})
    ).rename(columns={"app_year": "year"})
    return per_node, yearly


def _industry_regions(engine: Engine, facts: ir.Table) -> dict[str, Any]:
    """Where the industry's patents are, over the whole dataset: the facts hold one row per
    attributed domestic CN patent of the industry (the root covers every node, and the facts were
    computed for the members' rows only), counted per region code, then summed into provinces
    and cities; a patent without a region is unattributed."""
    counts = engine.execute(facts.group_by("region").aggregate(patents=facts.count()))
    return region_distribution(counts)


def _ratio(numerator: float, denominator: float) -> float | None:
    return numerator / denominator if denominator else None


def cagr(first: float, last: float, intervals: int) -> float | None:
    """``(last / first) ** (1 / intervals) - 1``; None when the first year has nothing."""
    if not first or intervals <= 0:
        return None
    return float((last / first) ** (1 / intervals) - 1)


def _complete_years(nodes: Sequence[NodeInfo], yearly: pd.DataFrame, years: list[int]) -> pd.DataFrame:
    grid = pd.MultiIndex.from_product([[n.key for n in nodes], years], names=["node", "year"])
    if yearly.empty:
        return pd.DataFrame(0, index=grid, columns=list(SCOPES)).reset_index()
    yearly = yearly.astype({"year": "int64"}).set_index(["node", "year"])[list(SCOPES)]
    return yearly.reindex(grid, fill_value=0).fillna(0).astype("int64").reset_index()


def _node_frame(nodes: Sequence[NodeInfo], per_node: pd.DataFrame, yearly: pd.DataFrame,
                totals: dict[str, int], years: list[int]) -> pd.DataFrame:
    counts = per_node.set_index("node") if not per_node.empty else pd.DataFrame()
    by_year = _complete_years(nodes, yearly, years).set_index(["node", "year"])
    rows = []
    for n in nodes:
        row: dict[str, Any] = {"key": n.key, "name": n.name, "level": n.level}
        get = (lambda col, k=n.key: int(counts.at[k, col]) if k in counts.index else 0)  # noqa: E731
        country_patents = get("country_patents")
        country_share = _ratio(country_patents, totals["country"])
        for s in SCOPES:
            patents = get(f"{s}_patents")
            share = _ratio(patents, totals[s])
            row[f"{s}_patents"] = patents
            row[f"{s}_share"] = share
            row[f"{s}_share_of_country"] = _ratio(patents, country_patents)
            row[f"{s}_rta"] = share / country_share if share is not None and country_share else None
            series = by_year.loc[n.key][s] if n.key in by_year.index.get_level_values(0) else None
            row[f"{s}_cagr"] = (
                cagr(series.loc[years[0]], series.loc[years[-1]], len(years) - 1) if series is not None else None
            )
            row[f"{s}_in_force"] = get(f"{s}_in_force")
            row[f"{s}_high_value"] = get(f"{s}_high_value")
            row[f"{s}_high_value_share"] = _ratio(row[f"{s}_high_value"], row[f"{s}_in_force"])
        rows.append(row)
    return pd.DataFrame(rows, columns=list(NODE_COLUMNS))


def node_citations(engine: Engine, records: ir.Table, member: ir.Table) -> pd.DataFrame | None:
    """Forward citations per node (patents with a count, their sum, the mean) when the dataset
    has times-cited counts, else None. ``member``: (patent, node) of the patents to count."""
    if not available(engine, records)["cited_by_count"]:
        return None
    counted = records.filter(records.cited_by_count.notnull())
    per_patent = counted.group_by(patent=patent_key(counted)).aggregate(citations=counted.cited_by_count.max())
    joined = member.join(per_patent, "patent")
    out = engine.execute(joined.group_by("node").aggregate(
        patents=joined.count(), citations=joined.citations.sum()))
    out["mean"] = out["citations"] / out["patents"]
    return out

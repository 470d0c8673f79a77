"""The indicators of shared/spec/ip-indicators.md as Ibis expressions (one code, any engine): what
a row is for them, and the rows prepared for counting.

The computation, in the order it is built (the modules named hold each step):

1. :func:`ipcity.analytics.attribution.attributed_records`: every record gets ``region`` (its
   code, else the region derived from the first patentee's address, else null = unattributed).
2. :func:`flagged_records` (here): per-row facts that do not depend on the year: office CN,
   domestic, the years of filing, grant and lapse, the year from which it is "maintained > 10
   years", and the year-independent criteria (overseas family, pledge, award).
3. :func:`ipcity.analytics.ipc_patterns.sei_matches`: (pub_number, rule_id) for every patent with
   an IPC symbol under a rule's pattern and none of its exclusions; a join of the distinct
   symbols' ancestors with the pattern lookup, never a regular expression per row.
4. :func:`ipcity.analytics.indicator_counts.stock_by_year`: in force at Y ⟺ grant_year ≤ Y <
   lapse_year, because a lapse on any day of year L (31 December included) means "not later than
   L-12-31". The spec counts *patents* there, not rows: rows are first collapsed to one per
   patent (``patent_level``, keyed by :func:`patent_key`), then to distinct (region, years,
   criteria) combinations, which are joined to the years.
5. ``grant_counts`` (distinct patents, taken from the stock query's per-patent grouping) and
   ``flow_cells`` (applications and PCT filings, which the spec counts as rows) by year, in
   :mod:`ipcity.analytics.indicator_counts`, whose ``indicator_frame`` puts them together.

This module keeps what those steps share: the :class:`Parameters`, the keys and criteria, the
patent key, the flags, the rows prepared for counting and the few per-region quality counts.
Every count is an integer computed by the engine; per-10k figures are derived in Python, so
DuckDB and Spark give identical numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import ibis
import ibis.expr.types as ir

from ipcity.analytics.attribution import attributed_records, region_key, text_present
from ipcity.analytics.engine import Engine
from ipcity.analytics.ipc_patterns import sei_matches
from ipcity.analytics.schema import TERM_YEARS
from ipcity.analytics.sei import SeiTable

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
    return ibis.ifelse(text_present(app), app, ibis.literal(PUB_KEY_PREFIX).concat(records.pub_number))


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
        overseas_family=text_present(records.family_granted_offices).coalesce(False),
        pledge=pledge,
        # the criterion takes the column's name; the award's text stays as award_text
        award_text=records.award,
        award=text_present(records.award).coalesce(False),
        is_pct=records.pct.coalesce(False),
    )


def granted_inventions(records: ir.Table) -> ir.Table:
    """Granted inventions with a region: the rows of the grants, and of the stock but for those
    marked invalid without a lapse date (:func:`stock_candidates`)."""
    r = records
    return r.filter(r.is_invention, r.has_grant, r.region_key.notnull())


def stock_candidates(records: ir.Table) -> ir.Table:
    """Granted inventions with a region: the rows that can be in force in some year."""
    r = records
    return r.filter(r.is_invention, r.has_grant, ~r.invalid_without_lapse, r.region_key.notnull())


def with_sei_flag(engine: Engine, rows: ir.Table, params: Parameters) -> ir.Table:
    """``rows`` plus the boolean ``sei`` (False for all when no concordance is loaded)."""
    if params.sei is None:
        return rows.mutate(sei=ibis.literal(False))
    matched = sei_matches(engine, rows, params.sei, params.sei_mode).select("pub_number").distinct()
    matched = matched.mutate(sei_hit=ibis.literal(True))
    joined = rows.left_join(matched, rows.pub_number == matched.pub_number)
    return joined.select(*[rows[c] for c in rows.columns], sei=matched.sei_hit.notnull())


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



"""The patents behind a figure, with the criteria each one meets.

``explain`` answers "which patents make up high_value for 杭州市 in 2024?" with one row per
patent; it runs the same expressions as the figure, filtered to the region and year, so the
number of rows it lists is the figure. Patent-level figures (stock, high value, grants) list one
line per patent (its rows, e.g. the CN…A and CN…B publications of one application, collapsed as
the figure collapses them: ``pub_numbers`` names them all, ``pub_number`` is the representative,
the highest); applications and PCT filings are counted as rows and listed as rows.
"""

from __future__ import annotations

from pathlib import Path

import ibis
import ibis.expr.types as ir
import pandas as pd

from ipcity.analytics import indicator_counts, ipc_patterns
from ipcity.analytics import indicators as ind
from ipcity.analytics.engine import Engine, resolve_records
from ipcity.divisions import check_code

STOCK_INDICATORS = ("invention_valid", "high_value", *(f"high_value_{c}" for c in ind.CRITERIA))
FLOW_INDICATORS = ind.FLOW_KEYS
INDICATORS = STOCK_INDICATORS + FLOW_INDICATORS
# Columns of the canonical record shown beside each patent.
DISPLAY = ("app_number", "applicants", "title", "app_date", "grant_date", "lapse_date", "status", "region_code",
           "family_granted_offices", "pledge_amount", "award_text")
MEETS = tuple(f"meets_{c}" for c in ind.CRITERIA)
OUTPUT_COLUMNS = ("pub_number", "pub_numbers", "patent", "first_applicant", "title", "region", "app_date",
                  "grant_date", "lapse_date", "status", "criteria", *MEETS, "sei_codes", "family_granted_offices", "pledge_amount",
                  "award", "applicants", "app_number")


def _sei_codes(engine: Engine, rows: ibis.Table, params: ind.Parameters) -> pd.DataFrame:
    """(region_key, patent) → the SEI industry codes (e.g. ``1.1,1.3``) its rows' symbols match."""
    if params.sei is None:
        return pd.DataFrame({column: pd.Series([], dtype=object) for column in ("region_key", "patent", "sei_codes")})
    pairs = ipc_patterns.sei_matches(engine, rows, params.sei, params.sei_mode)
    owners = rows.select("pub_number", "region_key", "patent")
    matched = engine.execute(pairs.join(owners, "pub_number").select("region_key", "patent", "rule_id"))
    rules = params.sei.rules_frame()[["rule_id", "sei_code"]]
    merged = matched.merge(rules, on="rule_id")
    grouped = merged.groupby(["region_key", "patent"])["sei_code"].agg(lambda codes: ",".join(sorted(set(codes))))
    return grouped.rename("sei_codes").reset_index()


def _representative_rows(engine: Engine, patents: ir.Table, rows: ir.Table, aggregated: tuple[str, ...]) -> pd.DataFrame:
    """``patents`` (one per region_key, patent, with ``pub_number`` = its representative row)
    plus that row's display columns, other than those ``aggregated`` over the patent's rows."""
    shown = [c for c in ("region", *DISPLAY) if c not in aggregated and c in rows.columns]
    representative = rows.select("pub_number", *shown)
    frame = engine.execute(patents.join(representative, "pub_number"))
    frame["pub_numbers"] = ["|".join(sorted(pubs)) for pubs in frame["pub_numbers"]]
    return frame


def stock_at_year(engine: Engine, dataset: str | Path, region: str, year: int,
                  params: ind.Parameters) -> pd.DataFrame:
    """Domestic CN invention patents of ``region`` in force at 31 December of ``year``, one line
    per patent (as the figure counts them), with ``meets_<criterion>``, ``high_value``,
    ``criteria``, ``sei_codes``, and the years (``maint_year``, ``lapse_year``) that actions.py
    uses to look one year on.

    As in the figure, a patent is in force when any of its rows is and meets a criterion when
    any of its rows does. The line shows its highest pub_number among the rows in force and
    that row's fields, except: ``family_granted_offices``, ``pledge_amount``, ``award`` (the
    largest over its rows, so the value behind a criterion is shown), ``status`` (``invalid``
    when any row in force says so) and ``lapse_year`` (the latest of the rows in force)."""
    records = engine.read_records(resolve_records(dataset))
    rows = ind.prepared_rows(engine, records, params, region=check_code(region), keep=DISPLAY)
    y = int(year)
    candidates = ind.with_sei_flag(engine, ind.stock_candidates(rows), params)
    in_force = (candidates.grant_year <= y) & (candidates.lapse_year > y)
    patents = indicator_counts.patent_level(
        candidates,
        in_force=in_force.any(),
        pub_number=ibis.ifelse(in_force, candidates.pub_number, ibis.null("string")).max(),
        pub_numbers=candidates.pub_number.collect(),
        lapse_year=ibis.ifelse(in_force, candidates.lapse_year, ibis.null("int64")).max(),
        status_invalid=(in_force & (candidates.status == "invalid")).any(),
        family_granted_offices=candidates.family_granted_offices.max(),
        pledge_amount=candidates.pledge_amount.max(),
        award_text=candidates.award_text.max(),
    )
    patents = patents.filter(patents.in_force)
    aggregated = ("family_granted_offices", "pledge_amount", "award_text")
    frame = _representative_rows(engine, patents, candidates, aggregated)
    frame["status"] = frame["status"].where(~frame.pop("status_invalid").astype(bool), "invalid")
    frame["maintained_10y"] = frame["maint_year"] <= y
    frame = frame.merge(_sei_codes(engine, ind.stock_candidates(rows), params), on=["region_key", "patent"],
                        how="left")
    return _decorate(frame)


def _decorate(frame: pd.DataFrame) -> pd.DataFrame:
    """Criterion flags as ``meets_*`` (the award's name keeps the ``award`` column)."""
    for name in ind.CRITERIA:
        frame[f"meets_{name}"] = frame.pop(name).astype(bool)
    frame["high_value"] = frame[list(MEETS)].any(axis=1)
    frame["criteria"] = [
        ";".join(name for name, met in zip(ind.CRITERIA, flags, strict=True) if met)
        for flags in frame[list(MEETS)].itertuples(index=False)
    ]
    frame["first_applicant"] = frame["applicants"].fillna("").str.split("|").str[0]
    return frame.rename(columns={"award_text": "award"})


def _flows(engine: Engine, dataset: str | Path, region: str, year: int, indicator: str,
           params: ind.Parameters) -> pd.DataFrame:
    records = engine.read_records(resolve_records(dataset))
    rows = ind.prepared_rows(engine, records, params, region=check_code(region), keep=DISPLAY)
    rows = rows.filter(rows.region_key.notnull())
    y = int(year)
    if indicator == "invention_grants":
        # patents, as the figure counts them: one line for the A and B rows granted in Y
        chosen = rows.filter(rows.is_invention, rows.grant_year == y)
        patents = chosen.group_by(["region_key", "patent"]).aggregate(
            pub_number=chosen.pub_number.max(), pub_numbers=chosen.pub_number.collect()
        )
        frame = _representative_rows(engine, patents, chosen, ())
    else:
        condition = rows.is_invention if indicator == "invention_applications" else rows.is_pct
        chosen = rows.filter(condition, rows.app_year == y)
        frame = engine.execute(chosen.drop("award"))
        frame["pub_numbers"] = frame["pub_number"]
    frame["first_applicant"] = frame["applicants"].fillna("").str.split("|").str[0]
    return frame.rename(columns={"award_text": "award"})


def explain(engine: Engine, dataset: str | Path, region: str, year: int, indicator: str,
            params: ind.Parameters) -> pd.DataFrame:
    """One row per patent counted in ``indicator`` for ``region`` and ``year`` (for a key of
    ip-records.md: one row per trademark, pledge, licence or copyright record counted)."""
    from ipcity.analytics import record_indicators

    if indicator in record_indicators.EXPLAINABLE:
        return record_indicators.explain_records(engine, dataset, region, year, indicator)
    if indicator not in INDICATORS:
        known = (*INDICATORS, *record_indicators.EXPLAINABLE)
        raise ValueError(f"unknown indicator {indicator!r}; one of {', '.join(known)}")
    if indicator in FLOW_INDICATORS:
        frame = _flows(engine, dataset, region, year, indicator, params)
        frame["criteria"] = ""  # the criteria qualify patents in force, not flows
    else:
        frame = stock_at_year(engine, dataset, region, year, params)
        if indicator == "high_value":
            frame = frame[frame["high_value"]]
        elif indicator.startswith("high_value_"):
            frame = frame[frame["meets_" + indicator.removeprefix("high_value_")]]
    return frame.reindex(columns=list(OUTPUT_COLUMNS)).sort_values("pub_number", ignore_index=True)

"""The patents behind a figure, with the criteria each one meets.

``explain`` answers "which patents make up high_value for 杭州市 in 2024?" with one row per
patent; it runs the same expressions as the figure, filtered to the region and year, so the
number of rows it lists is the figure.
"""

from __future__ import annotations

from pathlib import Path

import ibis
import pandas as pd

from ipcity.analytics import indicators as ind
from ipcity.analytics.attribution import check_code
from ipcity.analytics.engine import Engine, resolve_records

STOCK_INDICATORS = ("invention_valid", "high_value", *(f"high_value_{c}" for c in ind.CRITERIA))
FLOW_INDICATORS = ind.FLOW_KEYS
INDICATORS = STOCK_INDICATORS + FLOW_INDICATORS
# Columns of the canonical record shown beside each patent.
DISPLAY = ("app_number", "applicants", "title", "app_date", "grant_date", "lapse_date", "status", "region_code",
           "family_granted_offices", "pledge_amount", "award_text")
MEETS = tuple(f"meets_{c}" for c in ind.CRITERIA)
OUTPUT_COLUMNS = ("pub_number", "first_applicant", "title", "region", "app_date", "grant_date", "lapse_date",
                  "status", "criteria", *MEETS, "sei_codes", "family_granted_offices", "pledge_amount",
                  "award", "applicants", "app_number")


def _sei_codes(engine: Engine, stock: ibis.Table, params: ind.Parameters) -> pd.DataFrame:
    """pub_number → the SEI industry codes (e.g. ``1.1,1.3``) its symbols match."""
    if params.sei is None:
        return pd.DataFrame({"pub_number": [], "sei_codes": []})
    pairs = engine.execute(ind.sei_matches(engine, stock, params.sei, params.sei_mode))
    rules = params.sei.rules_frame()[["rule_id", "sei_code"]]
    merged = pairs.merge(rules, on="rule_id")
    grouped = merged.groupby("pub_number")["sei_code"].agg(lambda codes: ",".join(sorted(set(codes))))
    return grouped.rename("sei_codes").reset_index()


def stock_at_year(engine: Engine, dataset: str | Path, region: str, year: int,
                  params: ind.Parameters) -> pd.DataFrame:
    """Domestic CN inventions of ``region`` in force at 31 December of ``year``, one row each,
    with ``meets_<criterion>``, ``high_value``, ``criteria``, ``sei_codes``, and the years
    (``maint_year``, ``lapse_year``) that actions.py uses to look one year on."""
    records = engine.read_records(resolve_records(dataset))
    rows = ind.prepared_rows(engine, records, params, region=check_code(region), keep=DISPLAY)
    y = int(year)
    candidates = ind.stock_candidates(rows)
    candidates = candidates.filter(candidates.grant_year <= y, candidates.lapse_year > y)
    in_force = ind.with_sei_flag(engine, candidates, params)
    frame = engine.execute(in_force.mutate(maintained_10y=in_force.maint_year <= y))
    frame = frame.merge(_sei_codes(engine, candidates, params), on="pub_number", how="left")
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
        chosen = rows.filter(rows.is_invention, rows.grant_year == y)
    elif indicator == "invention_applications":
        chosen = rows.filter(rows.is_invention, rows.app_year == y)
    else:
        chosen = rows.filter(rows.is_pct, rows.app_year == y)
    frame = engine.execute(chosen.drop("award"))
    frame["first_applicant"] = frame["applicants"].fillna("").str.split("|").str[0]
    return frame.rename(columns={"award_text": "award"})


def explain(engine: Engine, dataset: str | Path, region: str, year: int, indicator: str,
            params: ind.Parameters) -> pd.DataFrame:
    """One row per patent counted in ``indicator`` for ``region`` and ``year``."""
    if indicator not in INDICATORS:
        raise ValueError(f"unknown indicator {indicator!r}; one of {', '.join(INDICATORS)}")
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

"""What the office can act on, for a region at 31 December of year Y (docs/indicators.md).

Every list reads :func:`explain.stock_at_year`: one line per patent, its rows (e.g. the CN…A and
CN…B publications of one application) collapsed as the figures collapse them, so the counts
here (``top_holders``' ``high_value`` and ``invention_valid``) are counts of patents.

- :func:`crossing_maintenance_line`: inventions in force at Y that pass the "maintained more
  than 10 years" line during Y+1 (``maint_year = Y+1``). Those meeting no other criterion
  join ``high_value`` at Y+1 if their annual fees are paid: the cheapest gain there is.
- :func:`at_risk`: high-value inventions in force at Y that may not be at Y+1, with the
  reasons: ``lapse_recorded`` (the data already records a lapse after Y-12-31, e.g. unpaid
  fees: restoration is possible only within the statutory period), ``status_invalid`` (the
  source says 失效 although the dates say in force), ``term_ends`` (the 20-year term from the
  filing date ends by (Y+1)-12-31: it cannot be kept, the office can only plan for it).
- :func:`top_holders`: the holders (first patentees) with the most high-value inventions, by
  kind of holder (enterprise, university, institute, individual), read from the name.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ipcity.analytics import indicators as ind
from ipcity.analytics.engine import Engine
from ipcity.analytics.explain import OUTPUT_COLUMNS, stock_at_year
from ipcity.analytics.schema import TERM_YEARS

HOLDER_KINDS = ("enterprise", "university", "institute", "individual", "other")
_UNIVERSITY = re.compile(r"大学|University", re.IGNORECASE)
_COLLEGE = re.compile(r"学院|学校|College", re.IGNORECASE)  # after the institutes: 科学院 is one
_INSTITUTE = re.compile(r"研究所|研究院|科学院|研究中心|实验室|Institute|Academy|Laborator", re.IGNORECASE)
_ENTERPRISE = re.compile(r"公司|集团|厂|企业|有限|股份|合作社|商行|工作室|Co\.|Ltd|Inc|GmbH|Corp", re.IGNORECASE)
_PERSON = re.compile(r"^[\u4e00-\u9fff·]{2,4}$")


def holder_kind(name: str | None) -> str:
    """enterprise / university / institute / individual / other, from the holder's name."""
    if not name:
        return "other"
    if _UNIVERSITY.search(name):
        return "university"
    if _INSTITUTE.search(name):
        return "institute"
    if _COLLEGE.search(name):
        return "university"
    if _ENTERPRISE.search(name):
        return "enterprise"
    if _PERSON.match(name):
        return "individual"
    return "other"


def _listing(frame: pd.DataFrame, extra: list[str]) -> pd.DataFrame:
    columns = [c for c in OUTPUT_COLUMNS if c in frame.columns]
    return frame[[*columns[:1], *extra, *columns[1:]]].sort_values("pub_number", ignore_index=True)


def crossing_from(stock: pd.DataFrame, year: int) -> pd.DataFrame:
    """In force at Y, maintained more than 10 years from Y+1 on; ``joins_high_value`` marks
    those that meet no other criterion (they add to high_value at Y+1 if kept in force)."""
    crossing = stock[stock["maint_year"] == int(year) + 1].copy()
    others = [f"meets_{c}" for c in ind.CRITERIA if c != "maintained_10y"]
    crossing["joins_high_value"] = ~crossing[others].any(axis=1)
    crossing["lapse_recorded"] = crossing["lapse_year"] <= int(year) + 1
    return _listing(crossing, ["joins_high_value", "lapse_recorded"])


def at_risk_from(stock: pd.DataFrame, year: int) -> pd.DataFrame:
    """High-value at Y and at risk of not being in force at Y+1, with ``risk`` reasons."""
    high = stock[stock["high_value"]].copy()
    next_end = pd.Timestamp(year=int(year) + 1, month=12, day=31)
    app = pd.to_datetime(high["app_date"])
    reasons = {
        "lapse_recorded": high["lapse_year"] < ind.NEVER,
        "status_invalid": high["status"] == "invalid",
        "term_ends": app + pd.DateOffset(years=TERM_YEARS["invention"]) <= next_end,
    }
    high["risk"] = [
        ";".join(name for name, flag in zip(reasons, flags, strict=True) if flag)
        for flags in zip(*(r.to_numpy() for r in reasons.values()), strict=True)
    ] if len(high) else []
    return _listing(high[high["risk"] != ""], ["risk"])


def top_holders_from(stock: pd.DataFrame, kind: str | None = "enterprise", limit: int = 20) -> pd.DataFrame:
    """Holders ranked by high-value inventions in force at Y (ties by all inventions in force)."""
    grouped = stock.groupby("first_applicant").agg(
        high_value=("high_value", "sum"), invention_valid=("patent", "count")
    ).reset_index()
    grouped["holder_kind"] = grouped["first_applicant"].map(holder_kind)
    if kind:
        grouped = grouped[grouped["holder_kind"] == kind]
    grouped = grouped[grouped["high_value"] > 0]
    ranked = grouped.sort_values(["high_value", "invention_valid", "first_applicant"],
                                 ascending=[False, False, True], ignore_index=True).head(limit)
    ranked.insert(0, "rank", range(1, len(ranked) + 1))
    ranked["high_value"] = ranked["high_value"].astype("int64")
    return ranked[["rank", "first_applicant", "holder_kind", "high_value", "invention_valid"]]


def crossing_maintenance_line(engine: Engine, dataset: str | Path, region: str, year: int,
                              params: ind.Parameters) -> pd.DataFrame:
    return crossing_from(stock_at_year(engine, dataset, region, year, params), year)


def at_risk(engine: Engine, dataset: str | Path, region: str, year: int, params: ind.Parameters) -> pd.DataFrame:
    return at_risk_from(stock_at_year(engine, dataset, region, year, params), year)


def top_holders(engine: Engine, dataset: str | Path, region: str, year: int, params: ind.Parameters,
                kind: str | None = "enterprise", limit: int = 20) -> pd.DataFrame:
    return top_holders_from(stock_at_year(engine, dataset, region, year, params), kind, limit)


def all_actions(engine: Engine, dataset: str | Path, region: str, year: int, params: ind.Parameters,
                kind: str | None = "enterprise", limit: int = 20) -> dict[str, pd.DataFrame]:
    """The three lists from one computation of the patents in force."""
    stock = stock_at_year(engine, dataset, region, year, params)
    return {"crossing": crossing_from(stock, year), "at_risk": at_risk_from(stock, year),
            "top_holders": top_holders_from(stock, kind, limit)}

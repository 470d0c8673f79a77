"""The indicator panel in plain pandas, as a careful analyst would write it (vectorised, no row
loops). It is an independent check of the engine and the yardstick of the benchmark
(``benchmarks/indicator_panel.py``); the platform does not use it, so it lives with the tests.

It deliberately does not share the engine's formulation: "in force at Y" is tested on dates
(``grant_date ≤ Y-12-31 < lapse_date``) and "maintained > 10 years" with a calendar offset
(``app_date + 10 years < Y-12-31``), one year at a time, where the engine works on years.
Patent-level figures (stock, high value, grants) count distinct patents keyed by the normalised
application number, each row judged on its own dates and the patent counted when any of its rows
qualifies, again year by year on dates (the engine collapses patents to spans of years).
Only the SEI pattern parsing (``sei.pattern_key``) and the address reader are shared.
Only the ``ipc_only`` SEI mode is implemented.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from ipcity.analytics.addresses import regions_from_addresses
from ipcity.analytics.sei import SeiTable

COLUMNS = ["pub_number", "app_number", "office", "kind", "app_date", "grant_date", "lapse_date", "status",
           "first_applicant_country", "first_applicant_address", "region_code", "ipc",
           "family_granted_offices", "pct", "pledge_amount", "award"]


def _filled(series: pd.Series) -> pd.Series:
    return series.notna() & (series.astype("string").str.strip() != "")


def _regions(df: pd.DataFrame) -> pd.Series:
    code = df["region_code"].astype("string").str.strip()
    has_code = code.str.fullmatch(r"[0-9]{6}").fillna(False).astype(bool)
    need = ~has_code & _filled(df["first_applicant_address"]) & (df["office"] == "CN")
    addresses = df.loc[need, "first_applicant_address"].dropna().unique().tolist()
    derived = df["first_applicant_address"].map(regions_from_addresses(addresses)).astype("string")
    return code.where(has_code, derived)


def _patent(df: pd.DataFrame) -> pd.Series:
    """The application number, trimmed and upper-cased; ``pub:`` + pub_number when empty."""
    app = df["app_number"].astype("string").str.strip().str.upper()
    return app.where(app.notna() & (app != ""), "pub:" + df["pub_number"].astype("string"))


def _level_key(region: pd.Series, level: str) -> pd.Series:
    if level == "province":
        return region.str[:2] + "0000"
    if level == "city":
        return (region.str[:4] + "00").where(region.str[2:4] != "00")
    return region.where(region.str[4:6] != "00")


def sei_symbols(symbols: pd.Series, sei: SeiTable) -> pd.Series:
    """For each distinct normalised symbol, whether some rule covers it and does not exclude it."""
    unique = pd.Series(symbols.dropna().unique(), dtype="string")
    main = unique.str.split("/").str[0]
    keys = pd.concat([
        pd.DataFrame({"sym": unique, "level": "class", "key": unique.str[:3]}),
        pd.DataFrame({"sym": unique, "level": "subclass", "key": unique.str[:4]}),
        pd.DataFrame({"sym": unique, "level": "main_group", "key": main})[main.str.len() > 4],
        pd.DataFrame({"sym": unique, "level": "symbol", "key": unique})[unique.str.contains("/")],
    ])
    lookup = sei.lookup_frame()
    hits = keys.merge(lookup, on=["level", "key"])
    per_rule = hits.groupby(["sym", "rule_id"])["is_exclusion"].agg(["min", "max"])
    # covered by a pattern (some row not an exclusion: min False) and by no exclusion (max False)
    good = per_rule[(~per_rule["min"]) & (~per_rule["max"])].reset_index()["sym"].unique()
    return pd.Series(True, index=pd.Index(good, name="sym"))


def panel(path: str | Path, sei: SeiTable | None, years: Sequence[int], level: str = "city",
          pledge_threshold: float | None = None) -> pd.DataFrame:
    """Counts per (region_key, year), the columns of ``indicator_counts.indicator_frame``."""
    df = pd.read_parquet(path, columns=COLUMNS)
    df["region_key"] = _level_key(_regions(df), level)
    df = df[(df["office"].str.strip().str.upper() == "CN")
            & (df["first_applicant_country"].str.strip().str.upper() == "CN")
            & df["region_key"].notna()]
    for column in ("app_date", "grant_date", "lapse_date"):
        df[column] = pd.to_datetime(df[column])
    df["patent"] = _patent(df)
    invention = df["kind"] == "invention"
    stock = df[invention & df["grant_date"].notna()
               & ~((df["status"] == "invalid") & df["lapse_date"].isna())].copy()

    if sei is not None:
        exploded = stock[["pub_number", "ipc"]].assign(sym=stock["ipc"].str.split("|")).explode("sym")
        exploded["sym"] = exploded["sym"].astype("string").str.replace(r"\s+", "", regex=True).str.upper()
        good = sei_symbols(exploded["sym"], sei)
        sei_pubs = exploded.loc[exploded["sym"].isin(good.index), "pub_number"].unique()
        stock["sei"] = stock["pub_number"].isin(sei_pubs)
    else:
        stock["sei"] = False
    stock["overseas_family"] = _filled(stock["family_granted_offices"])
    stock["award"] = _filled(stock["award"])
    stock["pledge"] = (stock["pledge_amount"] >= pledge_threshold).fillna(False) if pledge_threshold else False
    # A patent meets a criterion when any of its rows does; maintained from its earliest filing.
    per_patent = stock.groupby(["region_key", "patent"]).agg(
        sei=("sei", "any"), overseas_family=("overseas_family", "any"), pledge=("pledge", "any"),
        award=("award", "any"), app_date=("app_date", "min"),
    )
    ten_years_on = per_patent["app_date"] + pd.DateOffset(years=10)

    frames = []
    for year in years:
        end = pd.Timestamp(year=int(year), month=12, day=31)
        in_force = (stock["grant_date"] <= end) & (stock["lapse_date"].isna() | (stock["lapse_date"] > end))
        # the patents with a row in force, each once
        keys = pd.MultiIndex.from_frame(stock.loc[in_force, ["region_key", "patent"]].drop_duplicates())
        s = per_patent.loc[keys]
        maintained = ten_years_on.loc[keys] < end
        high = s["sei"] | s["overseas_family"] | maintained | s["pledge"] | s["award"]
        counts = pd.DataFrame({
            "invention_valid": 1, "high_value": high, "hv_sei": s["sei"],
            "hv_overseas_family": s["overseas_family"], "hv_maintained_10y": maintained,
            "hv_pledge": s["pledge"], "hv_award": s["award"],
        }).groupby(level="region_key").sum()
        inv = df[invention]
        counts = counts.reindex(counts.index.union(inv["region_key"].dropna().unique()))
        granted = inv[inv["grant_date"].dt.year == year]
        counts["invention_grants"] = granted.groupby("region_key")["patent"].nunique()
        counts["invention_applications"] = inv[inv["app_date"].dt.year == year].groupby("region_key").size()
        pct = df[df["pct"].fillna(False).astype(bool) & (df["app_date"].dt.year == year)]
        counts = counts.reindex(counts.index.union(pct["region_key"].unique()))
        counts["pct_applications"] = pct.groupby("region_key").size()
        frames.append(counts.fillna(0).astype("int64").assign(year=int(year)))
    out = pd.concat(frames).rename_axis("region_key").reset_index()
    value_columns = [c for c in out.columns if c not in ("region_key", "year")]
    out = out[(out[value_columns] != 0).any(axis=1)]
    return out[["region_key", "year", *value_columns]].sort_values(["region_key", "year"], ignore_index=True)

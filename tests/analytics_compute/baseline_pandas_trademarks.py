"""The trademark keys of the panel (ip-records.md) in plain pandas: an independent check of the
engine and the yardstick of ``benchmarks/indicator_panel.py``, beside :mod:`baseline_pandas`.

Written from the spec, not from the engine: "in force at Y" is tested on dates, one year at a
time (``reg_date ≤ Y-12-31``, ``expiry_date`` empty or ``≥ Y-12-31``, ``lapse_date`` empty or
``> Y-12-31``, not invalid without a lapse date), where the engine groups rows into spans of
years once. Only the address reader and the level key are shared with the patent baseline.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from ipcity.analytics.addresses import regions_from_addresses
from tests.analytics_compute.baseline_pandas import _filled, _level_key

COLUMNS = ["office", "madrid", "gi", "app_date", "reg_date", "expiry_date", "lapse_date", "status",
           "first_holder_country", "first_holder_address", "region_code"]
KEYS = ["tm_valid", "tm_new_registrations", "madrid_new", "gi_marks_valid"]


def _regions(df: pd.DataFrame) -> pd.Series:
    code = df["region_code"].astype("string").str.strip()
    has_code = code.str.fullmatch(r"[0-9]{6}").fillna(False).astype(bool)
    need = ~has_code & _filled(df["first_holder_address"])
    addresses = df.loc[need, "first_holder_address"].dropna().unique().tolist()
    derived = df["first_holder_address"].map(regions_from_addresses(addresses)).astype("string")
    return code.where(has_code, derived)


def panel(path: str | Path, years: Sequence[int], level: str = "city") -> pd.DataFrame:
    """One row per (region_key, year) with the four trademark keys, for regions with any."""
    df = pd.read_parquet(path, columns=COLUMNS)
    df = df[df["first_holder_country"] == "CN"].copy()
    df["region_key"] = _level_key(_regions(df), level)
    df = df[df["region_key"].notna()]
    madrid = df["madrid"].fillna(False).astype(bool)
    register = (df["office"] == "CN") & ~madrid
    gi = df["gi"].fillna(False).astype(bool)
    dates = {c: pd.to_datetime(df[c]) for c in ("app_date", "reg_date", "expiry_date", "lapse_date")}
    broken = (df["status"] == "invalid") & dates["lapse_date"].isna()
    frames = []
    for year in years:
        end = pd.Timestamp(year, 12, 31)
        in_force = (register & ~broken & (dates["reg_date"] <= end)
                    & (dates["expiry_date"].isna() | (dates["expiry_date"] >= end))
                    & (dates["lapse_date"].isna() | (dates["lapse_date"] > end)))
        counts = pd.DataFrame({
            "tm_valid": in_force,
            "tm_new_registrations": register & (dates["reg_date"].dt.year == year),
            "madrid_new": madrid & (dates["app_date"].dt.year == year),
            "gi_marks_valid": in_force & gi,
        }).groupby(df["region_key"]).sum()
        counts = counts[counts.sum(axis=1) > 0].reset_index()
        counts.insert(1, "year", year)
        frames.append(counts)
    out = pd.concat(frames, ignore_index=True)
    out[KEYS] = out[KEYS].astype("int64")
    return out.sort_values(["region_key", "year"], ignore_index=True)

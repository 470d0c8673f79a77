"""Synthetic canonical trademark records (``trademark.parquet``), beside the synthetic patents.

For the panel benchmark (``benchmarks/indicator_panel.py``): a dataset holding patents and
trademarks of the same order of size; and for the demo (``ipcity.programs.demo.trademarks``), with
the demo's cities weighted as for its patents (``homes``). It reuses the patent generator's
geography and holders (:mod:`ipcity.analytics.synth`: the same skewed weighting of cities,
district and city codes, a few rows with only an address and a few with neither) so that both
kinds fall on the same cities.

What each indicator of ip-records.md meets: applications 2000–2025 growing year on year;
registration 9–18 months later for 80 % of them; a 10-year term from registration, renewed once
with probability ½ (expiry 20 years on); lapses by a yearly hazard before the term ends, some on
31 December; a few invalid rows without a lapse date (in force in no year); 1 % Madrid
registrations (office WIPO), 0.3 % geographical-indication marks; 6 % foreign first holders.

The same ``seed`` and ``records`` give the same file: chunk ``i`` draws from
``default_rng([seed, 101, i])`` and chunks are a fixed size.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ipcity.analytics.record_kinds import FILES, canonical_schema
from ipcity.analytics.synth import (
    CHUNK,
    DATA_DATE,
    FOREIGN_COUNTRIES,
    NULL,
    ROADS,
    Home,
    _dates,
    _flat_districts,
    _geography,
    _holders,
    _join,
)

FIRST_YEAR = 2000


def _chunk(rng: np.random.Generator, start: int, n: int, homes: tuple[Home, ...] = ()) -> pa.Table:
    cities, weights, _, city_names, province_names = _geography(homes)
    city_idx = rng.choice(len(cities), size=n, p=weights)
    flat_codes, flat_names, offsets, counts = _flat_districts(homes)
    flat = offsets[city_idx] + (rng.random(n) * counts[city_idx]).astype(int)
    pick = rng.random(n)
    region = np.where(pick < 0.70, flat_codes[flat], cities[city_idx])
    address_only = (pick >= 0.985) & (pick < 0.992)
    no_region = pick >= 0.992
    address = _join(province_names[city_idx], city_names[city_idx], flat_names[flat],
                     np.array(ROADS)[rng.integers(len(ROADS), size=n)],
                     rng.integers(1, 30, size=n).astype(str), "号")
    address = pc.if_else(pa.array(no_region), pa.nulls(n, pa.string()), address)
    region = np.where(address_only | no_region, NULL, region)
    country = np.where(rng.random(n) < 0.94, "CN", FOREIGN_COUNTRIES[rng.integers(len(FOREIGN_COUNTRIES), size=n)])
    _, holder = _holders(rng, n, np.array([c[:-1] if c.endswith("市") else c for c in city_names])[city_idx])

    years = np.arange(FIRST_YEAR, 2026)
    year_w = np.exp(0.12 * (years - FIRST_YEAR))
    app_year = rng.choice(years, size=n, p=year_w / year_w.sum())
    app = (app_year - 1970).astype("datetime64[Y]").astype("datetime64[D]") + rng.integers(0, 365, size=n)
    madrid = rng.random(n) < 0.01
    gi = ~madrid & (rng.random(n) < 0.003)
    reg = app + rng.integers(270, 550, size=n)
    registered = (rng.random(n) < 0.8) & (reg <= DATA_DATE)
    renewed = rng.random(n) < 0.5
    reg_years = reg.astype("datetime64[Y]")
    expiry = ((reg_years + np.where(renewed, 20, 10)).astype("datetime64[D]") + (reg - reg_years.astype("datetime64[D]"))
              - 1)
    lapse = reg + 30 + (rng.exponential(14.0, size=n) * 365).astype(int)
    on_dec31 = rng.random(n) < 0.01  # the edge of "in force at Y-12-31"
    lapse = np.where(on_dec31, (lapse.astype("datetime64[Y]") + 1).astype("datetime64[D]") - 1, lapse)
    lapsed = registered & (lapse < expiry) & (lapse <= DATA_DATE)
    ended = registered & (expiry < DATA_DATE)
    rejected = ~registered & (rng.random(n) < 0.6)
    status = np.where(lapsed | ended | rejected, "invalid", np.where(registered, "registered", "pending"))
    drop_lapse = lapsed & (rng.random(n) < 0.004)  # the spec's data-quality case

    serial = np.arange(start, start + n)
    number = np.where(madrid, np.char.add("G", (1_000_000 + serial).astype(str)), (10_000_000 + serial).astype(str))
    return pa.table({
        "reg_number": pa.array(number, type=pa.string()),
        "nice_class": pa.array(rng.integers(1, 46, size=n), type=pa.int16()),
        "mark_type": pa.array(np.where(gi, "certification", "ordinary"), type=pa.string()),
        "gi": pa.array(gi, type=pa.bool_()),
        "madrid": pa.array(madrid, type=pa.bool_()),
        "office": pa.array(np.where(madrid, "WIPO", "CN"), type=pa.string()),
        "app_date": _dates(app),
        "reg_date": pa.array(reg.astype("datetime64[D]"), type=pa.date32(), mask=~registered),
        "expiry_date": pa.array(expiry.astype("datetime64[D]"), type=pa.date32(), mask=~registered),
        "lapse_date": pa.array(lapse.astype("datetime64[D]"), type=pa.date32(), mask=~lapsed | drop_lapse),
        "status": pa.array(status, type=pa.string()),
        "holders": holder,
        "first_holder_country": pa.array(country, type=pa.string()),
        "first_holder_address": address,
        "region_code": pa.array(region, type=pa.string()),
    }, schema=canonical_schema("trademark"))


def trademark_batches(records: int, seed: int = 0, homes: tuple[Home, ...] = ()) -> Iterator[pa.Table]:
    """``records`` canonical trademark rows; ``homes`` weigh cities as for the patents (``synth.Home``)."""
    for index, start in enumerate(range(0, records, CHUNK)):
        yield _chunk(np.random.default_rng([seed, 101, index]), start, min(CHUNK, records - start), homes)


def write_trademarks(records: int, out_dir: str | Path, seed: int = 0) -> Path:
    """Write ``out_dir/trademark.parquet`` (the canonical trademark schema), chunk by chunk."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / FILES["trademark"]
    tmp = out_dir / f".{path.name}.{dt.datetime.now().strftime('%H%M%S%f')}"
    with pq.ParquetWriter(tmp, canonical_schema("trademark"), compression="zstd") as writer:
        for table in trademark_batches(records, seed):
            writer.write_table(table)
    tmp.replace(path)
    return path

"""The analytics engine's SQL form of the level rule agrees with ``ipcity.divisions`` on every code."""

from __future__ import annotations

import pandas as pd
import pytest

from ipcity import divisions as dv
from ipcity.analytics import engine as eng
from ipcity.analytics.attribution import region_key


@pytest.fixture(scope="module")
def duckdb():
    engine = eng.connect("duckdb")
    yield engine
    engine.close()


@pytest.mark.parametrize("level", dv.LEVELS)
def test_engine_level_keys_match_the_library(duckdb, level):
    codes = sorted(dv.table().divisions)
    rows = duckdb.frame(pd.DataFrame({"region": codes}))
    out = duckdb.execute(region_key(rows, level=level)).sort_values("region")
    got = {r: (None if pd.isna(k) else k) for r, k in zip(out["region"], out["region_key"], strict=True)}
    assert got == {code: dv.level_key(code, level) for code in codes}


def test_engine_region_filter_matches_is_within(duckdb):
    codes = sorted(dv.table().divisions)
    rows = duckdb.frame(pd.DataFrame({"region": codes}))
    for region in ("330000", "330100", "330106", "110100", "429000"):
        out = duckdb.execute(region_key(rows, region=region))
        inside = set(out.loc[out["region_key"].notna(), "region"])
        assert inside == {code for code in codes if dv.is_within(code, region)}, region


def test_engine_country_filter_keeps_every_attributed_code(duckdb):
    codes = sorted(dv.table().divisions)
    rows = duckdb.frame(pd.DataFrame({"region": [*codes, None]}))
    out = duckdb.execute(region_key(rows, region=dv.COUNTRY))
    assert set(out.loc[out["region_key"].notna(), "region"]) == set(codes)
    assert set(out["region_key"].dropna()) == {dv.COUNTRY}
    assert out.loc[out["region"].isna(), "region_key"].isna().all()  # no region, counted nowhere

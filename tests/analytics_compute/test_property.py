"""Property: on any small dataset, the engine's year arithmetic (grant_year ≤ Y < lapse_year,
maint_year) gives the counts of the pandas baseline's date arithmetic (grant ≤ Y-12-31 < lapse,
app + 10 years < Y-12-31). Dates cluster on year ends, where the two could disagree."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ipcity.analytics import indicator_counts
from ipcity.analytics import indicators as ind
from tests.analytics_compute import baseline_pandas

from .builders import record, write_records

YEARS = [2018, 2019, 2020, 2021]
EDGE_DAYS = [(1, 1), (2, 28), (2, 29), (6, 15), (12, 30), (12, 31)]


@st.composite
def dates(draw, first=2005, last=2022):
    year = draw(st.integers(first, last))
    month, day = draw(st.sampled_from(EDGE_DAYS))
    if (month, day) == (2, 29) and year % 4:
        day = 28
    return dt.date(year, month, day)


@st.composite
def records(draw):
    app = draw(dates(2005, 2021))
    granted = draw(st.booleans())
    grant = app + dt.timedelta(days=draw(st.integers(1, 2000))) if granted else None
    lapse = None
    if grant and draw(st.booleans()):
        lapse = draw(dates(grant.year, max(grant.year, 2023)))
        lapse = lapse if lapse > grant else None
    status = draw(st.sampled_from(["valid", "invalid", "pending"]))
    return record(
        app_date=app, grant_date=grant, lapse_date=lapse, status=status,
        kind=draw(st.sampled_from(["invention", "invention", "utility"])),
        region_code=draw(st.sampled_from(["330106", "330100", "330203", "110108", "440305", None])),
        first_applicant_address=draw(st.sampled_from([None, "浙江省杭州市西湖区文三路1号"])),
        first_applicant_country=draw(st.sampled_from(["CN", "CN", "CN", "US"])),
        office=draw(st.sampled_from(["CN", "CN", "CN", "EP"])),
        ipc=draw(st.sampled_from(["A45D1/00", "G06F11/30", "G06F110/00|B41J2/01", "B41J3/00|A45D1/00"])),
        family_granted_offices=draw(st.sampled_from([None, "", "US"])),
        pct=draw(st.booleans()),
        pledge_amount=draw(st.sampled_from([None, 10.0, 2_000_000.0])),
        award=draw(st.sampled_from([None, "", "中国专利金奖"])),
    )


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(records(), min_size=1, max_size=25))
def test_engine_equals_baseline_on_random_records(rows, tmp_path_factory, duckdb_engine, tiny_sei):
    path = write_records(tmp_path_factory.mktemp("prop") / "records.parquet", rows)
    params = ind.Parameters(sei=tiny_sei, pledge_threshold=1_000_000.0)
    for level in ("city", "province"):
        prepared = ind.prepared_rows(duckdb_engine, duckdb_engine.read_records(path), params, level=level)
        engine_frame = indicator_counts.indicator_frame(duckdb_engine, prepared, params, YEARS, level=level)
        pandas_frame = baseline_pandas.panel(path, tiny_sei, YEARS, level=level, pledge_threshold=1_000_000.0)
        pd.testing.assert_frame_equal(engine_frame, pandas_frame[list(engine_frame.columns)], check_dtype=False)

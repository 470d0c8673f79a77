"""A granted invention whose twenty-year term (专利法第四十二条, from the filing date) ended by the
figure's year-end but that has no lapse date: the spec counts it in force (dates, not the term:
``shared/spec/ip-indicators.md``), and the figures say how many such rows they hold.

Found on a real export with no legal-status column (tests/analytics_import/real_exports/NOTES.md):
every grant there, 1991's included, would count as in force. The term can be extended (期限补偿,
专利法第四十二条第二、三款), so the rows are named, not dropped."""

from __future__ import annotations

import pytest

from ipcity.analytics import indicators as ind
from ipcity.analytics.panel import compute_region

from .builders import record, write_records

CASES = [
    record(),  # filed 2014: in its term
    record(app_date="1999-05-01", grant_date="2003-01-01"),  # term ended 2019-05-01
    record(app_date="2000-12-30", grant_date="2004-01-01"),  # ended 2020-12-30: over by 2020-12-31
    record(app_date="2000-12-31", grant_date="2004-01-01"),  # ends 2020-12-31: not over before 2021
    record(app_date="1998-01-01", grant_date="2002-01-01", lapse_date="2005-01-01", status="invalid"),  # lapsed
    record(app_date="1998-01-01", grant_date="2002-01-01", kind="utility"),  # no invention: not counted
]


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    return write_records(tmp_path_factory.mktemp("term") / "records.parquet", CASES)


def _compute(engine, dataset, year):
    params = ind.Parameters(sei=None, sei_mode="ipc_only", pledge_threshold=None)
    return compute_region(engine, dataset, "330100", year, params, population_lookup=lambda region, year: None)


def _past_term(result):
    return [w for w in result["warnings"] if w["code"] == "past_term_without_lapse"]


def test_rows_past_their_term_are_counted_as_the_spec_says_and_named(duckdb_engine, dataset):
    result = _compute(duckdb_engine, dataset, 2020)
    assert result["invention_valid"] == 4  # the spec's count is unchanged: every invention without a lapse date
    (warning,) = _past_term(result)
    assert warning["rows"] == 2  # filed 1999-05-01 and 2000-12-30
    assert "20" in warning["message"]


def test_the_count_follows_the_year(duckdb_engine, dataset):
    assert _past_term(_compute(duckdb_engine, dataset, 2021))[0]["rows"] == 3  # 2000-12-31's term too
    assert _past_term(_compute(duckdb_engine, dataset, 2019))[0]["rows"] == 1  # 1999's only
    assert _past_term(_compute(duckdb_engine, dataset, 2018)) == []  # nothing past its term yet

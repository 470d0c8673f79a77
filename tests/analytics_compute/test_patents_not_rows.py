"""Patents, not rows: the application (CN…A) and grant (CN…B) publications of one patent share
its application number and count once in the stock, high-value and grant figures, but twice in
the applications and PCT figures, which the spec counts as rows. Hand-counted for 330100 杭州市.
"""

from __future__ import annotations

import pandas as pd
import pyarrow.parquet as pq
import pytest

from ipcity.analytics import actions, indicator_counts
from ipcity.analytics import engine as eng
from ipcity.analytics import indicators as ind
from ipcity.analytics.explain import explain
from ipcity.analytics.panel import compute_panel, compute_region
from ipcity.analytics.synth import write_synth
from tests.analytics_compute import baseline_pandas

from .builders import record, write_records


def patent(app_number: str | None, *rows: dict) -> list[dict]:
    """The rows of one patent: each row's own fields, the application number shared."""
    return [record(**{"app_number": app_number, **fields}) for fields in rows]


# Every row below is a domestic invention of 杭州市 filed 2014-03-01 and granted 2015-06-01
# (the builders' defaults, repeated on A and B rows as real exports do) unless it says otherwise.
PATENTS = {
    # the overseas family is on the A row only: the patent meets the criterion
    "family_on_a": patent("CN201410000001.X", {"pub_number": "CN104000001A", "family_granted_offices": "US"},
                          {"pub_number": "CN105000001B"}),
    # filed and granted in 2020, through the PCT: one grant, two application rows, two PCT rows
    "granted_2020": patent("CN202010000002.X",
                           {"pub_number": "CN111000002A", "app_date": "2020-02-01", "grant_date": "2020-11-01",
                            "pct": True},
                           {"pub_number": "CN112000002B", "app_date": "2020-02-01", "grant_date": "2020-11-01",
                            "pct": True}),
    # SEI by the A row's symbol, a pledge on the B row; the A row's number written untidily
    "sei_and_pledge": patent(None,
                             {"pub_number": "CN104000003A", "app_number": " cn201410000003.x ", "ipc": "G06F11/30"},
                             {"pub_number": "CN105000003B", "app_number": "CN201410000003.X",
                              "pledge_amount": 5_000_000.0}),
    # rows whose dates disagree: in force 2012–2013 by one row, from 2016 by the other, not in 2014–2015
    "spans_apart": patent("CN200910000004.X",
                          {"pub_number": "CN102000004B", "app_date": "2009-06-01", "grant_date": "2012-01-01",
                           "lapse_date": "2014-05-01", "status": "invalid"},
                          {"pub_number": "CN106000004C", "app_date": "2009-06-01", "grant_date": "2016-01-01"}),
    # no application number: each row is a patent of its own
    "no_app_none": patent(None, {"pub_number": "CN105000005B"}),
    "no_app_empty": patent("", {"pub_number": "CN105000006B"}),
    "no_app_blank": patent("   ", {"pub_number": "CN105000007B"}),
    # rows attributed to two districts of the city: one patent of the city
    "two_districts": patent("CN201410000008.X", {"pub_number": "CN104000008A", "region_code": "330106"},
                            {"pub_number": "CN105000008B", "region_code": "330108"}),
}
ROWS = [row for rows in PATENTS.values() for row in rows]


def pubs(label: str) -> str:
    return "|".join(sorted(row["pub_number"] for row in PATENTS[label]))


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    return write_records(tmp_path_factory.mktemp("patents") / "records.parquet", ROWS)


@pytest.fixture
def params(tiny_sei):
    return ind.Parameters(sei=tiny_sei, pledge_threshold=1_000_000.0)


def figures(engine, dataset, params, year=2020, region="330100"):
    return compute_region(engine, dataset, region, year, params, population=1_000_000)


def test_a_and_b_rows_count_once_in_stock_high_value_and_grants(duckdb_engine, dataset, params):
    got = figures(duckdb_engine, dataset, params)
    # 8 patents in force (13 rows): all of them
    assert got["invention_valid"] == 8
    assert got["invention_valid_per_10k"] == pytest.approx(0.08)
    # family_on_a (overseas_family), sei_and_pledge (sei, pledge), spans_apart (filed 2009: maintained)
    assert got["high_value"] == 3
    assert got["high_value_per_10k"] == pytest.approx(0.03)
    assert got["high_value_by_criterion"] == {"sei": 1, "overseas_family": 1, "maintained_10y": 1, "pledge": 1,
                                              "award": 0}
    assert got["invention_grants"] == 1  # granted_2020's two rows: one patent


def test_applications_and_pct_count_rows(duckdb_engine, dataset, params):
    got = figures(duckdb_engine, dataset, params)
    assert got["invention_applications"] == 2  # granted_2020's A and B rows, as the spec says "rows"
    assert got["pct_applications"] == 2
    assert figures(duckdb_engine, dataset, params, year=2014)["invention_applications"] == 9  # rows filed 2014


def test_a_patent_is_in_force_when_any_of_its_rows_is(duckdb_engine, dataset, params):
    by_year = {y: figures(duckdb_engine, dataset, params, year=y) for y in (2013, 2015, 2016)}
    assert by_year[2013]["invention_valid"] == 1  # spans_apart by its first row only
    assert by_year[2015]["invention_valid"] == 6  # granted in 2015: all but granted_2020 and spans_apart
    assert by_year[2016]["invention_valid"] == 7  # spans_apart again, by its second row
    # its rows were granted in 2012 and 2016: a grant in each of those years
    assert figures(duckdb_engine, dataset, params, year=2012)["invention_grants"] == 1
    assert by_year[2016]["invention_grants"] == 1


def test_rows_without_an_application_number_stay_distinct(duckdb_engine, dataset, params):
    listed = explain(duckdb_engine, dataset, "330100", 2020, "invention_valid", params)
    lines = set(listed["pub_numbers"])
    for label in ("no_app_none", "no_app_empty", "no_app_blank"):
        assert pubs(label) in lines
    patent_keys = listed.set_index("pub_numbers")["patent"]
    assert patent_keys[pubs("no_app_blank")] == "pub:CN105000007B"
    assert patent_keys[pubs("sei_and_pledge")] == "CN201410000003.X"  # the untidy A row joined its B row


def test_district_figures_count_the_patent_in_each_district_it_has_rows_in(duckdb_engine, dataset, params):
    # the documented choice: attribution stays per row, so rows split between districts count in each
    assert figures(duckdb_engine, dataset, params, region="330106")["invention_valid"] == 8
    assert figures(duckdb_engine, dataset, params, region="330108")["invention_valid"] == 1


@pytest.mark.parametrize("indicator", ["invention_valid", "high_value", "high_value_sei", "high_value_pledge",
                                       "high_value_overseas_family", "high_value_maintained_10y",
                                       "invention_grants", "invention_applications", "pct_applications"])
def test_explain_lists_one_line_per_patent_and_the_figure_is_its_length(duckdb_engine, dataset, params, indicator):
    listed = explain(duckdb_engine, dataset, "330100", 2020, indicator, params)
    got = figures(duckdb_engine, dataset, params)
    key = indicator.removeprefix("high_value_")
    figure = got["high_value_by_criterion"][key] if indicator.startswith("high_value_") else got[indicator]
    assert len(listed) == figure


def test_explain_shows_every_row_of_a_patent_and_the_criteria_any_row_meets(duckdb_engine, dataset, params):
    listed = explain(duckdb_engine, dataset, "330100", 2020, "high_value", params).set_index("pub_numbers")
    assert set(listed.index) == {pubs("family_on_a"), pubs("sei_and_pledge"), pubs("spans_apart")}
    assert listed.loc[pubs("family_on_a"), "criteria"] == "overseas_family"
    assert listed.loc[pubs("family_on_a"), "family_granted_offices"] == "US"  # shown though on the A row
    assert listed.loc[pubs("sei_and_pledge"), "criteria"] == "sei;pledge"
    assert listed.loc[pubs("sei_and_pledge"), "sei_codes"] == "1.1"
    assert listed.loc[pubs("sei_and_pledge"), "pub_number"] == "CN105000003B"  # the highest: the grant
    assert listed.loc[pubs("spans_apart"), "pub_number"] == "CN106000004C"  # the row in force in 2020
    grants = explain(duckdb_engine, dataset, "330100", 2020, "invention_grants", params)
    assert grants["pub_numbers"].tolist() == [pubs("granted_2020")]
    applications = explain(duckdb_engine, dataset, "330100", 2020, "invention_applications", params)
    assert sorted(applications["pub_number"]) == ["CN111000002A", "CN112000002B"]


def test_actions_list_each_patent_once(duckdb_engine, tmp_path):
    rows = [*patent("CN201110000001.X", {"pub_number": "CN102000001A", "app_date": "2011-05-01",
                                         "grant_date": "2013-01-01", "applicants": "杭州甲科技有限公司"},
                    {"pub_number": "CN103000001B", "app_date": "2011-05-01", "grant_date": "2013-01-01",
                     "applicants": "杭州甲科技有限公司", "family_granted_offices": "US"})]
    path = write_records(tmp_path / "records.parquet", rows)
    stock = actions.all_actions(duckdb_engine, path, "330100", 2020, ind.Parameters())
    assert stock["crossing"]["pub_number"].tolist() == ["CN103000001B"]
    assert not stock["crossing"]["joins_high_value"].iloc[0]  # the family on its B row already makes it high-value
    assert stock["top_holders"][["high_value", "invention_valid"]].values.tolist() == [[1, 1]]


YEARS = list(range(2010, 2022))


def test_engine_equals_pandas_baseline_on_a_and_b_rows(duckdb_engine, dataset, tiny_sei):
    for level in ("city", "district", "province"):
        params = ind.Parameters(sei=tiny_sei, pledge_threshold=1_000_000.0)
        rows = ind.prepared_rows(duckdb_engine, duckdb_engine.read_records(dataset), params, level=level)
        engine_frame = indicator_counts.indicator_frame(duckdb_engine, rows, params, YEARS, level=level)
        pandas_frame = baseline_pandas.panel(dataset, tiny_sei, YEARS, level=level, pledge_threshold=1_000_000.0)
        assert engine_frame["invention_valid"].sum() > 0
        pd.testing.assert_frame_equal(engine_frame, pandas_frame[list(engine_frame.columns)], check_dtype=False)


@pytest.fixture(scope="module")
def synth_with_a_rows(tmp_path_factory, sei_2021):
    """Synthetic records plus an A row for a third of the granted inventions, repeating the
    patent-level fields as exports do, with its own IPC, family and pledge now and then, and
    its application number sometimes written in lower case with spaces."""
    directory = tmp_path_factory.mktemp("synth-ab")
    table = pq.read_table(write_synth(4000, directory, seed=5, sei=sei_2021)).to_pandas()
    granted = table[(table["kind"] == "invention") & table["grant_date"].notna()]
    a_rows = granted.iloc[::3].copy()
    a_rows["pub_number"] = a_rows["pub_number"].str[:-1] + "A"
    every = range(len(a_rows))
    a_rows["app_number"] = [f" {a.lower()} " if i % 4 == 0 else a for i, a in zip(every, a_rows["app_number"],
                                                                                 strict=True)]
    a_rows["family_granted_offices"] = [None if i % 5 == 0 else f for i, f in
                                        zip(every, a_rows["family_granted_offices"], strict=True)]
    a_rows["ipc"] = [("G06F11/30|" + c) if i % 7 == 0 else c for i, c in zip(every, a_rows["ipc"], strict=True)]
    a_rows["pledge_amount"] = [9e6 if i % 11 == 0 else p for i, p in zip(every, a_rows["pledge_amount"], strict=True)]
    a_rows["grant_date"] = [None if i % 13 == 0 else g for i, g in zip(every, a_rows["grant_date"], strict=True)]
    a_rows["lapse_date"] = [pd.Timestamp("2017-03-01").date() if i % 17 == 0 else d
                            for i, d in zip(every, a_rows["lapse_date"], strict=True)]
    rows = pd.concat([table, a_rows], ignore_index=True).to_dict("records")
    return write_records(directory / "with-a-rows.parquet", [
        {k: (None if isinstance(v, float) and pd.isna(v) else v) for k, v in row.items()}
        for row in rows
    ])


def test_engine_equals_pandas_baseline_on_synthetic_a_and_b_rows(duckdb_engine, synth_with_a_rows, sei_2021):
    params = ind.Parameters(sei=sei_2021, pledge_threshold=2_000_000.0)
    rows = ind.prepared_rows(duckdb_engine, duckdb_engine.read_records(synth_with_a_rows), params, level="city")
    engine_frame = indicator_counts.indicator_frame(duckdb_engine, rows, params, YEARS, level="city")
    pandas_frame = baseline_pandas.panel(synth_with_a_rows, sei_2021, YEARS, level="city",
                                         pledge_threshold=2_000_000.0)
    row_counts = rows.filter(rows.is_invention, rows.has_grant).count().execute()
    patent_counts = rows.filter(rows.is_invention, rows.has_grant).select("patent").distinct().count().execute()
    assert patent_counts < row_counts  # the A rows really join their patents
    assert engine_frame["high_value"].sum() > 0 and engine_frame["invention_grants"].sum() > 0
    pd.testing.assert_frame_equal(engine_frame, pandas_frame[list(engine_frame.columns)], check_dtype=False)


@pytest.mark.spark
def test_spark_equals_duckdb_on_a_and_b_rows(duckdb_engine, dataset, synth_with_a_rows, tiny_sei, sei_2021):
    spark = eng.connect("spark")
    try:
        runs = [(dataset, ind.Parameters(sei=tiny_sei, pledge_threshold=1_000_000.0)),
                (synth_with_a_rows, ind.Parameters(sei=sei_2021, pledge_threshold=2_000_000.0))]
        for path, run_params in runs:
            on_duckdb = compute_panel(duckdb_engine, path, "city", YEARS, run_params)
            on_spark = compute_panel(spark, path, "city", YEARS, run_params)
            assert on_duckdb["invention_valid"].sum() > 0
            pd.testing.assert_frame_equal(on_duckdb, on_spark)
        on_spark = explain(spark, dataset, "330100", 2020, "high_value", runs[0][1])
        assert sorted(on_spark["pub_numbers"]) == sorted([pubs("family_on_a"), pubs("sei_and_pledge"),
                                                          pubs("spans_apart")])
    finally:
        spark.close()


# Grants come from the stock query's per-patent grouping (indicator_counts.granted_patents), which must
# therefore take in the rows marked invalid without a lapse date and every grant year of a patent.
GRANT_CASES = [
    # A and B rows with different grant years: one grant in each year, in force from 2019
    *patent("CN201810000011.X", {"pub_number": "CN108000011A", "grant_date": "2019-05-01"},
            {"pub_number": "CN109000011B", "grant_date": "2021-03-01"}),
    # its only row invalid without a lapse date: granted in 2020, in force in no year
    *patent("CN201810000012.X", {"pub_number": "CN109000012B", "grant_date": "2020-04-01", "status": "invalid"}),
    # one row like that (granted 2020), another granted 2022 and valid: grants in both, in force from 2022
    *patent("CN201810000013.X",
            {"pub_number": "CN109000013B", "grant_date": "2020-07-01", "status": "invalid"},
            {"pub_number": "CN111000013C", "grant_date": "2022-01-01"}),
]


def test_grants_count_rows_invalid_without_lapse_and_every_grant_year(duckdb_engine, tmp_path):
    dataset = write_records(tmp_path / "records.parquet", GRANT_CASES)
    params = ind.Parameters()
    # year: (invention_grants, invention_valid), counted by hand from GRANT_CASES
    expected = {2018: (0, 0), 2019: (1, 1), 2020: (2, 1), 2021: (1, 1), 2022: (1, 2)}
    for year, (grants, valid) in expected.items():
        got = figures(duckdb_engine, dataset, params, year=year)
        assert (got["invention_grants"], got["invention_valid"]) == (grants, valid), year
    panel = compute_panel(duckdb_engine, dataset, "city", list(expected), params, population_lookup=lambda r, y: None)
    assert panel.set_index("year")["invention_grants"].to_dict() == {y: g for y, (g, _) in expected.items()}

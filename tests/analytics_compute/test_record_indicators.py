"""The keys of shared/spec/ip-records.md on hand-built records (authored here, worked by hand).

Region R = 440300 (深圳市; 4403xx districts count for it), year Y = 2020 unless said otherwise.
Each record's comment says whether and why it counts.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pyarrow as pa
import pytest

from ipcity.analytics import datasets, record_indicators, record_kinds
from ipcity.analytics import engine as eng
from ipcity.analytics import indicators as ind
from ipcity.analytics.panel import compute_panel, compute_region

D = dt.date
SZ_ADDRESS = "广东省深圳市福田区深南大道1号"


def _tm(number, *, cls=9, reg=D(2015, 1, 1), expiry=D(2030, 1, 1), lapse=None, status="registered", gi=False,
        madrid=False, office="CN", app=D(2014, 1, 1), country="CN", region="440305", address=None,
        mark_type="ordinary"):
    return {"reg_number": number, "nice_class": cls, "mark_type": mark_type, "gi": gi, "madrid": madrid,
            "office": office, "app_date": app, "reg_date": reg, "expiry_date": expiry, "lapse_date": lapse,
            "status": status, "holders": f"holder {number}", "first_holder_country": country,
            "first_holder_address": address, "region_code": region}


TRADEMARKS = [
    _tm("T1"),                                              # in force 2019-2021
    _tm("T2", reg=D(2010, 1, 1), expiry=D(2020, 12, 31)),   # expiry on Y-12-31: in force at 2020, not 2021
    _tm("T3", reg=D(2010, 1, 1), expiry=D(2020, 12, 30)),   # expired the day before: not at 2020
    _tm("T4", reg=D(2010, 1, 1), lapse=D(2020, 12, 31), status="invalid"),  # lapse on Y-12-31: not at 2020; at 2019
    _tm("T5", reg=D(2016, 2, 2), lapse=D(2021, 1, 1), status="invalid"),    # lapse later than 2020-12-31: at 2020
    _tm("T6", reg=D(2020, 12, 31)),                         # registered on Y-12-31: in force, new in 2020
    _tm("T7", reg=D(2021, 1, 1)),                           # registered next year: not at 2020
    _tm("T8", reg=D(2020, 6, 1), lapse=None, status="invalid"),  # invalid without lapse: never in force (warned); new in 2020
    _tm("T9", madrid=True, office="WIPO", app=D(2020, 3, 1), reg=D(2020, 5, 1)),  # Madrid: madrid_new 2020 only
    _tm("T10", country="US", region=None),                  # foreign holder: nowhere
    _tm("T11", region=None, address=SZ_ADDRESS),            # no code: the address says 440304
    _tm("T12", region="110105"),                            # Beijing: not R
    _tm("T13", gi=True, mark_type="certification"),         # GI mark in force: tm_valid and gi_marks_valid
    _tm("T14", reg=None, expiry=None, status="pending"),    # not registered: never in force
    _tm("T1", cls=35),                                      # the same number in another class: its own row
    _tm("T16", madrid=True, office="CN", app=D(2019, 7, 7), reg=D(2019, 9, 9)),  # Madrid 2019
]


def _pledge(pid, kind, reg, amount, *, country="CN", region="440305", cancel=None):
    return {"pledge_id": pid, "right_kind": kind, "rights": "CN1|CN2", "reg_date": reg, "amount": amount,
            "pledgor": f"pledgor {pid}", "pledgor_country": country, "pledgor_address": None, "region_code": region,
            "pledgee": "某银行", "cancel_date": cancel}


PLEDGES = [
    _pledge("P1", "patent", D(2020, 3, 1), 1_000_000.0),
    _pledge("P2", "trademark", D(2020, 7, 1), 500_000.5),
    _pledge("P3", "mixed", D(2020, 12, 31), 0.0),            # amount 0: counted, adds nothing, reported
    _pledge("P4", "patent", D(2020, 5, 5), None),            # no amount: counted, adds nothing, reported
    _pledge("P5", "patent", D(2019, 12, 31), 9_000_000.0),   # 2019
    _pledge("P6", "patent", D(2020, 1, 1), 2_000_000.0, country="JP", region=None),  # foreign pledgor
    _pledge("P7", "patent", D(2020, 2, 2), 3_000_000.0, region="110000"),            # Beijing
    _pledge("P8", "patent", D(2020, 8, 8), 250_000.0, cancel=D(2020, 9, 1)),         # cancelled later: still counts
]


def _licence(rid, rtype, date, frm, to, *, from_country="CN", to_country="CN"):
    return {"record_id": rid, "record_type": rtype, "right_kind": "patent", "rights": "CN1", "date": date,
            "licence_type": "ordinary" if rtype == "licence" else None,
            "from_party": f"from {rid}", "from_country": from_country, "from_address": None, "from_region_code": frm,
            "to_party": f"to {rid}", "to_country": to_country, "to_address": None, "to_region_code": to}


LICENCES = [
    _licence("L1", "licence", D(2020, 4, 1), "440300", "110000"),   # licences (licensor in R)
    _licence("L2", "licence", D(2020, 4, 2), "110000", "440305"),   # licences_in (licensee in R)
    _licence("L3", "transfer", D(2020, 4, 3), "440303", "440305"),  # both sides in R: transfers and transfers_in
    _licence("L4", "transfer", D(2020, 4, 4), None, "440300", from_country="US"),  # transfers_in only
    _licence("L5", "licence", D(2019, 12, 31), "440300", "440300"),  # 2019
    _licence("L6", "transfer", D(2020, 12, 31), "440300", "310000"),  # transfers
]


def _work(number, wtype, reg, *, country="CN", region="440305", address=None):
    return {"reg_number": number, "work_type": wtype, "category": "美术" if wtype == "work" else None,
            "reg_date": reg, "owners": f"owner {number}", "first_owner_country": country,
            "first_owner_address": address, "region_code": region}


COPYRIGHT = [
    _work("C1", "work", D(2020, 1, 1)),
    _work("C2", "software", D(2020, 5, 5)),
    _work("C3", "software", D(2020, 6, 6)),
    _work("C4", "software", D(2021, 1, 1)),                          # 2021
    _work("C5", "work", D(2020, 2, 2), country="KR", region=None),   # foreign owner
    _work("C6", "work", D(2020, 3, 3), region=None, address=SZ_ADDRESS),  # region from the address
]

EXPECTED_2020 = {
    "tm_valid": 7,  # T1, T2, T5, T6, T11, T13, T1/35
    "tm_new_registrations": 2,  # T6, T8
    "madrid_new": 1,  # T9
    "gi_marks_valid": 1,  # T13
    "pledge_count": 5,  # P1, P2, P3, P4, P8
    "pledge_amount": 1_750_000.5,
    "pledge_amount_by_kind": {"patent": 1_250_000.0, "trademark": 500_000.5, "mixed": 0.0},
    "licences": 1, "licences_in": 1, "transfers": 2, "transfers_in": 2,
    "copyright_works": 2, "copyright_software": 2,
}


def write_all(name, data_dir, kinds=("trademark", "pledge", "licence", "copyright")):
    rows = {"trademark": TRADEMARKS, "pledge": PLEDGES, "licence": LICENCES, "copyright": COPYRIGHT}
    for kind in kinds:
        table = pa.Table.from_pylist(rows[kind], schema=record_kinds.CANONICAL[kind])
        datasets.write_kind(name, kind, table, {"format": "test"}, data_dir=data_dir)


@pytest.fixture
def records_dataset(tmp_path, monkeypatch):
    monkeypatch.setenv("IPCITY_DATA_DIR", str(tmp_path))
    write_all("city", tmp_path)
    return "city"


def _no_entities(region, year):
    return None


def test_every_key_for_one_region_and_year(duckdb_engine, records_dataset):
    figures, warnings = record_indicators.region_figures(duckdb_engine, records_dataset, "440300", 2020,
                                                         entities_lookup=_no_entities)
    for key, value in EXPECTED_2020.items():
        assert figures[key] == value, key
    assert set(record_indicators.RECORD_KEYS) <= set(figures)
    assert figures["tm_valid_per_10k_entities"] is None
    codes = {w["code"]: w for w in warnings}
    assert "no_entities" in codes and "tm_valid_per_10k_entities is null" in codes["no_entities"]["message"]
    assert codes["tm_invalid_without_lapse"]["rows"] == 1  # T8
    assert codes["pledge_amount_missing"]["rows"] == 2  # P3 (0) and P4 (empty)


def test_entities_give_the_per_10k_figure(duckdb_engine, records_dataset):
    figures, warnings = record_indicators.region_figures(duckdb_engine, records_dataset, "440300", 2020,
                                                         entities=40_000)
    assert figures["tm_valid_per_10k_entities"] == 7 * 10_000 / 40_000 == 1.75
    assert figures["entities_source"] == "given"
    assert "no_entities" not in {w["code"] for w in warnings}


@pytest.mark.parametrize(("year", "tm_valid", "madrid_new", "tm_new"), [(2019, 8, 1, 0), (2021, 6, 0, 1)])
def test_in_force_edges_in_the_neighbouring_years(duckdb_engine, records_dataset, year, tm_valid, madrid_new, tm_new):
    # 2019: T1, T2, T3, T4 (lapses 2020-12-31, later than 2019-12-31), T5, T11, T13, T1/35; T16 is Madrid.
    # 2021: T1, T6, T7, T11, T13, T1/35 (T2 expired, T5 lapsed 2021-01-01); T7 registered in 2021.
    figures, _ = record_indicators.region_figures(duckdb_engine, records_dataset, "440300", year,
                                                  entities_lookup=_no_entities)
    assert (figures["tm_valid"], figures["madrid_new"], figures["tm_new_registrations"]) == (tm_valid, madrid_new, tm_new)


def test_explain_lists_the_records_behind_each_figure(duckdb_engine, records_dataset):
    for key, value in EXPECTED_2020.items():
        frame = record_indicators.explain_records(duckdb_engine, records_dataset, "440300", 2020, key)
        if key == "pledge_amount":
            assert frame["amount"].fillna(0).sum() == value
        elif key != "pledge_amount_by_kind":
            assert len(frame) == value, key
    valid = record_indicators.explain_records(duckdb_engine, records_dataset, "440300", 2020, "tm_valid")
    assert sorted(zip(valid["reg_number"], valid["nice_class"], strict=True)) == [
        ("T1", 9), ("T1", 35), ("T11", 9), ("T13", 9), ("T2", 9), ("T5", 9), ("T6", 9)]
    assert valid.loc[valid["reg_number"] == "T11", "region"].item() == "440304"  # from the address
    transfers_in = record_indicators.explain_records(duckdb_engine, records_dataset, "440300", 2020, "transfers_in")
    assert sorted(transfers_in["record_id"]) == ["L3", "L4"]


def test_keys_are_absent_for_kinds_the_dataset_lacks(duckdb_engine, tmp_path, monkeypatch):
    monkeypatch.setenv("IPCITY_DATA_DIR", str(tmp_path))
    write_all("pledges_only", tmp_path, kinds=("pledge",))
    result = compute_region(duckdb_engine, "pledges_only", "440300", 2020, ind.Parameters())
    assert result["pledge_count"] == 5 and result["pledge_amount"] == 1_750_000.5
    for key in ("tm_valid", "licences", "copyright_works", "invention_valid"):
        assert key not in result
    with pytest.raises(ValueError, match="holds no trademark records"):
        record_indicators.explain_records(duckdb_engine, "pledges_only", "440300", 2020, "tm_valid")


def test_panel_has_the_new_keys_for_every_region(duckdb_engine, records_dataset):
    panel = compute_panel(duckdb_engine, records_dataset, "city", [2019, 2020], ind.Parameters(),
                          population_lookup=lambda r, y: None)
    assert "invention_valid" not in panel.columns  # no patents in this dataset
    row = panel[(panel["region"] == "440300") & (panel["year"] == 2020)].iloc[0]
    for key, value in EXPECTED_2020.items():
        if key == "pledge_amount_by_kind":
            assert {k: row[f"pledge_amount_{k}"] for k in value} == value
        else:
            assert row[key] == value, key
    beijing = panel[(panel["region"] == "110100") & (panel["year"] == 2020)].iloc[0]
    # T12 (110105); L1's licensee and L2's licensor carry only the province-level code 110000 (北京市),
    # which names no city: they count at province level only
    assert (beijing["tm_valid"], beijing["licences"], beijing["licences_in"]) == (1, 0, 0)
    assert panel[(panel["region"] == "110000")].empty
    provinces = compute_panel(duckdb_engine, records_dataset, "province", [2020], ind.Parameters(),
                              population_lookup=lambda r, y: None).set_index("region")
    assert (provinces.loc["110000", "licences"], provinces.loc["110000", "licences_in"]) == (1, 1)
    assert provinces.loc["440000", "transfers"] == 2 and provinces.loc["310000", "transfers_in"] == 1
    assert pd.isna(row["tm_valid_per_10k_entities"])  # no entities loaded


@pytest.mark.spark
def test_spark_gives_the_same_numbers(duckdb_engine, records_dataset):
    spark = eng.connect("spark")
    try:
        for level in ("city", "province", "district"):
            on_duckdb, _ = record_indicators.records_frame(duckdb_engine, records_dataset, [2019, 2020, 2021],
                                                           level=level)
            on_spark, _ = record_indicators.records_frame(spark, records_dataset, [2019, 2020, 2021], level=level)
            pd.testing.assert_frame_equal(on_duckdb, on_spark)
        figures, _ = record_indicators.region_figures(spark, records_dataset, "440300", 2020,
                                                      entities_lookup=_no_entities)
        for key, value in EXPECTED_2020.items():
            assert figures[key] == value, key
    finally:
        spark.close()


def _per_key_frame(engine, table, years, level):
    """The trademark keys counted one key at a time from the rows ``explain`` lists (key_rows)."""
    counts = []
    for key in record_indicators.PANEL_COLUMNS["trademark"]:
        rows = engine.execute(record_indicators.key_rows(engine, table, record_indicators.DEFINITIONS[key], years,
                                                         level=level))
        counts.append(rows.groupby(["region_key", "year"]).size().rename(key))
    frame = pd.concat(counts, axis=1).fillna(0).astype("int64").reset_index()
    frame["year"] = frame["year"].astype("int64")
    return frame.sort_values(["region_key", "year"], ignore_index=True)


@pytest.mark.parametrize("level", ["city", "district", "province"])
def test_trademark_pass_equals_the_rows_explain_lists(duckdb_engine, records_dataset, level):
    """The one grouped pass (trademark_frame) against each key's own rows, on the hand-built marks."""
    table = duckdb_engine.read_records(record_indicators.kind_path(records_dataset, "trademark"))
    years = [2019, 2020, 2021]
    one_pass = record_indicators.trademark_frame(duckdb_engine, table, years, level=level)
    pd.testing.assert_frame_equal(one_pass, _per_key_frame(duckdb_engine, table, years, level), check_dtype=False)


def test_trademark_pass_equals_pandas_on_synthetic_marks(duckdb_engine, tmp_path):
    """The synthetic trademarks of the panel benchmark: engine, per-key rows and the independent
    pandas baseline agree for every city and year."""
    from ipcity.analytics.synth_trademarks import write_trademarks
    from tests.analytics_compute import baseline_pandas_trademarks

    path = write_trademarks(30_000, tmp_path, seed=3)
    years = list(range(2016, 2026))
    table = duckdb_engine.read_records(path)
    engine_frame = record_indicators.trademark_frame(duckdb_engine, table, years, level="city")
    assert len(engine_frame) > 500 and (engine_frame[baseline_pandas_trademarks.KEYS].sum() > 0).all()
    pandas_frame = baseline_pandas_trademarks.panel(path, years, level="city")
    pd.testing.assert_frame_equal(engine_frame, pandas_frame, check_dtype=False)
    pd.testing.assert_frame_equal(engine_frame, _per_key_frame(duckdb_engine, table, years, "city"),
                                  check_dtype=False)

"""ip-records.md v1, second pass: input shapes and boundaries the first audit left open, each count
worked by hand in the comment. Canonical CSVs are authored here and go through
``ipcity records import --format canonical`` and ``ipcity indicators compute --json``.
(mark(): a CN ordinary mark of 杭州市西湖区 330106, registered 2015-01-01, expiring 2025-01-01;
pledge(): a patent pledge of 1,000 元 registered 2020-06-01 by a pledgor of 330106.)
"""

from __future__ import annotations

import pytest

from .test_records_spec import _compute, _import, mark, pledge


def _licence(rid: str, rtype: str = "licence", **fields: object) -> dict[str, object]:
    row: dict[str, object] = {
        "record_id": rid, "record_type": rtype, "right_kind": "patent", "date": "2020-03-03",
        "licence_type": "ordinary" if rtype == "licence" else None,
        "from_party": "甲公司", "from_country": "CN", "from_region_code": "330106",
        "to_party": "乙公司", "to_country": "CN", "to_region_code": "330108"}
    row.update(fields)
    return row


# ---- "A row whose region cannot be derived is counted nowhere and reported as unattributed" ------
# (ip-indicators.md, which ip-records.md applies "unchanged")

def test_a_pledgor_whose_region_cannot_be_derived_is_counted_nowhere_and_reported(tmp_path):
    # pledge 2: domestic pledgor, no code, no address, a name that begins with no region → counted in
    # no region (pledge_count of 330106 = 1, of 330000 = 1) and reported: 1 pledgor row unattributed
    _import(tmp_path, "pledge", [pledge(pledge_id="1"),
                                 pledge(pledge_id="2", region_code=None, pledgor="某某贸易有限公司")])
    for region in ("330106", "330000"):
        assert _compute(region, 2020)["pledge_count"] == 1
    (warning,) = [w for w in _compute("330106", 2020)["warnings"] if w["code"] == "records_unattributed"]
    assert (warning["kind"], warning["party"], warning["rows"]) == ("pledge", "pledgor", 1)


def test_each_party_of_a_licence_is_reported_on_its_own(tmp_path):
    # record 1: licensor underivable (某甲公司), licensee 330106 → licences_in 1 for 330106, licences 0;
    # record 2: licensee underivable → licences 1 for 330106. Reported: from 1, to 1.
    _import(tmp_path, "licence", [
        _licence("1", from_party="某甲公司", from_region_code=None, to_region_code="330106"),
        _licence("2", to_party="某乙公司", to_region_code=None),
    ])
    out = _compute("330106", 2020)
    assert (out["licences"], out["licences_in"]) == (1, 1)
    found = {(w["kind"], w["party"]): w["rows"] for w in out["warnings"] if w["code"] == "records_unattributed"}
    assert found == {("licence", "from"): 1, ("licence", "to"): 1}


def test_a_foreign_party_is_not_unattributed(tmp_path):
    # a JP pledgor without a region is not domestic: outside every figure, but not "unattributed"
    _import(tmp_path, "pledge", [pledge(pledge_id="1", pledgor_country="JP", region_code=None, pledgor="株式会社某")])
    out = _compute("330106", 2020)
    assert out["pledge_count"] == 0
    assert not [w for w in out["warnings"] if w["code"] == "records_unattributed"]


# ---- Trademarks: in force, new registrations, Madrid, GI ----------------------------------------

def test_trademark_figures_on_one_set_of_marks(tmp_path):
    # at 2020 for 330106:
    #   m1 Madrid (WIPO), filed 2020, domestic → madrid_new 1; not in tm_valid (madrid)
    #   m2 Madrid filed 2020 by a US holder → nowhere (not domestic)
    #   n1 registered 2020-03-03, lapsed 2020-06-06 → tm_new_registrations 1 (reg_date in Y), not in force
    #   g1 GI certification mark in force → tm_valid 1, gi_marks_valid 1
    #   g2 GI collective mark expired 2019-12-31 (< 2020-12-31) → not in force
    #   r1 renewed: term to 2030-01-01 → in force
    _import(tmp_path, "trademark", [
        mark(reg_number="m1", madrid="true", office="WIPO", app_date="2020-05-05", reg_date=None, expiry_date=None,
             status="pending"),
        mark(reg_number="m2", madrid="true", office="WIPO", app_date="2020-05-05", first_holder_country="US",
             region_code=None),
        mark(reg_number="n1", reg_date="2020-03-03", lapse_date="2020-06-06", status="invalid"),
        mark(reg_number="g1", gi="true", mark_type="certification"),
        mark(reg_number="g2", gi="true", mark_type="collective", expiry_date="2019-12-31"),
        mark(reg_number="r1", reg_date="2010-01-01", expiry_date="2030-01-01"),
    ])
    out = _compute("330106", 2020)
    assert (out["tm_valid"], out["tm_new_registrations"], out["madrid_new"], out["gi_marks_valid"]) == (2, 1, 1, 1)


@pytest.mark.parametrize(("entities", "expected"), [("3", 2 * 10_000 / 3), ("20000", 1.0)])
def test_tm_per_10k_entities_divisors(tmp_path, entities, expected):
    # two marks in force: 2 / e × 10,000
    _import(tmp_path, "trademark", [mark(reg_number="a"), mark(reg_number="b")])
    out = _compute("330106", 2020, "--entities", entities)
    assert out["tm_valid_per_10k_entities"] == pytest.approx(expected, rel=1e-15)


# ---- Pledges: sums in 元, every kind present, HK pledgor -------------------------------------------

def test_pledge_amounts_add_up_to_the_fen(tmp_path):
    # 100.10 + 200.20 = 300.30 (patent), 0.10 + 0.20 = 0.30 (mixed): the sums of the amounts as written,
    # not 300.29999999999995 (binary floating point); trademark 0; a HK pledgor counts nowhere
    _import(tmp_path, "pledge", [
        pledge(pledge_id="1", amount="100.10"), pledge(pledge_id="2", amount="200.20"),
        pledge(pledge_id="3", amount="0.10", right_kind="mixed"), pledge(pledge_id="4", amount="0.20", right_kind="mixed"),
        pledge(pledge_id="5", pledgor_country="HK", region_code="810000"),
    ])
    out = _compute("330106", 2020)
    assert out["pledge_count"] == 4
    assert out["pledge_amount"] == 300.6
    assert out["pledge_amount_by_kind"] == {"patent": 300.3, "trademark": 0.0, "mixed": 0.3}


def test_a_pledge_cancelled_in_its_year_still_counts(tmp_path):
    # "counts in the year it was registered, whatever happens to it later": registered 2020-06-01,
    # cancelled 2020-06-02 → counted in 2020; none in 2021
    _import(tmp_path, "pledge", [pledge(pledge_id="1", cancel_date="2020-06-02")])
    assert _compute("330106", 2020)["pledge_count"] == 1
    assert _compute("330106", 2021)["pledge_count"] == 0


# ---- Licences and transfers: trademark rights, open licences, duplicates --------------------------

def test_licences_of_every_type_and_right_count(tmp_path):
    # four licences (exclusive, sole, open; a trademark licence) and one transfer, all from 330106
    # to 330108, 2020 → 330106: licences 4, transfers 1, _in 0; 330108: licences_in 4, transfers_in 1;
    # 330100 (both parties' city): every figure counts once on each side
    _import(tmp_path, "licence", [
        _licence("1", licence_type="exclusive"), _licence("2", licence_type="sole"),
        _licence("3", licence_type="open"), _licence("4", right_kind="trademark"), _licence("5", "transfer"),
    ])
    keys = ("licences", "transfers", "licences_in", "transfers_in")
    assert tuple(_compute("330106", 2020)[k] for k in keys) == (4, 1, 0, 0)
    assert tuple(_compute("330108", 2020)[k] for k in keys) == (0, 0, 4, 1)
    assert tuple(_compute("330100", 2020)[k] for k in keys) == (4, 1, 4, 1)


def test_a_record_id_repeated_is_one_record(tmp_path):
    # record_id is unique in a dataset: two rows with id 1 are one licence
    report = _import(tmp_path, "licence", [_licence("1"), _licence("1"), _licence("2")])
    assert report["duplicates_dropped"] == 1
    assert _compute("330106", 2020)["licences"] == 2


def test_copyright_by_owner_country_and_region(tmp_path):
    # a software registration by a US owner and one by an owner of 330108: 0 for 330106, 1 for 330108
    def work(number, **fields):
        row = {"reg_number": number, "work_type": "software", "reg_date": "2020-05-05", "owners": "甲",
               "first_owner_country": "CN", "region_code": "330106"}
        row.update(fields)
        return row

    _import(tmp_path, "copyright", [work("1", first_owner_country="US", region_code=None),
                                    work("2", region_code="330108")])
    assert _compute("330106", 2020)["copyright_software"] == 0
    assert _compute("330108", 2020)["copyright_software"] == 1


def test_every_key_of_the_spec_is_in_the_output_with_its_type(tmp_path):
    # one record of each kind in one dataset: every key of the table is present; counts are integers,
    # amounts numbers in 元, pledge_amount_by_kind has exactly patent/trademark/mixed; per-10k null
    # without entities (with the no_entities warning)
    _import(tmp_path, "trademark", [mark(reg_number="1")])
    _import(tmp_path, "pledge", [pledge(pledge_id="1", amount=2_500_000)])
    _import(tmp_path, "licence", [_licence("1")])
    _import(tmp_path, "copyright", [{"reg_number": "1", "work_type": "work", "reg_date": "2020-05-05", "owners": "甲",
                                     "first_owner_country": "CN", "region_code": "330106"}])
    out = _compute("330106", 2020)
    counts = ("tm_valid", "tm_new_registrations", "madrid_new", "gi_marks_valid", "pledge_count", "licences",
              "transfers", "licences_in", "transfers_in", "copyright_works", "copyright_software")
    assert all(type(out[k]) is int for k in counts)
    assert [out[k] for k in counts] == [1, 0, 0, 0, 1, 1, 0, 0, 0, 1, 0]
    assert out["pledge_amount"] == 2_500_000 and isinstance(out["pledge_amount"], float)
    assert out["pledge_amount_by_kind"] == {"patent": 2_500_000, "trademark": 0, "mixed": 0}
    assert out["tm_valid_per_10k_entities"] is None
    assert "no_entities" in {w["code"] for w in out["warnings"]}


def test_a_party_is_attributed_by_the_region_its_name_starts_with_down_to_the_county(tmp_path):
    # licensee without code or address, named 杭州市余杭区…: 330110 (余杭区) → licences_in 1 for 330110
    # and for 330100; licensor named 西湖区… (杭州's or 南昌's): not derivable → licences 0 anywhere,
    # reported as records_unattributed (licence, from)
    _import(tmp_path, "licence", [_licence("1", from_party="西湖区某某科技有限公司", from_region_code=None,
                                           to_party="杭州市余杭区某某科技有限公司", to_region_code=None)])
    for region in ("330110", "330100"):
        assert _compute(region, 2020)["licences_in"] == 1
    for region in ("330100", "360100"):
        assert _compute(region, 2020)["licences"] == 0
    found = {(w["kind"], w["party"]): w["rows"] for w in _compute("330100", 2020)["warnings"]
             if w["code"] == "records_unattributed"}
    assert found == {("licence", "from"): 1}


def test_a_second_reading_of_the_figures_agrees_on_random_records(tmp_path):
    # records_oracle.py computes every key from the spec's text alone; 700 random records of the four
    # kinds (terms ending on 31 December, lapses, Madrid, GI, foreign parties, empty amounts, codes at
    # every level) imported as canonical CSVs → every figure agrees, for several regions and years
    import random

    from .records_oracle import figures, random_records

    records = random_records(random.Random(5))
    for kind, rows in records.items():
        assert _import(tmp_path, kind, rows)["rejected_count"] == 0
    for region, year in (("330106", 2020), ("330100", 2016), ("330000", 2024), ("320100", 2022), ("330108", 2019)):
        got = _compute(region, year)
        want = figures(records, region, year)
        assert {k: got[k] for k in want if k not in ("pledge_amount", "pledge_amount_by_kind")} == \
            {k: v for k, v in want.items() if k not in ("pledge_amount", "pledge_amount_by_kind")}, (region, year)
        assert got["pledge_amount"] == pytest.approx(want["pledge_amount"], rel=1e-12)
        assert got["pledge_amount_by_kind"] == pytest.approx(want["pledge_amount_by_kind"], rel=1e-12)

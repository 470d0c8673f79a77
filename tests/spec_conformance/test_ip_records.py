"""ip-records.md v1: the clauses test_records_spec.py leaves open, with hand-worked counts.

Canonical CSVs are authored here and go through ``ipcity records import --format canonical``.
"""

from __future__ import annotations

from .test_records_spec import _compute, _import, mark, pledge


def _record(rid: str, rtype: str, date: str = "2020-03-03", **fields: object) -> dict[str, object]:
    row: dict[str, object] = {
        "record_id": rid, "record_type": rtype, "right_kind": "patent", "date": date,
        "licence_type": "ordinary" if rtype == "licence" else None,
        "from_party": "甲公司", "from_country": "CN", "from_region_code": "330106",
        "to_party": "乙公司", "to_country": "CN", "to_region_code": "330108"}
    row.update(fields)
    return row


# ---- Attribution: "how many rows were attributed by address and by name is shown" ----------------

def test_attribution_by_address_and_by_name_is_shown_with_the_figures(tmp_path):
    # holders: 1 by code, 1 by address (滨江区), 2 by name (杭州…, 宁波…); one unattributable
    _import(tmp_path, "trademark", [
        mark(reg_number="1"),
        mark(reg_number="2", region_code=None, first_holder_address="浙江省杭州市滨江区江南大道3号"),
        mark(reg_number="3", region_code=None, holders="杭州某某餐饮管理有限公司"),
        mark(reg_number="4", region_code=None, holders="宁波某某贸易有限公司"),
        mark(reg_number="5", region_code=None, holders="某某贸易有限公司"),
    ])
    out = _compute("330100", 2020)
    assert out["tm_valid"] == 3  # code + address + 杭州 name
    assert out["attribution"]["trademark"] == {"holder": {"by_address": 1, "by_name": 2}}


def test_a_licence_shows_attribution_for_each_party(tmp_path):
    # licensor by address (1), licensee by name (1)
    _import(tmp_path, "licence", [_record("1", "licence", from_region_code=None,
                                          from_address="浙江省杭州市西湖区文三路1号",
                                          to_region_code=None, to_party="宁波某某有限公司")])
    out = _compute("330100", 2020)
    assert out["licences"] == 1 and out["licences_in"] == 0
    assert _compute("330200", 2020)["licences_in"] == 1
    assert out["attribution"]["licence"] == {"from": {"by_address": 1, "by_name": 0},
                                             "to": {"by_address": 0, "by_name": 1}}


# ---- "A figure counted by a party applies both rules to that party" -----------------------------

def test_a_foreign_licensor_counts_only_on_the_licensee_side(tmp_path):
    # licensor JP (not domestic): not in licences of any region; licensee in 330108 → licences_in 1
    _import(tmp_path, "licence", [_record("1", "licence", from_country="JP", from_region_code=None,
                                          from_party="Acme KK")])
    west, bin_jiang = _compute("330106", 2020), _compute("330108", 2020)
    assert (west["licences"], west["licences_in"]) == (0, 0)
    assert (bin_jiang["licences"], bin_jiang["licences_in"]) == (0, 1)


def test_two_holders_in_different_regions_count_for_the_first_holder_only(tmp_path):
    # holders 杭州A|南京B, the first holder's code 330106: one mark in 杭州, none in 南京 (320100)
    _import(tmp_path, "trademark", [mark(reg_number="1", holders="杭州甲科技有限公司|南京乙科技有限公司")])
    assert _compute("330100", 2020)["tm_valid"] == 1
    assert _compute("320100", 2020)["tm_valid"] == 0


def test_a_transfer_across_regions_counts_out_in_one_and_in_in_the_other(tmp_path):
    # 330106 → 320100: transfers 1 in 西湖区 (and 杭州市, 浙江省), transfers_in 1 in 南京市 only
    _import(tmp_path, "licence", [_record("1", "transfer", to_region_code="320100")])
    zhejiang, nanjing = _compute("330000", 2020), _compute("320100", 2020)
    assert (zhejiang["transfers"], zhejiang["transfers_in"]) == (1, 0)
    assert (nanjing["transfers"], nanjing["transfers_in"]) == (0, 1)


# ---- Year boundaries ------------------------------------------------------------------------------

def test_flows_on_31_december_and_1_january(tmp_path):
    # pledges registered 2020-12-31 (1,000 元) and 2021-01-01 (2,000 元); licences dated the same days
    _import(tmp_path, "pledge", [pledge(pledge_id="a", reg_date="2020-12-31", amount=1000),
                                 pledge(pledge_id="b", reg_date="2021-01-01", amount=2000)])
    _import(tmp_path, "licence", [_record("1", "licence", "2020-12-31"), _record("2", "licence", "2021-01-01")])
    y2020, y2021 = _compute("330106", 2020), _compute("330106", 2021)
    assert (y2020["pledge_count"], y2020["pledge_amount"], y2020["licences"]) == (1, 1000.0, 1)
    assert (y2021["pledge_count"], y2021["pledge_amount"], y2021["licences"]) == (1, 2000.0, 1)


def test_madrid_new_by_app_date_on_the_year_boundary(tmp_path):
    _import(tmp_path, "trademark", [
        mark(reg_number="m1", madrid="true", office="WIPO", app_date="2020-12-31"),
        mark(reg_number="m2", madrid="true", office="WIPO", app_date="2021-01-01"),
    ])
    assert _compute("330106", 2020)["madrid_new"] == 1 and _compute("330106", 2021)["madrid_new"] == 1


def test_a_trademark_lapsed_on_31_december_of_its_registration_year(tmp_path):
    # reg 2020-03-01, lapse 2020-12-31 (not later than Y-12-31): a new registration of 2020, in force in no year
    _import(tmp_path, "trademark", [mark(reg_number="x", reg_date="2020-03-01", lapse_date="2020-12-31",
                                         status="invalid")])
    out = _compute("330106", 2020)
    assert (out["tm_valid"], out["tm_new_registrations"]) == (0, 1)


def test_a_region_with_no_record_of_a_held_kind_has_zeros(tmp_path):
    _import(tmp_path, "pledge", [pledge(pledge_id="a")])
    out = _compute("320100", 2020)
    assert (out["pledge_count"], out["pledge_amount"]) == (0, 0.0)
    assert out["pledge_amount_by_kind"] == {"patent": 0.0, "trademark": 0.0, "mixed": 0.0}


def test_a_registration_repeated_on_several_rows_counts_once_with_its_amount_once(tmp_path):
    # "an export that repeats the contract's amount on every patent must be collapsed to one row per
    # registration number, or the amount is counted many times": Z1 (5,000,000 元) on two rows + Z2 (100 元)
    # → pledge_count 2, pledge_amount 5,000,100 元
    report = _import(tmp_path, "pledge", [pledge(pledge_id="Z1", amount=5_000_000, rights="CN1"),
                                          pledge(pledge_id="Z1", amount=5_000_000, rights="CN2"),
                                          pledge(pledge_id="Z2", amount=100)])
    assert report["rows_imported"] == 2
    out = _compute("330106", 2020)
    assert (out["pledge_count"], out["pledge_amount"]) == (2, 5_000_100.0)

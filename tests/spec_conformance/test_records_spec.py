"""ip-records.md, sentence by sentence: canonical CSVs (authored here) go in through
``ipcity records import --format canonical`` and come out of ``ipcity indicators compute --json``."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from ipcity.analytics import record_kinds
from ipcity.cli.main import cli


def _csv(tmp_path: Path, kind: str, rows: list[dict[str, object]]) -> Path:
    columns = record_kinds.COLUMNS[kind]
    lines = [",".join(columns)] + [",".join("" if row.get(c) is None else str(row[c]) for c in columns) for row in rows]
    path = tmp_path / f"{kind}-{len(list(tmp_path.iterdir()))}.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _import(tmp_path: Path, kind: str, rows: list[dict[str, object]], dataset: str = "city") -> dict:
    result = CliRunner().invoke(cli, ["records", "import", str(_csv(tmp_path, kind, rows)), "--kind", kind,
                                      "--dataset", dataset, "--format", "canonical", "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def _compute(region: str, year: int, *extra: str, dataset: str = "city") -> dict:
    result = CliRunner().invoke(cli, ["indicators", "compute", "--dataset", dataset, "--region", region,
                                      "--year", str(year), "--json", *extra])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def mark(**fields: object) -> dict[str, object]:
    row: dict[str, object] = {"reg_number": "1", "nice_class": 9, "mark_type": "ordinary", "gi": "false",
                              "madrid": "false", "office": "CN", "app_date": "2014-01-01", "reg_date": "2015-01-01",
                              "expiry_date": "2025-01-01", "status": "registered", "holders": "杭州样例科技有限公司",
                              "first_holder_country": "CN", "region_code": "330106"}
    row.update(fields)
    return row


def test_a_canonical_csv_is_itself_an_input_and_one_row_is_one_registration_in_one_class(tmp_path):
    report = _import(tmp_path, "trademark", [mark(reg_number="1", nice_class=9), mark(reg_number="1", nice_class=35),
                                             mark(reg_number="1", nice_class=35, holders="重复")])
    assert (report["rows_imported"], report["duplicates_dropped"]) == (2, 1)  # reg_number + nice_class unique
    assert _compute("330100", 2020)["tm_valid"] == 2


def test_in_force_at_y_by_registration_expiry_and_lapse(tmp_path):
    _import(tmp_path, "trademark", [
        mark(reg_number="a", reg_date="2020-12-31"),                          # registered on Y-12-31: in force
        mark(reg_number="b", expiry_date="2020-12-31"),                       # expiry = Y-12-31: in force
        mark(reg_number="c", expiry_date="2020-12-30"),                       # expired before: not
        mark(reg_number="d", lapse_date="2020-12-31", status="invalid"),      # lapse not later than Y-12-31: not
        mark(reg_number="e", lapse_date="2021-01-01", status="invalid"),      # lapse later: in force
        mark(reg_number="f", reg_date=None, status="pending"),                # not registered: not
        mark(reg_number="g", expiry_date=None),                               # no expiry: in force
    ])
    assert _compute("330106", 2020)["tm_valid"] == 4


def test_invalid_without_lapse_is_in_force_in_no_year_and_reported(tmp_path):
    report = _import(tmp_path, "trademark", [mark(reg_number="x", status="invalid"), mark(reg_number="y")])
    assert report["notes"]["invalid without lapse_date: in force in no year"] == 1
    out = _compute("330106", 2016)
    assert out["tm_valid"] == 1
    assert [w["rows"] for w in out["warnings"] if w["code"] == "tm_invalid_without_lapse"] == [1]


def test_madrid_rows_are_not_in_tm_valid_and_count_in_madrid_new_by_app_date(tmp_path):
    _import(tmp_path, "trademark", [
        mark(reg_number="m1", madrid="true", office="WIPO", app_date="2020-05-05", reg_date="2020-08-08"),
        mark(reg_number="m2", madrid="true", office="CN", app_date="2019-05-05"),
        mark(reg_number="n1", reg_date="2020-02-02"),
    ])
    out = _compute("330106", 2020)
    assert (out["tm_valid"], out["madrid_new"], out["tm_new_registrations"]) == (1, 1, 1)


def test_gi_marks_in_force(tmp_path):
    _import(tmp_path, "trademark", [mark(reg_number="g1", gi="true", mark_type="certification"),
                                    mark(reg_number="g2", gi="true", mark_type="collective", expiry_date="2019-01-01"),
                                    mark(reg_number="o1")])
    assert _compute("330106", 2020)["gi_marks_valid"] == 1


def test_only_domestic_holders_and_the_region_from_code_address_or_enterprise_name(tmp_path):
    report = _import(tmp_path, "trademark", [
        mark(reg_number="1"),                                                       # code 330106
        mark(reg_number="2", region_code=None, first_holder_address="浙江省杭州市滨江区江南大道3号"),  # address
        mark(reg_number="3", region_code=None, first_holder_country=None, holders="杭州某某餐饮管理有限公司"),  # name
        mark(reg_number="4", region_code=None, first_holder_country="US", holders="Acme Inc."),  # foreign
        mark(reg_number="5", region_code="320100"),                                 # 南京市
    ])
    assert report["notes"]["holder: region from the name"] == 1
    assert _compute("330100", 2020)["tm_valid"] == 3
    assert _compute("330106", 2020)["tm_valid"] == 1


def test_per_10k_entities_null_with_a_reason_then_from_the_option_or_the_reference(tmp_path):
    _import(tmp_path, "trademark", [mark(reg_number=str(n)) for n in range(3)])
    out = _compute("330106", 2020)
    assert out["tm_valid_per_10k_entities"] is None
    assert any(w["code"] == "no_entities" for w in out["warnings"])
    assert _compute("330106", 2020, "--entities", "600")["tm_valid_per_10k_entities"] == 50.0
    table = tmp_path / "entities.csv"
    table.write_text("行政区划代码,年份,市场主体数量(万户)\n330106,2020,0.12\n", encoding="utf-8")
    loaded = CliRunner().invoke(cli, ["records", "reference", "entities", str(table), "--note", "2020年统计年鉴"])
    assert loaded.exit_code == 0, loaded.output
    out = _compute("330106", 2020)
    assert out["entities"] == 1200 and out["tm_valid_per_10k_entities"] == 25.0
    assert out["entities_source"] == "reference" and out["entities_version"].startswith("entities-")
    from ipcity.analytics import reference

    (meta,) = reference.versions(reference.ENTITIES)
    assert meta["version"] == out["entities_version"] and meta["note"] == "2020年统计年鉴"


def pledge(**fields: object) -> dict[str, object]:
    row: dict[str, object] = {"pledge_id": "P", "right_kind": "patent", "rights": "CN1", "reg_date": "2020-06-01",
                              "amount": 1000, "pledgor": "杭州样例科技有限公司", "pledgor_country": "CN",
                              "region_code": "330106", "pledgee": "某银行"}
    row.update(fields)
    return row


def test_pledges_count_in_their_registration_year_and_empty_amounts_are_reported(tmp_path):
    report = _import(tmp_path, "pledge", [
        pledge(pledge_id="1", amount=1_000_000),
        pledge(pledge_id="2", amount=250_000.25, right_kind="trademark", cancel_date="2020-07-01"),
        pledge(pledge_id="3", amount=0, right_kind="mixed"),
        pledge(pledge_id="4", amount=None),
        pledge(pledge_id="5", reg_date="2021-01-01"),
        pledge(pledge_id="6", pledgor_country="JP", region_code=None),
    ])
    assert report["notes"]["amount 0 or empty: counted in pledge_count only"] == 2
    out = _compute("330106", 2020)
    assert out["pledge_count"] == 4
    assert out["pledge_amount"] == 1_250_000.25
    assert out["pledge_amount_by_kind"] == {"patent": 1_000_000.0, "trademark": 250_000.25, "mixed": 0.0}
    assert [w["rows"] for w in out["warnings"] if w["code"] == "pledge_amount_missing"] == [2]
    assert "tm_valid" not in out and "licences" not in out  # kinds the dataset does not hold


def test_licences_by_licensor_and_a_same_region_transfer_counts_on_both_sides(tmp_path):
    def record(rid, rtype, frm, to):
        return {"record_id": rid, "record_type": rtype, "right_kind": "trademark", "date": "2020-03-03",
                "licence_type": "exclusive" if rtype == "licence" else None, "from_party": "甲", "from_country": "CN",
                "from_region_code": frm, "to_party": "乙", "to_country": "CN", "to_region_code": to}

    _import(tmp_path, "licence", [record("1", "licence", "330106", "310000"), record("2", "licence", "310000", "330106"),
                                  record("3", "transfer", "330106", "330108")])
    hangzhou = _compute("330100", 2020)
    assert [hangzhou[k] for k in ("licences", "licences_in", "transfers", "transfers_in")] == [1, 1, 1, 1]
    xihu = _compute("330106", 2020)
    assert [xihu[k] for k in ("licences", "licences_in", "transfers", "transfers_in")] == [1, 1, 1, 0]


def test_copyright_by_work_type_and_registration_year(tmp_path):
    def work(number, wtype, date):
        return {"reg_number": number, "work_type": wtype, "reg_date": date, "owners": "甲",
                "first_owner_country": "CN", "region_code": "330106"}

    _import(tmp_path, "copyright", [work("1", "work", "2020-01-01"), work("2", "software", "2020-12-31"),
                                    work("3", "software", "2021-01-01")])
    out = _compute("330106", 2020)
    assert (out["copyright_works"], out["copyright_software"]) == (1, 1)

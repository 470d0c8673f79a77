"""The real formats through ``ipcity records import``'s library call: detection, mapping, the
importer's attribution and uniqueness steps, and the dataset left alone when a file is refused."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from ipcity.analytics import datasets, record_import

FORMATS_DIR = Path(__file__).parent / "formats"


def _rows(data_dir: Path, kind: str) -> list[dict]:
    path = datasets.kind_path("city", kind, data_dir=data_dir)
    assert path is not None
    return pq.read_table(path).to_pylist()


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_cnipa_trademark_register_imports_with_regions(tmp_path: Path, suffix: str):
    report = record_import.import_records(FORMATS_DIR / "cnipa_trademark" / f"input.{suffix}", "trademark", "city",
                                          data_dir=tmp_path)
    assert report.format == "cnipa_trademark"
    assert (report.rows_read, report.rows_imported, report.rejected_count) == (13, 8, 5)
    assert [r["line"] for r in report.rejected] == [9, 10, 11, 12, 14]
    rows = {r["reg_number"]: r for r in _rows(tmp_path, "trademark")}
    # 广东省深圳市南山区… → 南山区 440305; 福建省宁德市福鼎市 → 福鼎市 350982
    assert rows["10000001"]["region_code"] == "440305"
    assert rows["10000001"]["first_holder_country"] == "CN"
    assert rows["10000003"]["region_code"] == "350982"
    # A renewed geographical-indication mark: registered 2006-01-28 (the 2016 term is its renewal).
    assert (rows["10000003"]["reg_date"], rows["10000003"]["gi"]) == (dt.date(2006, 1, 28), True)
    # Not renewed: out of force the day after the term's last day.
    assert rows["10000004"]["lapse_date"] == dt.date(2021, 3, 21)
    assert (rows["G1234567"]["madrid"], rows["G1234567"]["office"]) == (True, "WIPO")


def test_patent_level_pledge_export_collapses_to_one_row_per_registration(tmp_path: Path):
    report = record_import.import_records(FORMATS_DIR / "pledge_by_patent" / "input.xlsx", "pledge", "city",
                                          data_dir=tmp_path)
    assert report.format == "pledge_by_patent"
    rows = _rows(tmp_path, "pledge")
    assert [r["pledge_id"] for r in rows] == ["2022440000011", "2022440000012"]
    # 1500 (万元) on each of three patent rows is one contract of 15,000,000 元, not 45,000,000.
    assert rows[0]["amount"] == 15_000_000
    assert rows[0]["rights"] == "CN202010000011.1|CN202010000012.X|CN202020000013.5"
    assert rows[1]["amount"] == 805_000
    assert [r["line"] for r in report.rejected] == [6, 7, 8]
    assert "conflicting amount" in report.rejected[0]["reason"]
    # 深圳市庚有限公司 has no address: its region comes from its name.
    assert rows[0]["region_code"] == "440300"


def test_unknown_headers_refuse_the_file_and_leave_the_dataset(tmp_path: Path):
    record_import.import_records(FORMATS_DIR / "ccpc_work" / "input.csv", "copyright", "city", data_dir=tmp_path)
    before = _rows(tmp_path, "copyright")
    with pytest.raises(record_import.RecordImportFailed) as caught:
        record_import.import_records(FORMATS_DIR / "unknown_headers" / "input.csv", "trademark", "city",
                                     data_dir=tmp_path)
    message = str(caught.value)
    assert "商标名称" in message and "颜色" in message and "备注" in message
    assert "cnipa_trademark" in message and "tyc_trademark" in message
    assert datasets.kinds_present("city", data_dir=tmp_path) == ["copyright"]
    assert _rows(tmp_path, "copyright") == before


def test_forced_format_of_another_register_rejects_rows_with_reasons(tmp_path: Path):
    # The 天眼查-style list read as the CNIPA register: same aliases, so it maps; the format is named.
    report = record_import.import_records(FORMATS_DIR / "tyc_trademark" / "input.csv", "trademark", "city",
                                          export_format="cnipa_trademark", data_dir=tmp_path)
    assert report.format == "cnipa_trademark"
    assert report.rows_imported == 4
    assert [r["line"] for r in report.rejected] == [6]


def test_title_line_above_the_header_and_gb18030(tmp_path: Path):
    # Exports often put a title above the header and Windows tools save GB18030: the header is
    # still found, and every rejected row keeps its own line (one further down).
    text = (FORMATS_DIR / "cnipa_trademark" / "input.csv").read_text(encoding="utf-8")
    export = tmp_path / "export.csv"
    export.write_bytes(("中国商标网 商标查询结果 导出时间 2024-01-05\n" + text).encode("gb18030"))
    report = record_import.import_records(export, "trademark", "city", data_dir=tmp_path)
    assert report.format == "cnipa_trademark"
    assert report.rows_imported == 8
    assert [r["line"] for r in report.rejected] == [10, 11, 12, 13, 15]


def test_licence_register_collapses_a_contract_and_attributes_both_parties(tmp_path: Path):
    report = record_import.import_records(FORMATS_DIR / "cnipa_trademark_licence" / "input.csv", "licence", "city",
                                          data_dir=tmp_path)
    assert report.format == "cnipa_trademark_licence"
    rows = {r["record_id"]: r for r in _rows(tmp_path, "licence")}
    assert set(rows) == {"TL2023000201", "TL2023000202"}
    first = rows["TL2023000201"]
    # 广东省深圳市南山区 → 440305 (licensor); 广东省惠州市惠城区 → 441302 (licensee)
    assert (first["from_region_code"], first["to_region_code"]) == ("440305", "441302")
    assert (first["from_country"], first["to_country"]) == ("CN", "CN")
    assert rows["TL2023000202"]["rights"] == "10000002|10000003"
    assert [r["line"] for r in report.rejected] == [4]

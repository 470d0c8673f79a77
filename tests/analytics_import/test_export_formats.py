"""Every real export header set imports, as CSV and as XLSX, to the right canonical values."""

from __future__ import annotations

import datetime as dt

import pytest

from ipcity.analytics import datasets, importer
from ipcity.analytics.formats import FormatError, detect_format, map_columns
from tests.analytics_import.exports import header_sets, row_for, write_csv, write_xlsx
from tests.conftest import SHARED
from tests.xls_files import write_xls

EXPECTED_FORMAT = {
    "patsnap_zh_33col": "patsnap",
    "patsnap_zh_31col_variant": "patsnap",
    "incopat_recognized_fields": "incopat",
    "incopat_subset_seen_in_xlrd_importer": "incopat",
    "cnipr_csv_as_assumed_by_importer": "cnipr",
    "zj_patsev_bib_download_fields": "cnipa",
    "sipo_trs_legacy_download": "cnipa",
    "sipo_trs_base_fields": "cnipa",
    "vendor_csv_35col_with_city_district": "generic",
    "cnipa_style_21col_xlsx": "cnipa",
    "derwent_innovation_zh_ui_51col": "derwent",
    "lens_org_export_32col": "lens",
    "patentsemantix_mysql_table": "cnipa",
}
# The xlrd importer's list is partial (the source says so): it lacks the publication number and
# dates a real export has, so the test adds them.
COMPLETING = {"incopat_subset_seen_in_xlrd_importer": ["公开(公告)号", "申请日", "公开(公告)日"]}
SETS = header_sets(SHARED) if SHARED.is_dir() else {}


def test_every_header_set_is_covered(shared_dir):
    assert set(header_sets(shared_dir)) == set(EXPECTED_FORMAT)


@pytest.mark.parametrize("name", sorted(EXPECTED_FORMAT))
def test_format_is_detected(name, shared_dir):
    assert detect_format(header_sets(shared_dir)[name]) == EXPECTED_FORMAT[name]


def test_partial_list_without_publication_number_says_so(shared_dir):
    headers = header_sets(shared_dir)["incopat_subset_seen_in_xlrd_importer"]
    with pytest.raises(FormatError, match="no publication-number column"):
        map_columns(headers, detect_format(headers))


@pytest.mark.parametrize("file_type", ["csv", "xlsx", "xls"])
@pytest.mark.parametrize("name", sorted(EXPECTED_FORMAT))
def test_header_set_imports_to_canonical_values(name, file_type, tmp_path, shared_dir):
    headers = header_sets(shared_dir)[name] + COMPLETING.get(name, [])
    rows = [row_for(headers, "granted"), row_for(headers, "lapsed")]
    if file_type == "csv":
        path = write_csv(tmp_path / f"{name}.csv", headers, rows)
    elif file_type == "xls":  # incoPat's download and WPS's 97-2003 save; a query line above the header
        path = write_xls(tmp_path / f"{name}.xls", [["专利检索结果导出", "检索式: 新能源"], headers, *rows])
    else:
        path = write_xlsx(tmp_path / f"{name}.xlsx", headers, rows, title_rows=1)
    report = importer.import_file(path, "t", data_dir=tmp_path)
    assert report.format == EXPECTED_FORMAT[name]
    assert report.rejected_count == 0, report.rejected
    records = {r["pub_number"]: r for r in datasets.read_records("t", tmp_path).to_pylist()}
    assert set(records) == {"CN114000001B", "CN214000002U"}
    granted, lapsed = records["CN114000001B"], records["CN214000002U"]
    fields = map_columns(headers, report.format).fields

    assert granted["office"] == "CN" and granted["kind"] == "invention"
    assert lapsed["kind"] == "utility"
    assert granted["grant_date"] == dt.date(2022, 5, 6)
    assert lapsed["grant_date"] == dt.date(2020, 9, 1)
    assert granted["status"] == "valid"
    if "status" in fields:
        assert lapsed["status"] == "invalid"
    if "app_date" in fields:
        assert granted["app_date"] == dt.date(2021, 3, 4) and lapsed["app_date"] == dt.date(2020, 1, 2)
    elif "priority_date" in fields:
        assert granted["app_date"] == dt.date(2021, 1, 5)
    if "lapse_date" in fields:
        assert lapsed["lapse_date"] == dt.date(2022, 1, 2) and granted["lapse_date"] is None
    if "applicants" in fields:
        assert granted["applicants"] == "深圳市星河科技有限公司|张三"
        assert lapsed["applicants"] == "华为技术有限公司"
    if "ipc" in fields:
        assert granted["ipc"] == "G06F16/36|G06N3/08"
    elif "ipc_main" in fields:
        assert granted["ipc"] == "G06F16/36"
    assert granted["first_applicant_country"] == "CN"
    has_address = "address" in fields or "region_names" in map_columns(headers, report.format).multi
    assert granted["region_code"] == ("440305" if has_address else "440300")
    if has_address:
        assert lapsed["region_code"] == "440307"
    if "family_members" in fields:
        assert granted["family_granted_offices"] == "US"
    assert granted["pct"] is ("pct_number" in fields)
    assert lapsed["pct"] is False
    assert granted["title"] in (None, "一种图谱检索方法")
    # the optional columns, where the export has them (else empty)
    assert granted["inventors"] == (("ZHANG SAN;LI SI" if name.startswith("lens") else "张三;李四")
                                    if "inventors" in fields else None)
    assert granted["cited_by_count"] == (12 if "cited_by_count" in fields else None)
    assert granted["citations"] == ("CN101234567A|US20050123456A1" if "citations" in fields else None)


# Which header sets carry each optional column (read off export_headers.json by hand).
OPTIONAL = {
    "inventors": {"incopat_recognized_fields", "incopat_subset_seen_in_xlrd_importer", "zj_patsev_bib_download_fields",
                  "sipo_trs_legacy_download", "sipo_trs_base_fields", "vendor_csv_35col_with_city_district",
                  "cnipa_style_21col_xlsx", "derwent_innovation_zh_ui_51col", "lens_org_export_32col",
                  "patentsemantix_mysql_table"},
    "cited_by_count": {"patsnap_zh_33col", "patsnap_zh_31col_variant", "incopat_recognized_fields",
                       "incopat_subset_seen_in_xlrd_importer", "vendor_csv_35col_with_city_district",
                       "derwent_innovation_zh_ui_51col", "lens_org_export_32col"},
    "citations": {"incopat_recognized_fields", "zj_patsev_bib_download_fields", "cnipa_style_21col_xlsx",
                  "derwent_innovation_zh_ui_51col"},
}


@pytest.mark.parametrize("column", sorted(OPTIONAL))
def test_every_export_with_an_optional_column_maps_it(column, shared_dir):
    mapped = {name for name, headers in header_sets(shared_dir).items()
              if column in map_columns(headers + COMPLETING.get(name, []), EXPECTED_FORMAT[name]).fields}
    assert mapped == OPTIONAL[column]


def test_lens_publication_number_is_joined_from_its_parts(tmp_path, shared_dir):
    headers = header_sets(shared_dir)["lens_org_export_32col"]
    path = write_csv(tmp_path / "lens.csv", headers, [row_for(headers, "granted")])
    importer.import_file(path, "lens", data_dir=tmp_path)
    record = datasets.read_records("lens", tmp_path).to_pylist()[0]
    assert record["pub_number"] == "CN114000001B"
    assert record["app_number"] == "CN202110012345.6"

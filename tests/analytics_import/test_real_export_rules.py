"""Rules that real public export files broke (tests/analytics_import/real_exports/NOTES.md).

Every file here is AUTHORED: the header spellings are the real ones (headers are facts), the
rows are invented (applicants, numbers, titles). No test reads the real files.
"""

from __future__ import annotations

import datetime as dt

import pytest

from ipcity.analytics import addresses, datasets, importer
from ipcity.analytics import cell_values as cv
from ipcity.analytics import extension_values as ev
from ipcity.analytics.formats import FormatError, detect_format, map_columns
from tests.analytics_import.exports import write_csv


def _import(tmp_path, headers, rows, name="real"):
    path = write_csv(tmp_path / f"{name}.csv", headers, rows)
    report = importer.import_file(path, name, data_dir=tmp_path)
    return report, datasets.read_records(name, tmp_path).to_pylist()


# ---------------------------------------------------------------- class A: Lens web export headers

# What lens.org's "Export" button writes: Title Case headers with spaces (the API's snake_case
# names, display_key…, are what the alias table knew). Two generations: Display Key and Owners,
# or Publication Number, Owners (US) and Type.
LENS_WEB = ["#", "Jurisdiction", "Kind", "Display Key", "Lens ID", "Publication Date", "Publication Year",
            "Application Number", "Application Date", "Priority Numbers", "Earliest Priority Date", "Title",
            "Abstract", "Applicants", "Inventors", "Owners", "URL", "Document Type", "Has Full Text",
            "Cites Patent Count", "Cited by Patent Count", "Simple Family Size", "CPC Classifications",
            "IPCR Classifications", "US Classifications", "NPL Citation Count", "Legal Status"]
LENS_WEB_OLDER = ["#", "Jurisdiction", "Kind", "Publication Number", "Lens ID", "Publication Date",
                  "Publication Year", "Application Number", "Application Date", "Priority Numbers",
                  "Earliest Priority Date", "Title", "Applicants", "Inventors", "Owners (US)", "URL", "Type",
                  "Has Full Text", "Cites Patent Count", "Cited by Patent Count", "CPC Classifications",
                  "IPCR Classifications", "US Classifications"]


def _lens_row(headers, values):
    return [values.get(h, "") for h in headers]


GRANTED_US = {"#": "1", "Jurisdiction": "US", "Kind": "B2", "Display Key": "US 9000001 B2",
              "Publication Number": "US 9000001 B2", "Lens ID": "000-111-222-333-444",
              "Publication Date": "2017-12-05", "Publication Year": "2017", "Application Number": "US 201715000001 A",
              "Application Date": "2017-03-14", "Priority Numbers": "US 201462000001 P",
              "Earliest Priority Date": "2014-07-30", "Title": "Widget holder", "Abstract": "A holder.",
              "Applicants": "ACME WIDGETS INC;;DOE; JOHN A.", "Inventors": "DOE JOHN A;;ROE RICHARD",
              "Owners": "ACME WIDGETS INC (2017-01-05);;DOE; JOHN A. (2016-02-01)",
              "Owners (US)": "ACME WIDGETS INC (2017-01-05);;DOE; JOHN A. (2016-02-01)",
              "Document Type": "Granted Patent", "Type": "Granted Patent", "Has Full Text": "yes",
              "Cites Patent Count": "9", "Cited by Patent Count": "5", "CPC Classifications": "C12N9/22;;A61K35/28",
              "IPCR Classifications": "A61K35/28;;C12N9/22", "Legal Status": "ACTIVE"}
ENDED_US = dict(GRANTED_US, **{"#": "2", "Kind": "A1", "Display Key": "US 2023/0000002 A1",
                               "Publication Number": "US 2023/0000002 A1", "Document Type": "Patent Application",
                               "Type": "Patent Application", "Legal Status": "DISCONTINUED",
                               "Applicants": "ACME WIDGETS INC", "Owners": "", "Owners (US)": ""})


@pytest.mark.parametrize("headers", [LENS_WEB, LENS_WEB_OLDER], ids=["display-key", "publication-number"])
def test_lens_web_export_headers_import(headers, tmp_path):
    assert detect_format(headers) == "lens"
    report, rows = _import(tmp_path, headers, [_lens_row(headers, GRANTED_US), _lens_row(headers, ENDED_US)])
    assert report.rows_imported == 2 and report.rejected_count == 0
    granted, ended = rows
    assert granted["pub_number"] == "US9000001B2" and granted["office"] == "US"
    assert granted["app_date"] == dt.date(2017, 3, 14)
    assert granted["ipc"] == "A61K35/28|C12N9/22"
    assert granted["kind"] == "invention"
    # ;; separates Lens's names; the ; inside "DOE; JOHN A." is part of one name; an owner's
    # "(2017-01-05)" is the day the assignment was recorded, not part of the name
    assert granted["applicants"] == "ACME WIDGETS INC|DOE; JOHN A."
    assert ended["applicants"] == "ACME WIDGETS INC"  # no owner recorded: the applicants
    # DISCONTINUED: the application ended without a patent; the older export has no Legal Status
    assert ended["status"] == ("invalid" if "Legal Status" in headers else "pending")


def test_headers_match_whatever_separates_their_words():
    # "Display Key", "display_key", "DisplayKey": one header
    mapping = map_columns(["Display Key", "Application Date", "Cited by Patent Count"], "lens")
    assert set(mapping.fields) >= {"pub_number", "app_date", "cited_by_count"}


# ---------------------------------------------------------------- class B: 国际分类 / 国际主分类

# The IPC columns as a 专利分析 platform's export names them (国际分类 = all IPC symbols,
# 国际主分类 = the main symbol's subclass only), with " | " lists and symbols padded to width.
PTICS_HEADERS = ["公开号", "申请号", "标题", "申请日", "公开日", "授权公告日", "国际分类", "国际主分类",
                 "申请人", "标准化申请人", "发明人", "法律状态"]


def test_international_classification_headers_carry_the_ipc(tmp_path):
    row = ["CN114000003A", "CN202111000003.5", "一种测试方法", "20211209", "20220405", "",
           "H04L 67/12 | G06F  9/455 | H04W 76/10", "G06F", "甲乙科技有限公司 | 丙丁科技有限公司",
           "甲乙科技", "赵一 | 钱二", "公开"]
    _report, rows = _import(tmp_path, PTICS_HEADERS, [row])
    # the main subclass names no symbol of its own: the first full symbol in it leads
    assert rows[0]["ipc"] == "G06F9/455|H04L67/12|H04W76/10"
    assert rows[0]["app_date"] == dt.date(2021, 12, 9)


def test_a_main_subclass_puts_its_symbol_first_without_adding_itself():
    assert cv.parse_ipc("B60Q  9/00 | B60R 16/023", "B60R") == "B60R16/023|B60Q9/00"
    assert cv.parse_ipc("B60Q 9/00", "G06F") == "G06F|B60Q9/00"  # a main symbol not in the list stays


# ---------------------------------------------------------------- class C: region in brackets

def test_region_written_in_brackets_after_the_trade_name():
    # 企业名称登记管理规定: the region may follow the trade name, in brackets (联想（北京）有限公司)
    found = addresses.regions_of_organisation_names(
        ["星河（深圳）科技有限公司", "甲乙科技（北京）有限公司", "丙丁研究院(上海)有限公司", "某某研究院（山西）有限公司",
         "甲乙合伙企业（有限合伙）", "某某（中国）有限公司", "星河科技（集团）有限公司"])
    assert found == ["440300", "110000", "310000", "140000", None, None, None]


# ---------------------------------------------------------------- class D: 0 as "no date"

def test_zero_is_no_date():
    assert cv.parse_date(0) is None and cv.parse_date(0.0) is None
    assert cv.parse_date("0") is None and cv.parse_date("00000000") is None
    assert cv.parse_date("0000-00-00") is None  # MySQL's zero date
    assert cv.parse_date(20230609) == dt.date(2023, 6, 9)


def test_rows_with_zero_in_an_empty_date_column_import(tmp_path):
    # a table dumped from a database: integer dates, 0 where there is none
    headers = ["序号", "申请日", "公开日", "授权公告日", "申请人", "申请号", "公开号", "专利类型", "专利名称",
               "法律状态", "主分类号", "分类号", "失效日期"]
    rows = [[1, 20221230, 20230609, 0, "某某研究院", "CN202211000004.4", "CN116000004A", "发明公开", "一种方法",
             "审中-实质审查", "G06F40/289", "G06F40/289;G06F16/31", 0]]
    report, records = _import(tmp_path, headers, rows)
    assert report.rows_imported == 1
    assert records[0]["grant_date"] is None and records[0]["lapse_date"] is None
    assert records[0]["status"] == "pending"


# ---------------------------------------------------------------- class E: names that hold a ;

@pytest.mark.parametrize(("raw", "names"), [
    ("Wrenninge; Carl | Unger; Carl Jonas", ["Wrenninge; Carl", "Unger; Carl Jonas"]),
    ("BACON; RICHARD J.;;US NAVY", ["BACON; RICHARD J.", "US NAVY"]),
    ("甲公司 | 乙公司", ["甲公司", "乙公司"]),
    ("甲公司;乙公司", ["甲公司", "乙公司"]),
])
def test_an_export_list_separator_leaves_semicolons_inside_names(raw, names):
    assert cv.split_names(raw) == names


def test_inventors_listed_with_bars_keep_family_and_given_name_together():
    # inventors are ;-joined in the record, so the ; inside a name is written as a comma
    assert ev.split_inventors("Wrenninge; Carl | Unger; Carl Jonas") == "Wrenninge, Carl;Unger, Carl Jonas"
    assert ev.split_inventors("赵一 | 钱二") == "赵一;钱二"
    assert ev.split_inventors("赵一；钱二") == "赵一;钱二"


def test_lens_names_split_on_its_double_semicolon_only(tmp_path):
    # in a Lens export a single ; never separates, even in a cell with one name
    row = dict(GRANTED_US, Owners="", Applicants="DOE; JOHN A.", Inventors="DOE; JOHN A.;;ROE RICHARD")
    _report, rows = _import(tmp_path, LENS_WEB, [_lens_row(LENS_WEB, row)])
    assert rows[0]["applicants"] == "DOE; JOHN A."
    assert rows[0]["inventors"] == "DOE, JOHN A.;ROE RICHARD"


def test_lens_publication_numbers_lose_the_slash_of_their_display_form():
    assert cv.parse_pub_number("US 2011/0000005 A1") == "US20110000005A1"
    assert cv.parse_pub_number("WO 1995/000006 A1") == "WO1995000006A1"


# ---------------------------------------------------------------- class F: US grants before 2001

def test_a_us_kind_a_without_digit_is_the_grant():
    # before 2001 the USPTO published only grants, kind A; its applications are A1, A2, A9
    assert cv.is_grant_publication("US5000007A")
    assert not cv.is_grant_publication("US20110000008A1")
    assert not cv.is_grant_publication("US20110000009A2")


@pytest.mark.parametrize(("raw", "status"), [("ACTIVE", "valid"), ("PATENTED", "valid"), ("PENDING", "pending"),
                                             ("DISCONTINUED", "invalid"), ("EXPIRED", "invalid"),
                                             ("INACTIVE", "invalid"), ("UNKNOWN", None)])
def test_lens_legal_status_words(raw, status):
    # UNKNOWN: Lens does not know either; the row imports with no status rather than being refused
    assert cv.parse_status(raw) == status


def test_a_missing_publication_number_names_the_headers_as_exports_write_them():
    # a Lens scholarly-works export (no patents) under the patent import: refused, and the
    # message lists headers a user can look for in the file, not their folded keys
    headers = ["Lens ID", "Title", "Publication Year", "Publication Type", "DOI", "Citing Works Count"]
    with pytest.raises(FormatError) as refused:
        map_columns(headers, detect_format(headers))
    assert "Display Key" in str(refused.value) and "displaykey" not in str(refused.value)

"""Quirks of real exports that the probe of authored exports found (probe_exports/NOTES.md), each
rule where it lives: summary lines under the data, a title line above a tab-separated header, a
two-row header whose ungrouped fields are merged down, Excel's text markers, bare CN application
numbers, IPC versions and kind codes in full-width brackets, the lapse date in a dated history."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pyarrow as pa
import pytest

from ipcity.analytics import cell_values as cv
from ipcity.analytics import columnar, csv_reading, datasets, header_rows, importer, readers, record_import

# ---------------------------------------------------------------- summary lines


@pytest.mark.parametrize("cells", [["合计：5 条", "", ""], ["合计", "共 4 件", None], ["共 4 条记录"],
                                   [None, "共 12 条", ""], ["总计", 3, 1200000], ["  共计 7 项 ", ""],
                                   ["共１２条"]])
def test_a_summary_line_is_told(cells):
    assert columnar.is_summary_row(cells)


@pytest.mark.parametrize("cells", [["1", "CN113000001B", "合计公司", "2021-01-01"],  # a record
                                   ["合计", "2", "3", "4"],  # four cells with text: a record's row
                                   ["共享单车管理系统", "2023SR0001"],  # a title that begins with 共
                                   ["共 4"], [], [None, ""], ["CN113000001B"]])
def test_a_record_or_other_line_is_not_a_summary(cells):
    assert not columnar.is_summary_row(cells)


def test_summary_lines_are_found_in_arrow_columns():
    batch = columnar.ColumnBatch(
        pa.array([3, 4, 5]).to_numpy(),
        [pa.array(["1", "2", "合计：2 条"]), pa.array(["CN1B", "CN2B", ""]), pa.array(["x", "y", ""])])
    kept, skipped = batch.without_summary_rows()
    assert skipped == 1 and kept.lines.tolist() == [3, 4] and kept.arrays[0].to_pylist() == ["1", "2"]
    same, none = kept.without_summary_rows()
    assert none == 0 and same is kept


_PATENT_HEADER = "公开(公告)号,申请号,申请日,专利类型,法律状态,申请人"


def _patent_lines(*extra: str) -> str:
    return "\n".join([_PATENT_HEADER, "CN113000001B,CN202110012345.9,2021-01-05,发明,有效,合肥某公司",
                      "CN113000002A,CN202110012346.7,2021-01-06,发明,实质审查,合肥某公司", *extra]) + "\n"


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])  # Arrow's reader, then the row reader
def test_a_patent_export_footer_is_skipped_and_noted_not_refused(tmp_path, encoding):
    path = tmp_path / "export.csv"
    path.write_bytes(_patent_lines("合计：2 条,,,,,").encode(encoding))
    report = importer.import_file(path, "footer", data_dir=tmp_path)
    assert (report.rows_imported, report.rejected_count) == (2, 0)
    assert report.notes[columnar.SUMMARY_NOTE] == 1


def test_a_record_export_footer_is_skipped_in_every_reader(tmp_path):
    header = ["申请/注册号", "国际分类", "商标申请日期", "商标状态", "申请人名称(中文)"]
    rows = [["12345678", "35", "2015-01-02", "注册商标", "合肥某公司"], ["共 1 条"]]
    book = openpyxl.Workbook()
    for row in [header, *rows]:
        book.active.append(row)
    book.save(tmp_path / "tm.xlsx")
    (tmp_path / "tm.csv").write_text("\n".join(",".join(r) for r in [header, *rows]) + "\n", encoding="utf-8")
    for name in ("tm.xlsx", "tm.csv"):
        report = record_import.import_records(tmp_path / name, "trademark", "tm", data_dir=tmp_path)
        assert (report.rows_imported, report.rejected_count) == (1, 0), name
        assert report.notes[columnar.SUMMARY_NOTE] == 1, name


def test_a_pledge_list_footer_with_a_sum_is_skipped(tmp_path):
    path = tmp_path / "pledge.csv"
    path.write_text("质押登记号,出质人,质权人,质押登记日,担保债权数额,专利号\n"
                    "Y2023980012345,合肥某公司,某银行,2023-04-07,1000000,ZL202110012345.9\n"
                    "合计,,,,1000000,\n", encoding="utf-8")
    report = record_import.import_records(path, "pledge", "pl", data_dir=tmp_path)
    assert (report.rows_imported, report.rejected_count) == (1, 0)
    assert report.notes[columnar.SUMMARY_NOTE] == 1


# ---------------------------------------------------------------- delimiter and header rows


def test_a_title_line_above_a_tab_separated_header_does_not_decide_the_delimiter(tmp_path):
    path = tmp_path / "announce.csv"
    path.write_text("计算机软件著作权登记公告（2023年第18期）\n登记号\t软件全称\t著作权人\t登记日期\n"
                    "2023SR0500001\t某系统\t某公司\t2023-04-21\n", encoding="utf-8")
    assert readers.inspect(path).delimiter == "\t"
    path.write_text("导出时间：2026-11-30, 共 1 条\n申请号\t申请日\t公开号\n1\t2\t3\n", encoding="utf-8")
    assert readers.inspect(path).delimiter == "\t"  # one comma in a title line decides nothing
    path.write_text("导出时间：2026-11-30\t检索式\n申请号,申请日,公开号\n1,2,3\n", encoding="utf-8")
    assert readers.inspect(path).delimiter == ","


def test_a_two_row_header_takes_the_merged_down_names_from_the_row_above():
    rows = iter([(1, ["某平台 专利导出", None, None, None, None]),
                 (2, ["申请号", "申请日", "著录项目", None, None]),
                 (3, [None, None, "公开（公告）号", "公开（公告）日", "申请（专利权）人"]),
                 (4, ["CN202110012345.9", "2021-01-05", "CN113000001B", "2021-06-01", "某公司"])])
    line, header, data = header_rows.split_header(rows)
    assert line == 3 and header == ["申请号", "申请日", "公开（公告）号", "公开（公告）日", "申请（专利权）人"]
    assert [number for number, _ in data] == [4]


def test_a_group_row_never_renames_a_named_field_and_a_title_line_is_not_a_group():
    assert header_rows.with_group_row(["申请号", "著录项目", None], ["序号", "公开号", ""]) == ["序号", "公开号", ""]
    assert header_rows.with_group_row(["申请号", None], [None, "公开号"]) == ["申请号", "公开号"]
    # a row streamed from an XLSX ends at its last cell with a value: the merged-down names after it count
    assert header_rows.with_group_row(["申请号", None, "法律状态"], [None, "公开号"]) == ["申请号", "公开号", "法律状态"]


# ---------------------------------------------------------------- cells


@pytest.mark.parametrize(("raw", "text"), [("'202110067890.8", "202110067890.8"), ("'0123", "0123"),
                                           ("'CN113000021A", "CN113000021A"), ('="0123"', "0123"),
                                           ("'Twas brillig", "'Twas brillig"), ("'", "'"),
                                           ("'abc", "'abc"), ("it's", "it's")])
def test_excel_text_markers_are_dropped_from_codes_only(raw, text):
    assert csv_reading.formula_text(raw) == text
    assert csv_reading.formula_texts(pa.array([raw, "x"])).to_pylist() == [text, "x"]


@pytest.mark.parametrize(("raw", "number"), [("202110012347.8", "CN202110012347.8"),
                                             ("201820034569.3", "CN201820034569.3"),
                                             ("98123456.X", "CN98123456.X"), ("ZL202110012345.9", "CN202110012345.9"),
                                             ("２０２１１００１２３４７．８", "CN202110012347.8"),
                                             ("US17000005", "US17000005"), ("PCT/CN2021/071234", "PCT/CN2021/071234")])
def test_a_bare_cn_application_number_gets_its_office(raw, number):
    assert cv.parse_app_number(raw) == number


def test_ipc_versions_in_full_width_brackets_are_dropped():
    assert cv.parse_ipc("C25D 1/04（2006.01）；C25D 3/38（2006.01）", "C25D1/04") == "C25D1/04|C25D3/38"


@pytest.mark.parametrize("raw", ["CN105000044（Ｂ）", "CN105000044(B)", "CN 105000044 (B)"])
def test_a_kind_code_in_brackets_is_read(raw):
    assert cv.parse_pub_number(raw) == "CN105000044B"


def test_the_lapse_date_of_a_dated_legal_event_history():
    history = "2021-09-07 授权；2023-04-15 未缴年费专利权终止"
    assert cv.lapse_in_history(history) == dt.date(2023, 4, 15)
    assert cv.lapse_in_history("2016-08-17 公开；2018-06-05 授权") is None
    assert cv.lapse_in_history("授权；未缴年费") is None  # no dates: nothing to take
    assert cv.lapse_in_history("2019.01.04 授权\n2022.3.1 专利权的终止\n2022.05.06 专利权人的姓名或者名称、地址的变更") \
        == dt.date(2022, 3, 1)


def test_an_import_takes_the_lapse_date_from_the_history(tmp_path):
    path = tmp_path / "history.csv"
    path.write_text("公开(公告)号,申请号,申请日,授权公告日,专利类型,法律状态,申请人\n"
                    'CN214000042U,CN202120023459.9,2021-02-09,2021-09-07,实用新型,"2021-09-07 授权；2023-04-15 未缴年费专利权终止",某公司\n'
                    'CN113000041B,CN202110012348.2,2021-01-08,2022-08-09,发明,"2021-05-14 公开；2022-08-09 授权",某公司\n'
                    'CN113000043A,CN202110034561.3,2021-03-10,,发明,"2021-06-22 公开；2022-01-10 视为放弃",某公司\n',
                    encoding="utf-8")
    report = importer.import_file(path, "history", data_dir=tmp_path)
    assert report.notes["lapse_date from the dated legal-event history"] == 1
    rows = {r["pub_number"]: r for r in datasets.read_records("history", data_dir=tmp_path).to_pylist()}
    assert rows["CN214000042U"]["lapse_date"] == dt.date(2023, 4, 15)
    assert rows["CN113000041B"]["lapse_date"] is None and rows["CN113000041B"]["status"] == "valid"
    assert rows["CN113000043A"]["lapse_date"] is None  # never granted: an application has no lapse


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])  # Arrow's columns, then the row reader
def test_an_import_gives_bare_cn_application_numbers_their_office(tmp_path, encoding):
    path = tmp_path / "bare.csv"
    path.write_bytes(("公开(公告)号,申请号,申请日,专利类型,法律状态,申请人\n"
                      "CN113000031A,202110012347.8,2021-03-04,发明,实质审查,某公司\n"
                      "CN113000032A,CN202110012349.7,2021-03-05,发明,实质审查,某公司\n"
                      "US11000005B2,US17000005,2020-07-01,发明,有效,Acme\n").encode(encoding))
    importer.import_file(path, "bare", data_dir=tmp_path)
    numbers = datasets.read_records("bare", data_dir=tmp_path).column("app_number").to_pylist()
    assert numbers == ["CN202110012347.8", "CN202110012349.7", "US17000005"]


# ---------------------------------------------------------------- rows of another width (Arrow's CSV reader)


def test_a_record_csv_row_of_another_width_keeps_every_line_right(tmp_path):
    """Arrow's reader dropped such a row without knowing its line (multi-line cells are allowed):
    it was reported on line 0 and every later row one line too high. The rows from there on are
    now read by the row reader, which knows the lines."""
    path = tmp_path / "short.csv"
    path.write_text("申请/注册号,国际分类,商标申请日期,商标状态,申请人名称(中文)\n"
                    '12345678,35,2015-01-02,注册商标,"合肥某公司\n（原名：合肥某厂）"\n'
                    "1,2\n"
                    "小计 1 条\n"
                    "22345678,99,2015-01-02,注册商标,合肥某公司\n"
                    "32345678,9,2015-01-02,注册商标,合肥某公司\n", encoding="utf-8")
    report = record_import.import_records(path, "trademark", "short", data_dir=tmp_path)
    assert [(r["line"], r["reason"].split(":")[0]) for r in report.rejected] == [
        (4, "2 cells where the header has 5"), (6, "国际分类 '99'")]
    assert (report.rows_read, report.rows_imported) == (4, 2)
    assert report.notes[columnar.SUMMARY_NOTE] == 1


def test_a_two_row_header_whose_group_row_names_more_fields_is_read_from_its_field_row(tmp_path):
    """Most fields merged down, a few grouped (申请人信息 over 申请人 and 地址): the upper row
    names more known fields, but the header is the lower one, completed from the upper."""
    rows = [["某平台 专利导出", None, None, None, None, None, None],
            ["序号", "申请号", "申请日", "公开（公告）号", "申请人信息", None, "法律状态"],
            [None, None, None, None, "申请（专利权）人", "地址", None],
            ["1", "CN202110012345.9", "2021-01-05", "CN113000001B", "合肥某公司", "安徽省合肥市蜀山区黄山路1号", "有效"]]
    line, header, data = header_rows.split_header(iter(enumerate(rows, start=1)))
    assert line == 3 and header == ["序号", "申请号", "申请日", "公开（公告）号", "申请（专利权）人", "地址", "法律状态"]
    assert [number for number, _ in data] == [4]
    book = openpyxl.Workbook()
    for row in [["商标查询结果", None, None, None, None],
                ["申请/注册号", "国际分类", "商标申请日期", "申请人信息", None],
                [None, None, None, "申请人名称(中文)", "申请人地址(中文)"],
                ["12345678", "35", "2015-01-02", "合肥某公司", "安徽省合肥市蜀山区黄山路1号"]]:
        book.active.append(row)
    book.save(tmp_path / "tm.xlsx")
    report = record_import.import_records(tmp_path / "tm.xlsx", "trademark", "tm", data_dir=tmp_path)
    assert (report.rows_imported, report.rejected_count) == (1, 0)
    assert report.columns["holders"] == "申请人名称(中文)"

"""Import behaviour: bad rows, duplicates, atomic replace, encodings, bad files, canonical input."""

from __future__ import annotations

import csv
import datetime as dt
import zipfile

import pyarrow.csv as pacsv
import pytest

from ipcity.analytics import datasets, importer
from ipcity.analytics.importer import ImportFailed
from ipcity.analytics.rowmap import RowMapper
from tests.analytics_import.exports import write_csv, write_xlsx

HEADERS = ["公开(公告)号", "申请日", "公开(公告)日", "专利类型", "法律状态", "申请人", "申请人地址", "IPC分类号",
           "质押金额(万元)", "获奖情况"]


def _row(pub="CN114000001B", app="2021-03-04", pub_date="2022-05-06", kind="发明", status="有效",
         applicant="深圳市甲科技有限公司", address="广东省深圳市南山区", ipc="G06F16/36", pledge="", award=""):
    return [pub, app, pub_date, kind, status, applicant, address, ipc, pledge, award]


def _pubs(tmp_path, name="d"):
    return datasets.read_records(name, tmp_path).column("pub_number").to_pylist()


def test_bad_rows_are_rejected_with_line_numbers_and_the_rest_imported(tmp_path):
    rows = [_row(), _row(pub="CN114000002B", app="2021-02-30"), _row(pub=""),
            _row(pub="CN114000004B", kind="集成电路"), _row(pub="CN114000005B", status="未知状态"),
            _row(pub="CN114000006B", pledge="很多")]
    report = importer.import_file(write_csv(tmp_path / "x.csv", HEADERS, rows), "d", data_dir=tmp_path)
    assert report.rows_read == 6 and report.rows_imported == 1 and report.rejected_count == 5
    lines = {item["line"]: item["reason"] for item in report.rejected}
    assert set(lines) == {3, 4, 5, 6, 7}
    assert "申请日" in lines[3] and "2021-02-30" in lines[3]
    assert "no publication number" in lines[4]
    assert "专利类型" in lines[5] and "法律状态" in lines[6] and "质押金额" in lines[7]
    assert _pubs(tmp_path) == ["CN114000001B"]
    assert datasets.read_manifest("d", tmp_path)["rejected_count"] == 5


def test_line_numbers_count_physical_lines_of_multiline_cells(tmp_path):
    path = tmp_path / "multi.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        writer.writerow(_row(applicant="深圳市甲公司\n乙公司"))  # lines 2-3
        writer.writerow(_row(pub="CN114000009B", app="bad"))  # line 4
    report = importer.import_file(path, "d", data_dir=tmp_path)
    assert [item["line"] for item in report.rejected] == [4]


def test_duplicates_keep_the_row_with_the_latest_date(tmp_path):
    rows = [
        _row(pub="CN1A", pub_date="2022-01-01", status="实质审查", applicant="深圳市新公司"),  # latest date: kept
        _row(pub="CN1A", pub_date="2021-06-01", status="驳回", applicant="深圳市旧公司"),
        _row(pub="CN2B", pub_date="2022-01-01", applicant="深圳市第一行"),
        _row(pub="CN2B", pub_date="2022-01-01", applicant="深圳市第二行"),  # tie: the later row wins
        _row(pub="CN3B"),
    ]
    report = importer.import_file(write_csv(tmp_path / "x.csv", HEADERS, rows), "d", data_dir=tmp_path)
    assert report.duplicates_dropped == 2 and report.rows_imported == 3
    records = {r["pub_number"]: r for r in datasets.read_records("d", tmp_path).to_pylist()}
    assert records["CN1A"]["applicants"] == "深圳市新公司" and records["CN1A"]["status"] == "pending"
    assert records["CN2B"]["applicants"] == "深圳市第二行"
    assert datasets.read_manifest("d", tmp_path)["duplicates_dropped"] == 2


def test_failed_reimport_leaves_the_old_dataset_whole(tmp_path, monkeypatch):
    importer.import_file(write_csv(tmp_path / "a.csv", HEADERS, [_row(), _row(pub="CN2B")]), "d", data_dir=tmp_path)
    before = datasets.read_manifest("d", tmp_path)

    # 1. a file whose every row is bad
    with pytest.raises(ImportFailed, match="no row could be read"):
        importer.import_file(write_csv(tmp_path / "b.csv", HEADERS, [_row(app="x")]), "d", data_dir=tmp_path)
    # 2. a crash in the middle of a large file (after some batches were staged)
    calls = {"n": 0}
    original = RowMapper.map_batch

    def crash_on_third(self, rows):
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError("disk full")
        return original(self, rows)

    monkeypatch.setattr(RowMapper, "map_batch", crash_on_third)
    rows = [_row(pub=f"CN{i}B") for i in range(10, 20)]
    with pytest.raises(OSError):
        importer.import_file(write_csv(tmp_path / "c.csv", HEADERS, rows), "d", data_dir=tmp_path, batch_rows=2)

    assert _pubs(tmp_path) == ["CN114000001B", "CN2B"]
    assert datasets.read_manifest("d", tmp_path) == before
    leftovers = [p.name for p in (tmp_path / "datasets" / ".versions").iterdir() if p.is_dir()]
    assert len(leftovers) == 1  # only the current version: no staging or half-written version


@pytest.mark.parametrize(("encoding", "delimiter"), [("utf-8", ","), ("utf-8-sig", ","), ("gb18030", ","),
                                                     ("gbk", "\t"), ("utf-8", "\t"), ("utf-16", "\t")])
def test_encodings_and_delimiters(tmp_path, encoding, delimiter):
    path = write_csv(tmp_path / "x.csv", HEADERS, [_row(applicant="深圳市龍華科技有限公司")], encoding, delimiter)
    importer.import_file(path, "d", data_dir=tmp_path)
    record = datasets.read_records("d", tmp_path).to_pylist()[0]
    assert record["applicants"] == "深圳市龍華科技有限公司"
    assert record["app_date"] == dt.date(2021, 3, 4)


def test_xlsx_dates_and_numbers_as_excel_stores_them(tmp_path):
    row = _row(app=dt.datetime(2021, 3, 4), pub_date=44687, pledge=300)
    path = write_xlsx(tmp_path / "x.xlsx", HEADERS, [row], title_rows=2)
    report = importer.import_file(path, "d", data_dir=tmp_path)
    record = datasets.read_records("d", tmp_path).to_pylist()[0]
    assert record["app_date"] == dt.date(2021, 3, 4) and record["grant_date"] == dt.date(2022, 5, 6)
    assert record["pledge_amount"] == 3_000_000.0
    assert datasets.read_manifest("d", tmp_path)["source"]["header_line"] == 3
    assert report.format == "generic"


def test_pledge_award_region_and_domestic_country(tmp_path):
    rows = [_row(pledge="500", award="第二十三届中国专利金奖")]
    importer.import_file(write_csv(tmp_path / "x.csv", HEADERS, rows), "d", data_dir=tmp_path)
    record = datasets.read_records("d", tmp_path).to_pylist()[0]
    assert record["pledge_amount"] == 5_000_000.0 and record["award"] == "第二十三届中国专利金奖"
    assert record["region_code"] == "440305" and record["first_applicant_country"] == "CN"
    assert record["first_applicant_address"] == "广东省深圳市南山区"


def test_canonical_file_round_trips(tmp_path):
    rows = [_row(pledge="12"), _row(pub="CN214000002U", kind="实用新型", status="未缴年费")]
    importer.import_file(write_csv(tmp_path / "x.csv", HEADERS, rows), "a", data_dir=tmp_path)
    original = datasets.read_records("a", tmp_path)
    pacsv.write_csv(original, tmp_path / "canonical.csv")
    report = importer.import_file(tmp_path / "canonical.csv", "b", data_dir=tmp_path)
    assert report.format == "canonical"
    assert datasets.read_records("b", tmp_path).to_pylist() == original.to_pylist()


def test_forcing_canonical_on_another_format_names_the_missing_columns(tmp_path):
    path = write_csv(tmp_path / "x.csv", HEADERS, [_row()])
    with pytest.raises(ImportFailed, match="missing columns pub_number"):
        importer.import_file(path, "d", export_format="canonical", data_dir=tmp_path)


def test_unknown_format_names_headers_found_and_formats_known(tmp_path):
    path = write_csv(tmp_path / "x.csv", ["姓名", "电话", "金额"], [["张三", "123", "5"]])
    with pytest.raises(ImportFailed) as error:
        importer.import_file(path, "d", data_dir=tmp_path)
    message = str(error.value)
    assert "姓名, 电话, 金额" in message and "patsnap" in message and "incopat" in message and "canonical" in message
    assert not datasets.exists("d", tmp_path)


@pytest.mark.parametrize(("content", "reason"), [
    (b"", "empty"), (b"\n\n  \n", "empty"), (b"%PDF-1.7\n...", "not a CSV, XLSX or XLS file (a PDF)"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "a PNG image"), (b"\xd0\xcf\x11\xe0\xa1\xb1", "a damaged old Office (XLS/DOC) file"),
    (b"abc\x00def", "binary data"),
])
def test_bad_files(tmp_path, content, reason):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(ImportFailed, match=reason.replace("(", r"\(").replace(")", r"\)").replace(".", r"\.")):
        importer.import_file(path, "d", data_dir=tmp_path)


def test_zip_that_is_not_xlsx(tmp_path):
    path = tmp_path / "doc.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    with pytest.raises(ImportFailed, match="ZIP archive that is not XLSX"):
        importer.import_file(path, "d", data_dir=tmp_path)


def test_size_limit(tmp_path):
    path = write_csv(tmp_path / "x.csv", HEADERS, [_row()])
    with pytest.raises(ImportFailed, match="over the limit"):
        importer.import_file(path, "d", data_dir=tmp_path, max_bytes=50)


def test_header_only_file(tmp_path):
    with pytest.raises(ImportFailed, match="no row could be read"):
        importer.import_file(write_csv(tmp_path / "x.csv", HEADERS, []), "d", data_dir=tmp_path)


def test_term_expiry_gives_the_lapse_date_other_lapses_do_not(tmp_path):
    rows = [_row(pub="CN1C", app="2001-03-04", pub_date="2003-01-01", status="期限届满"),
            _row(pub="CN2Y", app="2010-05-06", pub_date="2011-01-01", kind="实用新型", status="专利权期限届满"),
            _row(pub="CN3B", app="2010-05-06", status="未缴年费")]
    report = importer.import_file(write_csv(tmp_path / "x.csv", HEADERS, rows), "d", data_dir=tmp_path)
    records = {r["pub_number"]: r for r in datasets.read_records("d", tmp_path).to_pylist()}
    assert records["CN1C"]["lapse_date"] == dt.date(2021, 3, 3)
    assert records["CN2Y"]["lapse_date"] == dt.date(2020, 5, 5)
    assert records["CN3B"]["lapse_date"] is None and records["CN3B"]["status"] == "invalid"
    assert report.notes["lapse_date from the end of the statutory term (期限届满)"] == 2


def test_an_empty_best_column_falls_back_to_the_next_one_in_that_row(tmp_path):
    headers = ["公开(公告)号", "申请日", "专利类型", "[标]当前申请(专利权)人", "[标]原始申请(专利权)人", "法律状态/事件"]
    rows = [["CN1B", "2021-01-01", "发明", "", "深圳市原始公司", "授权"],
            ["CN2B", "2021-01-01", "发明", "深圳市当前公司", "深圳市原始公司", "授权"],
            ["CN3B", "2021-01-01", "发明", "", "深圳市原始公司", "bad"]]
    report = importer.import_file(write_csv(tmp_path / "x.csv", headers, rows), "d", data_dir=tmp_path)
    records = {r["pub_number"]: r for r in datasets.read_records("d", tmp_path).to_pylist()}
    assert records["CN1B"]["applicants"] == "深圳市原始公司"
    assert records["CN2B"]["applicants"] == "深圳市当前公司"
    assert report.rejected == [{"line": 4, "reason": "法律状态/事件: unknown legal status 'bad'"}]


def test_a_publication_number_longer_than_the_platform_keeps_is_refused_with_its_row(tmp_path):
    """The transfer app keeps a publication number in 32 characters, which PostgreSQL enforces and
    SQLite does not: a longer one is refused at import, in an export and in a canonical CSV alike
    (the canonical reader's fast path included), so no later save fails on one database only."""
    too_long = "CN" + "1" * 30 + "B"
    rows = [_row(), _row(pub=too_long)]
    report = importer.import_file(write_csv(tmp_path / "x.csv", HEADERS, rows), "d", data_dir=tmp_path)
    assert report.rows_imported == 1 and [item["line"] for item in report.rejected] == [3]
    assert "longer than 32" in report.rejected[0]["reason"]
    original = datasets.read_records("d", tmp_path)
    canonical = original.to_pylist() + [{**original.to_pylist()[0], "pub_number": too_long}]
    import pyarrow as pa

    pacsv.write_csv(pa.Table.from_pylist(canonical, schema=original.schema), tmp_path / "canonical.csv")
    report = importer.import_file(tmp_path / "canonical.csv", "c", data_dir=tmp_path)
    assert report.format == "canonical" and report.rows_imported == 1 and report.rejected_count == 1
    assert "longer than 32" in report.rejected[0]["reason"] and _pubs(tmp_path, "c") == ["CN114000001B"]

"""``record_import``: the columnar import of trademark, pledge, licence and copyright records.

The files are authored here (small, written by each test); the real export formats and their
fixtures are tests/record_formats.
"""

from __future__ import annotations

import datetime as dt

import openpyxl
import pyarrow as pa
import pytest
from click.testing import CliRunner

from ipcity.analytics import datasets, record_import, record_kinds, record_registry
from ipcity.analytics.record_registry import Collapse, RecordFormat
from ipcity.analytics.schema import CANONICAL_SCHEMA
from ipcity.cli.main import cli

TM_HEADER = ",".join(record_kinds.COLUMNS["trademark"])


def _tm_line(number: str, *, cls: str = "9", app: str = "2015-01-02", status: str = "registered",
             holders: str = "甲公司", region: str = "440305") -> str:
    return f"{number},{cls},ordinary,false,false,CN,{app},2016-03-04,2026-03-03,,{status},{holders},CN,,{region}"


def test_rejected_rows_are_listed_with_their_line_and_reason(tmp_path):
    path = tmp_path / "tm.csv"
    path.write_text("\n".join([
        "商标数据导出 2024-01-01",  # a title line above the header
        TM_HEADER,
        _tm_line("1"),
        _tm_line("2", cls="46"),
        _tm_line("3", holders='"甲公司\n(多行地址)"'),  # a cell over two lines: later lines move down one
        _tm_line("4", app="2015-02-30"),
        "",
        _tm_line("5", status="奇怪"),
        _tm_line("6", cls="第35类"),
    ]) + "\n", encoding="utf-8")
    report = record_import.import_records(path, "trademark", "city", data_dir=tmp_path)
    assert report.format == "canonical"
    assert report.rejected == [
        {"line": 4, "reason": "not a Nice class 1–45 in nice_class: 46"},
        {"line": 7, "reason": "unreadable date in app_date: 2015-02-30"},
        {"line": 9, "reason": "unknown word in status (known: invalid, pending, registered): 奇怪"},
    ]
    assert (report.rows_read, report.rows_imported, report.rejected_count) == (6, 3, 3)
    table = datasets.read_kind("city", "trademark", tmp_path)
    assert table.column("reg_number").to_pylist() == ["1", "3", "6"]
    assert table.column("nice_class").to_pylist() == [9, 9, 35]
    manifest = datasets.read_manifest("city", tmp_path)["kinds"]["trademark"]
    assert manifest["rejected_count"] == 3 and manifest["source"]["header_line"] == 2


def test_words_dates_and_defaults_are_mapped_in_bulk(tmp_path):
    path = tmp_path / "tm.csv"
    path.write_text(TM_HEADER + "\n" + "\n".join([
        "A1,09,地理标志证明商标,,,,2015/1/2,2016年3月4日,20260303,,,乙公司；丙公司,中国,,440300",
        "A2,35,集体商标,否,是,,2015.01.02,,,,申请中,丁公司,,,",
    ]) + "\n", encoding="utf-8")
    report = record_import.import_records(path, "trademark", "city", data_dir=tmp_path)
    assert report.rejected == []
    rows = datasets.read_kind("city", "trademark", tmp_path).to_pylist()
    assert rows[0] | {} == {
        "reg_number": "A1", "nice_class": 9, "mark_type": "certification", "gi": True, "madrid": False,
        "office": "CN", "app_date": dt.date(2015, 1, 2), "reg_date": dt.date(2016, 3, 4),
        "expiry_date": dt.date(2026, 3, 3), "lapse_date": None, "status": "registered", "holders": "乙公司|丙公司",
        "first_holder_country": "CN", "first_holder_address": None, "region_code": "440300"}
    assert (rows[1]["mark_type"], rows[1]["gi"], rows[1]["madrid"], rows[1]["status"]) == (
        "collective", False, True, "pending")
    assert rows[1]["first_holder_country"] is None  # no country, no region, a name that names no region
    assert report.notes["holder: country unknown"] == 1


def test_xlsx_and_gb18030_files(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(record_kinds.COLUMNS["copyright"])
    sheet.append(["2020SR000001", None, None, dt.datetime(2020, 5, 6), "深圳市甲科技有限公司", None, None, None])
    sheet.append(["国作登字-2020-F-00000001", None, "美术", dt.date(2020, 7, 8), "乙", "CN", None, "110105"])
    sheet.append(["X-3", "work", None, "not a date", "丙", "CN", None, None])
    book.save(tmp_path / "c.xlsx")
    report = record_import.import_records(tmp_path / "c.xlsx", "copyright", "city", data_dir=tmp_path)
    assert report.rejected == [{"line": 4, "reason": "unreadable date in reg_date: not a date"}]
    rows = datasets.read_kind("city", "copyright", tmp_path).to_pylist()
    assert [(r["work_type"], r["reg_date"], r["region_code"]) for r in rows] == [
        ("software", dt.date(2020, 5, 6), "440300"),  # 软著 number; region from the owner's name
        ("work", dt.date(2020, 7, 8), "110105")]
    text = ",".join(record_kinds.COLUMNS["copyright"]) + "\n2020SR9,software,,2020-01-01,深圳甲,CN,广东省深圳市南山区1号,\n"
    (tmp_path / "gbk.csv").write_bytes(text.encode("gb18030"))
    record_import.import_records(tmp_path / "gbk.csv", "copyright", "other", data_dir=tmp_path)
    row = datasets.read_kind("other", "copyright", tmp_path).to_pylist()[0]
    assert (row["owners"], row["region_code"]) == ("深圳甲", "440305")


def test_unknown_format_names_the_headers_found_and_the_formats_known(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("编号,名称,日期\n1,a,2020-01-01\n", encoding="utf-8")
    with pytest.raises(record_import.RecordImportFailed) as info:
        record_import.import_records(path, "pledge", "city", data_dir=tmp_path)
    message = str(info.value)
    assert "编号, 名称, 日期" in message and "canonical (needs pledge_id, right_kind, reg_date)" in message
    result = CliRunner().invoke(cli, ["records", "import", str(path), "--kind", "pledge", "--dataset", "city"],
                                env={"IPCITY_DATA_DIR": str(tmp_path)})
    assert result.exit_code == 2 and "Known pledge formats" in result.output
    with pytest.raises(record_import.RecordImportFailed, match="unknown licence format 'nope'"):
        record_import.import_records(path, "licence", "city", export_format="nope", data_dir=tmp_path)
    big = tmp_path / "big.csv"
    big.write_text("x" * 2000, encoding="utf-8")
    with pytest.raises(record_import.RecordImportFailed, match="over the limit"):
        record_import.import_records(big, "pledge", "city", data_dir=tmp_path, max_bytes=1000)


def test_a_failing_import_leaves_the_dataset_and_its_other_kinds_as_they_were(tmp_path):
    patents = pa.Table.from_pylist([{"pub_number": "CN1B", "office": "CN", "kind": "invention",
                                     "app_date": dt.date(2020, 1, 1), "status": "valid", "pct": False}],
                                   schema=CANONICAL_SCHEMA)
    datasets.write_dataset("city", patents, {"format": "canonical"}, data_dir=tmp_path)
    good = tmp_path / "tm.csv"
    good.write_text(TM_HEADER + "\n" + _tm_line("1") + "\n" + _tm_line("2") + "\n", encoding="utf-8")
    record_import.import_records(good, "trademark", "city", data_dir=tmp_path)
    before = (tmp_path / "datasets" / "city").resolve()
    bad = tmp_path / "bad.csv"
    bad.write_text(TM_HEADER + "\n" + _tm_line("9", cls="0") + "\n", encoding="utf-8")
    with pytest.raises(record_import.RecordImportFailed, match="no row could be read .*line 2: not a Nice class"):
        record_import.import_records(bad, "trademark", "city", data_dir=tmp_path)
    assert (tmp_path / "datasets" / "city").resolve() == before
    assert datasets.kinds_present("city", tmp_path) == ["patent", "trademark"]
    assert datasets.read_kind("city", "trademark", tmp_path).num_rows == 2
    staging = [p for p in (tmp_path / "datasets" / ".versions").iterdir() if p.name.startswith(".staging")]
    assert staging == []


def test_a_declarative_format_with_aliases_a_unit_and_a_row_collapse(tmp_path, monkeypatch):
    fmt = RecordFormat(
        name="test_pledge_by_patent", kind="pledge", label="authored test format",
        headers={"pledge_id": ("登记号",), "rights": ("专利号",), "reg_date": ("登记日",), "amount": ("担保金额(万元)",),
                 "pledgor": ("出质人",), "pledgee": ("质权人",)},
        constants={"right_kind": "专利"}, collapse=Collapse(key="pledge_id", join=("rights",), same=("amount",)),
        detect=("登记号", "专利号", "担保金额(万元)"))
    monkeypatch.setattr(record_registry, "FORMATS", list(record_registry.FORMATS))
    record_registry.register(fmt)
    path = tmp_path / "p.csv"
    path.write_text("\n".join([
        "登记号,专利号,登记日,担保金额(万元),出质人,质权人",
        "Y2020001,CN1,2020-03-01,100,深圳市甲科技有限公司,某银行",
        "Y2020001,CN2,2020-03-01,100,深圳市甲科技有限公司,某银行",
        "Y2020001,CN3,2020-03-01,,深圳市甲科技有限公司,某银行",     # the amount once is enough
        "Y2020002,CN4,2020-04-01,50,杭州乙有限公司,某银行",
        "Y2020002,CN5,2020-04-01,60,杭州乙有限公司,某银行",          # two amounts: the registration is rejected
        "Y2020003,CN6,2020-05-01,1.5,北京丙有限公司,某银行",
    ]) + "\n", encoding="utf-8")
    report = record_import.import_records(path, "pledge", "city", export_format="test_pledge_by_patent",
                                          data_dir=tmp_path)
    assert report.format == "test_pledge_by_patent"
    assert [r["line"] for r in report.rejected] == [5, 6]
    assert "conflicting amount (500000.0 / 600000.0)" in report.rejected[0]["reason"]
    assert report.collapsed == 2
    rows = datasets.read_kind("city", "pledge", tmp_path).to_pylist()
    assert [(r["pledge_id"], r["rights"], r["amount"], r["right_kind"], r["region_code"]) for r in rows] == [
        ("Y2020001", "CN1|CN2|CN3", 1_000_000.0, "patent", "440300"),
        ("Y2020003", "CN6", 15_000.0, "patent", "110000")]


def test_patents_import_keeps_the_other_kinds(tmp_path):
    tm = tmp_path / "tm.csv"
    tm.write_text(TM_HEADER + "\n" + _tm_line("1") + "\n", encoding="utf-8")
    record_import.import_records(tm, "trademark", "city", data_dir=tmp_path)
    from ipcity.analytics import importer

    patents = tmp_path / "patents.csv"
    columns = CANONICAL_SCHEMA.names
    values = {"pub_number": "CN1234567B", "office": "CN", "app_number": "CN2020100000001.X", "kind": "invention",
              "app_date": "2020-01-01", "status": "valid", "pct": "false"}
    patents.write_text(",".join(columns) + "\n" + ",".join(values.get(c, "") for c in columns) + "\n",
                       encoding="utf-8")
    importer.import_file(patents, "city", data_dir=tmp_path)
    assert datasets.kinds_present("city", tmp_path) == ["patent", "trademark"]
    assert datasets.read_manifest("city", tmp_path)["kinds"]["trademark"]["rows"] == 1


def test_cli_import_reports_and_lists_formats(tmp_path):
    path = tmp_path / "l.csv"
    columns = record_kinds.COLUMNS["licence"]
    path.write_text(",".join(columns) + "\nL1,许可,专利,CN1,2020-01-01,独占许可,甲,CN,,440300,乙,CN,,110000\n"
                    "L2,转让,商标,1,2020-01-02,,甲,CN,,440300,乙,CN,,110000\nL3,租借,专利,CN1,2020-01-01,,甲,CN,,,乙,CN,,\n",
                    encoding="utf-8")
    env = {"IPCITY_DATA_DIR": str(tmp_path)}
    result = CliRunner().invoke(cli, ["records", "import", str(path), "--kind", "licence", "--dataset", "city"], env=env)
    assert result.exit_code == 0, result.output
    assert "dataset city: 2 licence records imported from 3 rows (canonical format); 1 rejected" in result.output
    assert "rejected: line 4: unknown word in record_type" in result.output
    rows = datasets.read_kind("city", "licence", tmp_path).to_pylist()
    assert [(r["record_type"], r["right_kind"], r["licence_type"]) for r in rows] == [
        ("licence", "patent", "exclusive"), ("transfer", "trademark", None)]
    listed = CliRunner().invoke(cli, ["records", "formats", "--kind", "licence"], env=env)
    assert listed.exit_code == 0 and listed.output.startswith("licence\tcanonical\t")


def _stale_dimension(path, ref: str) -> None:
    """Rewrite the workbook's ``<dimension>`` as some exporters leave it: stale, naming the header only."""
    import re
    import zipfile

    member = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info.filename) for info in archive.infolist()}
    parts[member] = re.sub(rb'<dimension ref="[^"]*"/>', f'<dimension ref="{ref}"/>'.encode(), parts[member])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def test_a_workbook_whose_dimension_names_the_header_only_is_read_whole(tmp_path):
    """An exporter that never updates ``<dimension>`` (A1:O1 over 3 rows) lost every data row: the
    import said 'no row could be read (0 rejected)' (and a patent import dropped them the same way)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(record_kinds.COLUMNS["trademark"])
    for number in ("11", "12", "13"):
        sheet.append(_tm_line(number).split(","))
    book.save(tmp_path / "tm.xlsx")
    _stale_dimension(tmp_path / "tm.xlsx", "A1:C1")
    report = record_import.import_records(tmp_path / "tm.xlsx", "trademark", "city", data_dir=tmp_path)
    assert (report.rows_read, report.rows_imported) == (3, 3)
    rows = datasets.read_kind("city", "trademark", tmp_path).to_pylist()
    assert [(r["reg_number"], r["region_code"]) for r in rows] == [("11", "440305"), ("12", "440305"), ("13", "440305")]


def test_a_row_longer_than_the_reader_block_is_refused_in_words(tmp_path):
    """A 3 MB cell made Arrow say 'straddling object straddles two block boundaries (try to increase
    block size?)', a message about the reader, not about the file."""
    path = tmp_path / "tm.csv"
    path.write_text(TM_HEADER + "\n" + _tm_line("1") + "\n" + _tm_line("2", holders="甲" * 3_000_000) + "\n",
                    encoding="utf-8")
    with pytest.raises(record_import.RecordImportFailed) as failed:
        record_import.import_records(path, "trademark", "city", data_dir=tmp_path)
    assert "straddl" not in str(failed.value)
    assert "longer than 1 MB" in str(failed.value)
    assert not datasets.exists("city", tmp_path)

"""Cells written as ="text" (the way many Chinese platforms' CSV exports keep an application
number's digits in Excel) are read as the text Excel shows, on both CSV paths and for records."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from ipcity.analytics import csv_reading, datasets, readers
from ipcity.cli.main import cli

HEADER = "公开(公告)号,申请号,申请日,公开(公告)日,专利类型,法律状态,受理局,申请人,申请人地址,发明名称"
ROWS = ['="CN114000001B",="202110012345.6",="2021-03-04","2022-05-06",发明,有效,中国,深圳市甲公司,广东省深圳市南山区,'
        '"=""一种图谱检索方法"""',  # the same, written inside CSV quotes
        'CN214000002U,202020001234.5,2020-01-02,2020-09-01,实用新型,有效,中国,深圳市乙公司,广东省深圳市福田区,="一种""夹具"""']


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])  # Arrow's columnar reader; the row-by-row one
def test_formula_text_cells_read_as_their_text(tmp_path, monkeypatch, encoding):
    monkeypatch.setenv("IPCITY_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "export.csv"
    path.write_bytes("\n".join([HEADER, *ROWS]).encode(encoding))
    assert csv_reading.columnar_csv(readers.inspect(path)) == (encoding == "utf-8")
    result = CliRunner().invoke(cli, ["patents", "import", str(path), "--dataset", "d", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["rejected"] == []
    records = {r["pub_number"]: r for r in datasets.read_records("d", tmp_path / "data").to_pylist()}
    assert set(records) == {"CN114000001B", "CN214000002U"}
    assert str(records["CN114000001B"]["app_date"]) == "2021-03-04"
    assert records["CN114000001B"]["title"] == "一种图谱检索方法"
    assert records["CN214000002U"]["title"] == '一种"夹具"'


def test_only_a_whole_formula_string_is_unwrapped():
    assert csv_reading.formula_text('="0123"') == "0123"
    assert csv_reading.formula_text('="a""b"') == 'a"b'
    for kept in ("=SUM(A1:A3)", '="open', 'x="1"', ""):
        assert csv_reading.formula_text(kept) == kept


def test_a_records_export_with_formula_text_numbers_imports(tmp_path):
    from pathlib import Path

    from ipcity.analytics import record_import

    source = Path(__file__).parents[1] / "record_formats" / "formats" / "cnipa_trademark" / "input.csv"
    lines = source.read_text(encoding="utf-8").splitlines()
    wrapped = [lines[0]] + [f'="{line.split(",", 1)[0]}",{line.split(",", 1)[1]}' for line in lines[1:]]
    path = tmp_path / "register.csv"
    path.write_text("\n".join(wrapped) + "\n", encoding="utf-8")
    plain = record_import.import_records(source, "trademark", "city", data_dir=tmp_path / "plain")
    report = record_import.import_records(path, "trademark", "city", data_dir=tmp_path / "wrapped")
    assert (report.rows_imported, report.rejected_count) == (plain.rows_imported, plain.rejected_count) == (8, 5)
    assert datasets.kind_path("city", "trademark", data_dir=tmp_path / "wrapped") is not None

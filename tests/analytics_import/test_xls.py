"""Old binary Excel (.xls) exports: read as an .xlsx is, refused in words when they are not one.

incoPat's download, CNIPA-style provincial platforms and WPS's "Excel 97-2003" save give .xls
files; they were refused ("an old Excel/Word file"). The files here are written by xlwt
(tests/xls_files.py), so they are authored, not real exports.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ipcity.analytics import file_rows, readers, record_import
from ipcity.analytics.record_reading import find_header
from ipcity.cli.main import cli
from tests.analytics_import.test_cli_patents import HEADERS, ROWS
from tests.xls_files import write_xls


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.setenv("IPCITY_DATA_DIR", str(tmp_path / "data"))
    return lambda *args: CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_an_xls_export_imports_like_its_csv_and_prints_only_json(run, tmp_path):
    notes = [["检索式", "申请人=(深圳)"], ["导出时间", dt.datetime(2026, 11, 30, 9, 15)]]
    path = write_xls(tmp_path / "export.xls", [["专利检索结果导出"], HEADERS, *ROWS], before=[("检索说明", notes)])
    result = run("patents", "import", str(path), "--dataset", "x", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)  # nothing of xlrd's own diagnostics on standard output
    assert report["rows_imported"] == 5 and [r["line"] for r in report["rejected"]] == [8]
    summary = json.loads(run("patents", "summary", "--dataset", "x", "--json").stdout)
    assert summary["by_kind"] == {"invention": 3, "utility": 1, "design": 1}
    assert summary["date_range"] == {"min": "2018-07-07", "max": "2022-02-02"}


def test_cells_come_out_as_openpyxl_gives_them(tmp_path):
    path = write_xls(tmp_path / "cells.xls", [["申请号", "申请日", "金额", "有效", "备注"],
                                              [2021100123456, dt.date(2021, 3, 4), 12.5, True, None]])
    (_, header), (_, cells) = file_rows.iter_rows(readers.inspect(path))
    assert header == ["申请号", "申请日", "金额", "有效", "备注"]
    assert cells == [2021100123456, dt.datetime(2021, 3, 4), 12.5, True, None]
    assert isinstance(cells[0], int)


def test_a_trademark_register_as_xls_imports_with_its_rows_named(tmp_path):
    source = Path(__file__).parents[1] / "record_formats" / "formats" / "cnipa_trademark" / "input.xlsx"
    import openpyxl

    path = write_xls(tmp_path / "register.xls", openpyxl.load_workbook(source).active.values)
    assert find_header(readers.inspect(path), "trademark")[0] == 1
    report = record_import.import_records(path, "trademark", "city", data_dir=tmp_path)
    assert (report.rows_read, report.rows_imported, report.rejected_count) == (13, 8, 5)


def test_an_old_word_file_is_refused_as_no_workbook(tmp_path):
    data = write_xls(tmp_path / "a.xls", [["x"]]).read_bytes()
    # The same compound file with its one stream renamed: what a .doc is to a workbook reader.
    renamed = data.replace("Workbook".encode("utf-16-le"), "Wordbook".encode("utf-16-le"))
    assert renamed != data
    (tmp_path / "letter.doc").write_bytes(renamed)
    with pytest.raises(readers.InputError, match="not a CSV, XLSX or XLS file .*no workbook"):
        readers.inspect(tmp_path / "letter.doc")


def test_a_damaged_xls_is_refused_in_one_line(tmp_path):
    data = write_xls(tmp_path / "a.xls", [HEADERS, *ROWS]).read_bytes()
    (tmp_path / "cut.xls").write_bytes(data[: len(data) // 2])
    with pytest.raises(readers.InputError, match="damaged old Office|unreadable XLS"):
        list(file_rows.iter_rows(readers.inspect(tmp_path / "cut.xls")))


def test_an_xls_over_the_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    path = write_xls(tmp_path / "big.xls", [HEADERS, *ROWS])
    monkeypatch.setattr(readers, "XLS_MAX_BYTES", 1024)
    monkeypatch.setattr(readers.xls, "is_workbook", lambda data: pytest.fail("read before the size check"))
    with pytest.raises(readers.InputError, match="over the limit of 1,024 bytes .save it as XLSX or CSV."):
        readers.inspect(path)

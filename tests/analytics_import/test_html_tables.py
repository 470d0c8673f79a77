"""Exports that are web pages saved as .xls (many platforms' "导出Excel"): read as the sheet Excel
shows. The pages here are authored, written the way such exports are (GBK, Excel's namespaces,
mso-number-format styles, a title row spanning the columns)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ipcity.analytics import datasets, file_rows, readers, record_import
from ipcity.cli.main import cli
from tests.analytics_import.test_cli_patents import HEADERS, ROWS

RECORD_FORMATS = Path(__file__).parents[1] / "record_formats" / "formats"


def export_page(rows: list[list[object]], *, charset: str = "gb2312", title: str | None = "专利检索结果（共6条）",
                wrap_in_layout: bool = False) -> bytes:
    """An "Excel" export as such platforms write it: an HTML page Excel opens as a sheet."""
    def cell(value: object) -> str:
        text = str(value).replace("&", "&amp;").replace("<", "&lt;")
        return f'<td style="mso-number-format:\\@">{text}</td>'

    width = max(len(r) for r in rows)
    body = [f'<tr><td colspan="{width}"><b>{title}</b></td></tr>'] if title else []
    body += ["<tr>" + "".join(cell(c) for c in row) + "</tr>" for row in rows]
    table = '<table border="1" cellspacing="0">' + "\n".join(body) + "</table>"
    if wrap_in_layout:
        table = f'<table width="100%"><tr><td>导出系统</td></tr><tr><td>{table}</td></tr></table>'
    page = ('<html xmlns:o="urn:schemas-microsoft-com:office:office" '
            'xmlns:x="urn:schemas-microsoft-com:office:excel">\n'
            f'<head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
            '<!--[if gte mso 9]><xml><x:ExcelWorkbook></x:ExcelWorkbook></xml><![endif]--></head>\n'
            f"<body>{table}</body></html>")
    return page.encode("gb18030" if charset.lower().startswith("gb") else charset)


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.setenv("IPCITY_DATA_DIR", str(tmp_path / "data"))
    return lambda *args: CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.mark.parametrize("charset", ["gb2312", "utf-8"])
def test_a_web_page_export_imports_like_its_csv(run, tmp_path, charset):
    path = tmp_path / "export.xls"
    path.write_bytes(export_page([HEADERS, *ROWS], charset=charset))
    assert readers.inspect(path).kind == "html"
    result = run("patents", "import", str(path), "--dataset", "x", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["rows_imported"] == 5 and [r["line"] for r in report["rejected"]] == [8]  # title, header, rows
    rows = {r["pub_number"]: r for r in datasets.read_records("x", tmp_path / "data").to_pylist()}
    assert rows["CN306000003S"]["applicants"] == "杭州市丙公司"


def test_a_layout_table_around_the_data_is_not_a_row(tmp_path):
    path = tmp_path / "export.xls"
    path.write_bytes(export_page([HEADERS, *ROWS[:2]], wrap_in_layout=True))
    rows = [cells for _, cells in file_rows.iter_rows(readers.inspect(path))]
    assert rows[0] == ["导出系统"]
    assert rows[1][0] == "专利检索结果（共6条）" and len(rows[1]) == len(HEADERS)  # colspan kept the width
    assert rows[2] == HEADERS and rows[3] == ROWS[0] and rows[4] == ROWS[1]
    assert len(rows) == 5  # the outer row holding the table gave no row of its own


def test_a_trademark_register_page_imports_with_its_rows_named(tmp_path):
    import csv

    with open(RECORD_FORMATS / "cnipa_trademark" / "input.csv", encoding="utf-8", newline="") as handle:
        table = list(csv.reader(handle))
    path = tmp_path / "register.xls"
    path.write_bytes(export_page(table, title=None))
    report = record_import.import_records(path, "trademark", "city", data_dir=tmp_path)
    assert (report.rows_read, report.rows_imported, report.rejected_count) == (13, 8, 5)
    assert [r["line"] for r in report.rejected] == [9, 10, 11, 12, 14]


def test_a_hostile_span_is_capped(tmp_path):
    path = tmp_path / "x.xls"
    path.write_bytes(b'<html><body><table><tr><td colspan="99999999">x</td></tr></table></body></html>')
    [(_, cells)] = list(file_rows.iter_rows(readers.inspect(path)))
    assert cells[0] == "x" and len(cells) <= 257


def test_a_page_saved_by_a_browser_opens_with_a_comment(tmp_path):
    page = export_page([HEADERS, *ROWS[:1]])
    path = tmp_path / "saved.xls"
    path.write_bytes(b"<!-- saved from url=(0040)http://ipc.example.gov.cn/export -->\r\n" + page)
    assert readers.inspect(path).kind == "html"
    assert [cells for _, cells in file_rows.iter_rows(readers.inspect(path))][1] == HEADERS
    unclosed = tmp_path / "unclosed.xls"
    # A comment never closed hides everything after it, as a browser would: no table to read.
    unclosed.write_bytes(b"<!-- " + b"x" * 100_000 + b"<html><body><table><tr><td>a</td></tr></table></body></html>")
    assert readers.inspect(unclosed).kind != "html"

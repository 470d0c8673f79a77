"""Hostile files given to the CLI's importers (`ipcity patents import`): refused in one line with
exit status 2 and the dataset kept, or read as Excel would show them; never held for hours or
gigabytes (authored files: tests/hostile_tables.py; benchmarks/hostile_tables.py measures them)."""

from __future__ import annotations

import pytest

from ipcity.analytics import datasets, xls
from tests import hostile_tables as hostile
from tests.analytics_import.exports import write_csv
from tests.analytics_import.test_cli_patents import HEADERS, ROWS, run  # noqa: F401  (the fixture)


@pytest.mark.parametrize(("name", "build", "message"), [
    ("loop.xls", lambda: hostile.directory_bomb(40), "damaged old Office"),
    ("loop2.xls", hostile.looping_short_stream, "loops"),
    ("wide.xls", lambda: hostile.colspan_bomb(20_000_000), "table row 2: more than 20,000 elements (not a table export)"),
    ("cell.xls", lambda: hostile.crowded_cell(), "table row 2: more than 20,000 elements"),
    ("cols.xls", lambda: hostile.page("<tr>" + '<td colspan="200">x</td>' * 100 + "</tr>"), "table row 1: 20,000 columns"),
])
def test_a_hostile_file_is_refused_in_one_line_and_the_dataset_kept(run, tmp_path, name, build, message):  # noqa: F811
    run("patents", "import", str(write_csv(tmp_path / "good.csv", HEADERS, ROWS)), "--dataset", "city")
    bad = tmp_path / name
    bad.write_bytes(build())
    result = run("patents", "import", str(bad), "--dataset", "city")
    assert result.exit_code == 2 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and message in result.stderr
    assert datasets.read_manifest("city", tmp_path / "data")["rows"] == 5


def test_the_data_sheet_is_looked_for_among_the_first_sheets_only(tmp_path):
    """Each sheet is read whole to look at its top rows: past ``MAX_SHEETS`` the first is read."""
    from ipcity.analytics import file_rows, readers

    table = [HEADERS, *ROWS]
    near = tmp_path / "near.xls"
    near.write_bytes(hostile.xls_sheets(xls.MAX_SHEETS, table))
    far = tmp_path / "far.xls"
    far.write_bytes(hostile.xls_sheets(xls.MAX_SHEETS + 1, table))
    assert [cells for _, cells in file_rows.iter_rows(readers.inspect(near))][0][:len(HEADERS)] == HEADERS
    assert [cells for _, cells in file_rows.iter_rows(readers.inspect(far))] == [["说明"]]


def test_a_page_in_a_charset_lxml_does_not_know_imports(run, tmp_path):  # noqa: F811
    page = hostile.page("".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in [HEADERS, *ROWS]),
                        charset="rot13")
    path = tmp_path / "export.xls"
    path.write_bytes(page)
    result = run("patents", "import", str(path), "--dataset", "x")
    assert result.exit_code == 0, result.output
    assert datasets.read_manifest("x", tmp_path / "data")["rows"] == 5


def test_a_long_apostrophe_cell_is_no_regular_expression_bomb(tmp_path):
    """The apostrophe text mark's pattern (``'`` then a code with at least one digit) backtracked
    between its two runs around the digit: a cell of 32,000 digits and one other character took
    4.5 s, a 10 MB needs file of such cells hours. It now reads each cell once."""
    from ipcity.analytics import csv_reading

    bomb = "'" + "1" * 200_000 + "!"
    assert csv_reading.formula_text(bomb) == bomb
    assert csv_reading.formula_text("'" + "1" * 200_000) == "1" * 200_000
    assert [csv_reading.formula_text(c) for c in ("'0123", "'CN202110012345.6", "'Twas", "'", "'--")] == \
        ["0123", "CN202110012345.6", "'Twas", "'", "'--"]

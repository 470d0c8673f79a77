"""An office's ledger kept in Excel 97-2003 (.xls) imports as its .xlsx does."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ipcity.protection.models import LedgerImport
from ipcity.protection.services.ledger import LedgerError, ledger_import_dry_run
from tests.analytics_import.test_html_tables import export_page
from tests.web.protection.ledger_fixtures import HEADER, ledger_xlsx
from tests.web.protection.test_ledger_import import GOOD
from tests.xls_files import write_xls


def test_an_xls_ledger_gives_the_rows_of_its_xlsx(ledger_world, tmp_path: Path):
    # The first case's dates typed as date cells, as Excel holds them; the others as text.
    rows = [[dt.date.fromisoformat(c) if i in (1, 2, 7) and c else c for i, c in enumerate(GOOD[0])], *GOOD[1:]]
    xls = write_xls(tmp_path / "台账.xls", [["2024年维权援助案件台账"], HEADER, *rows]).read_bytes()
    from_xls = ledger_import_dry_run(user=ledger_world.office, data=xls, filename="台账.xls")
    from_xlsx = ledger_import_dry_run(user=ledger_world.office, data=ledger_xlsx(GOOD), filename="台账.xlsx")
    assert from_xls.status == LedgerImport.Status.DRY_RUN, from_xls.errors
    assert from_xls.payload == from_xlsx.payload and [r["row"] for r in from_xls.payload] == [3, 4, 5]


def test_a_word_file_named_xls_is_refused(ledger_world, tmp_path: Path):
    data = write_xls(tmp_path / "a.xls", [HEADER, *GOOD]).read_bytes()
    renamed = data.replace("Workbook".encode("utf-16-le"), "Wordbook".encode("utf-16-le"))
    with pytest.raises(LedgerError, match="文件内容与扩展名不符或已损坏"):
        ledger_import_dry_run(user=ledger_world.office, data=renamed, filename="台账.xls")
    assert not LedgerImport.objects.exists()


def test_a_ledger_page_export_gives_the_rows_of_its_xlsx(ledger_world):
    """A ledger a platform exported as a web page under an .xls name (its "导出Excel")."""
    data = export_page([HEADER, *[[c if c is not None else "" for c in row] for row in GOOD]],
                       title="2024年维权援助案件台账")
    from_page = ledger_import_dry_run(user=ledger_world.office, data=data, filename="台账.xls")
    from_xlsx = ledger_import_dry_run(user=ledger_world.office, data=ledger_xlsx(GOOD), filename="台账.xlsx")
    assert from_page.status == LedgerImport.Status.DRY_RUN, from_page.errors
    assert from_page.payload == from_xlsx.payload

"""Hostile files given as the case ledger (.xls): each refused with a Chinese message that names
what to do, and no import is stored (authored files: tests/hostile_tables.py)."""

from __future__ import annotations

import pytest

from ipcity.analytics import xls
from ipcity.protection.models import LedgerImport
from ipcity.protection.services.ledger import LedgerError, ledger_import_dry_run
from tests import hostile_tables as hostile

CASES = {
    "directory-loop": (lambda: hostile.directory_bomb(40), "文件内容与扩展名不符或已损坏"),
    "short-stream-loop": (hostile.looping_short_stream, "文件内容与扩展名不符或已损坏"),
    "sheets": (lambda: hostile.xls_corner(sheets=xls.MAX_SHEETS + 1), "工作表过多（31 个，上限 30 个），请只保留需要上传的工作表"),
    "corner-cell": (hostile.xls_corner, "工作表行数过多（65536 行，上限 5000 行）"),
    "colspan": (lambda: hostile.colspan_bomb(4_000_000), "第 2 行的内容过多，不是导出的表格"),
    "crowded-cell": (lambda: hostile.crowded_cell(400_000), "第 2 行的内容过多"),
}


@pytest.mark.parametrize("case", CASES)
def test_a_hostile_ledger_is_refused_in_words_and_nothing_is_stored(ledger_world, case):
    build, message = CASES[case]
    with pytest.raises(LedgerError, match=message.replace("(", r"\(").replace(")", r"\)")):
        ledger_import_dry_run(user=ledger_world.office, data=build(), filename="台账.xls")
    assert not LedgerImport.objects.exists()

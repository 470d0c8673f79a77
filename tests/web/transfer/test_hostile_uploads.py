"""Hostile files posted as a needs list (.xls): each refused on the page in Chinese saying what to
do, with status 400 and no need written; the files are authored (tests/hostile_tables.py)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ipcity.analytics import xls
from ipcity.transfer.models import TechNeed
from tests import hostile_tables as hostile
from tests.web.transfer.test_field_walk import client_for

CASES = {
    "directory-loop": (lambda: hostile.directory_bomb(40), "文件内容与扩展名不符或已损坏"),
    "short-stream-loop": (hostile.looping_short_stream, "文件内容与扩展名不符或已损坏"),
    "sheets": (lambda: hostile.xls_corner(sheets=xls.MAX_SHEETS + 1), "工作表过多"),
    "corner-cell": (hostile.xls_corner, "缺少“需求描述”列"),  # read in rows as short as their cells
    "colspan": (lambda: hostile.colspan_bomb(9_000_000), "第 2 行内容过多，不是导出的表格：请用 Excel 或 WPS 打开后另存为 .xlsx"),
}


@pytest.mark.parametrize("case", CASES)
def test_a_hostile_needs_file_is_refused_in_words_and_nothing_is_written(transfer_world, case):
    build, message = CASES[case]
    office = client_for(transfer_world.office_a)
    response = office.post(reverse("transfer:needs_import"),
                           {"file": SimpleUploadedFile("需求.xls", build(), "application/vnd.ms-excel")})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not TechNeed.objects.exists()

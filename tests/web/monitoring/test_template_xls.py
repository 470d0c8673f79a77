"""The filled template saved by WPS or Excel as 97-2003 (.xls) is read as the .xlsx is."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from ipcity.monitoring.models import ActualImport, IndicatorActual
from ipcity.monitoring.xlsx import SHEET
from tests.web.monitoring.test_template import _download, _upload
from tests.web.monitoring.xlsx_helpers import fill
from tests.xls_files import write_xls

pytestmark = pytest.mark.django_db


def _as_xls(xlsx: bytes, tmp_path: Path) -> bytes:
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx))[SHEET]
    return write_xls(tmp_path / "模板.xls", sheet.values, sheet_name=SHEET,
                     before=[("填报说明", [["请在“实际值填报”表中填写"]])]).read_bytes()


def test_a_filled_template_saved_as_xls_is_written_after_confirmation(client, world, tmp_path):
    hv = world.indicators["high_value"].pk
    data = _as_xls(fill(_download(client, world, world.reporter), {(hv, 2023): 9.8, (hv, 2024): "10.6件"}), tmp_path)
    _upload(client, world, data, name="模板.xls")
    upload = ActualImport.objects.get()
    assert upload.status == "pending" and upload.problems == [] and len(upload.rows) == 2
    client.post(f"/monitoring/program/{world.program.pk}/upload/{upload.pk}/", follow=True)
    assert dict(IndicatorActual.objects.filter(is_current=True).values_list("year", "value")) == {2023: 9.8, 2024: 10.6}


def test_a_damaged_xls_is_refused_in_words(client, world, tmp_path):
    client.force_login(world.office)
    data = bytearray(_as_xls(_download(client, world, world.office), tmp_path))
    data[512:528] = b"\xff" * 16  # the workbook stream no longer starts with a BIFF record
    _upload(client, world, bytes(data), name="模板.xls")
    assert "无法打开该 Excel 97-2003（.xls）文件" in ActualImport.objects.get().problems[0]["message"]
    assert IndicatorActual.objects.count() == 0

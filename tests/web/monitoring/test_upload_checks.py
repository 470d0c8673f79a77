"""Monitoring uploads: the value template through the checked reader, value attachments by content."""

from __future__ import annotations

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ipcity.monitoring import services
from ipcity.monitoring.models import ActualImport, IndicatorActual
from tests.web.monitoring.xlsx_helpers import fill
from tests.web.uploads.files import million_row_bomb, minimal_pdf

pytestmark = pytest.mark.django_db


def _upload(client, program_id: int, data: bytes, name: str = "模板.xlsx"):
    return client.post(reverse("monitoring:upload", args=[program_id]), {"file": SimpleUploadedFile(name, data)},
                       follow=True)


@pytest.mark.parametrize("dimension", ["A1:A1000000", None])
def test_a_reporter_uploading_a_million_row_bomb_is_refused_within_two_seconds(client, world, dimension):
    client.force_login(world.reporter)
    data = million_row_bomb(dimension=dimension)
    started = time.perf_counter()
    response = _upload(client, world.program.pk, data)
    assert time.perf_counter() - started < 2
    assert response.status_code == 200
    upload = ActualImport.objects.get()
    assert upload.status == "rejected" and upload.rows == []
    assert "行数过多" in upload.problems[0]["message"] and "上限 5000 行" in upload.problems[0]["message"]
    assert "行数过多" in response.content.decode()
    assert IndicatorActual.objects.count() == 0


def test_a_formula_in_the_template_is_refused_with_its_row(client, world):
    hv = world.indicators["high_value"].pk
    client.force_login(world.reporter)
    template = client.get(reverse("monitoring:template", args=[world.program.pk])).content
    data = fill(template, {(hv, 2024): 10.6}, extra_rows=[[hv, "", "", 2025, None, None, "=10+2"]])
    _upload(client, world.program.pk, data)
    problem = ActualImport.objects.get().problems[0]
    assert problem["row"] == 14 and "第 14 行 G14 单元格是公式" in problem["message"]  # 3 header + 10 rows + 1
    assert IndicatorActual.objects.count() == 0


def test_template_neutralises_names_and_reads_them_back(client, world):
    indicator = world.indicators["high_value"]
    indicator.name = "=HYPERLINK(\"http://evil.example\",\"点我\")"
    indicator.save()
    client.force_login(world.reporter)
    template = client.get(reverse("monitoring:template", args=[world.program.pk])).content
    import io

    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(template)).active
    names = {ws.cell(r, 2).value for r in range(4, ws.max_row + 1)}
    assert "'" + indicator.name in names
    assert not any(c.data_type == "f" for row in ws.iter_rows() for c in row)
    # A row whose number was cleared is matched by its (neutralised) name, as it was exported.
    data = fill(template, {}, extra_rows=[["", "'" + indicator.name, "", 2024, None, None, 10.6]])
    _upload(client, world.program.pk, data)
    upload = ActualImport.objects.get()
    assert upload.problems == [] and upload.rows[0]["indicator_id"] == indicator.pk


def _record(world, attachment):
    return services.actual_value_record(indicator=world.indicators["high_value"], year=2024, value=10.6,
                                        user=world.office, attachment=attachment)


@pytest.mark.parametrize(("name", "data", "message"), [
    ("数据.csv", b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00", "可执行程序"),
    ("说明.txt", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff", "可执行程序"),
    ("数据.csv", "年份,值\n2024,1\x00\x01".encode(), "控制字符"),
    ("数据.csv", minimal_pdf(), "内容为 PDF"),
    ("公报.pdf", b"%PDF-1.7\n<html><script>alert(1)</script></html>\n%%EOF\n", "网页"),
    ("图.png", b"GIF89a....", "扩展名与内容不符"),
])
def test_value_attachments_are_checked_by_content(world, settings, tmp_path, name, data, message):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(services.MonitoringInputError, match=message) as exc:
        _record(world, SimpleUploadedFile(name, data))
    assert exc.value.field == "attachment"
    assert IndicatorActual.objects.count() == 0 and not any(tmp_path.rglob("*.*"))


@pytest.mark.parametrize(("name", "data"), [
    ("数据.csv", "年份,值\n2024,10.6\n".encode("gb18030")),
    ("数据.csv", "\ufeff年份,值\n2024,10.6\n".encode()),
    ("公报.pdf", minimal_pdf()),
])
def test_real_attachments_are_stored(world, settings, tmp_path, name, data):
    settings.MEDIA_ROOT = tmp_path
    actual = _record(world, SimpleUploadedFile(name, data))
    assert (tmp_path / actual.attachment.name).read_bytes() == data

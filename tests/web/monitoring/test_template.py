"""The Excel template: download, dry run that names every row's problem, confirm writes all."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ipcity.monitoring.models import ActualImport, IndicatorActual
from tests.web.monitoring.xlsx_helpers import fill, template_rows

pytestmark = pytest.mark.django_db


def _download(client, world, user, query=""):
    client.force_login(user)
    response = client.get(reverse("monitoring:template", args=[world.program.pk]) + query)
    assert response.status_code == 200
    return response.content


def _upload(client, world, data: bytes, name="模板.xlsx"):
    return client.post(reverse("monitoring:upload", args=[world.program.pk]),
                       {"file": SimpleUploadedFile(name, data)}, follow=True)


def test_office_template_lists_every_indicator_year_with_unit_and_target(client, world):
    rows = template_rows(_download(client, world, world.office))
    assert len(rows) == 3 * 5  # three indicators × 2022..2026
    hv = world.indicators["high_value"].pk
    row_2025 = next(r for r in rows if r[0] == hv and r[3] == 2025)
    assert row_2025[1] == "每万人口高价值发明专利拥有量" and row_2025[2] == "件" and row_2025[4] == 12


def test_reporter_template_holds_only_its_departments_indicators(client, world):
    rows = template_rows(_download(client, world, world.other_reporter))
    assert {r[0] for r in rows} == {world.indicators["pledge"].pk}


def test_dry_run_lists_every_problem_and_writes_nothing(client, world):
    hv, pledge = world.indicators["high_value"].pk, world.indicators["pledge"].pk
    data = fill(_download(client, world, world.reporter), {(hv, 2023): "很多", (hv, 2024): 10.6},
                extra_rows=[[hv, "", "", 2031, None, None, 11], [99999, "", "", 2024, None, None, 3],
                            [hv, "", "", 2024, None, None, 10.7], [pledge, "", "", 2024, None, None, 6],
                            [hv, "", "", 2025, None, None, "11万件"]])
    response = _upload(client, world, data)
    assert response.status_code == 200
    problems = ActualImport.objects.get().problems
    text = "\n".join(f"{p['row']}:{p['column']}:{p['message']}" for p in problems)
    assert "不是数字" in text and "2031 年不在规划期内" in text and "未知指标：编号 99999" in text
    assert "重复" in text and f"未知指标：编号 {pledge}" in text and "单位“万件”与指标单位“件”不符" in text
    assert len(problems) == 6
    assert "发现 6 处问题" in response.content.decode()
    assert IndicatorActual.objects.count() == 0
    # A rejected dry run cannot be confirmed.
    response = client.post(reverse("monitoring:import", args=[world.program.pk, ActualImport.objects.get().pk]), follow=True)
    assert IndicatorActual.objects.count() == 0 and "不能写入" in response.content.decode()


def test_clean_upload_is_written_only_after_confirmation(client, world):
    hv = world.indicators["high_value"].pk
    data = fill(_download(client, world, world.reporter), {(hv, 2023): 9.8, (hv, 2024): "10.6件"})
    response = _upload(client, world, data)
    upload = ActualImport.objects.get()
    assert upload.status == "pending" and upload.problems == [] and len(upload.rows) == 2
    assert IndicatorActual.objects.count() == 0
    assert "将写入 2 个实际值" in response.content.decode()
    response = client.post(reverse("monitoring:import", args=[world.program.pk, upload.pk]), follow=True)
    assert response.status_code == 200
    values = dict(IndicatorActual.objects.filter(is_current=True).values_list("year", "value"))
    assert values == {2023: 9.8, 2024: 10.6}
    assert set(IndicatorActual.objects.values_list("channel", flat=True)) == {"excel"}
    # The same import cannot be confirmed twice.
    client.post(reverse("monitoring:import", args=[world.program.pk, upload.pk]))
    assert IndicatorActual.objects.count() == 2


def test_unchanged_values_are_not_rewritten(client, world):
    hv = world.indicators["high_value"].pk
    template = _download(client, world, world.reporter)
    _upload(client, world, fill(template, {(hv, 2024): 10.6}))
    client.post(reverse("monitoring:import", args=[world.program.pk, ActualImport.objects.get().pk]))
    _upload(client, world, fill(template, {(hv, 2024): 10.6}))
    latest = ActualImport.objects.first()
    assert latest.status == "rejected" and "没有新填写或修改" in latest.problems[0]["message"]


def test_not_a_workbook_is_refused_cleanly(client, world):
    client.force_login(world.office)
    _upload(client, world, b"hello", name="x.xlsx")
    assert "不是 Excel" in ActualImport.objects.get().problems[0]["message"]
    _upload(client, world, b"PK\x03\x04garbage", name="x.xlsx")
    assert "无法读取" in ActualImport.objects.first().problems[0]["message"]
    _upload(client, world, b"a,b", name="x.csv")
    assert ".xlsx" in ActualImport.objects.first().problems[0]["message"]
    assert IndicatorActual.objects.count() == 0


def test_leader_may_not_download_or_upload(client, world):
    client.force_login(world.leader)
    assert client.get(reverse("monitoring:template", args=[world.program.pk])).status_code == 403
    assert client.get(reverse("monitoring:upload", args=[world.program.pk])).status_code == 403


def test_someone_elses_import_is_not_visible(client, world):
    hv = world.indicators["high_value"].pk
    _upload(client, world, fill(_download(client, world, world.reporter), {(hv, 2024): 10.6}))
    client.force_login(world.office)
    response = client.post(reverse("monitoring:import", args=[world.program.pk, ActualImport.objects.get().pk]))
    assert response.status_code == 404 and IndicatorActual.objects.count() == 0


def test_department_template_spans_every_programme_of_the_department(client, world):
    from tests.web.monitoring import factories as f

    other = f.program("铜陵市“十四五”知识产权发展规划", reg=world.region, start=2021, end=2025)
    plan_ind = f.indicator(other, "PCT国际专利申请量", baseline=(2020, 50), targets={2025: 120},
                           owner=world.departments["msj"])
    client.force_login(world.reporter)
    response = client.get(reverse("monitoring:department_template", args=[world.departments["msj"].pk]))
    rows = template_rows(response.content)
    assert {r[0] for r in rows} == {world.indicators["high_value"].pk, world.indicators["share"].pk, plan_ind.pk}
    assert {r[9] for r in rows} == {world.program.title, other.title}  # the 项目 column
    data = fill(response.content, {(plan_ind.pk, 2021): 55, (world.indicators["high_value"].pk, 2024): 10.6})
    response = client.post(reverse("monitoring:department_upload", args=[world.departments["msj"].pk]),
                           {"file": SimpleUploadedFile("部门.xlsx", data)}, follow=True)
    upload = ActualImport.objects.get()
    assert upload.department == world.departments["msj"] and upload.program is None and len(upload.rows) == 2
    assert other.title in response.content.decode()
    client.post(reverse("monitoring:department_import", args=[world.departments["msj"].pk, upload.pk]))
    assert IndicatorActual.objects.count() == 2
    # Another department's reporter may neither download nor upload it.
    client.force_login(world.other_reporter)
    assert client.get(reverse("monitoring:department_template", args=[world.departments["msj"].pk])).status_code == 404
    client.force_login(world.leader)
    assert client.get(reverse("monitoring:department_template", args=[world.departments["msj"].pk])).status_code == 403

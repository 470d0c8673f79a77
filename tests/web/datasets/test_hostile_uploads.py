"""Hostile or careless uploads on the 数据集 page (field test 2026-12-06): each is refused with a
Chinese message before anything is stored, or fails in the job without changing any dataset. The
files are authored (a zip of zeros standing for a zip bomb, an invented header)."""

from __future__ import annotations

import io
import os
import zipfile

from django.urls import reverse

from ipcity.analytics import datasets as store
from ipcity.audit.models import AuditEvent
from ipcity.datasets.models import DatasetImport
from tests.web.datasets import test_upload as base
from tests.web.datasets.test_upload import _upload

world = base.world  # the fixture: two cities' offices, a leader, a reporter, the site admin


def _stored_files(root) -> list[str]:
    return [name for _dir, _dirs, names in os.walk(root) for name in names]


def xlsx_bomb(unpacked_mb: int = 20) -> bytes:
    """An XLSX-shaped zip whose sheet is ``unpacked_mb`` MB of spaces: some 20 KB packed."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            for _ in range(unpacked_mb):
                sheet.write(b" " * (1024 * 1024))
    return buffer.getvalue()


def test_an_xlsx_zip_bomb_is_refused_before_it_is_stored(world):
    bomb = xlsx_bomb()
    assert len(bomb) < 100_000
    response = _upload(world.clients["office_a"], "导出.xlsx", bomb, "bomb")
    assert response.status_code == 400
    assert "解压后过大" in response.content.decode() and "疑似压缩炸弹" in response.content.decode()
    assert not DatasetImport.objects.exists() and not AuditEvent.objects.filter(
        object_type="datasets.datasetimport").exists()
    assert _stored_files(world.data_dir.parent / "uploads") == [] and store.list_datasets(world.data_dir) == []


def test_a_real_small_xlsx_still_goes_through(world, tmp_path):
    from tests.analytics_import.exports import header_sets, row_for, write_xlsx
    from tests.conftest import SHARED

    headers = header_sets(SHARED)["incopat_recognized_fields"]
    path = write_xlsx(tmp_path / "incoPat.xlsx", headers, [row_for(headers, "granted")])
    assert _upload(world.clients["office_a"], "incoPat.xlsx", path.read_bytes(), "small").status_code == 302
    assert DatasetImport.objects.get().status == "done"


def test_a_refusal_listing_a_million_headers_is_kept_short(world):
    _upload(world.clients["office_a"], "wide.csv", ",".join(f"列{i}" for i in range(1_000_000)).encode() + b"\n", "wide")
    job = DatasetImport.objects.get()
    assert job.status == "failed" and job.error.startswith("unknown export format: headers found: 列0, 列1")
    assert len(job.error) <= 2002 and job.error.endswith(" …")
    event = AuditEvent.objects.get(action="datasets.import.fail")
    assert len(event.after["error"]) <= 2002
    page = world.clients["office_a"].get(reverse("datasets:import", args=[job.pk]))
    assert page.status_code == 200 and len(page.content) < 100_000


def test_the_site_admins_import_under_a_name_a_region_is_creating_leaves_it_the_regions(world, monkeypatch):
    import ipcity.datasets.views as views

    monkeypatch.setattr(views, "dataset_import", lambda pk: None)  # the jobs stay queued
    assert _upload(world.clients["office_a"], "a.csv", base.patent_csv(), "fresh").status_code == 302
    assert _upload(world.clients["admin"], "b.csv", base.patent_csv(), "fresh").status_code == 302
    first, second = DatasetImport.objects.order_by("pk")
    assert first.creates_dataset and not second.creates_dataset
    # the region's office may still import under its name; another region still may not
    assert _upload(world.clients["office_a"], "c.csv", base.patent_csv(), "fresh").status_code == 302
    refused = _upload(world.clients["office_b"], "d.csv", base.patent_csv(), "fresh")
    assert refused.status_code == 403 and "正由铜陵市新建" in refused.content.decode()


def test_a_file_named_with_no_letter_or_digit_is_stored_under_a_visible_name(world):
    _upload(world.clients["office_a"], "😀😀.csv", base.patent_csv(), "emoji")
    job = DatasetImport.objects.get()
    assert job.status == "done" and job.original_name == "😀😀.csv"
    assert os.path.basename(job.file.name) == "upload.csv"
    assert store.source_name(store.read_manifest("emoji", world.data_dir)) == "upload.csv"
    # a path in the name never chooses the directory
    _upload(world.clients["office_a"], "../../x.csv", base.patent_csv(), "emoji")
    assert DatasetImport.objects.latest("pk").file.name.startswith("dataset_imports/")


def test_a_polling_card_whose_session_ended_sends_the_whole_page_to_the_login_page(world):
    from django.test import Client

    _upload(world.clients["office_a"], "a.csv", base.patent_csv(), "polled")
    url = reverse("datasets:import", args=[DatasetImport.objects.get().pk])
    polled = Client().get(url, HTTP_HX_REQUEST="true", HTTP_HX_CURRENT_URL=f"http://testserver{url}?x=1")
    # not a 302 the browser follows, swapping the login page into the card
    assert polled.status_code == 204 and polled["HX-Redirect"] == "/accounts/login/?next=" + url + "%3Fx%3D1"
    assert Client().get(url).status_code == 302  # a page load is redirected as before

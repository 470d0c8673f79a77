"""The 报告 tab: generate in the background (huey runs immediately under tests), list every
version with who/when/which data, download (audited), office-only generation, template upload."""

from __future__ import annotations

import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from ipcity.audit.models import AuditEvent
from ipcity.programs.models import Program
from ipcity.reports.models import ReportTemplate, ReportVersion
from ipcity.reports.render.docx_template import build_template
from ipcity.reports.services import active_template

from .conftest import demo_world_for_pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(tmp_path, settings):
    return demo_world_for_pages(tmp_path, settings)


def _client(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_generate_list_and_download(world):
    program, rnd, users = world
    office = _client(users["admin"])
    page = office.get(reverse("reports:program", args=[program.pk]))
    assert page.status_code == 200 and "生成报告" in page.content.decode()
    response = office.post(reverse("reports:generate", args=[program.pk]),
                           {"kind": "bulletin", "year": rnd.period_year, "round": rnd.pk, "fmt": "pdf"})
    assert response.status_code == 302
    version = ReportVersion.objects.get(program=program)
    assert (version.status, version.progress, version.created_by) == ("done", 100, users["admin"])
    assert version.snapshot["round"]["id"] == rnd.pk and version.source["round"]["id"] == rnd.pk
    listing = office.get(reverse("reports:program", args=[program.pk])).content.decode()
    assert f"version-{version.pk}" in listing and rnd.title in listing and "admin" in listing
    leader = _client(users["leader"])
    download = leader.get(reverse("reports:download", args=[program.pk, version.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="file.download", actor=users["leader"]).exists()
    assert AuditEvent.objects.filter(action="reports.request", object_id=str(version.pk)).exists()


def test_progress_row_polls_until_done(world):
    program, rnd, users = world
    version = ReportVersion.objects.create(program=program, kind="annual", year=rnd.period_year, fmt="pdf",
                                           status="running", progress=40, created_by=users["admin"])
    row = _client(users["leader"]).get(reverse("reports:version", args=[program.pk, version.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in row and 'value="40"' in row
    version.status = "done"
    version.save()
    row = _client(users["leader"]).get(reverse("reports:version", args=[program.pk, version.pk])).content.decode()
    assert "hx-trigger" not in row


def test_missing_data_fails_with_the_reason(world):
    program, _rnd, users = world
    _client(users["admin"]).post(reverse("reports:generate", args=[program.pk]),
                                 {"kind": "annual", "year": 2019, "fmt": "docx"})
    version = ReportVersion.objects.get(program=program)
    assert version.status == "failed" and "2019 年没有任何指标的实际值" in version.error and not version.file


def test_reporters_and_leaders_may_not_generate(world):
    program, rnd, users = world
    form = {"kind": "annual", "year": rnd.period_year, "fmt": "pdf"}
    assert _client(users["leader"]).post(reverse("reports:generate", args=[program.pk]), form).status_code == 403
    reporter = _client(users["reporter1"])
    assert reporter.get(reverse("reports:program", args=[program.pk])).status_code == 403
    assert not ReportVersion.objects.exists()
    tabs = _client(users["leader"]).get(reverse("programs:program", args=[program.pk])).content.decode()
    assert reverse("reports:program", args=[program.pk]) in tabs


def _template_with(text: str) -> bytes:
    document = docx.Document(io.BytesIO(build_template()))
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_template_upload_checks_fields(world):
    program, rnd, users = world
    office = _client(users["admin"])
    url = reverse("reports:template_upload", args=[program.pk])
    bad = SimpleUploadedFile("mine.docx", _template_with("联系人：{{ contact_person }}"))
    page = office.post(url, {"kind": "annual", "file": bad}).content.decode()
    assert "contact_person" in page and "段" in page and not ReportTemplate.objects.exists()
    renamed = SimpleUploadedFile("fake.docx", b"%PDF-1.4 not a word file")
    assert "扩展名与内容不符" in office.post(url, {"kind": "annual", "file": renamed}).content.decode()
    broken = SimpleUploadedFile("broken.docx", _template_with("{{ title "))
    assert "语法错误" in office.post(url, {"kind": "annual", "file": broken}).content.decode()
    assert not ReportTemplate.objects.exists()
    good = SimpleUploadedFile("ours.docx", _template_with("本报告由平台生成：{{ signature }}"))
    assert office.post(url, {"kind": "annual", "file": good}).status_code == 302
    other = Program.objects.create(title="另一项目", region=program.region, region_name=program.region_name,
                                   start_year=2024, end_year=2026)
    assert active_template("annual", program) is not None and active_template("annual", other) is None
    office.post(reverse("reports:generate", args=[program.pk]), {"kind": "annual", "year": rnd.period_year,
                                                                  "fmt": "docx"})
    version = ReportVersion.objects.get(program=program)
    assert version.status == "done", version.error
    with version.file.open("rb") as fh:
        text = "\n".join(p.text for p in docx.Document(fh).paragraphs)
    assert "本报告由平台生成：" in text


def test_the_office_stops_using_its_template_and_the_built_in_one_lays_out_again(world):
    program, rnd, users = world
    office = _client(users["admin"])
    good = SimpleUploadedFile("ours.docx", _template_with("本报告由平台生成：{{ signature }}"))
    assert office.post(reverse("reports:template_upload", args=[program.pk]), {"kind": "annual", "file": good}).status_code == 302
    template = active_template("annual", program)
    url = reverse("reports:template_deactivate", args=[program.pk, template.pk])
    assert _client(users["leader"]).post(url).status_code == 403  # leaders read
    page = office.post(url, follow=True).content.decode()
    assert "模板已停用" in page and active_template("annual", program) is None
    event = AuditEvent.objects.filter(action="reports.template_deactivate").get()
    assert event.before == {"is_active": True} and event.after == {"is_active": False}
    assert "该模板已停用" in office.post(url, follow=True).content.decode()  # twice: said, nothing written
    assert AuditEvent.objects.filter(action="reports.template_deactivate").count() == 1
    office.post(reverse("reports:generate", args=[program.pk]), {"kind": "annual", "year": rnd.period_year, "fmt": "docx"})
    version = ReportVersion.objects.get(program=program)
    assert version.status == "done" and version.template is None


def _generated_with_error(world, monkeypatch, error: Exception, fmt: str) -> ReportVersion:
    """The annual report generated by the admin while building it raises ``error``."""
    from ipcity.reports import services

    program, rnd, users = world

    def broken(**kwargs):
        raise error

    monkeypatch.setattr(services, "build_report", broken)
    _client(users["admin"]).post(reverse("reports:generate", args=[program.pk]),
                                 {"kind": "annual", "year": rnd.period_year, "fmt": fmt})
    return ReportVersion.objects.get(program=program)


def test_a_failed_report_says_what_to_do_not_the_servers_text(world, monkeypatch):
    version = _generated_with_error(world, monkeypatch, OSError(
        "[Errno 2] No such file or directory: '/srv/ipcity/var/datasets/x/records.parquet'"), "pdf")
    assert version.status == "failed" and "/srv" not in version.error and "Errno" not in version.error
    assert "详情已记入服务器日志" in version.error


def test_a_stored_template_that_the_sandbox_refuses_fails_the_report_in_words(world):
    from django.core.files.base import ContentFile

    program, rnd, users = world
    hostile = ReportTemplate(kind="annual", program=program, original_name="old.docx")  # stored before the check
    hostile.file.save("annual.docx", ContentFile(_template_with("{{ ''.__class__.__mro__ }}")), save=False)
    hostile.save()
    _client(users["admin"]).post(reverse("reports:generate", args=[program.pk]),
                                 {"kind": "annual", "year": rnd.period_year, "fmt": "docx"})
    version = ReportVersion.objects.get(program=program)
    assert version.status == "failed" and "Word 模板无法套用" in version.error and "class" not in version.error


def test_a_jinja_error_without_an_office_template_is_no_template_fault(world, monkeypatch):
    from jinja2 import TemplateError

    version = _generated_with_error(world, monkeypatch, TemplateError("the built-in template failed"), "docx")
    assert version.status == "failed" and "Word 模板" not in version.error and "详情已记入服务器日志" in version.error

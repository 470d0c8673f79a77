"""Walk 25: a white paper appears on the public page once the office publishes it (docs/
publication.md), yet nothing on any page published one: the service existed with no view, so
/open/ never showed a white paper. The 报告 tab now has 公开 / 撤下公开 on a finished white paper,
for the office only, audited; the public page lists it and serves its file."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from ipcity.audit.models import AuditEvent
from ipcity.publication import services as publication
from ipcity.reports.models import ReportVersion
from tests.web.publication.conftest import world  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def _version(world, kind="whitepaper", status="done") -> ReportVersion:  # noqa: F811
    v = ReportVersion(program=world.program, kind=kind, year=2024, fmt="pdf", status=status)
    v.file.save("wp.pdf", ContentFile(b"%PDF-1.4 white paper"), save=False)
    v.save()
    return v


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_office_publishes_a_white_paper_from_the_reports_tab(world, settings, tmp_path):  # noqa: F811
    settings.MEDIA_ROOT = tmp_path
    publication.program_publication_set(program=world.program, user=world.office, published=True, summary="概况")
    paper = _version(world)
    office = _client(world.office)
    url = reverse("reports:publish", args=[world.program.pk, paper.pk])
    page = office.get(reverse("reports:program", args=[world.program.pk])).content.decode()
    assert f'action="{url}"' in page and "公开" in page
    assert _client(world.leader).post(url, {"published": "1"}).status_code == 403
    assert office.post(url, {"published": "1"}).status_code == 302
    paper.refresh_from_db()
    assert paper.published_at is not None and AuditEvent.objects.filter(action="reports.publish").count() == 1
    public = reverse("open:whitepaper", args=[world.program.pk, paper.pk, "pdf"])
    assert public in Client().get(reverse("open:program", args=[world.program.pk])).content.decode()
    assert Client().get(public).content == b"%PDF-1.4 white paper"
    office.post(url, {"published": "0"})
    paper.refresh_from_db()
    assert paper.published_at is None and Client().get(public).status_code == 404


def test_only_a_finished_white_paper_is_published(world, settings, tmp_path):  # noqa: F811
    settings.MEDIA_ROOT = tmp_path
    office = _client(world.office)
    for version in (_version(world, kind="bulletin"), _version(world, status="failed")):
        url = reverse("reports:publish", args=[world.program.pk, version.pk])
        page = office.post(url, {"published": "1"}, follow=True).content.decode()
        version.refresh_from_db()
        assert version.published_at is None and ("只有" in page)
    assert not AuditEvent.objects.filter(action="reports.publish").exists()

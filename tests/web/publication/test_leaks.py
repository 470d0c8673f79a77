"""The leak test of issue 13: one indicator of the demo programme published, the rest not; every
public response, every download (ZIPs and workbooks unpacked) and the static export are searched
for every unpublished indicator's name and value and every unpublished programme's title."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from ipcity.monitoring import services as monitoring_services
from ipcity.programs.demo import load_demo
from ipcity.programs.models import Indicator, Program
from ipcity.publication import services
from ipcity.publication.staticsite import export_site
from tests.web.publication.crawl import crawl, texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(tmp_path, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    load_demo(stdout=io.StringIO(), seeds_dir=tmp_path / "no-seeds", password="Leak-Test-2026!")
    office = get_user_model().objects.get(username="admin")
    program = Program.objects.get(is_sample=True)
    # The demo publishes the sample programme and two of its indicators: take them off first,
    # so that exactly one indicator is published here.
    for indicator in program.indicators.all():
        services.indicator_publication_set(indicator=indicator, user=office, published=False)
    published = program.indicators.order_by("order").first()
    services.program_publication_set(program=program, user=office, published=True, summary="示例市公开摘要")
    services.indicator_publication_set(indicator=published, user=office, published=True)
    # Every unpublished indicator gets a value found nowhere else: if it leaks, it is found.
    secrets: dict[str, str] = {}
    for k, ind in enumerate(Indicator.objects.exclude(pk=published.pk).select_related("program").order_by("pk")):
        value = 613.4 + k
        year = ind.program.start_year + 1
        monitoring_services.actual_value_record(indicator=ind, year=year, value=value, user=None, source="示例数据")
        secrets[f"{value:.1f}"] = f"value of {ind.name}"
        secrets[ind.name] = "name"
    for other in Program.objects.exclude(pk=program.pk):
        secrets[other.title] = "unpublished programme"
    return program, published, secrets


def _findings(files: list[tuple[str, str]], secrets: dict[str, str], allowed: str) -> list[str]:
    found = []
    for name, text in files:
        for needle, what in secrets.items():
            # A name that is part of the published indicator's own name (or the programme's) is not a leak.
            if needle in allowed:
                continue
            if needle in text:
                found.append(f"{name}: {what} {needle!r}")
    return found


def test_nothing_unpublished_reaches_a_public_page_a_download_or_the_export(demo, tmp_path):
    program, published, secrets = demo
    allowed = f"{published.name} {program.title}"
    assert len([n for n in secrets if n in allowed]) <= 1, "the published names hide too many needles"
    bodies, elsewhere = crawl(Client())
    # The crawl reached every kind of public response.
    paths = set(bodies)
    assert {"/open/", f"/open/{program.pk}/", f"/open/{program.pk}/indicator/{published.pk}/", "/open/open-data.zip",
            f"/open/{program.pk}/data.xlsx", f"/open/{program.pk}/indicator/{published.pk}/data.json",
            "/open/sitemap.xml", "/open/method/"} <= paths
    # The one way out is the sign-in page (it shows no data); nothing else outside /open/.
    assert set(elsewhere) <= {reverse("login")}, f"public pages link outside the public site: {elsewhere}"
    files = [t for path, body in bodies.items() for t in texts(path, body)]
    assert any(published.name in text for _n, text in files)
    assert _findings(files, secrets, allowed) == []

    out = tmp_path / "site"
    export_site(out)
    exported = [t for f in sorted(out.rglob("*")) if f.is_file() and not f.name.endswith(".js")
                for t in texts(str(f.relative_to(out)), f.read_bytes())]
    assert any(published.name in text for _n, text in exported)
    assert _findings(exported, secrets, allowed) == []


def test_anonymous_visitors_reach_no_internal_page(demo):
    program, published, _secrets = demo
    client = Client()
    for url in (f"/p/{program.pk}/", f"/monitoring/program/{program.pk}/",
                f"/monitoring/program/{program.pk}/indicator/{published.pk}/",
                f"/publication/program/{program.pk}/", f"/monitoring/program/{program.pk}/dashboard.xlsx"):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url

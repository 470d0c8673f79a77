"""The platform names itself in the words of the office's programme level (强市, 强县, 强区, 强省):
a county office read 知识产权强市建设 in every page's title and header (field test, session 33)."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.urls import reverse

from ipcity.core.models import Region, Role
from ipcity.programs.models import Program
from ipcity.publication.models import ProgramPublication
from tests.web.platform import factories as f
from tests.web.test_i18n import english_catalogue  # noqa: F401  (builds the .mo when stale)

pytestmark = pytest.mark.django_db


def _county(title="长兴县知识产权强县建设试点工作方案（2024—2026年）"):
    reg = Region.objects.get_or_create(code="330522", defaults={"name": "长兴县", "level": Region.Level.DISTRICT})[0]
    return f.program(reg, title=title, departments=[f.department(reg, "县市场监管局")])


def _names(html: str) -> tuple[str, str]:
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    brand = re.search(r'class="brand"[^>]*>(.*?)</a>', html, re.S).group(1)
    return title, brand


def test_a_county_office_reads_its_own_programme_word_in_title_header_and_home(client):
    _county()
    client.force_login(f.user("office", Role.OFFICE))
    html = client.get(reverse("programs:home")).content.decode()
    title, brand = _names(html)
    assert "知识产权强县建设" in brand and "强市" not in brand
    assert "<h1>知识产权强县建设项目</h1>" in html
    # the home page sets its own title; a page without one takes the platform's name
    page = client.get(reverse("accounts:tokens")).content.decode()
    assert "知识产权强县建设" in _names(page)[1]


def test_without_any_programme_the_platform_keeps_its_first_name(client):
    client.force_login(f.user("office", Role.OFFICE))
    html = client.get(reverse("programs:home")).content.decode()
    assert "知识产权强市建设" in _names(html)[1]
    assert "<h1>知识产权强市建设项目</h1>" in html


def test_the_office_own_running_programme_wins_over_archived_and_sample_ones(client):
    city = f.region("340700", "铜陵市")
    # a later demo sample of a city and a later archived city programme: neither is the office's word
    sample = f.program(city, departments=[f.department(city, "市市场监管局")])
    Program.objects.filter(pk=sample.pk).update(is_sample=True, start_year=2030)
    archived = f.program(city, title="铜陵市知识产权强市建设工作方案", departments=[f.department(city, "市科技局")])
    Program.objects.filter(pk=archived.pk).update(status=Program.Status.ARCHIVED, start_year=2031)
    _county()
    client.force_login(f.user("office", Role.OFFICE))
    assert "知识产权强县建设" in _names(client.get(reverse("programs:home")).content.decode())[1]
    # every programme archived: the newest archived one names the platform
    Program.objects.exclude(pk=archived.pk).update(status=Program.Status.ARCHIVED, start_year=2020)
    assert "知识产权强市建设" in _names(client.get(reverse("programs:home")).content.decode())[1]


def test_each_reader_sees_the_word_of_the_programmes_they_see(client):
    city = f.region("340700", "铜陵市")
    f.program(city, departments=[f.department(city, "市市场监管局")])
    county = _county()
    Program.objects.filter(pk=county.pk).update(start_year=2020)  # the city's programme is newer
    client.force_login(f.user("city_office", Role.OFFICE, region=city))
    assert "知识产权强市建设" in _names(client.get(reverse("programs:home")).content.decode())[1]
    client.force_login(f.user("county_office", Role.OFFICE, region=county.region))
    assert "知识产权强县建设" in _names(client.get(reverse("programs:home")).content.decode())[1]
    # a reporter of the county's department (its programmes are a DISTINCT query)
    client.force_login(f.user("county_reporter", Role.REPORTER, department=county.tasks.first().assignments.first().department))
    assert "知识产权强县建设" in _names(client.get(reverse("programs:home")).content.decode())[1]


def test_the_public_pages_take_the_published_programme_word_in_both_languages(client, english_catalogue):  # noqa: F811
    city = f.region("340700", "铜陵市")
    f.program(city, departments=[f.department(city, "市市场监管局")])  # newer, unpublished
    county = _county()
    Program.objects.filter(pk=county.pk).update(start_year=2020)
    ProgramPublication.objects.create(program=county, published=True)
    html = client.get(reverse("open:index")).content.decode()
    assert "<h1>知识产权强县建设 · 政务公开</h1>" in html
    assert "这里发布各项知识产权强县建设项目的概况" in html
    assert re.search(r"<title>[^<]*· 知识产权强县建设</title>", html)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(reverse("open:index")).content.decode()
    assert "IP-strong county programme · Public information" in english
    assert "overview of the IP-strong county programmes" in english


def test_a_province_programme_names_a_province_platform(client):
    prov = Region.objects.get_or_create(code="330000", defaults={"name": "浙江省", "level": Region.Level.PROVINCE})[0]
    f.program(prov, title="浙江省知识产权强省建设实施方案", departments=[f.department(prov, "省市场监管局")])
    client.force_login(f.user("office", Role.OFFICE))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("programs:home")).content.decode()
    assert "IP-Strong Province" in _names(html)[1]


def test_the_sign_in_page_names_the_platform_too(client):
    # Django's LoginView puts its own ``site`` in the context: the name must not depend on a
    # variable a view may set (the header was blank on the sign-in page).
    _county()
    html = client.get(reverse("login")).content.decode()
    assert "知识产权强县建设" in _names(html)[1]

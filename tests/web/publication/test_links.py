"""A visitor finds the public pages from the sign-in page and from every page's footer, and the
public pages lead back to sign-in (not the static export: it links only to files it holds)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from ipcity.publication import services
from ipcity.publication.staticsite import export_site

pytestmark = pytest.mark.django_db


def test_sign_in_and_the_site_footer_link_to_the_public_pages(world):
    open_url, login_url = reverse("open:index"), reverse("login")
    sign_in = Client().get(login_url)
    assert sign_in.status_code == 200
    assert f'href="{open_url}"' in sign_in.content.decode()
    signed_in = Client()
    signed_in.force_login(world.leader)
    page = signed_in.get("/").content.decode()
    footer = page[page.index('<footer class="footer">'):]
    assert f'href="{open_url}"' in footer


def test_every_public_page_links_back_to_sign_in_but_the_export_does_not(world, tmp_path):
    services.program_publication_set(program=world.program, user=world.office, published=True)
    services.indicator_publication_set(indicator=world.indicators["high_value"], user=world.office, published=True)
    login_url = reverse("login")
    anonymous = Client()
    for url in (reverse("open:index"), reverse("open:method"), reverse("open:program", args=[world.program.pk]),
                reverse("open:indicator", args=[world.program.pk, world.indicators["high_value"].pk])):
        page = anonymous.get(url).content.decode()
        footer = page[page.index('<footer class="site-footer">'):]
        assert f'href="{login_url}"' in footer, url
    out = tmp_path / "site"
    export_site(out)
    exported = [p.read_text(encoding="utf-8") for p in out.rglob("*.html")]
    assert exported and not any(login_url in text for text in exported)

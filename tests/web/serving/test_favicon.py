"""Every page names its icon, a file of our own among the static files: no browser asks for
/favicon.ico and logs a 404 in its console."""

from __future__ import annotations

from xml.etree import ElementTree

import pytest
from django.contrib.staticfiles import finders

ICON = '<link rel="icon" href="/static/ipcity/favicon.svg" type="image/svg+xml">'


def test_the_icon_is_a_static_svg_of_our_own():
    path = finders.find("ipcity/favicon.svg")
    assert path is not None
    root = ElementTree.parse(path).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg" and root.get("viewBox") == "0 0 32 32"
    assert "href" not in ElementTree.tostring(root, encoding="unicode")  # nothing fetched from elsewhere


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/accounts/login/", "/open/"])
def test_the_base_templates_link_it(client, path):
    assert ICON in client.get(path).content.decode()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_page_loads_without_a_404_in_the_browser(live_server, browser_page):
    missing: list[str] = []
    browser_page.on("response", lambda r: missing.append(r.url) if r.status == 404 else None)
    browser_page.goto(f"{live_server.url}/accounts/login/")
    browser_page.wait_for_load_state("networkidle")
    assert missing == []
    icon = browser_page.request.get(f"{live_server.url}/static/ipcity/favicon.svg")
    assert icon.status == 200 and icon.headers["content-type"].startswith("image/svg+xml")


def test_the_server_error_page_carries_the_same_icon_inline():
    # 500.html is rendered without context, and static files may be what failed: its icon is the
    # static file's SVG in a data: URL, and must stay that file.
    import re
    from urllib.parse import unquote

    from django.template import loader

    page = loader.get_template("500.html").render()
    found = re.search(r'<link rel="icon" type="image/svg\+xml" href="data:image/svg\+xml,([^"]+)">', page)
    assert found is not None
    with open(finders.find("ipcity/favicon.svg"), encoding="utf-8") as icon:
        assert unquote(found.group(1)) == icon.read()

"""The walkthrough in a real browser: at a narrow window, in English, pages keep within the width.

The crawler (test_walkthrough.py) reads markup; this one looks at layout: the top bar wraps by
whole items and wide tables scroll inside their box, so the page itself never scrolls sideways.
"""

from __future__ import annotations

import io

import pytest

from ipcity.programs.demo import load_demo

PASSWORD = "Walk-Browser-2026!"
# One page of each area with a wide table, a wide form or a long top bar.
PAGES = ("/", "/p/{pid}/", "/p/{pid}/indicators/", "/p/{pid}/tasks/", "/p/{pid}/matrix/", "/import/",
         "/monitoring/program/{pid}/", "/supervision/program/{pid}/", "/supervision/program/{pid}/scorecard/",
         "/supervision/reports/", "/audit/program/{pid}/", "/supervision/notifications/", "/accounts/users/new/",
         # the field test of 2026-12-06 found these wider than a phone: filter selects, the
         # case-type table (a case's page and a patent's: test_case_phone_browser, test_public_phone)
         "/departments/", "/protection/", "/protection/kpis/", "/protection/types/")

OVERFLOW_JS = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [800, 375])  # a small laptop window; a small phone (375 px)
def test_pages_fit_a_narrow_window_in_english(live_server, browser_page, tmp_path, width):
    from ipcity.programs.models import Program

    load_demo(stdout=io.StringIO(), seeds_dir=tmp_path, password=PASSWORD)
    pid = Program.objects.get(is_sample=True).pk
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])

    too_wide = {}
    for path in PAGES:
        response = page.goto(live_server.url + path.format(pid=pid))
        assert response.status == 200, path
        assert page.locator("html").get_attribute("lang") == "en"
        extra = page.evaluate(OVERFLOW_JS)
        if extra > 0:
            too_wide[path] = extra
    assert not too_wide, f"pages wider than a {width}px window (px too wide): {too_wide}"

    # The user's name and role in the top bar stay on one line each (they once broke per character).
    userbox = page.locator(".userbox span").first
    assert userbox.bounding_box()["height"] < 40

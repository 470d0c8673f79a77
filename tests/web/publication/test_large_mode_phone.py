"""The public pages in the large, high-contrast mode on a 375 px phone (field test 2026-12-06: the
programme cards of /open/, at least 18rem wide, were wider than the screen at 137.5 % text)."""

from __future__ import annotations

import pytest

from ipcity.publication import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_public_pages_fit_a_phone_in_both_modes(live_server, _playwright_browser, world):
    services.program_publication_set(program=world.program, user=world.office, published=True,
                                     summary="示例市知识产权强市建设的概况。")
    services.indicator_publication_set(indicator=world.indicators["high_value"], user=world.office, published=True)
    context = _playwright_browser.new_context(locale="zh-CN", viewport={"width": 375, "height": 800})
    too_wide = {}
    try:
        page = context.new_page()
        for mode in ("normal", "large"):
            page.goto(f"{live_server.url}/open/display/?mode={mode}")
            for path in ("/open/", f"/open/{world.program.pk}/", "/open/method/", "/open/transfer/"):
                page.goto(live_server.url + path)
                extra = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
                if extra > 0:
                    too_wide[f"{mode} {path}"] = extra
    finally:
        context.close()
    assert not too_wide, too_wide

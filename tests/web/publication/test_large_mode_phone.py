"""The public pages in the large, high-contrast mode on a 375 px phone (field test 2026-12-06: the
programme cards of /open/, at least 18rem wide, were wider than the screen at 137.5 % text)."""

from __future__ import annotations

import pytest

from ipcity.publication import services
from tests.browser_session import phone_page, sideways_overflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_public_pages_fit_a_phone_in_both_modes(live_server, _playwright_browser, world):
    services.program_publication_set(program=world.program, user=world.office, published=True,
                                     summary="示例市知识产权强市建设的概况。")
    services.indicator_publication_set(indicator=world.indicators["high_value"], user=world.office, published=True)
    too_wide = {}
    with phone_page(_playwright_browser) as page:
        for mode in ("normal", "large"):
            page.goto(f"{live_server.url}/open/display/?mode={mode}")
            for path in ("/open/", f"/open/{world.program.pk}/", "/open/method/", "/open/transfer/"):
                page.goto(live_server.url + path)
                if extra := sideways_overflow(page):
                    too_wide[f"{mode} {path}"] = extra
    assert not too_wide, too_wide

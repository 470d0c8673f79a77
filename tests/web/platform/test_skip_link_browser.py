"""Keyboard users skip the top bar (field test 2026-12-06: a signed-in page had no skip link, so
a reporter tabbed through ten header stops before the report form; the public pages had one)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from tests.browser_session import sign_in


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_first_tab_offers_a_skip_to_the_content(live_server, browser_page):
    user = get_user_model().objects.create_superuser("skipper", password="x-Skip-2026!")
    page = browser_page
    sign_in(page.context, live_server, user)
    page.goto(f"{live_server.url}/")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => [document.activeElement.textContent.trim(), document.activeElement.getAttribute('href')]")
    assert focused == ["跳到正文", "#main"]
    # it is seen once focused (off-screen before), and Enter lands in the page's content
    assert page.evaluate("() => document.activeElement.getBoundingClientRect().top >= 0")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.getElementById('main').contains(document.activeElement)")

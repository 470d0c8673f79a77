"""A case's page on a 375 px phone (field test 2026-12-06: the facts' two columns and the deadline
table made the page scroll sideways in English)."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.web.protection.case_fixtures import register


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_case_page_fits_a_phone_in_english(cases_world, live_server, _playwright_browser):
    case = register(cases_world, case_type="assistance")
    client = Client()
    client.force_login(cases_world.office_a)
    context = _playwright_browser.new_context(locale="en", viewport={"width": 375, "height": 800})
    try:
        context.add_cookies([
            {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url},
            {"name": "django_language", "value": "en", "url": live_server.url}])
        page = context.new_page()
        assert page.goto(f"{live_server.url}/protection/case/{case.pk}/").status == 200
        assert page.locator("#case-facts").is_visible() and page.locator("#case-clocks table").count() == 1
        assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    finally:
        context.close()

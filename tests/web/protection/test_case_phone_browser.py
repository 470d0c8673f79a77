"""A case's page on a 375 px phone (field test 2026-12-06: the facts' two columns and the deadline
table made the page scroll sideways in English)."""

from __future__ import annotations

import pytest

from tests.browser_session import phone_page, sideways_overflow, sign_in
from tests.web.protection.case_fixtures import register


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_case_page_fits_a_phone_in_english(cases_world, live_server, _playwright_browser):
    case = register(cases_world, case_type="assistance")
    with phone_page(_playwright_browser, locale="en") as page:
        sign_in(page.context, live_server, cases_world.office_a, language="en")
        assert page.goto(f"{live_server.url}/protection/case/{case.pk}/").status == 200
        assert page.locator("#case-facts").is_visible() and page.locator("#case-clocks table").count() == 1
        assert sideways_overflow(page) <= 0

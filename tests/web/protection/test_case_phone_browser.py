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


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_holiday_form_fits_a_phone_with_each_holiday_on_one_line(cases_world, live_server, _playwright_browser,
                                                                    language):
    """节假日安排 at 375 px (UX pass 2026-12-07): the holiday names' column was squeezed to one
    character a line (元/旦) once a mistake's message stood beside a date field; the names now keep
    one line, the message sits under its field, and the table scrolls inside its card, not the page."""
    with phone_page(_playwright_browser, locale="en" if language == "en" else "zh-CN") as page:
        sign_in(page.context, live_server, cases_world.admin, language=language)
        assert page.goto(f"{live_server.url}/protection/holidays/").status == 200
        page.fill("#id_year", "2027")
        page.fill("#id_spring_days", "2月30日至31日")  # a mistake: its message sits under the field
        with page.expect_navigation():
            page.click("#typed-form button[type=submit]")
        assert page.locator("#id_spring_days_error[role=alert]").is_visible()
        labels = page.locator("#typed-form tbody th label")
        assert labels.count() == 7
        # One line: the label is less than two font sizes tall (元/旦 on two lines is over two).
        lines = labels.evaluate_all("els => els.map(e => [e.textContent,"
                                    " e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).fontSize)])")
        assert all(ratio < 2 for _name, ratio in lines), lines
        assert sideways_overflow(page) <= 0


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_holiday_preview_keeps_dates_whole_on_a_phone(cases_world, live_server, _playwright_browser, monkeypatch,
                                                         settings, tmp_path):
    """The moved cases' table at 375 px broke dates and case numbers at their hyphens (2027-04- / 09); the
    table now keeps each cell on one line and scrolls inside its card."""
    from ipcity.casework import calendar
    from tests.web.protection.test_holiday_notice_pages import NOTICE_2027, _provisional_case

    previous = calendar.notice_dir()
    settings.DATA_DIR = tmp_path / "data"
    calendar.set_notice_dir(settings.DATA_DIR / "reference" / "holidays")
    try:
        _provisional_case(cases_world, monkeypatch)
        with phone_page(_playwright_browser) as page:
            sign_in(page.context, live_server, cases_world.admin, language="zh-hans")
            page.goto(f"{live_server.url}/protection/holidays/?form=file")
            page.set_input_files("#id_file", str(NOTICE_2027))
            with page.expect_navigation():
                page.click("#file-form button[type=submit]")
            cells = page.locator("#moves tbody td")
            assert cells.count() == 4
            ratios = cells.evaluate_all("els => els.map(e => e.getBoundingClientRect().height"
                                        " / parseFloat(getComputedStyle(e).lineHeight))")
            assert all(ratio < 2 for ratio in ratios), ratios
            assert sideways_overflow(page) <= 0
    finally:
        calendar.set_notice_dir(previous)

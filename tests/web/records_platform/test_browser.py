"""In a browser: the office confirms the suggested link, records a pledge figure in 亿元, opens its
records; the high-value page loads the actions (HTMX)."""

from __future__ import annotations

import pytest

from ipcity.monitoring.models import IndicatorActual, IndicatorLink
from tests.browser_session import sign_in
from tests.web.records_platform.conftest import DATASET, POPULATION, REGION, YEAR


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_office_confirms_records_and_opens_the_records_then_the_actions(world, data_dir, live_server, browser_page):
    from ipcity.monitoring import engine_figures

    page, pledge = browser_page, world.indicators["pledge"]
    sign_in(page.context, live_server, world.office)
    url = f"{live_server.url}/monitoring/program/{world.program.pk}/indicator/{pledge.pk}/"
    page.goto(url)
    page.locator("[data-confirm-link]").get_by_role("button", name="确认关联").click()
    page.wait_for_selector("text=已确认关联标准指标")
    assert IndicatorLink.objects.get(indicator=pledge).standard.code == "IP_PLEDGE"

    form = page.locator("[data-computed-form]")
    form.get_by_label("年份").select_option(str(YEAR))
    form.get_by_role("button", name="记录为实际值").click()
    page.wait_for_selector("[data-figure-records]")
    assert IndicatorActual.objects.get(indicator=pledge).value == 17.2  # 1,720,000,000 元 in 亿元
    page.locator("[data-figure-records]").first.click()
    page.wait_for_selector("[data-records-table]")
    assert page.locator("[data-records-count]").get_attribute("data-records-count") == "2"  # Z1, Z2 of 2024

    engine_figures.actual_value_from_patents(indicator=world.indicators["high_value"], user=world.office,
                                             dataset=DATASET, region_code=REGION, year=YEAR, key="high_value_per_10k",
                                             population=POPULATION)
    page.goto(f"{live_server.url}/monitoring/program/{world.program.pk}/indicator/{world.indicators['high_value'].pk}/")
    page.wait_for_selector("[data-actions] [data-count-crossing]")  # loaded by HTMX in place
    assert page.locator("[data-count-crossing]").inner_text() == "1"
    assert page.locator("[data-count-at-risk]").inner_text() == "1"

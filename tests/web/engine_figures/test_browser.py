"""In a browser: the office previews a computed figure (HTMX), records it, and opens its lineage."""

from __future__ import annotations

import pytest

from ipcity.monitoring.models import IndicatorActual
from tests.browser_session import sign_in
from tests.web.engine_figures.conftest import DATASET, POPULATION


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_office_previews_records_and_reads_the_lineage(world, data_dir, live_server, browser_page):
    page, hv = browser_page, world.indicators["high_value"]
    sign_in(page.context, live_server, world.office)
    url = f"{live_server.url}/monitoring/program/{world.program.pk}/indicator/{hv.pk}/"
    page.goto(url)
    form = page.locator("[data-computed-form]")
    form.get_by_label("年份").select_option("2024")
    form.get_by_label("年末常住人口（人）").fill(str(POPULATION))
    form.get_by_role("button", name="预览").click()
    preview = page.locator("[data-computed-preview]")
    assert preview.locator("[data-value]").inner_text() == "0.5"
    assert DATASET in preview.inner_text() and page.url == url  # swapped in place, nothing written
    assert IndicatorActual.objects.count() == 0

    page.locator("[data-computed-form]").get_by_role("button", name="记录为实际值").click()
    page.wait_for_selector("[data-lineage]")
    assert IndicatorActual.objects.get().computed
    lineage = page.locator("[data-lineage]")
    assert not lineage.locator("table").is_visible()
    lineage.locator("summary").click()
    assert lineage.locator("table").is_visible() and "hz-export.csv" in lineage.inner_text()

"""The public trend chart's legend names only the lines it draws: a qualitative indicator has no
plan trajectory and no projection, so neither 规划目标 nor 预测值 is listed, and the caption under
the chart describes only the lines drawn."""

from __future__ import annotations

import pytest

from ipcity.monitoring.models import IndicatorActual
from ipcity.publication import services
from tests.web.monitoring import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LEGEND = """() => echarts.getInstanceByDom(document.getElementById("indicator-chart"))
    .getOption().series.map(function (s) { return s.name; })"""


def test_the_public_legend_lists_only_drawn_lines(live_server, browser_page, world):
    share = f.indicator(world.program, "专利密集型产业增加值占GDP比重", unit="%", qualitative="达到或接近全省平均水平",
                        order=4)
    for year, value in ((2023, 11.2), (2024, 11.9)):
        IndicatorActual.objects.create(indicator=share, year=year, value=value, source="市统计局")
    services.program_publication_set(program=world.program, user=world.office, published=True, summary="概况")
    for indicator in (share, world.indicators["high_value"]):
        services.indicator_publication_set(indicator=indicator, user=world.office, published=True)
    page, pid = browser_page, world.program.pk
    page.goto(f"{live_server.url}/open/{pid}/indicator/{share.pk}/")
    page.wait_for_selector("#indicator-chart canvas")
    data = page.evaluate('JSON.parse(document.getElementById("chart-data").textContent)')
    assert data["plan"] == [] and data["projection"] == [] and data["reference"] == []
    assert page.evaluate(LEGEND) == ["实际值"]
    caption = page.locator("#chart-legend [data-line]").evaluate_all("spans => spans.map(s => s.dataset.line)")
    assert caption == ["actual"]  # the caption, too, names no line that is not drawn
    page.goto(f"{live_server.url}/open/{pid}/indicator/{world.indicators['high_value'].pk}/")
    page.wait_for_selector("#indicator-chart canvas")
    assert page.evaluate(LEGEND) == ["实际值", "规划目标", "预测值"]
    caption = page.locator("#chart-legend [data-line]").evaluate_all("spans => spans.map(s => s.dataset.line)")
    assert caption == ["actual", "plan", "projection"]

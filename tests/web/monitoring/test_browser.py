"""The issue's end-to-end test: a department fills the template with one bad row, sees the dry-run
error, fixes it, uploads, and the dashboard colours change."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from ipcity.monitoring.models import IndicatorActual
from tests.browser_session import sign_in
from tests.web.monitoring.xlsx_helpers import fill


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_reporter_fixes_a_bad_row_and_the_dashboard_turns_green(world, live_server, browser_page, tmp_path: Path):
    page, program, hv = browser_page, world.program, world.indicators["high_value"]
    sign_in(page.context, live_server, world.reporter)
    page.goto(f"{live_server.url}/monitoring/program/{program.pk}/")
    row = page.locator(f'tr[data-indicator="{hv.pk}"]')
    assert row.locator('[data-col="year_status"] .badge').get_attribute("data-status") == "no_data"
    assert "status-grey" in row.locator('[data-col="year_status"] .badge').get_attribute("class")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="下载填报模板").click()
    template = Path(download_info.value.path()).read_bytes()

    bad = tmp_path / "填报-有误.xlsx"
    bad.write_bytes(fill(template, {(hv.pk, 2023): "九点九", (hv.pk, 2024): 10.6}))
    page.get_by_role("link", name="上传填好的模板").click()
    page.set_input_files('input[type="file"]', str(bad))
    page.get_by_role("button", name="检查").click()
    problems = page.locator("#problems")
    expect(problems).to_contain_text("不是数字")
    assert "填报值" in problems.inner_text()
    assert page.get_by_role("alert").is_visible()
    assert page.locator("#confirm-import").count() == 0
    assert IndicatorActual.objects.count() == 0

    good = tmp_path / "填报.xlsx"
    good.write_bytes(fill(template, {(hv.pk, 2023): 9.9, (hv.pk, 2024): 10.6}))
    page.set_input_files('input[type="file"]', str(good))
    page.get_by_role("button", name="检查").click()
    expect(page.locator("body")).to_contain_text("将写入 2 个实际值")
    page.locator("#confirm-import").click()

    page.wait_for_url(f"**/monitoring/program/{program.pk}/")
    badge = page.locator(f'tr[data-indicator="{hv.pk}"] [data-col="year_status"] .badge')
    assert badge.get_attribute("data-status") == "met" and "status-green" in badge.get_attribute("class")
    assert badge.inner_text() == "达标"
    assert IndicatorActual.objects.filter(is_current=True).count() == 2


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_indicator_chart_draws(world, live_server, browser_page):
    from ipcity.monitoring import services

    hv = world.indicators["high_value"]
    for year, value in ((2023, 9.6), (2024, 10.6)):
        services.actual_value_record(indicator=hv, year=year, value=value, user=None)
    sign_in(browser_page.context, live_server, world.leader)
    errors: list[str] = []
    browser_page.on("pageerror", lambda e: errors.append(str(e)))
    browser_page.goto(f"{live_server.url}/monitoring/program/{world.program.pk}/indicator/{hv.pk}/")
    browser_page.wait_for_selector("#indicator-chart canvas")
    assert errors == []
    assert "需加快" in browser_page.inner_text("main")


def _legend(page) -> list[str]:
    """The names the chart's legend lists: ECharts' legend shows one entry per series given."""
    return page.evaluate("""() => echarts.getInstanceByDom(document.getElementById("indicator-chart"))
        .getOption().series.map(function (s) { return s.name; })""")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_legend_lists_only_the_lines_the_chart_draws(world, live_server, browser_page):
    from ipcity.monitoring import services

    share, hv = world.indicators["share"], world.indicators["high_value"]
    for year, value in ((2023, 1.1), (2024, 1.3)):  # qualitative: no plan, no projection
        services.actual_value_record(indicator=share, year=year, value=value, user=None)
    for year, value in ((2023, 9.6), (2024, 10.6)):
        services.actual_value_record(indicator=hv, year=year, value=value, user=None)
    sign_in(browser_page.context, live_server, world.leader)
    browser_page.goto(f"{live_server.url}/monitoring/program/{world.program.pk}/indicator/{share.pk}/")
    browser_page.wait_for_selector("#indicator-chart canvas")
    data = browser_page.evaluate('JSON.parse(document.getElementById("chart-data").textContent)')
    assert data["projection"] == [] and data["plan"] == []
    assert _legend(browser_page) == ["实际值"]
    browser_page.goto(f"{live_server.url}/monitoring/program/{world.program.pk}/indicator/{hv.pk}/")
    browser_page.wait_for_selector("#indicator-chart canvas")
    assert _legend(browser_page) == ["实际值", "规划轨迹", "预测"]

"""Playwright smoke test: the demo admin logs in, opens a programme and its matrix, switches to English."""

from __future__ import annotations

import io

import pytest
from playwright.sync_api import expect

from ipcity.programs.demo import load_demo

PASSWORD = "Demo-Browser-2026!"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_demo_admin_opens_programme_matrix_and_switches_to_english(live_server, browser_page, tmp_path):
    load_demo(stdout=io.StringIO(), seeds_dir=tmp_path, password=PASSWORD, feature_apps=False)
    page = browser_page
    page.goto(f"{live_server.url}/")
    assert "/accounts/login/" in page.url  # anonymous → login
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")

    page.get_by_role("link", name="示例市国家知识产权强市建设试点城市工作方案（2024—2026年）").click()
    # A click waits for the navigation to commit, not for the new page to load: reads that do not
    # wait by themselves (count, content) come after the URL and the load.
    page.wait_for_url("**/p/*/")
    assert page.locator("h1").inner_text().startswith("示例市")
    expect(page.locator(".tabs a.active")).to_have_text("概况")

    page.locator(".tabs a", has_text="责任分工表").click()
    page.wait_for_url("**/p/*/matrix/")
    matrix = page.locator("table.matrix")
    row = matrix.locator("tbody tr", has_text="市市场监管局（市知识产权局）")
    assert row.locator("td.cell-lead").count() >= 5  # it leads most of the sample's tasks
    assert matrix.locator("td.cell-partner").count() > 0

    with page.expect_navigation():
        page.select_option("select[name=language]", "en")
    assert page.locator("html").get_attribute("lang") == "en"
    assert "/matrix/" in page.url  # the language switch keeps the user on the same page
    assert page.locator("table.matrix").count() == 1

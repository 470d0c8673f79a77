"""In a real browser (Debian's chromium): the 格式 list narrows to the chosen 记录类型 when the page
loads and when the kind changes by keyboard; focus stays on the kind's select and Tab goes on to the
format select, which keeps its label. The view tests (test_format_follows_kind.py) show the
fragment and the wiring; only a browser shows HTMX doing the swap."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser_session import sign_in
from tests.web.datasets import test_upload as base

world = base.world  # the fixture


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_format_list_follows_the_kind_by_keyboard(world, live_server, browser_page):
    page = browser_page
    sign_in(page.context, live_server, world.users["office_a"])
    page.goto(live_server.url + "/datasets/")
    groups = page.locator("#id_export_format optgroup")
    expect(groups).to_have_count(1)  # narrowed on load from the page's every-kind list
    expect(groups.first).to_have_attribute("label", "专利")
    page.focus("#id_kind")
    page.keyboard.press("ArrowDown")  # 专利 → 商标 by keyboard, on the closed select
    expect(page.locator("#id_kind")).to_have_value("trademark")
    expect(groups.first).to_have_attribute("label", "商标")
    expect(groups).to_have_count(1)
    expect(page.locator("#id_export_format option[value=qcc_trademark]")).to_have_count(1)
    expect(page.locator("#id_export_format option[value=incopat]")).to_have_count(0)
    assert page.evaluate("document.activeElement.id") == "id_kind"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_export_format"
    assert page.evaluate("document.activeElement.labels[0].textContent") == "格式"
    page.select_option("#id_export_format", "canonical")  # then a kind that has that format too
    page.select_option("#id_kind", "licence")
    expect(groups.first).to_have_attribute("label", "许可与转让")
    expect(page.locator("#id_export_format")).to_have_value("canonical")

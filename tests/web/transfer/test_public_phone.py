"""The public matchmaking page on a 375 px phone (field test 2026-12-06): the declarations table
scrolled the whole page sideways, where the other public tables scroll inside their box."""

from __future__ import annotations

import pytest

from ipcity.transfer import services
from tests.browser_session import phone_page, sideways_overflow, sign_in
from tests.web.transfer.transfer_fixtures import declaration_input, need_input


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_open_transfer_fits_a_phone_and_its_table_scrolls_in_its_box(transfer_world, live_server,
                                                                     _playwright_browser):
    w = transfer_world
    for n, fee in enumerate((50.0, 2500.0, 99999.0), start=1):
        services.declaration_create(user=w.office_a, data=declaration_input(
            pub_number=f"CN9900000{n}A", title="一种高频高速电路板用低轮廓电解铜箔表面粗化处理方法" * 2,
            holder="安徽某某大学材料科学与工程学院技术转移中心", fixed_fee_wan=fee))
    with phone_page(_playwright_browser, locale="en") as page:
        page.goto(f"{live_server.url}/open/transfer/")
        assert page.locator("#public-declarations tbody tr").count() == 3
        # the page itself is no wider than the phone
        assert sideways_overflow(page) <= 0
        # the table is in a box of its own that scrolls, which a keyboard can reach
        box = page.locator("#public-declarations .table-scroll")
        assert box.count() == 1 and box.get_attribute("tabindex") == "0"
        assert page.evaluate("(e) => e.scrollWidth > e.clientWidth",
                             box.element_handle()), "the table is wider than the phone: its box scrolls"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_patent_page_fits_a_phone(transfer_world, patents_dataset, settings, live_server, _playwright_browser):
    """/transfer/patent/<pub>/: the table of the needs it answers scrolled the page sideways."""
    settings.DATA_DIR = patents_dataset
    w = transfer_world
    services.need_create(user=w.office_a, data=need_input(
        enterprise="铜陵某铜箔科技有限公司（高频高速电路板材料事业部）",
        description="高频电路板用低轮廓电解铜箔的表面粗化处理工艺，提高剥离强度并降低信号损耗" * 2))
    with phone_page(_playwright_browser, locale="en") as page:
        sign_in(page.context, live_server, w.office_a, language="en")
        assert page.goto(f"{live_server.url}/transfer/patent/CN99000101A/?dataset=authored").status == 200
        assert page.locator("tr[data-need]").count() == 1
        assert sideways_overflow(page) <= 0

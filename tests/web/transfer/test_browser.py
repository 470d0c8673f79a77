"""The matchmaking path in chromium: upload needs → propose → curate → publish → the public page →
contacted → negotiating → contract (authored patents and needs)."""

from __future__ import annotations

import pytest

from ipcity.analytics import datasets
from ipcity.matching.index import build_index
from ipcity.transfer.models import Match, TechNeed
from tests.browser_session import sign_in
from tests.web.transfer.transfer_fixtures import NEEDS_HEADER, write_csv


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_matchmaking_in_the_browser(transfer_world, patents_dataset, settings, live_server, browser_page, tmp_path):
    w, page = transfer_world, browser_page
    settings.DATA_DIR = patents_dataset
    assert datasets.exists("authored", patents_dataset)
    build_index("authored", data_dir=patents_dataset)
    needs_file = write_csv(tmp_path / "needs.csv", NEEDS_HEADER, [
        ["铜陵某铜箔科技有限公司", "高频电路板用低轮廓电解铜箔的表面粗化处理工艺", "电解铜箔", "3985", "", "300", "许可"]])

    sign_in(page.context, live_server, w.office_a)
    page.goto(f"{live_server.url}/transfer/")
    page.locator('#needs-upload input[type="file"]').set_input_files(str(needs_file))
    page.locator('#needs-upload button[type="submit"]').click()
    page.wait_for_load_state()
    need = TechNeed.objects.get()
    page.locator(f'tr[data-need="{need.pk}"] a').click()
    page.wait_for_url(f"**/transfer/need/{need.pk}/")

    page.locator('#propose-form button[type="submit"]').click()
    page.wait_for_load_state()
    rows = page.locator("#matches tbody tr[data-match]")
    assert rows.first.get_attribute("data-match") == "CN99000101A"
    assert "铜箔" in rows.first.inner_text()  # the why: shared terms
    page.locator('tr[data-match="CN99000101A"] button[data-action="keep"]').click()
    page.wait_for_load_state()
    if page.locator('tr[data-match="CN99000102A"]').count():
        page.locator('tr[data-match="CN99000102A"] input[name="reason"]').last.fill("工艺路线不同")
        page.locator('tr[data-match="CN99000102A"] button[data-action="wrong"]').click()
        page.wait_for_load_state()
    page.locator('#publish-form button[type="submit"]').click()
    page.wait_for_load_state()
    assert page.locator("#need-published").is_visible()

    page.goto(f"{live_server.url}/open/transfer/")
    public = page.locator("#public-matches").inner_text()
    assert "CN99000101A" in public and "CN99000102A" not in public and "铜陵某铜箔科技有限公司" in public

    page.goto(f"{live_server.url}/transfer/need/{need.pk}/")
    row = 'tr[data-match="CN99000101A"]'
    for stage in ("contacted", "negotiating"):
        page.locator(f'{row} select[name="stage"]').select_option(stage)
        page.locator(f'{row} button[data-action="stage"]').click()
        page.wait_for_load_state()
    page.locator(f'{row} select[name="stage"]').select_option("contract")
    page.locator(f'{row} select[name="contract_kind"]').select_option("licence")
    page.locator(f'{row} input[name="filing_number"]').fill("2025340700000123")
    page.locator(f'{row} input[name="contract_date"]').fill("2025-07-01")
    page.locator(f'{row} button[data-action="stage"]').click()
    page.wait_for_load_state()
    assert page.locator(row).get_attribute("data-stage") == "contract"
    match = Match.objects.get(need=need, pub_number="CN99000101A")
    assert (match.stage, match.contract_kind, match.filing_number) == ("contract", "licence", "2025340700000123")
    assert [e.step for e in match.events.all()] == ["propose", "keep", "publish", "contacted", "negotiating", "contract"]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_propose_on_each_demo_need_shows_explained_matches(settings, live_server, browser_page, tmp_path):
    """After ``ipcity demo`` (its dataset and index), 生成推荐 on each demo need lists the ranker's
    patents, each with its reasons, in the page."""
    import io

    from django.contrib.auth import get_user_model

    from ipcity.programs.demo import load_demo
    from ipcity.programs.demo.patents import DEMO_DATASET

    settings.DATA_DIR = tmp_path
    load_demo(stdout=io.StringIO(), seeds_dir=tmp_path / "no-seeds", password="Demo-Propose-2026!")
    page = browser_page
    sign_in(page.context, live_server, get_user_model().objects.get(username="admin"))
    for need in TechNeed.objects.filter(enterprise__startswith="示例：").order_by("pk"):
        page.goto(f"{live_server.url}/transfer/need/{need.pk}/")
        assert page.locator("#propose-form select[name=dataset]").input_value() == DEMO_DATASET
        page.locator('#propose-form button[type="submit"]').click()
        page.wait_for_load_state()
        proposed = list(Match.objects.filter(need=need, origin="ranker").order_by("rank"))
        assert len(proposed) == 20
        for match in proposed[:5]:
            row = page.locator(f'#matches tbody tr[data-match="{match.pub_number}"]')
            assert row.count() == 1
            text = row.inner_text()
            assert match.title in text
            assert sum(term in text for term in match.why["shared_terms"]) >= 3  # the why, shown

"""In a real browser (Debian's chromium): the import page polls its status card; when the session
ends meanwhile, the next poll takes the whole window to the login page (with next= the import
page) instead of the login page appearing inside the card."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from ipcity.datasets.models import DatasetImport
from tests.browser_session import sign_in
from tests.web.datasets import test_upload as base

world = base.world  # the fixture


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_poll_after_the_session_ended_goes_to_the_login_page_whole(world, live_server, browser_page, monkeypatch):
    page = browser_page
    monkeypatch.setattr("ipcity.datasets.views.dataset_import", lambda pk: None)  # the job stays queued
    base._upload(world.clients["office_a"], "a.csv", base.patent_csv(), "polled")
    job = DatasetImport.objects.get()
    sign_in(page.context, live_server, world.users["office_a"])
    url = f"/datasets/import/{job.pk}/"
    page.goto(live_server.url + url)
    expect(page.locator("#import-status")).to_have_attribute("hx-trigger", "every 2s")
    page.context.clear_cookies()  # the session ends (signed out elsewhere, or expired)
    page.wait_for_url(f"**/accounts/login/?next={url}", timeout=10_000)
    assert page.locator("#import-status").count() == 0
    expect(page.locator("input[name=password]")).to_have_count(1)

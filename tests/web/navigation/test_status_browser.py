"""The analysis status in a real browser (Debian's chromium): the office starts an analysis, the
page shows it queued and then running while HTMX polls, and once the job ends the page reloads
itself with the result; the test never reloads it.

The job is driven from the test: the view's queueing is replaced by a list, so the analysis
waits until the test runs ``services.analysis_run`` itself; while that job computes (inside
``compute.run``) the test watches the page, which must say 计算中 before the job goes on."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from ipcity.navigation import compute, services
from ipcity.navigation.models import Analysis, NavigationProject
from tests.browser_session import sign_in

from .test_pages import _create, _fast_passwords, data_dir, world  # noqa: F401 - fixtures


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_analysis_page_follows_the_job_and_shows_the_result_without_a_reload(
        client, world, live_server, browser_page, monkeypatch):  # noqa: F811
    page = browser_page
    _create(client, world)
    project = NavigationProject.objects.get()
    queued: list[int] = []
    monkeypatch.setattr("ipcity.navigation.views.navigation_analyse", queued.append)
    sign_in(page.context, live_server, world.office)

    page.goto(f"{live_server.url}/navigation/project/{project.pk}/")
    page.get_by_role("button", name="按最新版本分析").click()
    page.wait_for_url(f"**/navigation/project/{project.pk}/")
    analysis = Analysis.objects.get()
    assert queued == [analysis.pk] and analysis.status == "pending"
    expect(page.locator("#analysis-status")).to_contain_text("排队中")
    assert page.locator("#analysis-status-box").get_attribute("hx-trigger") == "every 2s"

    page.goto(f"{live_server.url}/navigation/project/{project.pk}/analysis/")
    expect(page.locator("#analysis-status")).to_contain_text("排队中")
    assert page.locator("#chart-trend").count() == 0  # no result yet
    page.evaluate("window.__loadedOnce = true")  # gone once the page reloads itself

    computed = compute.run
    seen: list[str] = []

    def watched_run(**kwargs):
        # the job has committed "running": the polling page must show it before the job goes on
        expect(page.locator("#analysis-status")).to_contain_text("计算中", timeout=10_000)
        seen.append(page.locator("#analysis-status").inner_text())
        return computed(**kwargs)

    monkeypatch.setattr(compute, "run", watched_run)
    assert services.analysis_run(analysis_id=analysis.pk).status == "done"
    assert seen and "计算中" in seen[0]

    # the next poll answers HX-Refresh: the page reloads itself and shows the finished analysis
    expect(page.locator("#analysis-version")).to_contain_text(analysis.version.content_hash, timeout=15_000)
    expect(page.locator("#chart-trend")).to_be_visible()
    expect(page.locator("#table-position")).to_contain_text("root")
    assert page.evaluate("window.__loadedOnce === undefined")
    assert page.locator("#analysis-status-box").count() == 0  # nothing left to poll

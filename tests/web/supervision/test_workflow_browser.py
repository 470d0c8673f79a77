"""Per-task save in a real browser: 保存本项 saves one task through HTMX without leaving the page;
the page takes the report's new version, so the whole form still saves and submits afterwards."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from ipcity.supervision.models import DepartmentReport, ReportStatus, TaskLine
from ipcity.supervision.services import rounds
from tests.browser_session import sign_in


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_save_one_task_then_submit_the_whole_report(world, live_server, browser_page):
    page = browser_page
    rnd = rounds.round_create(program=world.program, user=world.users["office"], title="本年度工作推进情况",
                                due=timezone.localdate() + dt.timedelta(days=10))
    report = DepartmentReport.objects.get(round=rnd, department=world.departments[0])
    first, *others = list(report.task_lines.order_by("task__order").values_list("task_id", flat=True))
    sign_in(page.context, live_server, world.users["reporter"])
    page.goto(f"{live_server.url}/supervision/report/{report.id}/")
    version = page.locator("#report-version").input_value()
    row = page.locator(f"#line-{first}")
    row.locator('select[name$="-status"]').select_option("on_track")
    row.locator('input[name$="-progress"]').fill("35")
    row.locator('textarea[name$="-done"]').fill("第一项先保存")
    row.locator("button.line-save").click()
    page.locator(f'[data-line-saved="{first}"]').wait_for()
    assert page.url.endswith(f"/supervision/report/{report.id}/")  # no page load
    assert int(page.locator("#report-version").input_value()) == int(version) + 1
    line = TaskLine.objects.get(report=report, task_id=first)
    assert (line.progress, line.done) == (35, "第一项先保存")
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT

    # A wrong progress is refused in the row, and nothing is saved.
    row = page.locator(f"#line-{first}")
    row.locator('input[name$="-progress"]').fill("")
    row.locator('input[name$="-progress"]').evaluate("e => { e.type = 'text'; e.value = '300'; }")
    row.locator("button.line-save").click()
    page.locator(f'[data-line-error="{first}"]').wait_for()
    assert "0—100" in page.locator(f'[data-line-error="{first}"]').inner_text()
    assert TaskLine.objects.get(report=report, task_id=first).progress == 35

    # The rest, then 保存并报送: the form carries the new version, so no conflict.
    page.locator(f"#line-{first}").locator('input[name$="-progress"]').fill("35")
    for task_id in others:
        other = page.locator(f"#line-{task_id}")
        other.locator('select[name$="-status"]').select_option("on_track")
        other.locator('input[name$="-progress"]').fill("50")
        other.locator('textarea[name$="-done"]').fill("其余各项")
    for field in page.locator('input[name^="value-"][name$="-value"]').all():
        field.fill("12.5")
    page.locator('button[name="action"][value="submit"]').click()
    page.wait_for_load_state()
    expect(page.locator("#report-status")).to_have_attribute("data-status", ReportStatus.SUBMITTED)
    assert TaskLine.objects.get(report=report, task_id=first).done == "第一项先保存"

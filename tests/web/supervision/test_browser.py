"""The issue's loop in a browser: a reporter submits with an attachment; the office returns it;
the reporter resubmits; the office accepts; the board and the scorecard change."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from ipcity.supervision.models import Attachment, DepartmentReport, SupervisionSettings
from ipcity.supervision.services import rounds
from tests.browser_session import sign_in
from tests.web.uploads.files import minimal_pdf

PDF = minimal_pdf()  # evidence is checked by content (pdfplumber must open it)


def _fill_lines(page, *, status: str, progress: str, done: str) -> None:
    for select in page.locator('select[name$="-status"]').all():
        select.select_option(status)
    for field in page.locator('input[name$="-progress"]').all():
        field.fill(progress)
    for field in page.locator('textarea[name$="-done"]').all():
        field.fill(done)
    for field in page.locator('input[name^="value-"][name$="-value"]').all():
        field.fill("12.5")


def _board_cell(page, live_server, program_id: int, department: str):
    page.goto(f"{live_server.url}/supervision/program/{program_id}/?lead=1&department=")
    return page.locator(f'#board tr[data-department="{department}"]').first


def _scorecard_row(page, live_server, program_id: int, department: str):
    page.goto(f"{live_server.url}/supervision/program/{program_id}/scorecard/")
    return page.locator(f'#scorecard tr[data-department="{department}"]')


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_submit_return_resubmit_accept_loop(world, live_server, browser_page, tmp_path: Path):
    page, program = browser_page, world.program
    due = timezone.localdate() + dt.timedelta(days=3)
    rnd = rounds.round_create(program=program, user=world.users["office"], title="本年度工作推进情况", due=due)
    # "Due soon" spans 30 days here, so a holiday that pushes the due date back cannot turn blue into grey.
    SupervisionSettings.objects.create(program=program, board_blue_days=30)
    report = DepartmentReport.objects.get(round=rnd, department=world.departments[0])

    # Before: the office sees 部门1's lead task as not reported yet; nothing due: not ranked.
    sign_in(page.context, live_server, world.users["office"])
    cell = _board_cell(page, live_server, program.id, "部门1")
    assert cell.get_attribute("data-colour") == "blue" and "天后到期，尚未报送" in cell.inner_text()
    before = _scorecard_row(page, live_server, program.id, "部门1")
    assert "无应报事项" in before.locator('[data-col="nothing-due"]').inner_text()

    # The reporter fills in, attaches evidence, submits.
    sign_in(page.context, live_server, world.users["reporter"])
    page.goto(f"{live_server.url}/supervision/reports/")
    page.get_by_role("link", name="本年度工作推进情况").click()
    _fill_lines(page, status="on_track", progress="50", done="召开专题会议两次")
    page.get_by_role("button", name="保存", exact=True).click()
    evidence = tmp_path / "会议纪要.pdf"
    evidence.write_bytes(PDF)
    page.set_input_files('input[type="file"]', str(evidence))
    page.get_by_role("button", name="上传").click()
    assert page.locator("#attachments").get_by_role("link", name="会议纪要.pdf").is_visible()
    page.get_by_role("button", name="保存并报送").click()
    expect(page.locator("#report-status")).to_have_attribute("data-status", "submitted")

    # The office sees it on the board (behind the time-proportional schedule) and returns it.
    sign_in(page.context, live_server, world.users["office"])
    cell = _board_cell(page, live_server, program.id, "部门1")
    assert cell.get_attribute("data-colour") == "yellow" and "低于时序进度" in cell.inner_text()
    page.goto(f"{live_server.url}/supervision/report/{report.id}/")
    page.locator("#review textarea[name=comment]").fill("请说明下一步安排")
    page.get_by_role("button", name="退回").click()
    expect(page.locator("#report-status")).to_have_attribute("data-status", "returned")

    # The reporter reads the comment (and the notification), corrects, resubmits.
    sign_in(page.context, live_server, world.users["reporter"])
    page.goto(f"{live_server.url}/supervision/report/{report.id}/")
    assert "请说明下一步安排" in page.locator("#office-comment").inner_text()
    assert page.get_by_test_id("unread-count").inner_text() == "1"
    _fill_lines(page, status="done", progress="100", done="已全部完成")
    page.get_by_role("button", name="保存并报送").click()
    expect(page.locator("#report-status")).to_have_attribute("data-status", "resubmitted")

    # The office accepts: the report is locked, the board and the scorecard change.
    sign_in(page.context, live_server, world.users["office"])
    page.goto(f"{live_server.url}/supervision/report/{report.id}/")
    page.get_by_role("button", name="通过").click()
    expect(page.locator("#report-status")).to_have_attribute("data-status", "accepted")
    assert page.locator("#report-form").count() == 0
    cell = _board_cell(page, live_server, program.id, "部门1")
    assert cell.get_attribute("data-colour") == "green" and "已完成" in cell.inner_text()
    after = _scorecard_row(page, live_server, program.id, "部门1")
    assert after.locator('[data-col="on-time"]').inner_text() == "100%"
    assert after.locator('[data-col="returned"]').inner_text() == "1"
    assert after.locator('[data-col="completeness"]').inner_text() == "100%"
    assert Attachment.objects.filter(report=report).count() == 1

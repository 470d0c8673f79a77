"""One walk in a real browser: an ended plan → 终期评估 → its Excel → 归档 (closing the open round) →
the programme is read-only (no edit links, the value form gone, a direct save refused)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from ipcity.monitoring import services as monitoring
from ipcity.programs.models import IndicatorTarget, Program
from ipcity.supervision.models import Round
from ipcity.supervision.services import rounds
from tests.axe import require_axe, serious_violations
from tests.browser_session import sign_in

from .factories import add_users, make_program


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_ended_plan_final_evaluation_export_archive_read_only(live_server, browser_page):
    require_axe()
    page = browser_page
    end = min(2025, timezone.localdate().year - 1)
    world = add_users(make_program(start_year=2022, end_year=end, title="铜陵市知识产权强市建设试点工作方案"))
    program, indicator = world.program, world.indicators[0]
    IndicatorTarget.objects.create(indicator=indicator, year=end, value=14, comparator=">=")
    monitoring.actual_value_record(indicator=indicator, year=end, value=14.2, user=None, source="市统计局")
    open_round = rounds.round_create(program=program, user=world.users["office"], title=f"{end}年度工作推进情况",
                                     due=dt.date(end + 1, 3, 31), period_year=end)
    sign_in(page.context, live_server, world.users["office"])

    # Before archiving, the office may enter a value on the indicator page (the form is there).
    page.goto(f"{live_server.url}/monitoring/program/{program.pk}/indicator/{indicator.pk}/")
    expect(page.locator('form input[name="value"]').first).to_be_visible()

    # The ended plan says so and points the office to the final evaluation.
    page.goto(f"{live_server.url}/p/{program.pk}/")
    expect(page.locator("#program-state")).to_have_attribute("data-state", "ended")
    expect(page.locator("#lifecycle-note")).to_contain_text("请完成终期评估")
    page.locator("#lifecycle-note a").click()
    page.wait_for_load_state()
    row = page.locator(f'#final-indicators tr[data-indicator="{indicator.pk}"]')
    expect(row).to_have_attribute("data-result", "achieved")
    expect(row).to_contain_text("14.2")
    expect(row).to_contain_text("已达成")
    assert serious_violations(page) == []  # axe-core, WCAG 2.1 AA: the new page and its archive form

    # The Excel export.
    with page.expect_download() as download:
        page.locator("#final-export").click()
    sheet = load_workbook(io.BytesIO(open(download.value.path(), "rb").read())).worksheets[0]
    assert [c.value for c in sheet[4]][4:9] == [14, 14.2, end, "市统计局", "已达成"]

    # 归档: refused while the round is open, then done with the round closed in the same step.
    page.locator("#archive-form button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator("#final-errors")).to_contain_text("一并结束进行中的轮次")
    page.locator('#archive-form input[name="close_open_rounds"]').check()
    page.locator("#archive-form button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator(".messages")).to_contain_text("项目已归档")
    expect(page.locator("#program-state")).to_have_attribute("data-state", "archived")
    assert serious_violations(page) == []  # the archived page (unarchive is the admin's: no form here)
    assert Program.objects.get(pk=program.pk).status == Program.Status.ARCHIVED
    assert Round.objects.get(pk=open_round.pk).status == Round.Status.CLOSED

    # Read-only: no edit links, no value form, a direct save refused with the reason.
    page.goto(f"{live_server.url}/p/{program.pk}/indicators/")
    expect(page.locator("#lifecycle-note")).to_contain_text("已归档")
    expect(page.locator("a.edit-link")).to_have_count(0)
    page.goto(f"{live_server.url}/monitoring/program/{program.pk}/indicator/{indicator.pk}/")
    expect(page.locator('form input[name="value"]')).to_have_count(0)
    csrf = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    refused = page.request.post(f"{live_server.url}/p/{program.pk}/edit/task/{world.tasks[0].pk}/",
                                form={"leads": str(world.departments[2].pk)},
                                headers={"X-CSRFToken": csrf, "Referer": live_server.url})
    assert refused.status == 403 and "已归档" in refused.text()
    # Off the default home list, behind the 已归档 filter.
    page.goto(f"{live_server.url}/")
    expect(page.locator(f'a[href="/p/{program.pk}/"]')).to_have_count(0)
    page.locator("#program-filter a").click()
    page.wait_for_load_state()
    expect(page.locator(f'a[href="/p/{program.pk}/"]')).to_have_count(1)

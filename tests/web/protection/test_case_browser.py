"""The whole loop in chromium: a 12330 phone intake → review → assignment → referral with its
receipt clock → receipt → closure → follow-up → archive, each step audited; the contact details
shown through the audited action; a case due soon on the supervision board."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from ipcity.audit.models import AuditEvent
from ipcity.casework.calendar import working_days_between
from ipcity.protection.models import Case
from tests.browser_session import sign_in
from tests.web.monitoring import factories as f
from tests.web.protection.case_fixtures import register


def _step(page, step: str, fields: dict[str, str], selects: dict[str, str] | None = None) -> None:
    page.locator(f"#step-{step} > summary").click()
    form = page.locator(f'form[data-step="{step}"]')
    for name, value in (selects or {}).items():
        form.locator(f'[name="{step}-{name}"]').select_option(value)
    for name, value in fields.items():
        form.locator(f'[name="{step}-{name}"]').fill(value)
    form.locator('button[type="submit"]').click()
    page.wait_for_load_state()


def _status(page) -> str:
    return page.locator("#case-status").get_attribute("data-status") or ""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_case_loop_in_the_browser(cases_world, live_server, browser_page):
    w, page = cases_world, browser_page
    sign_in(page.context, live_server, w.office_a)
    page.goto(f"{live_server.url}/protection/")
    page.locator("#case-register-link").click()
    form = page.locator("#case-register-form")
    assert form.locator('[name="channel"]').input_value() == "hotline_12330"  # the phone intake first
    form.locator('[name="case_type"]').select_option("mediation")
    form.locator('[name="ip_kind"]').select_option("patent")
    form.locator('[name="received_on"]').fill("2025-04-25")
    form.locator('[name="claimant_name"]').fill("张三丰")
    form.locator('[name="claimant_phone"]').fill("13812341234")
    form.locator('[name="respondent_name"]').fill("铜陵某某贸易有限公司")
    form.locator('[name="subject"]').fill("外观设计专利侵权纠纷")
    form.locator('[name="summary"]').fill("来电反映展会上有侵权产品")
    form.locator('button[type="submit"]').click()
    page.wait_for_url("**/protection/case/*/")
    case = Case.objects.get()
    assert case.number == "WQ2025-00001" and _status(page) == "registered"
    assert "138****1234" in page.locator("#case-parties").inner_text()

    _step(page, "review", {"on": "2025-04-28"}, {"decision": "accept"})
    assert _status(page) == "accepted"
    _step(page, "assign", {"expert": "王工程师"}, {"department": str(w.d1.pk), "handler": str(w.handler.pk)})
    assert _status(page) == "assigned"
    _step(page, "refer", {"body": "铜陵市市场监督管理局稽查支队", "on": "2025-05-08"})
    assert _status(page) == "referred"
    # The receipt clock: 15 working days after Thu 8 May 2025 = Thu 29 May.
    assert page.locator('[data-clock="receipt"] .due').inner_text().strip() == "2025-05-29"
    _step(page, "receipt", {"on": "2025-05-12"})
    assert "2025-05-12" in page.locator("#case-facts").inner_text()
    _step(page, "close", {"on": "2025-05-14", "note": "双方达成和解"}, {"result": "mediated"})
    assert _status(page) == "closed"
    _step(page, "follow_up", {"on": "2025-05-20"}, {"satisfaction": "5"})
    assert _status(page) == "followed_up" and "5 / 5" in page.locator("#case-satisfaction").inner_text()
    _step(page, "archive", {"on": "2025-05-21"})
    assert _status(page) == "archived" and page.locator("#case-actions").count() == 0
    timeline = page.locator("#case-timeline li").evaluate_all("items => items.map(i => i.dataset.step)")
    steps = ["register", "accept", "assign", "refer", "receipt", "close", "follow_up", "archive"]
    assert timeline == steps
    audited = list(AuditEvent.objects.filter(object_type="protection.case", object_id=str(case.pk))
                   .order_by("pk").values_list("action", "actor__username"))
    assert audited == [(f"protection.case.{s}", "c_office_a") for s in steps]

    # The contact details: one click, shown in place (HTMX), audited.
    page.locator("#show-contacts").click()
    page.locator("#case-parties .party-phone", has_text="13812341234").wait_for()
    assert AuditEvent.objects.filter(action="protection.case.personal_data_view", actor=w.office_a).count() == 1


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_case_due_soon_is_on_the_board(cases_world, live_server, browser_page):
    w, page = cases_world, browser_page
    today = timezone.localdate()
    received = today
    while working_days_between(received, today) < 3:
        received -= dt.timedelta(days=1)
    soon = register(w, received_on=received)  # review: 5 working days, 2 left
    program = f.program(reg=w.city_a)
    sign_in(page.context, live_server, w.office_a)
    page.goto(f"{live_server.url}/supervision/program/{program.pk}/")
    section = page.locator("#board-protection")
    row = section.locator("li", has_text=soon.number)
    assert row.get_attribute("data-level") == "yellow"
    assert row.locator(".badge").inner_text() == "审查期限剩 2 个工作日"
    row.locator("a").click()
    page.wait_for_url(f"**/protection/case/{soon.pk}/")

"""From an empty installation to a reporter asked for a value, in a real browser (no demo).

The empty-installation field test of 2026-12-06 found three things on this path: the user form's
empty 区划 list said nothing, nothing told the office that its imported indicators had no 数据责任部门,
and an owner named after a round opened never reached that round's reports. The plan is the gold
Tongling plan as plan JSON (shared material, read in place)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from ipcity.programs.models import Indicator, Program
from ipcity.supervision.models import DepartmentReport
from tests.browser_session import sign_in

TONGLING = "000_3c8ebd50ad477ee4"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_first_run_to_a_reporter_asked_for_a_value(live_server, browser_page, shared_dir, tmp_path, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "uploads"
    page, url = browser_page, live_server.url
    users = get_user_model().objects
    admin = users.create_superuser("chief", "chief@example.cn", "x-unused-pass")

    # 1. the site administrator: no region yet, and the form says where it will come from
    sign_in(page.context, live_server, admin)
    page.goto(f"{url}/accounts/users/new/")
    assert "尚无区划：办公室确认导入第一份工作方案后" in page.inner_text("main")
    page.fill("input[name=username]", "office1")
    page.select_option("select[name=role]", "office")
    page.fill("input[name=password]", "Office-Pass-2026-x")
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    office = users.get(username="office1")

    # 2. the office imports and confirms its plan
    plan = shared_dir / "seeds" / "gold" / f"{TONGLING}.json"  # plan JSON, uploaded as the office would
    sign_in(page.context, live_server, office)
    page.goto(f"{url}/import/")
    page.set_input_files("input[type=file]", str(plan))
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    page.locator("#confirm-button").click()
    page.wait_for_load_state()
    program = Program.objects.get()
    assert page.url.endswith(f"/p/{program.pk}/")
    ownerless = Indicator.objects.filter(program=program, owner_department=None).count()
    assert ownerless == program.indicators.count() > 0

    # 3. the home page says the indicators have no data owner
    page.goto(f"{url}/")
    assert f"{ownerless} 项指标未指定数据责任部门" in page.inner_text("main")

    # 4. the administrator creates the reporter of a department the plan named
    sign_in(page.context, live_server, admin)
    page.goto(f"{url}/accounts/users/new/")
    assert "尚无区划" not in page.inner_text("main")
    page.fill("input[name=username]", "rep_scjg")
    page.select_option("select[name=role]", "reporter")
    page.select_option("select[name=department]", label="市市场监管局")
    page.fill("input[name=password]", "Rep-Pass-2026-x")
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    reporter = users.get(username="rep_scjg")

    # 5. the office opens a round for the plan's last year, then names an indicator's owner
    sign_in(page.context, live_server, office)
    page.goto(f"{url}/supervision/program/{program.pk}/")
    form = page.locator("form", has=page.get_by_role("button", name="发起"))
    form.locator("input[name=title]").fill(f"{program.end_year}年度推进情况")
    # A deadline ahead and the year chosen: the plan's period may be over by the time an office starts.
    form.locator("input[name=due]").fill(f"{dt.date.today() + dt.timedelta(days=30):%Y-%m-%d}")
    form.locator("select[name=period_year]").select_option(str(program.end_year))
    form.get_by_role("button", name="发起").click()
    page.wait_for_load_state()
    report = DepartmentReport.objects.get(round__program=program, department=reporter.profile.department)
    assert not report.indicator_values.exists()
    indicator = program.indicators.order_by("order").first()
    page.goto(f"{url}/p/{program.pk}/edit/indicator/{indicator.pk}/")
    page.select_option("select[name=owner]", label="市市场监管局")
    page.locator("main button[type=submit]").first.click()
    page.wait_for_load_state()
    assert Indicator.objects.get(pk=indicator.pk).owner_department_id == reporter.profile.department_id

    # 6. the reporter's form of the open round asks for that value
    sign_in(page.context, live_server, reporter)
    page.goto(f"{url}/supervision/report/{report.pk}/")
    assert page.locator(f'input[name="value-{indicator.pk}-value"]').count() == 1

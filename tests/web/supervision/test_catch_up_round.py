"""The office's hand-made round reports on the year it names (所报年度), so an office that starts
after its plan's period can open the catch-up round for the plan's last year with a deadline still
ahead; a due date already past is refused by the form (a round is never born overdue).

Field test of 2026-12-06, finding 7: a 2022–2025 plan in December 2026 could only open a round due
by 2026-06-30, overdue at once. Dates are fixed by pinning today (no freezegun in the project)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from ipcity.audit.models import AuditEvent
from ipcity.supervision.models import IndicatorValue, Round
from ipcity.supervision.selectors.worklists import overdue_reports
from ipcity.supervision.services import rounds
from ipcity.supervision.services.urging import is_overdue

from .factories import add_users, make_program

TODAY = dt.date(2026, 12, 6)


@pytest.fixture
def late_office(db, monkeypatch):
    """A 2022–2025 plan whose office starts using ipcity on 6 December 2026."""
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    return add_users(make_program(start_year=2022, end_year=2025))


def _post(world, data: dict):
    client = Client()
    client.force_login(world.users["office"])
    return client.post(f"/supervision/program/{world.program.id}/rounds/new/", data, follow=True)


def test_a_2025_round_opened_in_december_2026_is_not_overdue(late_office):
    world = late_office
    response = _post(world, {"title": "2025年度工作推进情况", "due": "2027-01-15", "period_year": "2025"})
    rnd = Round.objects.get(program=world.program, title="2025年度工作推进情况")
    assert response.status_code == 200 and "2025年度工作推进情况</span>」，截止 2027-01-15" in response.content.decode()
    assert rnd.period_year == 2025 and rnd.due_date == dt.date(2027, 1, 15)
    reports = list(rnd.reports.select_related("round"))
    assert reports and not any(is_overdue(r, TODAY) for r in reports)
    assert overdue_reports(reporting_round=rnd, today=TODAY) == []
    # The indicator values it asks for are the plan's last year's.
    years = set(IndicatorValue.objects.filter(report__round=rnd).values_list("year", flat=True))
    assert years == {2025}
    assert AuditEvent.objects.filter(action="supervision.round.create", object_id=str(rnd.pk)).count() == 1


def test_a_due_date_already_past_is_refused(late_office):
    count = Round.objects.count()
    response = _post(late_office, {"title": "2025年度工作推进情况", "due": "2026-06-30", "period_year": "2025"})
    page = response.content.decode()
    assert "截止日期 2026-06-30 已过（今天是 2026-12-06），新发起的轮次不能一开始就逾期" in page
    assert Round.objects.count() == count
    # Due today is not overdue yet: accepted.
    _post(late_office, {"title": "今天截止", "due": "2026-12-06", "period_year": "2025"})
    assert Round.objects.filter(title="今天截止").exists()


def test_a_year_outside_the_period_is_refused_with_the_existing_reason(late_office):
    count = Round.objects.count()
    response = _post(late_office, {"title": "2026年度", "due": "2027-01-15", "period_year": "2026"})
    assert "该轮次所报年度为 2026 年，超出规划期（2022—2025 年），不能发起" in response.content.decode()
    with pytest.raises(ValidationError, match="所报年度为 2021 年，超出规划期"):
        rounds.round_create(program=late_office.program, user=late_office.users["office"], title="x",
                            due=dt.date(2027, 1, 15), period_year=2021)
    assert Round.objects.count() == count


def test_a_year_after_the_due_dates_year_is_refused(db):
    world = add_users(make_program(start_year=2022, end_year=2030))
    with pytest.raises(ValidationError, match="所报年度 2029 年晚于截止日期所在年份（2028 年）"):
        rounds.round_create(program=world.program, user=world.users["office"], title="x",
                            due=dt.date(2028, 12, 15), period_year=2029)


def test_without_a_year_it_is_derived_from_the_due_date_as_before(db):
    world = add_users(make_program(start_year=2022, end_year=2030))
    office = world.users["office"]
    spring = rounds.round_create(program=world.program, user=office, title="春", due=dt.date(2028, 3, 15))
    autumn = rounds.round_create(program=world.program, user=office, title="秋", due=dt.date(2028, 9, 15))
    assert (spring.period_year, autumn.period_year) == (2027, 2028)
    client = Client()
    client.force_login(office)
    client.post(f"/supervision/program/{world.program.id}/rounds/new/",
                {"title": "表单留空", "due": "2029-03-15", "period_year": ""})
    assert Round.objects.get(title="表单留空").period_year == 2028


@pytest.mark.parametrize(("data", "said"), [
    ({"title": "轮" * 300, "due": "2027-01-15"}, "轮次名称："),  # the length rule worded by Django (or the zh_Hans override)
    ({"title": "2025年度工作推进情况", "due": "2027-01-15", "period_year": "二〇二五"}, "所报年度："),
    ({"title": "2025年度工作推进情况", "due": ""}, "截止日期："),
])
def test_a_refused_round_says_which_field_is_wrong(late_office, data, said):
    # Field test: a name of 300 characters or a year typed in words were refused with
    # 请填写轮次名称和有效的截止日期, though the name was there.
    count = Round.objects.count()
    page = _post(late_office, data).content.decode()
    assert said in page and "请填写轮次名称" not in page
    assert Round.objects.count() == count


def test_a_round_without_a_name_is_still_asked_for_one(late_office):
    page = _post(late_office, {"title": " ", "due": "2027-01-15"}).content.decode()
    assert "请填写轮次名称和有效的截止日期" in page

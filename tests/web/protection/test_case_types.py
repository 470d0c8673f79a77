"""Editing a case type's time limits (services.case_types, the page /protection/types/) and the
rule that a case keeps the limits it was registered with. Dates are hand-worked under the 2025
holiday notice (May Day: 1–5 May off, Sunday 27 April worked) and, for the recompute, the AUTHORED
2027 notice of tests/casework/fixtures (see test_calendar_notices.py)."""

from __future__ import annotations

import datetime as dt
import importlib

import chinese_calendar
import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ipcity.audit.models import AuditEvent
from ipcity.casework import calendar, holiday_notices
from ipcity.core.models import Role
from ipcity.protection import services
from ipcity.protection.deadlines import case_deadlines_refresh
from ipcity.protection.models import Case, CaseType
from ipcity.protection.services.calendar_notices import case_deadlines_recompute
from tests.web.holiday_notice_fixtures import NOTICE_2027
from tests.web.protection.case_fixtures import make_user, register

D = dt.date
pytestmark = pytest.mark.django_db


def _mediation() -> CaseType:
    return CaseType.objects.get(code="mediation")


def _update(user, case_type: CaseType, *, review=5, receipt=15, statutory=120, active=True) -> CaseType:
    return services.case_type_update(case_type=case_type, user=user, review_days=review,
                                     referral_receipt_days=receipt, statutory_days=statutory, active=active)


def _type_audits() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action="protection.case_type.update").order_by("pk"))


def test_update_records_only_the_changed_fields(cases_world):
    w = cases_world
    changed = _update(w.admin, _mediation(), statutory=100)
    assert (changed.review_days, changed.referral_receipt_days, changed.statutory_days) == (5, 15, 100)
    [audit] = _type_audits()
    assert (audit.before, audit.after) == ({"statutory_days": 120}, {"statutory_days": 100})
    assert audit.object_type == "protection.casetype" and audit.actor == w.admin
    # The same values again: nothing to record.
    _update(w.admin, _mediation(), statutory=100)
    assert len(_type_audits()) == 1
    _update(w.admin, _mediation(), review=3, statutory=100, active=False)
    assert _type_audits()[-1].after == {"review_days": 3, "active": False}


@pytest.mark.parametrize("bad", [0, 366, -5, "10", 2.5, None, True])
def test_a_limit_outside_1_to_365_is_refused_and_changes_nothing(cases_world, bad):
    w = cases_world
    with pytest.raises(ValidationError, match="办理时限须为 1 至 365 之间的整数"):
        _update(w.admin, _mediation(), review=10, statutory=bad)
    mediation = _mediation()
    assert (mediation.review_days, mediation.statutory_days) == (5, 120) and _type_audits() == []


def test_only_the_site_wide_office_edits_types(cases_world):
    """Types are shared by every region: a city's office (bound to a region) reads them only."""
    w = cases_world
    for user in (w.handler, w.leader_a, w.office_a, w.office_b):
        with pytest.raises(PermissionDenied):
            _update(user, _mediation(), statutory=10)
    assert _mediation().statutory_days == 120 and _type_audits() == []


def test_a_case_keeps_the_limits_it_was_registered_with(cases_world):
    w = cases_world
    _update(w.admin, _mediation(), statutory=10)
    old = register(w, received_on=D(2025, 3, 3))
    # Tue 4 … Mon 10 March: the fifth working day after Monday the 3rd.
    assert (old.review_days, old.referral_receipt_days, old.statutory_days) == (5, 15, 10)
    assert old.review_due == D(2025, 3, 10)
    _update(w.admin, _mediation(), review=10, receipt=20, statutory=20)
    old.refresh_from_db()
    assert old.review_due == D(2025, 3, 10) and old.review_days == 5  # the edit moved nothing
    # A step recomputes the dates with the case's own limits, not the type's new ones:
    # 10 working days after Mon 28 April across May Day: 29, 30 April, 6–9, 12–15 May.
    services.case_review(user=w.office_a, case_id=old.pk, accept=True, on=D(2025, 4, 28))
    # 15 working days after Thu 8 May: 9, 12–16, 19–23, 26–29 May.
    services.case_refer(user=w.office_a, case_id=old.pk, body="铜陵市市场监督管理局稽查支队", on=D(2025, 5, 8))
    old.refresh_from_db()
    assert (old.statutory_due, old.receipt_due) == (D(2025, 5, 15), D(2025, 5, 29))

    new = register(w, received_on=D(2025, 3, 3))
    # 10 working days: 4–7, 10–14, 17 March.
    assert (new.review_days, new.statutory_days, new.review_due) == (10, 20, D(2025, 3, 17))
    services.case_review(user=w.office_a, case_id=new.pk, accept=True, on=D(2025, 4, 28))
    new.refresh_from_db()
    # 20 working days after 28 April: the ten above, then 16, 19–23, 26–29 May.
    assert new.statutory_due == D(2025, 5, 29)


def test_a_deactivated_type_takes_no_new_case_and_its_cases_go_on(cases_world):
    w = cases_world
    case = register(w, received_on=D(2025, 3, 3))
    _update(w.admin, _mediation(), active=False)
    with pytest.raises(ValidationError, match="案件类型未启用"):
        register(w, received_on=D(2025, 3, 3))
    services.case_review(user=w.office_a, case_id=case.pk, accept=True, on=D(2025, 3, 4))
    assert Case.objects.get(pk=case.pk).status == "accepted"


def test_a_case_without_stored_limits_reads_its_type_and_the_migration_fills_them(cases_world):
    w = cases_world
    case = register(w, received_on=D(2025, 3, 3))
    Case.objects.filter(pk=case.pk).update(review_days=None, referral_receipt_days=None, statutory_days=None)
    CaseType.objects.filter(code="mediation").update(review_days=10)
    case = Case.objects.select_related("case_type").get(pk=case.pk)
    case_deadlines_refresh(case)
    assert case.review_due == D(2025, 3, 17)  # the type's 10 days: 4–7, 10–14, 17 March
    migration = importlib.import_module("ipcity.protection.migrations.0005_case_limits_snapshot")
    migration.fill_from_type(apps, None)
    assert Case.objects.values_list("review_days", "referral_receipt_days", "statutory_days").get(
        pk=case.pk) == (10, 15, 120)


@pytest.mark.skipif(max(day.year for day in chinese_calendar.holidays) != 2026,
                    reason="written for chinese_calendar 1.11 (known to 2026)")
def test_recompute_after_a_holiday_notice_keeps_each_cases_limits(cases_world, tmp_path, monkeypatch):
    w = cases_world
    previous = calendar.notice_dir()
    directory = tmp_path / "reference" / "holidays"
    calendar.set_notice_dir(directory)
    try:
        monkeypatch.setattr(timezone, "localdate", lambda *args: D(2026, 12, 4))
        case = register(w, received_on=D(2026, 12, 1), case_type="complaint")
        services.case_review(user=w.office_a, case_id=case.pk, accept=True, on=D(2026, 12, 4))
        # 90 working days: 19 in December, then Monday–Friday (provisional) 21 + 20 + 30 → 9 April.
        assert Case.objects.get(pk=case.pk).statutory_due == D(2027, 4, 9)
        _update(w.admin, CaseType.objects.get(code="complaint"), statutory=10, receipt=15, review=5)
        holiday_notices.load_notice_file(NOTICE_2027, directory)
        assert case_deadlines_recompute(user=w.office_a) == 1
        # Still 90 days (not the type's new 10): 1 January (−1), 8–12 February (−5), Saturday
        # 20 February worked (+1), Monday 5 April (−1) → four more working days, 12–16 April, and 19 April.
        assert Case.objects.get(pk=case.pk).statutory_due == D(2027, 4, 19)
    finally:
        calendar.set_notice_dir(previous)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_page_lists_the_types_and_edits_one(cases_world):
    w = cases_world
    office = _client(w.admin)
    register(w, received_on=D(2025, 3, 3))
    assert 'id="case-types-link"' in office.get(reverse("protection:cases")).content.decode()
    city_office = _client(w.office_a).get(reverse("protection:case_types")).content.decode()
    assert 'class="case-type-form"' not in city_office  # reads, does not edit
    assert 'id="case-types-link"' not in _client(w.handler).get(reverse("protection:cases")).content.decode()
    page = office.get(reverse("protection:case_types"))
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count('class="case-type-form"') == CaseType.objects.count() == 6
    mediation = _mediation()
    row = html.split(f'id="type-{mediation.pk}"')[1].split("</tr>")[0]
    assert '<td class="num">5</td>' in row and '<td class="num">120</td>' in row and '<td class="num">1</td>' in row

    url = reverse("protection:case_type_update", args=[mediation.pk])
    prefix = f"type-{mediation.pk}-"
    form = {prefix + "review_days": "7", prefix + "referral_receipt_days": "15", prefix + "statutory_days": "110",
            prefix + "active": "on"}
    done = office.post(url, form)
    assert done.status_code == 302 and done["Location"].endswith(f"/protection/types/#type-{mediation.pk}")
    mediation.refresh_from_db()
    assert (mediation.review_days, mediation.statutory_days, mediation.active) == (7, 110, True)

    refused = office.post(url, {**form, prefix + "statutory_days": "400"})
    assert refused.status_code == 400 and 'role="alert"' in refused.content.decode()
    mediation.refresh_from_db()
    assert mediation.statutory_days == 110
    off = office.post(url, {k: v for k, v in form.items() if not k.endswith("active")})
    assert off.status_code == 302 and not _mediation().active


def test_the_page_is_the_offices(cases_world):
    w = cases_world
    url = reverse("protection:case_types")
    for user in (w.handler, w.leader_a, w.reporter_d2):
        assert _client(user).get(url).status_code == 403
        assert _client(user).post(reverse("protection:case_type_update", args=[_mediation().pk]), {}).status_code == 403
    assert _client(w.office_b).get(url).status_code == 200 and _client(w.admin).get(url).status_code == 200
    assert _client(w.office_b).post(reverse("protection:case_type_update", args=[_mediation().pk]), {}).status_code == 403
    assert _client(w.admin).post(reverse("protection:case_type_update", args=[999999]), {}).status_code == 404
    assert _client(w.admin).get(reverse("protection:case_type_update", args=[_mediation().pk])).status_code == 405


def test_a_ledger_import_keeps_the_limits_of_its_day(ledger_world):
    from ipcity.protection.services.ledger import ledger_import_confirm, ledger_import_dry_run
    from tests.web.protection.ledger_fixtures import ledger_xlsx

    office = ledger_world.office
    admin = make_user("lt_admin", Role.ADMIN)
    _update(admin, _mediation(), statutory=10)
    rows = [["TL-201", "2025-04-25", "2025-04-28", "纠纷调解", "12330", "铜陵某某科技有限公司", "13812345678",
             None, None, "市市场监管局"]]
    draft = ledger_import_dry_run(user=office, data=ledger_xlsx(rows), filename="台账.xlsx")
    assert draft.errors == [], draft.errors
    assert ledger_import_confirm(ledger_import=draft, user=office) == 1
    _update(admin, _mediation(), statutory=60)
    case = Case.objects.get()
    # 10 working days after Mon 28 April across May Day: 29, 30 April, 6–9, 12–15 May.
    assert (case.statutory_days, case.statutory_due) == (10, D(2025, 5, 15))

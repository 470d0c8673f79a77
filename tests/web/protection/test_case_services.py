"""The case workflow's services: every step, illegal steps refused, deadlines (hand-worked under
the 2025 holiday notice), suspension and extension, numbering, scoping, masking, the audit trail."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404

from ipcity.audit.models import AuditEvent
from ipcity.protection import services
from ipcity.protection.access import case_for, cases_visible_to, may_see_personal_data
from ipcity.protection.deadlines import case_clocks
from ipcity.protection.models import Case, CaseEvent, CaseType
from ipcity.protection.selectors.cases import case_detail
from ipcity.protection.services.intake import case_number_next
from tests.web.protection.case_fixtures import register

D = dt.date
pytestmark = pytest.mark.django_db


def _audit_actions(case: Case) -> list[str]:
    return list(AuditEvent.objects.filter(object_type="protection.case", object_id=str(case.pk))
                .order_by("pk").values_list("action", flat=True))


def test_register_numbers_the_case_and_starts_the_review_clock(cases_world):
    w = cases_world
    case = register(w)  # received Monday 2025-03-03
    assert case.number == "WQ2025-00001"
    assert register(w).number == "WQ2025-00002"
    assert register(w, received_on=D(2024, 12, 30)).number == "WQ2024-00001"
    # Tue 4, Wed 5, Thu 6, Fri 7, Mon 10 March: the fifth working day after the 3rd.
    assert case.review_due == D(2025, 3, 10)
    assert case.status == "registered" and case.parties.count() == 2
    assert list(case.events.values_list("step", flat=True)) == ["register"]
    assert _audit_actions(case) == ["protection.case.register"]
    # The audit record keeps the case's fields, never the parties' personal data.
    assert "13812341234" not in str(AuditEvent.objects.get(object_id=str(case.pk)).after)


def test_full_loop_every_step_audited(cases_world):
    w = cases_world
    CaseType.objects.filter(code="mediation").update(statutory_days=10)
    case = register(w, received_on=D(2025, 4, 25))
    case = services.case_review(user=w.office_a, case_id=case.pk, accept=True, on=D(2025, 4, 28))
    # 10 working days after Mon 28 April across the May Day holiday (1–5 May off):
    # 29, 30 April, 6, 7, 8, 9, 12, 13, 14, 15 May.
    assert (case.status, case.statutory_due) == ("accepted", D(2025, 5, 15))
    case = services.case_assign(user=w.office_a, case_id=case.pk, department_id=w.d1.pk, handler_id=w.handler.pk,
                                expert="王工程师", partner_org="铜陵市知识产权保护中心")
    assert (case.status, case.handling_department, case.handler) == ("assigned", w.d1, w.handler)
    case = services.case_refer(user=w.office_a, case_id=case.pk, body="铜陵市市场监督管理局稽查支队", on=D(2025, 5, 8))
    # 15 working days after Thu 8 May: 9, 12–16, 19–23, 26–29 May.
    assert (case.status, case.receipt_due) == ("referred", D(2025, 5, 29))
    case = services.case_receipt(user=w.handler, case_id=case.pk, on=D(2025, 5, 12))
    assert case.receipt_on == D(2025, 5, 12) and case.status == "referred"
    case = services.case_close(user=w.handler, case_id=case.pk, result="mediated", on=D(2025, 5, 14), note="双方和解")
    assert (case.status, case.result, case.closed_on) == ("closed", "mediated", D(2025, 5, 14))
    case = services.case_follow_up(user=w.office_a, case_id=case.pk, satisfaction=5, on=D(2025, 5, 20))
    assert (case.status, case.satisfaction) == ("followed_up", 5)
    case = services.case_archive(user=w.office_a, case_id=case.pk, on=D(2025, 5, 21))
    assert (case.status, case.archived_on) == ("archived", D(2025, 5, 21))
    steps = ["register", "accept", "assign", "refer", "receipt", "close", "follow_up", "archive"]
    assert list(CaseEvent.objects.filter(case=case).order_by("pk").values_list("step", flat=True)) == steps
    assert _audit_actions(case) == [f"protection.case.{s}" for s in steps]
    closing = AuditEvent.objects.get(object_id=str(case.pk), action="protection.case.close")
    assert closing.before["status"] == "referred" and closing.after["status"] == "closed"
    assert closing.actor == w.handler


def test_illegal_steps_are_refused_and_change_nothing(cases_world):
    w = cases_world
    case = register(w)
    with pytest.raises(ValidationError, match="不能从“已登记”变为“已指派”"):
        services.case_assign(user=w.office_a, case_id=case.pk, department_id=w.d1.pk)
    with pytest.raises(ValidationError, match="不能从“已登记”变为“已回访”"):
        services.case_follow_up(user=w.office_a, case_id=case.pk, satisfaction=4, on=D(2025, 3, 5))
    with pytest.raises(ValidationError, match="不予受理须说明理由"):
        services.case_review(user=w.office_a, case_id=case.pk, accept=False, on=D(2025, 3, 4))
    with pytest.raises(ValidationError, match="不能早于收到日期"):
        services.case_review(user=w.office_a, case_id=case.pk, accept=True, on=D(2025, 3, 1))
    services.case_review(user=w.office_a, case_id=case.pk, accept=False, on=D(2025, 3, 4), reason="不属于受理范围")
    with pytest.raises(ValidationError, match="不能从“不予受理”变为“已结案”"):
        services.case_close(user=w.office_a, case_id=case.pk, result="answered", on=D(2025, 3, 5))
    case.refresh_from_db()
    assert (case.status, case.rejected_reason, case.closed_on) == ("rejected", "不属于受理范围", None)
    assert _audit_actions(case) == ["protection.case.register", "protection.case.reject"]
    services.case_archive(user=w.office_a, case_id=case.pk, on=D(2025, 3, 6))
    with pytest.raises(ValidationError, match="可变为：无"):
        services.case_archive(user=w.office_a, case_id=case.pk, on=D(2025, 3, 7))


def test_rights_office_runs_steps_department_only_its_own(cases_world):
    w = cases_world
    case = register(w)
    with pytest.raises(PermissionDenied):
        services.case_register(user=w.handler, case_type="consult", channel="visit", ip_kind="patent",
                               region_code="340700", subject="x", summary="", received_on=D(2025, 3, 3),
                               parties=[services.PartyInput(role="claimant", kind="individual", name="李四")])
    with pytest.raises(Http404):  # another city's office does not know the case exists
        services.case_review(user=w.office_b, case_id=case.pk, accept=True, on=D(2025, 3, 4))
    services.case_review(user=w.office_a, case_id=case.pk, accept=True, on=D(2025, 3, 4))
    services.case_assign(user=w.office_a, case_id=case.pk, department_id=w.d1.pk)
    with pytest.raises(PermissionDenied):  # the department closes its case but does not re-assign it
        services.case_assign(user=w.handler, case_id=case.pk, department_id=w.d2.pk)
    with pytest.raises(Http404):  # another department does not see it
        services.case_close(user=w.reporter_d2, case_id=case.pk, result="mediated", on=D(2025, 3, 5))
    with pytest.raises(ValidationError, match="承办部门须为本辖区"):
        services.case_assign(user=w.office_a, case_id=case.pk, department_id=w.db.pk)
    with pytest.raises(ValidationError, match="承办人须为承办部门"):
        services.case_assign(user=w.office_a, case_id=case.pk, department_id=w.d1.pk, handler_id=w.reporter_d2.pk)


def test_suspension_stops_every_clock_and_extension_needs_a_reason(cases_world):
    w = cases_world
    CaseType.objects.filter(code="mediation").update(statutory_days=10)
    case = register(w, received_on=D(2025, 4, 25))
    services.case_review(user=w.office_a, case_id=case.pk, accept=True, on=D(2025, 4, 28))
    services.case_suspend(user=w.office_a, case_id=case.pk, start=D(2025, 5, 6), reason="等待技术鉴定")
    case.refresh_from_db()
    assert case.suspended and case.statutory_due == D(2025, 5, 15)  # stored dates move on resume
    # Shown on Wed 7 May while suspended: the open suspension counts up to today (6 and 7 May).
    shown = {c.key: c for c in case_clocks(case, today=D(2025, 5, 7))}
    assert shown["statutory"].due == D(2025, 5, 19) and not shown["statutory"].running
    with pytest.raises(ValidationError, match="中止状态"):
        services.case_close(user=w.office_a, case_id=case.pk, result="mediated", on=D(2025, 5, 7))
    services.case_resume(user=w.office_a, case_id=case.pk, on=D(2025, 5, 8))
    case.refresh_from_db()
    # 6 and 7 May suspended: 29, 30 April, 8, 9, 12–16, 19 May.
    assert not case.suspended and case.statutory_due == D(2025, 5, 19)
    assert case.review_due == D(2025, 5, 8)  # 25 April + 5 working days (27 April is a make-up day), +2 suspended
    with pytest.raises(ValidationError, match="延期须说明理由"):
        services.case_extend(user=w.office_a, case_id=case.pk, days=2, reason=" ")
    services.case_extend(user=w.office_a, case_id=case.pk, days=2, reason="当事人申请补充证据")
    case.refresh_from_db()
    assert (case.extension_days, case.statutory_due) == (2, D(2025, 5, 21))
    assert _audit_actions(case)[-3:] == ["protection.case.suspend", "protection.case.resume", "protection.case.extend"]


def test_a_date_outside_the_calendar_is_refused_in_chinese(cases_world):
    w = cases_world
    with pytest.raises(ValidationError, match="超出节假日历的范围"):
        register(w, received_on=D(2003, 6, 2))
    assert not Case.objects.exists()


def test_case_numbers_do_not_collide_under_concurrency(cases_world, transactional_db):
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith(("file:memorydb", ":memory:")):
        pytest.skip("an in-memory SQLite database is not shared between threads")
    from django.db import transaction

    numbers: list[str] = []
    errors: list[BaseException] = []

    def take() -> None:
        try:
            for _ in range(5):
                with transaction.atomic():
                    numbers.append(case_number_next(2025))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=take) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(numbers) == [f"WQ2025-{i:05d}" for i in range(1, 21)]


def test_scoping_and_masking(cases_world):
    w = cases_world
    case = register(w)
    services.case_review(user=w.office_a, case_id=case.pk, accept=True, on=D(2025, 3, 4))
    case = services.case_assign(user=w.office_a, case_id=case.pk, department_id=w.d1.pk, handler_id=w.handler.pk)
    assert list(cases_visible_to(w.office_a)) == [case]
    assert list(cases_visible_to(w.colleague)) == [case]  # the handling department
    assert not cases_visible_to(w.office_b).exists()
    assert not cases_visible_to(w.reporter_d2).exists()
    assert not cases_visible_to(w.leader_a).exists()  # leaders see masked statistics only
    assert may_see_personal_data(w.office_a, case) and may_see_personal_data(w.handler, case)
    assert not may_see_personal_data(w.colleague, case)
    masked = case_detail(w.colleague, case_for(w.colleague, case.pk), today=D(2025, 3, 5))
    claimant = next(p for p in masked.parties if p.role == "请求人")
    assert (claimant.name, claimant.phone, claimant.id_number) != ("张三丰", "13812341234", "340702198001011234")
    assert claimant.phone.startswith("138") and claimant.phone.endswith("1234") and "*" in claimant.phone
    assert claimant.name.startswith("张") and "*" in claimant.name
    respondent = next(p for p in masked.parties if p.role == "被请求人")
    assert respondent.name == "铜陵某某贸易有限公司"  # an enterprise's name is not personal data


def test_personal_data_view_is_audited_and_refused_to_others(cases_world):
    w = cases_world
    case = register(w)
    services.case_review(user=w.office_a, case_id=case.pk, accept=True, on=D(2025, 3, 4))
    services.case_assign(user=w.office_a, case_id=case.pk, department_id=w.d1.pk, handler_id=w.handler.pk)
    parties = services.case_personal_data_view(user=w.handler, case_id=case.pk)
    assert {p.phone for p in parties} == {"13812341234", ""}
    record = AuditEvent.objects.get(action="protection.case.personal_data_view")
    assert (record.actor, record.object_id) == (w.handler, str(case.pk))
    with pytest.raises(PermissionDenied):
        services.case_personal_data_view(user=w.colleague, case_id=case.pk)
    with pytest.raises(Http404):
        services.case_personal_data_view(user=w.office_b, case_id=case.pk)
    assert AuditEvent.objects.filter(action="protection.case.personal_data_view").count() == 1


def test_audit_trail_opens_a_case_history_only_to_who_sees_the_case(cases_world):
    from ipcity.core.contributions import access_object

    w = cases_world
    case = register(w)
    assert access_object(w.office_a, "protection.case", case.pk) == case
    with pytest.raises(Http404):
        access_object(w.office_b, "protection.case", case.pk)
    with pytest.raises(Http404):
        access_object(w.leader_a, "protection.case", case.pk)

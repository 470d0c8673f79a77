"""The case API under a hostile client (api34, 2026-12): what a refused call leaves behind, and
the words of a refusal in the client's language."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client

from ipcity.audit.models import AuditEvent
from ipcity.core.models import ApiToken
from ipcity.protection import services
from ipcity.protection.models import Case, CaseEvent, CaseNumberCounter
from tests.web.protection.case_fixtures import register
from tests.web.test_i18n import english_catalogue  # noqa: F401  (builds the .mo when stale)

pytestmark = pytest.mark.django_db

CASE = {"case_type": "mediation", "channel": "hotline_12330", "ip_kind": "patent", "region_code": "340700",
        "subject": "专利侵权纠纷", "received_on": "2025-03-03",
        "parties": [{"role": "claimant", "kind": "individual", "name": "李四", "phone": "13812341234"}]}


def _token_client(user) -> Client:
    token, secret = ApiToken.new(user=user, name="hostile")
    token.save()
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def test_another_citys_case_is_refused_and_nothing_is_left_behind(cases_world):
    """City B's office registering a case of city A: the refusal came after the case was saved,
    and the service was not one transaction, so a 400 left the case (and its number) in the table."""
    response = _token_client(cases_world.office_b).post("/api/protection/cases", data=json.dumps(CASE),
                                                        content_type="application/json")
    assert response.status_code == 400, response.content
    assert response.json()["detail"] == "只能登记本辖区的案件"
    assert not Case.objects.exists()
    assert not CaseNumberCounter.objects.filter(last__gt=0).exists()
    assert not AuditEvent.objects.filter(action__startswith="protection.").exists()


def _assigned(w) -> Case:
    case = register(w)
    services.case_review(user=w.office_a, case_id=case.pk, accept=True, on=dt.date(2025, 3, 4))
    return services.case_assign(user=w.office_a, case_id=case.pk, department_id=w.d1.pk, handler_id=w.handler.pk)


@pytest.mark.parametrize(("language", "words"), [
    ("zh-hans", "案件状态不能从“已指派”变为“已回访”（可变为：已指派、已结案、已移送）"),
    # The workflow library words the refusal in Chinese: an English client read it so, statuses and all.
    ("en", "The case cannot go from “Assigned” to “Followed up” (it may go to: Assigned, Closed, Referred)"),
])
@pytest.mark.usefixtures("english_catalogue")
def test_a_step_the_workflow_does_not_allow_is_refused_in_the_clients_language(cases_world, language, words):
    case = _assigned(cases_world)
    events = CaseEvent.objects.filter(case=case).count()
    client = _token_client(cases_world.office_a)
    response = client.post(f"/api/protection/cases/{case.pk}/follow-up", data=json.dumps(
        {"satisfaction": 5, "on": "2025-03-09"}), content_type="application/json", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 400, response.content
    assert response.json()["detail"] == words
    assert Case.objects.get(pk=case.pk).status == "assigned"
    assert CaseEvent.objects.filter(case=case).count() == events


@pytest.mark.usefixtures("english_catalogue")
def test_an_archived_case_names_no_next_status(cases_world):
    case = register(cases_world)
    services.case_review(user=cases_world.office_a, case_id=case.pk, accept=False, on=dt.date(2025, 3, 4),
                         reason="不属于受理范围")
    services.case_archive(user=cases_world.office_a, case_id=case.pk, on=dt.date(2025, 3, 5))
    client = _token_client(cases_world.office_a)
    answers = [client.post(f"/api/protection/cases/{case.pk}/archive", data=json.dumps({"on": "2025-03-06"}),
                           content_type="application/json", HTTP_ACCEPT_LANGUAGE=language).json()["detail"]
               for language in ("zh-hans", "en")]
    assert answers == ["案件状态不能从“已归档”变为“已归档”（可变为：无）",
                       "The case cannot go from “Archived” to “Archived” (it may go to: none)"]


@pytest.mark.parametrize("day", [1741046400, "1741046400", 0, "2025-03-04T00:00:00", "2025-3-4", "２０２５-03-04"])
def test_a_date_that_is_not_yyyy_mm_dd_text_is_refused(cases_world, day):
    """pydantic's lax mode read a number, or its text, as Unix seconds: ``1741046400`` was taken
    as 2025-03-04 and the case accepted, ``0`` as 1970-01-01; the schema says a YYYY-MM-DD string."""
    case = register(cases_world)
    response = _token_client(cases_world.office_a).post(
        f"/api/protection/cases/{case.pk}/review", data=json.dumps({"accept": True, "on": day}),
        content_type="application/json")
    assert response.status_code == 422, response.content
    assert response.json()["detail"] == [{"type": "date_type", "loc": ["body", "payload", "on"],
                                          "msg": "应为日期（YYYY-MM-DD）"}]
    assert Case.objects.get(pk=case.pk).status == "registered"


def test_a_yyyy_mm_dd_date_is_still_taken(cases_world):
    case = register(cases_world)
    response = _token_client(cases_world.office_a).post(
        f"/api/protection/cases/{case.pk}/review", data=json.dumps({"accept": True, "on": "2025-03-04"}),
        content_type="application/json")
    assert response.status_code == 200, response.content
    assert Case.objects.get(pk=case.pk).accepted_on == dt.date(2025, 3, 4)

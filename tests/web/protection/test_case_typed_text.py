"""Walk 24: a case's free text (summary, reasons, notes) under hostile input, from the page and the
API alike: over-long text and control characters are refused with a Chinese message and change
nothing; bidirectional controls are removed (``ipcity.core.typed_text``)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client

from ipcity.protection import services
from ipcity.protection.models import Case, CaseEvent
from tests.web.protection.case_fixtures import register

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def handled(cases_world):
    """A case accepted and assigned to the handler of 市市场监管局."""
    w = cases_world
    case = register(w)
    services.case_review(user=w.office_a, case_id=case.pk, accept=True, on=D(2025, 3, 4))
    services.case_assign(user=w.office_a, case_id=case.pk, department_id=w.d1.pk, handler_id=w.handler.pk)
    return case


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _events(case) -> int:
    return CaseEvent.objects.filter(case=case).count()


def test_a_suspension_reason_beyond_the_limit_is_refused_on_the_page(cases_world, handled):
    before = _events(handled)
    response = _client(cases_world.handler).post(f"/protection/case/{handled.pk}/suspend/",
                                                 {"suspend-start": "2025-03-10", "suspend-reason": "鉴" * 2_001})
    assert response.status_code == 400
    assert "至多 2,000 字" in response.content.decode()
    handled.refresh_from_db()
    assert handled.suspended is False and _events(handled) == before


def test_the_api_refuses_a_nul_in_a_closing_note_and_an_over_long_reason(cases_world, handled):
    client = _client(cases_world.handler)
    base = f"/api/protection/cases/{handled.pk}"
    before = _events(handled)
    closed = client.post(f"{base}/close", json.dumps({"result": "mediated", "on": "2025-03-20", "note": "调解\x00成功"}),
                         content_type="application/json")
    assert closed.status_code == 400 and "控制字符" in closed.json()["detail"]
    extended = client.post(f"{base}/extend", json.dumps({"days": 5, "reason": "理" * 2_001}),
                           content_type="application/json")
    assert extended.status_code == 400 and "至多 2,000 字" in extended.json()["detail"]
    handled.refresh_from_db()
    assert handled.status == "assigned" and handled.extension_days == 0 and _events(handled) == before


def test_bidirectional_controls_are_removed_from_a_reason(cases_world, handled):
    case = services.case_suspend(user=cases_world.handler, case_id=handled.pk, start=D(2025, 3, 10),
                                 reason="等待\u202e鉴定\u2069结果")
    assert case.suspensions.get().reason == "等待鉴定结果"


def test_an_over_long_summary_is_refused_at_registration(cases_world):
    client = _client(cases_world.office_a)
    response = client.post("/api/protection/cases", json.dumps({
        "case_type": "mediation", "channel": "hotline_12330", "ip_kind": "patent", "region_code": "340700",
        "subject": "专利侵权纠纷调解", "summary": "案" * 10_001, "received_on": "2025-04-25",
        "parties": [{"role": "claimant", "kind": "individual", "name": "王五"}]}), content_type="application/json")
    assert response.status_code == 400 and "至多 10,000 字" in response.json()["detail"]
    assert not Case.objects.exists()


def _register_with_code(w, code: str) -> Case:
    return services.case_register(
        user=w.office_a, case_type="mediation", channel="hotline_12330", ip_kind="patent", region_code="340700",
        subject="外观设计专利侵权纠纷", summary="来电反映", received_on=dt.date(2025, 3, 3),
        parties=[services.PartyInput(role="claimant", kind="individual", name="张三丰", phone="13812341234")],
        enterprise_name="铜陵某某科技有限公司", enterprise_credit_code=code)


def test_a_credit_code_that_grows_on_upper_casing_is_refused_not_a_database_error(cases_world):
    # "ß" upper-cases to "SS": 18 characters typed became 36, past the column's 18 (PostgreSQL: a 500).
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as caught:
        _register_with_code(cases_world, "ß" * 18)
    assert "应为 18 位，现为 36 位" in caught.value.messages[0] and not Case.objects.exists()
    assert _register_with_code(cases_world, "91340700ma2n00001p").enterprise_credit_code == "91340700MA2N00001P"

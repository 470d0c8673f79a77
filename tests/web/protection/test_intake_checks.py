"""Walk 25: what a case's intake accepts. A credit code of the wrong shape and an e-mail address
without an @ were stored from the page and the API (the ledger import refused the same code), so
维权援助服务企业数 counted a garbage code as an enterprise and the case's contact mail was masked
as n***. Both are refused now, in the user's language, and nothing is written."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from ipcity.audit.models import AuditEvent
from ipcity.protection import services
from ipcity.protection.models import Case

pytestmark = pytest.mark.django_db


def _register(w, *, code: str = "", email: str = "") -> Case:
    return services.case_register(
        user=w.office_a, case_type="mediation", channel="hotline_12330", ip_kind="patent", region_code="340700",
        subject="外观设计专利侵权纠纷", summary="来电反映", received_on=dt.date(2025, 3, 3),
        parties=[services.PartyInput(role="claimant", kind="individual", name="张三丰", email=email)],
        enterprise_name="铜陵某某科技有限公司", enterprise_credit_code=code)


@pytest.mark.parametrize(("code", "words"), [
    ("91110000XXXXXX", "应为 18 位"), ("9134070OMA2T00000I", "第 8 位的“O”不是代码用字"),
    ("ABCDEFGHJKLMNPQRTU", "第 2 位（机构类别）不能是“B”"),
    # walk 26: one digit mistyped (340700 → 340701) passed the shape check and counted the firm twice
    ("91340701MA2N00001P", "校验位应为"),
])
def test_a_credit_code_of_the_wrong_shape_or_check_is_refused(cases_world, code, words):
    with pytest.raises(ValidationError) as caught:
        _register(cases_world, code=code)
    assert "统一社会信用代码" in caught.value.messages[0] and words in caught.value.messages[0]
    assert not Case.objects.exists() and not AuditEvent.objects.filter(action__startswith="protection.").exists()


@pytest.mark.parametrize("email", ["not-an-email", "a@", "张三@"])
def test_an_email_without_a_domain_is_refused(cases_world, email):
    with pytest.raises(ValidationError) as caught:
        _register(cases_world, email=email)
    assert "邮箱" in caught.value.messages[0] and email in caught.value.messages[0]
    assert not Case.objects.exists()


def test_good_codes_and_addresses_still_register(cases_world):
    case = _register(cases_world, code="91340700ma2n00001p", email=" zhang@example.cn ")
    assert case.enterprise_credit_code == "91340700MA2N00001P"
    assert case.parties.get().email == "zhang@example.cn"


def test_the_page_and_the_api_refuse_alike(cases_world):
    client = Client()
    client.force_login(cases_world.office_a)
    response = client.post("/protection/new/", {
        "channel": "hotline_12330", "case_type": "mediation", "ip_kind": "patent", "received_on": "2025-03-03",
        "region_code": "340700", "claimant_kind": "enterprise", "claimant_name": "甲公司", "respondent_kind": "enterprise",
        "subject": "咨询", "enterprise_credit_code": "91340700MA2N00001Q", "claimant_email": "x"})
    assert response.status_code == 400 and "校验位应为P" in response.content.decode()
    response = client.post("/api/protection/cases", json.dumps({
        "case_type": "mediation", "channel": "hotline_12330", "ip_kind": "patent", "region_code": "340700",
        "subject": "专利侵权纠纷调解", "summary": "", "received_on": "2025-03-03",
        "parties": [{"role": "claimant", "kind": "individual", "name": "王五", "email": "wang"}]}),
        content_type="application/json")
    assert response.status_code == 400 and "wang" in response.json()["detail"]
    assert not Case.objects.exists()


def test_the_api_names_the_check_character(cases_world):
    client = Client()
    client.force_login(cases_world.office_a)
    response = client.post("/api/protection/cases", json.dumps({
        "case_type": "mediation", "channel": "hotline_12330", "ip_kind": "patent", "region_code": "340700",
        "subject": "专利侵权纠纷调解", "summary": "", "received_on": "2025-03-03", "enterprise_credit_code": "91340700MA2N00001Q",
        "parties": [{"role": "claimant", "kind": "individual", "name": "王五"}]}), content_type="application/json")
    assert response.status_code == 400 and "校验位应为P" in response.json()["detail"]
    assert not Case.objects.exists()

"""Needs: create, update, close, and the all-or-nothing import (services, authored data)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ipcity.audit.models import AuditEvent
from ipcity.transfer import services
from ipcity.transfer.models import TechNeed
from tests.web.transfer.transfer_fixtures import need_input, write_csv, write_xlsx

HEADER = ["企业名称", "需求描述", "产品", "行业代码", "所在地区", "预算（万元）", "合作方式"]


def test_need_create_writes_the_need_and_its_audit_record_without_contacts(transfer_world):
    w = transfer_world
    need = services.need_create(user=w.office_a, data=need_input(industry_code="c3985"))
    assert (need.enterprise, need.region_code, need.industry_code, need.mode) == (
        "铜陵某铜箔科技有限公司", "340700", "C3985", "licence")
    event = AuditEvent.objects.get(action="transfer.need.create", object_id=str(need.pk))
    assert event.after["enterprise"] == "铜陵某铜箔科技有限公司"
    assert "phone" not in event.after and "contact_person" not in event.after  # personal data stays out


@pytest.mark.parametrize(("overrides", "message"), [
    ({"description": "铜"}, "需求描述过短：至少写两个字"),
    ({"description": "  "}, "需求描述过短：至少写两个字"),
    ({"industry_code": "9899"}, "9899"),
    ({"mode": "lease"}, "lease"),
    ({"region_code": "341700"}, "只能登记本辖区的需求：341700"),
    ({"enterprise": ""}, "请填写企业名称"),
    # walk 25: the need form stored any text of up to 18 characters as the firm's credit code
    ({"credit_code": "9134070OMA2T00000I"}, "统一社会信用代码“9134070OMA2T00000I”第 8 位的“O”不是代码用字"),
    ({"credit_code": "XYZ"}, "统一社会信用代码“XYZ”应为 18 位，现为 3 位"),
    # walk 26: a code with one digit mistyped has the right shape; its check character refuses it
    ({"credit_code": "91340700ma2n00001q"}, "统一社会信用代码“91340700MA2N00001Q”校验位应为P"),
])
def test_bad_need_is_refused_with_its_message_and_nothing_is_written(transfer_world, overrides, message):
    with pytest.raises(ValidationError) as caught:
        services.need_create(user=transfer_world.office_a, data=need_input(**overrides))
    assert any(message in m for m in caught.value.messages)
    assert not TechNeed.objects.exists()


def test_only_the_office_creates_needs(transfer_world):
    for user in (transfer_world.leader_a, transfer_world.reporter):
        with pytest.raises(PermissionDenied):
            services.need_create(user=user, data=need_input())


def test_update_and_close(transfer_world):
    w = transfer_world
    need = services.need_create(user=w.office_a, data=need_input())
    services.need_update(user=w.office_a, need_id=need.pk, data=need_input(budget_wan=120.0, mode="transfer"))
    need.refresh_from_db()
    assert (need.budget_wan, need.mode) == (120.0, "transfer")
    with pytest.raises(ValidationError, match="关闭原因"):
        services.need_close(user=w.office_a, need_id=need.pk, reason=" ")
    services.need_close(user=w.office_a, need_id=need.pk, reason="企业已自行解决")
    need.refresh_from_db()
    assert (need.status, need.closed_reason) == ("closed", "企业已自行解决")
    with pytest.raises(ValidationError, match="已关闭"):
        services.need_close(user=w.office_a, need_id=need.pk, reason="再关一次")


def test_another_citys_office_does_not_see_the_need(transfer_world):
    from django.http import Http404

    need = services.need_create(user=transfer_world.office_a, data=need_input())
    with pytest.raises(Http404):
        services.need_close(user=transfer_world.office_b, need_id=need.pk, reason="x")


def test_import_writes_every_row_when_all_pass(transfer_world, tmp_path):
    path = write_xlsx(tmp_path / "needs.xlsx", HEADER, [
        ["铜陵某铜箔科技有限公司", "低轮廓电解铜箔表面粗化处理工艺", "铜箔", "3985", "340700", 300, "许可"],
        ["铜陵某电缆有限公司", "铜包铝线材连续挤压包覆工艺", "线缆", "3831", "", "", "转让"],
    ])
    created = services.needs_import(user=transfer_world.office_a, path=path, default_region_code="340700")
    assert [(n.enterprise, n.region_code, n.mode, n.budget_wan, n.source) for n in created] == [
        ("铜陵某铜箔科技有限公司", "340700", "licence", 300.0, "excel"),
        ("铜陵某电缆有限公司", "340700", "transfer", None, "excel")]


def test_import_lists_every_bad_row_and_writes_nothing(transfer_world, tmp_path):
    path = write_csv(tmp_path / "needs.csv", HEADER, [
        ["铜陵某铜箔科技有限公司", "低轮廓电解铜箔表面粗化处理工艺", "铜箔", "3985", "340700", "300", "许可"],
        ["铜陵某电缆有限公司", "", "线缆", "3831", "340700", "", "转让"],          # line 3: no description
        ["池州某材料有限公司", "石墨烯导热膜的制备工艺", "导热膜", "3985", "341700", "", "合作"],  # line 4: city B
    ])
    with pytest.raises(services.NeedsImportError) as caught:
        services.needs_import(user=transfer_world.office_a, path=path, default_region_code="340700")
    text = "；".join(caught.value.messages)
    assert "第 3 行" in text and "需求描述" in text
    assert not TechNeed.objects.exists()


def test_import_checks_the_credit_code_of_each_row_and_names_it(transfer_world, tmp_path):
    # walk 26: the needs file's credit code column was not read at all; now it is checked like the
    # form's (GB 32100, check characters included) and a bad one names its row
    header = [*HEADER, "统一社会信用代码"]
    good = ["铜陵某铜箔科技有限公司", "低轮廓电解铜箔表面粗化处理工艺", "铜箔", "3985", "340700", "300", "许可",
            "91340700ma2n00001p"]
    typo = ["铜陵某电缆有限公司", "铜包铝线材连续挤压包覆工艺", "线缆", "3831", "340700", "", "转让", "91340700MA2N00001Q"]
    with pytest.raises(services.NeedsImportError) as caught:
        services.needs_import(user=transfer_world.office_a, path=write_csv(tmp_path / "bad.csv", header, [good, typo]),
                              default_region_code="340700")
    assert caught.value.problems == [(3, "统一社会信用代码“91340700MA2N00001Q”校验位应为P")]
    assert not TechNeed.objects.exists()
    (need,) = services.needs_import(user=transfer_world.office_a, path=write_csv(tmp_path / "good.csv", header, [good]),
                                    default_region_code="340700")
    assert need.credit_code == "91340700MA2N00001P"


def test_import_refuses_a_row_outside_the_region_with_its_number(transfer_world, tmp_path):
    path = write_csv(tmp_path / "needs.csv", HEADER, [
        ["铜陵某铜箔科技有限公司", "低轮廓电解铜箔表面粗化处理工艺", "铜箔", "3985", "340700", "300", "许可"],
        ["池州某材料有限公司", "石墨烯导热膜的制备工艺", "导热膜", "3985", "341700", "", "合作"],
    ])
    with pytest.raises(services.NeedsImportError) as caught:
        services.needs_import(user=transfer_world.office_a, path=path, default_region_code="340700")
    assert caught.value.problems == [(3, "只能登记本辖区的需求：341700")]
    assert not TechNeed.objects.exists()

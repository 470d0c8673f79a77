"""Open-licence declarations: blocking problems refuse, fee flags warn (services, authored data)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from ipcity.transfer import services
from ipcity.transfer.models import LicenceDeclaration
from tests.web.transfer.transfer_fixtures import declaration_input, write_xlsx


def test_declaration_within_the_guidance_has_no_flags(transfer_world):
    declaration = services.declaration_create(user=transfer_world.office_a, data=declaration_input(pub_number="cn 99000001a"))
    assert declaration.pub_number == "CN99000001A"
    assert declaration.fee_flags == []


def test_fees_above_the_guidance_are_flagged_not_blocked(transfer_world):
    # 2,500 万元 > 2,000 万元; 25 % of net sales > 20 %; 45 % of profit > 40 %: three warnings.
    one_off = services.declaration_create(user=transfer_world.office_a, data=declaration_input(fixed_fee_wan=2500.0))
    assert len(one_off.fee_flags) == 1 and "2,000" in one_off.fee_flag_texts[0]
    royalty = services.declaration_create(user=transfer_world.office_a, data=declaration_input(
        pub_number="CN99000002A", fee_type="royalty", fixed_fee_wan=None, royalty_sales_pct=25.0,
        royalty_profit_pct=45.0))
    assert len(royalty.fee_flags) == 2
    # exactly at the guidance is not above it
    edge = services.declaration_create(user=transfer_world.office_a, data=declaration_input(
        pub_number="CN99000003A", fixed_fee_wan=2000.0))
    assert edge.fee_flags == []


@pytest.mark.parametrize(("overrides", "message"), [
    ({"patent_kind": "utility", "pub_number": "CN99000004U"}, "专利权评价报告"),
    ({"patent_kind": "design", "pub_number": "CN99000005S"}, "专利权评价报告"),
    ({"fee_type": "barter"}, "barter"),
    ({"declared_on": None}, "声明日期"),
    ({"region_code": "341700"}, "只能登记本辖区的开放许可声明"),
    ({"fixed_fee_wan": -1.0}, "不能为负数"),
])
def test_blocking_problems_refuse_the_declaration(transfer_world, overrides, message):
    with pytest.raises(ValidationError) as caught:
        services.declaration_create(user=transfer_world.office_a, data=declaration_input(**overrides))
    assert any(message in m for m in caught.value.messages)
    assert not LicenceDeclaration.objects.exists()


def test_a_utility_model_with_its_evaluation_report_is_recorded(transfer_world):
    declaration = services.declaration_create(user=transfer_world.office_a, data=declaration_input(
        pub_number="CN99000004U", patent_kind="utility", evaluation_report="PJ2025001"))
    assert declaration.evaluation_report == "PJ2025001"


def test_withdrawal(transfer_world):
    w = transfer_world
    declaration = services.declaration_create(user=w.office_a, data=declaration_input())
    with pytest.raises(ValidationError, match="撤回日期早于声明日期"):
        services.declaration_withdraw(user=w.office_a, declaration_id=declaration.pk, on=dt.date(2025, 5, 31))
    services.declaration_withdraw(user=w.office_a, declaration_id=declaration.pk, on=dt.date(2025, 9, 1))
    declaration.refresh_from_db()
    assert declaration.withdrawn_on == dt.date(2025, 9, 1)
    with pytest.raises(ValidationError, match="已撤回"):
        services.declaration_withdraw(user=w.office_a, declaration_id=declaration.pk, on=dt.date(2025, 9, 2))
    # withdrawn: the same patent may be declared again
    services.declaration_create(user=w.office_a, data=declaration_input(declared_on=dt.date(2025, 10, 1)))


def test_a_patent_has_one_in_force_declaration(transfer_world):
    services.declaration_create(user=transfer_world.office_a, data=declaration_input())
    with pytest.raises(ValidationError, match="已有有效的开放许可声明"):
        services.declaration_create(user=transfer_world.office_a, data=declaration_input())


HEADER = ["专利号", "专利名称", "专利类型", "专利权人", "区划代码", "声明日期", "许可使用费类型", "一次性许可费（万元）",
          "提成比例（净销售额%）", "专利权评价报告编号"]


def test_declarations_import_is_all_or_nothing(transfer_world, tmp_path):
    bad = write_xlsx(tmp_path / "bad.xlsx", HEADER, [
        ["CN99000001A", "一种电解铜箔表面粗化处理方法", "发明", "安徽某某大学", "340700", "2025-06-01", "一次性支付", 50, None, None],
        ["CN99000002U", "一种铜排焊接夹具", "实用新型", "某某工业大学", "340700", "2025-06-02", "提成支付", None, 3, None],
    ])
    with pytest.raises(services.DeclarationsImportError) as caught:
        services.declarations_import(user=transfer_world.office_a, path=bad)
    assert len(caught.value.problems) == 1 and caught.value.problems[0][0] == 3
    assert "专利权评价报告" in caught.value.problems[0][1]
    assert not LicenceDeclaration.objects.exists()
    good = write_xlsx(tmp_path / "good.xlsx", HEADER, [
        ["CN99000001A", "一种电解铜箔表面粗化处理方法", "发明", "安徽某某大学", "340700", "2025-06-01", "一次性支付", 2600, None, None],
        ["CN99000002U", "一种铜排焊接夹具", "实用新型", "某某工业大学", "340700", "2025-06-02", "提成支付", None, 3, "PJ1"],
    ])
    made = services.declarations_import(user=transfer_world.office_a, path=good)
    assert [(d.pub_number, d.patent_kind, d.fee_type, len(d.fee_flags)) for d in made] == [
        ("CN99000001A", "invention", "one_off", 1), ("CN99000002U", "utility", "royalty", 0)]

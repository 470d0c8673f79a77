"""Open-licence declarations: the fee guidance (flags, hand-worked thresholds) and blocking problems."""

from __future__ import annotations

import datetime as dt

import pytest

from ipcity.matching.licensing import declaration_problems, fee_flags


@pytest.mark.parametrize(("fee", "flagged"), [(2000, False), (2000.0, False), (2000.01, True), (1999.99, False), (5000, True)])
def test_fixed_fee_over_2000_wan_is_flagged(fee, flagged):
    assert bool(fee_flags(fee_type="one_off", fixed_fee_wan=fee)) is flagged


def test_entry_fee_has_the_same_ceiling():
    assert fee_flags(fee_type="entry_plus_royalty", entry_fee_wan=2000, royalty_sales_pct=3) == []
    assert fee_flags(fee_type="entry_plus_royalty", entry_fee_wan=2000.01, royalty_sales_pct=3) == [
        "入门费 2,000.01 万元，超过指导标准 2,000 万元"]


@pytest.mark.parametrize(("sales", "profit", "count"), [(20, None, 0), (20.01, None, 1), (None, 40, 0), (None, 40.5, 1),
                                                        (25, 45, 2), (5, 10, 0)])
def test_royalties_over_20_pct_of_sales_or_40_pct_of_profit(sales, profit, count):
    assert len(fee_flags(fee_type="royalty", royalty_sales_pct=sales, royalty_profit_pct=profit)) == count


def test_royalty_message_names_the_rate():
    assert fee_flags(fee_type="royalty", royalty_sales_pct=25) == ["提成比例为净销售额的 25%，超过指导标准 20%"]
    assert fee_flags(fee_type="royalty", royalty_profit_pct=45) == ["提成比例为利润的 45%，超过指导标准 40%"]


def test_utility_models_and_designs_need_an_evaluation_report():
    day = dt.date(2025, 3, 1)
    common = {"fee_type": "free", "declared_on": day}
    assert declaration_problems(patent_kind="invention", evaluation_report=False, **common) == []
    assert declaration_problems(patent_kind="utility", evaluation_report=False, **common) == [
        "实用新型专利声明开放许可须提交专利权评价报告"]
    assert declaration_problems(patent_kind="design", evaluation_report=False, **common) == [
        "外观设计专利声明开放许可须提交专利权评价报告"]
    assert declaration_problems(patent_kind="utility", evaluation_report=True, **common) == []


def test_other_blocking_problems_but_a_high_fee_does_not_block():
    day = dt.date(2025, 3, 1)
    assert declaration_problems(patent_kind="invention", evaluation_report=False, fee_type="barter", declared_on=day,
                                withdrawn_on=dt.date(2025, 2, 1)) == ["未知的许可费支付方式：barter", "撤回日期早于声明日期"]
    assert declaration_problems(patent_kind="invention", evaluation_report=False, fee_type="one_off", declared_on=day,
                                fixed_fee_wan=9000) == []
    assert declaration_problems(patent_kind="invention", evaluation_report=False, fee_type="royalty", declared_on=None) == [
        "缺少开放许可声明日期", "提成方式须写明提成比例"]


def test_a_free_licence_names_no_fee():
    day = dt.date(2025, 3, 1)
    common = {"patent_kind": "invention", "evaluation_report": False, "fee_type": "free", "declared_on": day}
    assert declaration_problems(**common, fixed_fee_wan=0) == []
    assert declaration_problems(**common, fixed_fee_wan=5) == ["免费许可不应填写许可费或提成比例"]
    assert declaration_problems(**common, royalty_sales_pct=3) == ["免费许可不应填写许可费或提成比例"]


@pytest.mark.parametrize(("field", "value", "message"), [
    ("fixed_fee_wan", 1e300, "一次性许可费超过 100,000,000 万元（1 万亿元），不是可能的合同金额，请核对金额和单位（万元）"),
    ("fixed_fee_wan", 100_000_000.01, "一次性许可费超过 100,000,000 万元（1 万亿元），不是可能的合同金额，请核对金额和单位（万元）"),
    ("fixed_fee_wan", float("inf"), "一次性许可费不是有效数字"),
    ("fixed_fee_wan", float("nan"), "一次性许可费不是有效数字"),
])
def test_a_fee_no_contract_can_have_is_refused_not_flagged(field, value, message):
    day = dt.date(2025, 3, 1)
    assert declaration_problems(patent_kind="invention", evaluation_report=False, fee_type="one_off",
                                declared_on=day, **{field: value}) == [message]


def test_the_bound_itself_and_below_are_contracts_the_guidance_only_flags():
    day = dt.date(2025, 3, 1)
    common = {"patent_kind": "invention", "evaluation_report": False, "declared_on": day}
    assert declaration_problems(**common, fee_type="one_off", fixed_fee_wan=100_000_000) == []
    assert declaration_problems(**common, fee_type="entry_plus_royalty", entry_fee_wan=2e8, royalty_sales_pct=3) == [
        "入门费超过 100,000,000 万元（1 万亿元），不是可能的合同金额，请核对金额和单位（万元）"]
    assert declaration_problems(**common, fee_type="royalty", royalty_sales_pct=100, royalty_profit_pct=100) == []
    assert declaration_problems(**common, fee_type="royalty", royalty_sales_pct=100.5, royalty_profit_pct=250) == [
        "提成比例（净销售额）超过 100%，请核对", "提成比例（利润）超过 100%，请核对"]

"""Open-licence declarations (专利开放许可声明): the fee guidance and the blocking checks.

The guidance (CNIPA's open-licence fee guidance, as issue 17 states it): a fixed (one-off) fee or an
entry fee over 2,000 万元, a royalty over 20 % of net sales or over 40 % of profit is flagged for the
office's attention; flags never block. A utility model or design needs its patent evaluation report
(专利权评价报告, Patent Law art. 51 as amended in 2020) before it can be declared: that blocks.
Amounts at exactly the threshold are within the guidance ("over" is strict).

Amounts no contract can have are refused, not flagged: a fixed or entry fee over 10^8 万元 (1 万亿元,
some thirty times the largest patent settlements ever reported), a royalty over 100 % of sales or of
profit, or a number that is not finite. A flag of 1e300 万元 only printed a 300-digit number.

Flags and problems are ``ipcity.notices.Notice``: Chinese text (the command line prints it) that the
web pages word again in their language; the transfer app stores a declaration's flags with their
templates and values so that a later page words them too.
"""

from __future__ import annotations

import datetime as dt
import math

from ipcity.notices import Notice, gettext_noop

FEE_TYPES = ("one_off", "royalty", "entry_plus_royalty", "free")
FEE_TYPE_NAMES = {"one_off": "一次性付费", "royalty": "提成", "entry_plus_royalty": "入门费加提成", "free": "免费"}
FIXED_FEE_CEILING_WAN = 2_000.0
ROYALTY_SALES_CEILING_PCT = 20.0
ROYALTY_PROFIT_CEILING_PCT = 40.0
KINDS_NEEDING_EVALUATION = ("utility", "design")
# Beyond these an amount is a typing slip (or 1e300), never a contract: refused, not flagged.
MAX_FEE_WAN = 100_000_000.0  # 10^8 万元 = 1 万亿元 = 10^12 元
MAX_ROYALTY_PCT = 100.0
# The amounts' names inside the problems (「一次性许可费不能为负数」), worded again with them.
_NAMES = {"fixed_fee_wan": Notice(gettext_noop("一次性许可费")), "entry_fee_wan": Notice(gettext_noop("入门费")),
          "royalty_sales_pct": Notice(gettext_noop("提成比例（净销售额）")),
          "royalty_profit_pct": Notice(gettext_noop("提成比例（利润）")), "term_years": Notice(gettext_noop("许可期限"))}


def fee_flags(*, fee_type: str, fixed_fee_wan: float | None = None, entry_fee_wan: float | None = None,
              royalty_sales_pct: float | None = None, royalty_profit_pct: float | None = None) -> list[str]:
    """Chinese warnings (``Notice``) for fees above the guidance; empty when every fee is within it."""
    flags: list[str] = []
    ceiling_wan = f"{FIXED_FEE_CEILING_WAN:,.0f}"
    if fixed_fee_wan is not None and fixed_fee_wan > FIXED_FEE_CEILING_WAN:
        flags.append(Notice(gettext_noop("一次性许可费 %(fee)s 万元，超过指导标准 %(ceiling)s 万元"),
                            fee=f"{fixed_fee_wan:,.2f}", ceiling=ceiling_wan))
    if entry_fee_wan is not None and entry_fee_wan > FIXED_FEE_CEILING_WAN:
        flags.append(Notice(gettext_noop("入门费 %(fee)s 万元，超过指导标准 %(ceiling)s 万元"),
                            fee=f"{entry_fee_wan:,.2f}", ceiling=ceiling_wan))
    if royalty_sales_pct is not None and royalty_sales_pct > ROYALTY_SALES_CEILING_PCT:
        flags.append(Notice(gettext_noop("提成比例为净销售额的 %(pct)s%%，超过指导标准 %(ceiling)s%%"),
                            pct=f"{royalty_sales_pct:g}", ceiling=f"{ROYALTY_SALES_CEILING_PCT:g}"))
    if royalty_profit_pct is not None and royalty_profit_pct > ROYALTY_PROFIT_CEILING_PCT:
        flags.append(Notice(gettext_noop("提成比例为利润的 %(pct)s%%，超过指导标准 %(ceiling)s%%"),
                            pct=f"{royalty_profit_pct:g}", ceiling=f"{ROYALTY_PROFIT_CEILING_PCT:g}"))
    return flags


def declaration_problems(*, patent_kind: str, evaluation_report: bool, fee_type: str,
                         declared_on: dt.date | None, withdrawn_on: dt.date | None = None,
                         fixed_fee_wan: float | None = None, entry_fee_wan: float | None = None,
                         royalty_sales_pct: float | None = None, royalty_profit_pct: float | None = None,
                         term_years: float | None = None) -> list[str]:
    """Chinese problems (``Notice``) that block a declaration (empty when it may be recorded)."""
    problems: list[str] = []
    if fee_type not in FEE_TYPES:
        problems.append(Notice(gettext_noop("未知的许可费支付方式：%(fee_type)s"), fee_type=fee_type))
    if patent_kind in KINDS_NEEDING_EVALUATION and not evaluation_report:
        problems.append(Notice(gettext_noop("实用新型专利声明开放许可须提交专利权评价报告")) if patent_kind == "utility"
                        else Notice(gettext_noop("外观设计专利声明开放许可须提交专利权评价报告")))
    if declared_on is None:
        problems.append(Notice(gettext_noop("缺少开放许可声明日期")))
    elif withdrawn_on is not None and withdrawn_on < declared_on:
        problems.append(Notice(gettext_noop("撤回日期早于声明日期")))
    amounts = {"fixed_fee_wan": fixed_fee_wan, "entry_fee_wan": entry_fee_wan, "royalty_sales_pct": royalty_sales_pct,
               "royalty_profit_pct": royalty_profit_pct, "term_years": term_years}
    problems.extend(Notice(gettext_noop("%(name)s不能为负数"), name=_NAMES[field])
                    for field, value in amounts.items() if value is not None and value < 0)
    problems.extend(_implausible(amounts))
    if fee_type == "one_off" and fixed_fee_wan is None:
        problems.append(Notice(gettext_noop("一次性付费须写明许可费")))
    if fee_type in ("royalty", "entry_plus_royalty") and royalty_sales_pct is None and royalty_profit_pct is None:
        problems.append(Notice(gettext_noop("提成方式须写明提成比例")))
    if fee_type == "entry_plus_royalty" and entry_fee_wan is None:
        problems.append(Notice(gettext_noop("入门费加提成方式须写明入门费")))
    fees = (fixed_fee_wan, entry_fee_wan, royalty_sales_pct, royalty_profit_pct)
    if fee_type == "free" and any(value for value in fees if value is not None and value > 0):
        # The public list would read "免费许可 · 一次性 5 万元": the holder must say which it is.
        problems.append(Notice(gettext_noop("免费许可不应填写许可费或提成比例")))
    return problems


def _implausible(amounts: dict[str, float | None]) -> list[str]:
    """Amounts no licence contract can have (not finite, a fee over ``MAX_FEE_WAN``, a royalty over 100 %)."""
    problems: list[str] = [Notice(gettext_noop("%(name)s不是有效数字"), name=_NAMES[field])
                           for field, value in amounts.items() if value is not None and not math.isfinite(value)]
    for field in ("fixed_fee_wan", "entry_fee_wan"):
        value = amounts[field]
        if value is not None and math.isfinite(value) and value > MAX_FEE_WAN:
            problems.append(Notice(gettext_noop(
                "%(name)s超过 %(limit)s 万元（1 万亿元），不是可能的合同金额，请核对金额和单位（万元）"),
                name=_NAMES[field], limit=f"{MAX_FEE_WAN:,.0f}"))
    for field in ("royalty_sales_pct", "royalty_profit_pct"):
        value = amounts[field]
        if value is not None and math.isfinite(value) and value > MAX_ROYALTY_PCT:
            problems.append(Notice(gettext_noop("%(name)s超过 100%%，请核对"), name=_NAMES[field]))
    return problems

"""Figures of a higher level quoted as yardsticks (``全国平均为12件``), which are no goal of the plan.

A prose goal of the goals part whose subject is the country or the province as a whole, stated
with a copula (为, 是, 已达) and no year of its own, says where that level stands: a plan compares
itself with it, it does not aim at it. Which levels are higher is the plan's own level's to say:
``全省…为9.4件`` is a yardstick in a city's plan, while ``到2025年，全省…达到X件`` in a provincial
plan is that plan's goal (it has a goal verb and a year, and 全省 is its own place).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ipcity.plans.extract.indicator_item import Indicator
from ipcity.plans.registry import Registry
from ipcity.plans.vocabulary import (
    FACT_COPULAS,
    NATIONAL_SUBJECTS,
    PROVINCE_ENDINGS,
    PROVINCIAL_SUBJECTS,
    alternation,
)

# ``rule(indicator, subjects of the levels above the plan) -> True`` drops it; any rule may.
YARDSTICK_RULES: Registry[Callable[[Indicator, tuple[str, ...]], bool]] = Registry(
    "indicators.yardstick", "prose goals that state a higher level's figure, not the plan's aim")
_FACT_END = re.compile(rf"(?:{alternation(FACT_COPULAS)})$")


def higher_subjects(region: str | None, issuer: str | None) -> tuple[str, ...]:
    """The subjects of the levels above the plan's own: none for a national plan, the country's
    for a provincial one, the country's and the province's for a city's, district's or county's
    (also when the region is not found: the plans this parser reads are mostly a city's)."""
    if issuer and issuer.startswith(("国务院", "国家")):
        return ()
    if region and region.endswith(PROVINCE_ENDINGS):
        return NATIONAL_SUBJECTS
    return NATIONAL_SUBJECTS + PROVINCIAL_SUBJECTS


@YARDSTICK_RULES.register("higher_level_fact", priority=10)
def higher_level_fact(item: Indicator, higher: tuple[str, ...]) -> bool:
    """``全国平均为12件``, ``全省每万人口高价值发明专利拥有量为9.4件`` with no city clause after it: a
    statement of fact about a higher level (its subject, a copula before the figure, no year
    written), not the plan's goal. ``国家级…`` is a rank, not the country."""
    stated = _FACT_END.search(item.name) or item.extra.get("copula", False)
    if item.source != "text" or item.extra.get("year_written", True) or not stated:
        return False
    return any(item.name.startswith(s) and not item.name.startswith(s + "级") for s in higher)


def drop_yardsticks(items: list[Indicator], region: str | None, issuer: str | None) -> list[Indicator]:
    higher = higher_subjects(region, issuer)
    return [item for item in items if not any(rule(item, higher) for rule in YARDSTICK_RULES)]

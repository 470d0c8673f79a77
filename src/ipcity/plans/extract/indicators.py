"""Indicators: the plan's quantitative goals, from its tables and its prose, each recorded once.

The table layouts are read by ``indicator_tables``, the sentences by ``prose_goals``; this module
puts the two together: a prose goal that a table already states (same year and quantity, a
similar name) is recorded once, from the table.
"""

from __future__ import annotations

from ipcity.plans.extract.indicator_item import Indicator
from ipcity.plans.extract.indicator_tables import goal_tables, indicators_of_table
from ipcity.plans.extract.prose_goals import prose_goals
from ipcity.plans.structure import Document


def extract_indicators(doc: Document, period: tuple[int, int] | None) -> list[Indicator]:
    table_items = [item for table in goal_tables(doc) for item in indicators_of_table(table, period)]
    return table_items + [p for p in prose_goals(doc, period) if not stated_by_table(p, table_items)]


def bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def base_quantity(value: float, unit: str | None) -> tuple[float, str]:
    scale = {"万": 1e4, "亿": 1e8, "千": 1e3, "百": 1e2}
    u = unit or ""
    mult = 1.0
    while len(u) > 1 and u[0] in scale:
        mult *= scale[u[0]]
        u = u[1:]
    return float(value) * mult, u


def stated_by_table(item: Indicator, table_items: list[Indicator]) -> bool:
    """A prose goal that repeats a table row: the same year and quantity and a similar name."""
    for target in item.targets:
        mine = base_quantity(target["value"], item.unit)
        for other in table_items:
            if len(bigrams(item.name) & bigrams(other.name)) < 2:
                continue
            for t in other.targets:
                theirs = base_quantity(t["value"], other.unit)
                if t["year"] == target["year"] and abs(mine[0] - theirs[0]) < 1e-6 * max(1, mine[0]) \
                        and (not mine[1] or not theirs[1] or mine[1] == theirs[1]):
                    return True
    return False

"""Targets written as a multiple of the baseline (``有效发明专利拥有量比2023年翻一番``).

The words are kept as the indicator's ``qualitative_target`` (what the plan wrote); where the
baseline of that year is known (a figure of that year in the same sentence, ``由2023年的50家``, or
the baseline column of the indicator table) the target is the multiple of it, in its unit. Where
it is not known, no value is made up: the indicator keeps the words only (the format's target is
a value the plan gives or implies, and a plan that names no baseline implies none).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ipcity.plans.extract.indicator_item import Indicator
from ipcity.plans.extract.indicator_tables import baseline_rows
from ipcity.plans.extract.indicators import bigrams
from ipcity.plans.extract.quantities import UNIT
from ipcity.plans.extract.text import clauses, clean_name, goal_year
from ipcity.plans.registry import Registry
from ipcity.plans.structure import Document
from ipcity.plans.vocabulary import DOUBLING_COUNTS

# ``rule(words) -> (match, factor)`` or None: the first rule that reads a multiple wins.
MULTIPLE_RULES: Registry[Callable[[str], tuple[re.Match, float] | None]] = Registry(
    "indicators.multiple", "targets written as a multiple of the baseline")
_DOUBLING = re.compile(rf"(?:(?:比|较)\s*(?P<year>20\d{{2}})\s*年(?:底|末)?|实现)?\s*翻\s*(?P<n>[{''.join(DOUBLING_COUNTS)}])\s*番")
_FROM_YEAR_FIGURE = r"(?:由|从)\s*{year}\s*年(?:底|末)?(?:的)?\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>{unit})"
_NAME_END = re.compile(r"(?:比|较|由|从|实现|翻)")
_YEAR_FIGURE = r"(?:由|从)?\s*{year}\s*年(?:底|末)?(?:的)?\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>{unit})"


@MULTIPLE_RULES.register("doubling", priority=10)
def doubling(words: str) -> tuple[re.Match, float] | None:
    """``翻一番`` → 2, ``翻两番`` → 4 (``比2023年翻一番``, ``实现翻一番``): each 番 doubles."""
    m = _DOUBLING.search(words)
    return (m, float(2 ** DOUBLING_COUNTS[m.group("n")])) if m else None


def multiple_in(words: str) -> tuple[re.Match, float] | None:
    return next((found for rule in MULTIPLE_RULES if (found := rule(words)) is not None), None)


def times(value: float, factor: float) -> float | int:
    product = round(value * factor, 6)
    return int(product) if product == int(product) and isinstance(value, int) else product


def with_multiples(indicators: list[Indicator], doc: Document, period: tuple[int, int] | None) -> list[Indicator]:
    """Table rows whose target cell is a multiple get its value; the goals part's prose clauses
    written as a multiple become indicators (or complete the written figure of their sentence)."""
    for item in indicators:
        found = multiple_in(item.qualitative_target or "") if item.source == "table" else None
        if found and item.baseline is not None and not item.targets:
            year = item.extra.get("qualitative_year") or (period[1] if period else None)
            item.targets = [{"year": year, "value": times(item.baseline["value"], found[1]), "comparator": ">="}]
    bases = baseline_rows(doc, period)
    for section in doc.sections():
        if section.part != "goals" or section.is_box:
            continue
        for line in ([section.line] if section.line is not None else []) + section.paragraphs:
            for c_start, c_end in clauses(line.text):
                indicators = prose_multiple(indicators, bases, line, c_start, c_end, period)
    return indicators


def prose_multiple(indicators: list[Indicator], bases: list[Indicator], line, c_start: int, c_end: int,
                   period: tuple[int, int] | None) -> list[Indicator]:
    text = line.text
    found = multiple_in(text[c_start:c_end])
    if found is None:
        return indicators
    m, factor = found
    cut = _NAME_END.search(text, c_start, c_start + m.start() + 1)
    name = clean_name(text[c_start:cut.start() if cut else c_start + m.start()])
    if not name:
        return indicators  # a clause with no subject of its own: whose multiple it is is a guess
    base_year = int(m.group("year")) if m.group("year") else None
    sentence = sentence_around(text, c_start)
    span = line.span(c_start, c_end)
    in_sentence = line.span(*sentence)
    # a figure read from this clause is its baseline (由2023年的50家翻一番), no goal of its own
    others = [i for i in indicators if not (i.source == "text" and span[0] <= i.span[0] < span[1])]
    table_row = next((i for i in others if i.source == "table" and similar(i.name, name)), None)
    if table_row is not None and (table_row.targets or table_row.qualitative_target):
        return others  # the table states this indicator's target
    item = Indicator(name=name, unit=None, baseline=None, targets=[],
                     qualitative_target=text[c_start + m.start():c_start + m.end()].strip(), tags=[], source="text",
                     span=span)
    year = goal_year(text, c_start + m.start()) or (period[1] if period else None)
    if base_year is not None:
        figure = re.search(_YEAR_FIGURE.format(year=base_year, unit=UNIT), text[sentence[0]:sentence[1]])
        if figure:
            value = float(figure.group("num")) if "." in figure.group("num") else int(figure.group("num"))
            item.unit, item.baseline = figure.group("unit"), {"year": base_year, "value": value}
        elif (row := next((b for b in bases if similar(b.name, name) and b.baseline
                           and b.baseline["year"] == base_year), None)) is not None:
            item.unit, item.baseline = row.unit, dict(row.baseline) if row.baseline else None
    else:  # 实现翻一番，由2023年的3.2亿元增至…: the base is the figure the sentence starts it from
        figure = re.search(_FROM_YEAR_FIGURE.format(year=r"(?P<year>20\d{2})", unit=UNIT), text[sentence[0]:sentence[1]])
        if figure:
            value = float(figure.group("num")) if "." in figure.group("num") else int(figure.group("num"))
            item.unit, item.baseline = figure.group("unit"), {"year": int(figure.group("year")), "value": value}
    if item.baseline is not None:
        item.targets = [{"year": year, "value": times(item.baseline["value"], factor), "comparator": ">="}]
    # the same figures written in the sentence (…翻一番，由2023年的3.2亿元增至6.4亿元) are this indicator
    written = [i for i in others if i.source == "text" and in_sentence[0] <= i.span[0] < in_sentence[1]
               and i.baseline is not None and i.baseline == item.baseline]
    for other in written:  # the plan wrote the value: the words add nothing to it
        item.targets, item.qualitative_target = other.targets, None
        item.span = (min(span[0], other.span[0]), max(span[1], other.span[1]))
    others = [i for i in others if not any(i is w for w in written)]
    # in the order written: before the first prose goal that comes after it
    at = next((k for k, i in enumerate(others) if i.source == "text" and i.span[0] > item.span[0]), len(others))
    return others[:at] + [item] + others[at:]


def sentence_around(text: str, at: int) -> tuple[int, int]:
    start = max(text.rfind(mark, 0, at) for mark in "。；;") + 1
    ends = [i for i in (text.find(mark, at) for mark in "。；;") if i >= 0]
    return start, min(ends) if ends else len(text)


def similar(a: str, b: str) -> bool:
    return a == b or len(bigrams(a) & bigrams(b)) >= 2

"""Which indicators the platform can compute from IP records, by the catalogue of standard indicators.

A catalogue entry (``StandardIndicator``) may carry a ``formula`` over the figures of
``ipcity indicators compute`` (``ipcity.analytics.formulas``). An indicator *can be computed from
records* when its name is the entry's name or one of its aliases (the exact match of
``compare.catalogue_match``, never a resemblance) or the office linked it to the entry, the entry
has a formula, and the formula's unit converts into the indicator's (件 → 万件, 元 → 亿元, not 件 → 家).

The platform only *suggests*: on the indicator page the office sees the entry and its formula and
confirms the link (``services.indicator_link_confirm``); nothing is linked without that.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ipcity.monitoring.compare import catalogue_index, catalogue_match
from ipcity.monitoring.models import IndicatorLink, StandardIndicator
from ipcity.programs.models import Indicator
from ipcity.text import convert_unit


@dataclass(frozen=True)
class RecordsSuggestion:
    """An indicator's catalogue entry with a formula: ``linked`` when the office has confirmed it."""

    standard: StandardIndicator
    linked: bool

    @property
    def formula(self) -> str:
        return self.standard.formula


def formula_unit(formula: str) -> str | None:
    """The unit the engine gives a formula's value in (件, 元, %), None for a formula that does not parse."""
    from ipcity.analytics.formulas import FormulaError, parse

    try:
        return parse(formula).unit
    except FormulaError:
        return None


def computable(standard: StandardIndicator | None, unit: str | None) -> bool:
    """The entry has a formula whose value converts into ``unit`` (an empty unit takes the entry's)."""
    if standard is None or not standard.formula:
        return False
    engine_unit = formula_unit(standard.formula)
    return engine_unit is not None and convert_unit(1, engine_unit, unit or standard.unit) is not None


def computable_entry(name: str, unit: str | None,
                     index: dict[str, StandardIndicator] | None = None) -> StandardIndicator | None:
    """The catalogue entry an indicator of this name and unit is, when records can compute it."""
    standard = catalogue_match(name, index)
    return standard if computable(standard, unit) else None


def records_suggestion(indicator: Indicator,
                       standards: list[StandardIndicator] | None = None) -> RecordsSuggestion | None:
    """The confirmed link when its entry has a formula, else the catalogue's exact-name suggestion.

    ``standards``: the catalogue, when the caller has read it already (the indicator page reads it
    once for this and the figure choices); the link is read from the indicator when it was
    ``select_related`` (``selectors.indicator_for_page``)."""
    link = _link(indicator)
    if link is not None:
        return RecordsSuggestion(link.standard, linked=True) if computable(link.standard, indicator.unit) else None
    index = catalogue_index(standards) if standards is not None else None
    standard = computable_entry(indicator.name, indicator.unit, index)
    return RecordsSuggestion(standard, linked=False) if standard is not None else None


def _link(indicator: Indicator) -> IndicatorLink | None:
    try:
        return indicator.monitoring_link  # cached by select_related, else one query
    except IndicatorLink.DoesNotExist:
        return None


def figure_choices(standards: Iterable[StandardIndicator] | None = None) -> list[tuple[str, str]]:
    """The figures the office may compute: every catalogue formula (by its standard name), then the
    engine's own figures the catalogue does not name."""
    from ipcity.monitoring.engine_figures import KEYS

    entries = list(standards if standards is not None else StandardIndicator.objects.exclude(formula="").order_by("code"))
    choices, seen = [], set()
    for standard in entries:
        if standard.formula and standard.formula not in seen and formula_unit(standard.formula) is not None:
            choices.append((standard.formula, standard.name))
            seen.add(standard.formula)
    choices += [(key, label) for key, label in KEYS.items() if key not in seen]
    return choices


def computable_entries(indicators: Iterable[tuple[str, str | None]]) -> list[StandardIndicator | None]:
    """For each (name, unit), in order, the catalogue entry records compute it by, or None (the
    seeds' count: ``tests/web/records_platform/test_catalogue.py``, docs/records-indicators.md)."""
    index = catalogue_index()
    return [computable_entry(name, unit, index) for name, unit in indicators]

"""A computed figure's lineage read back in the order its parts mean, whatever order the database kept.

``IndicatorActual.lineage`` is a JSON field. SQLite keeps an object's keys as written; PostgreSQL's
``jsonb`` stores them shortest first, then bytewise. Read back as stored, the lineage page listed
the terms of ``tm_valid + licences`` as licences, tm_valid, a licence's parties as 受让方 before
让与方, and the kinds of record as licence before trademark. The page reads a lineage through
:func:`in_order`: the formula's terms in the formula's order, its years ascending, the kinds of
record in the spec's order (``record_kinds.ALL_KINDS``) and a kind's parties in ``PARTIES``' order.
"""

from __future__ import annotations

from typing import Any

from ipcity.analytics.formulas import FormulaError, parse
from ipcity.analytics.record_kinds import ALL_KINDS, PARTIES
from ipcity.core.key_order import by_sequence


def in_order(lineage: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``lineage`` whose mappings that are read in sequence are in their domain's order."""
    ordered = dict(lineage)
    formula = lineage.get("formula")
    if isinstance(formula, dict) and isinstance(formula.get("terms"), dict):
        ordered["formula"] = {**formula, "terms": _terms(formula)}
    if isinstance(lineage.get("dataset_kinds"), dict):
        ordered["dataset_kinds"] = by_sequence(lineage["dataset_kinds"], ALL_KINDS)
    if isinstance(lineage.get("attribution"), dict):
        ordered["attribution"] = {kind: _parties(kind, counts)
                                  for kind, counts in by_sequence(lineage["attribution"], ALL_KINDS).items()}
    return ordered


def _terms(formula: dict[str, Any]) -> dict[str, Any]:
    """Years ascending; in each, the terms as the formula writes them (``formula.text``)."""
    try:
        written: tuple[str, ...] = parse(str(formula.get("text") or "")).terms
    except FormulaError:  # not a formula the engine knows (any more): the terms in code-point order
        written = ()
    years = sorted(formula["terms"].items(), key=lambda item: _year(item[0]))
    return {year: by_sequence(values, written) if isinstance(values, dict) else values for year, values in years}


def _year(key: str) -> tuple[int, str]:
    """A year's key (``"2025"``) in numeric order; any other key after the years."""
    return (int(key), "") if key.isdigit() else (10_000, key)


def _parties(kind: str, counts: Any) -> Any:
    """A kind's counts per party (``{"from": {...}, "to": {...}}``) in ``PARTIES``' order; a kind
    counted as one (``{"by_address", "by_name"}``) as it is."""
    if not isinstance(counts, dict) or "by_address" in counts:
        return counts
    return by_sequence(counts, [party.role for party in PARTIES.get(kind, ())])

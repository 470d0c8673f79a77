"""A catalogue indicator as a formula over the figures of ``ipcity indicators compute``.

The catalogue of standard indicators (``monitoring.StandardIndicator.formula``) says how each
national indicator is computed from records, in a small language over the keys of
``panel.compute_region``:

- ``tm_valid``: one figure;
- ``pledge_amount_by_kind.patent``: one part of a figure that is an object;
- ``licences + transfers``: a sum of figures (知识产权转让、许可数量);
- ``growth(copyright_works)``: the year-on-year growth of a figure in % (…年度增幅),
  ``(F(Y) − F(Y−1)) / F(Y−1) × 100``, null when ``F(Y−1)`` is 0.

A formula's value is in the unit the engine counts in (:func:`Formula.unit`: 件, 元 or %); the one
conversion into an indicator's own unit (元 → 亿元, 件 → 万件) is ``ipcity.text.convert_unit``.
No Django here: the CLI, a notebook and the platform read formulas the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

#: Figures of the patent engine (shared/spec/ip-indicators.md).
PATENT_KEYS = ("invention_valid", "invention_valid_per_10k", "high_value", "high_value_per_10k",
               "invention_grants", "invention_applications", "pct_applications")
#: Figures of the other records (shared/spec/ip-records.md); ``pledge_amount_by_kind`` is an object.
RECORD_KEYS = ("tm_valid", "tm_valid_per_10k_entities", "tm_new_registrations", "madrid_new", "gi_marks_valid",
               "pledge_count", "pledge_amount", "pledge_amount_by_kind", "licences", "licences_in", "transfers",
               "transfers_in", "copyright_works", "copyright_software")
#: The parts of the object figures.
PARTS = {"pledge_amount_by_kind": ("patent", "trademark", "mixed"),
         "high_value_by_criterion": ("sei", "overseas_family", "maintained_10y", "pledge", "award")}
#: The kind of record each figure is computed from (the dataset must hold it).
KIND_OF_KEY = {**dict.fromkeys(PATENT_KEYS, "patent"), **dict.fromkeys(RECORD_KEYS[:5], "trademark"),
               **dict.fromkeys(RECORD_KEYS[5:8], "pledge"), **dict.fromkeys(RECORD_KEYS[8:12], "licence"),
               **dict.fromkeys(RECORD_KEYS[12:], "copyright"), "high_value_by_criterion": "patent"}
#: Per-10,000 figures: the count each divides and the reference figure it divides it by (the panel's
#: ``population``, the office's market ``entities``), × 10,000 (shared/spec/ip-indicators.md, ip-records.md).
PER_10K = {"invention_valid_per_10k": ("invention_valid", "population"),
           "high_value_per_10k": ("high_value", "population"),
           "tm_valid_per_10k_entities": ("tm_valid", "entities")}

#: The figures the high-value criteria decide: only these depend on the SEI table and the pledge threshold.
HIGH_VALUE_KEYS = frozenset({"high_value", "high_value_per_10k", "high_value_by_criterion"})


def per_10k(count: int, divisor: float | None) -> float | None:
    """``count / divisor × 10,000``, unrounded (the specs' formula; interfaces round for display);
    None without a divisor. Multiplied first so that round figures stay exact (7 × 10,000 /
    1,000,000 = 0.07)."""
    if not divisor:
        return None
    return count * 10_000 / divisor


def per_10k_column(count: Any, divisor: Any) -> Any:
    """``per_10k`` over pandas columns (the panel's): the same order of operations, and missing
    (NA) wherever ``per_10k`` gives None, i.e. where the divisor is missing or 0 (not ∞)."""
    return (count * 10_000 / divisor).where(divisor.fillna(0) != 0)


# Money figures are in 元; every other figure counts things (件; per-10k figures too).
_MONEY = ("pledge_amount", "pledge_amount_by_kind")

_TERM = re.compile(r"^([a-z_0-9]+)(?:\.([a-z_0-9]+))?$")
_GROWTH = re.compile(r"^growth\((.+)\)$")


class FormulaError(ValueError):
    """A formula that names no figure of the engine, or is not written in the formula language."""


@dataclass(frozen=True)
class Formula:
    terms: tuple[str, ...]  # "key" or "key.part", summed
    growth: bool = False

    @property
    def text(self) -> str:
        """The canonical spelling (what the catalogue stores and the lineage records)."""
        body = " + ".join(self.terms)
        return f"growth({body})" if self.growth else body

    @property
    def keys(self) -> tuple[str, ...]:
        """The figures of ``compute_region`` read (without their parts), in order, once each."""
        return tuple(dict.fromkeys(term.split(".")[0] for term in self.terms))

    @property
    def kinds(self) -> tuple[str, ...]:
        """The kinds of record a dataset must hold for this formula."""
        return tuple(dict.fromkeys(KIND_OF_KEY[key] for key in self.keys))

    @property
    def years_back(self) -> int:
        """How many years before Y the formula reads (1 for a growth)."""
        return 1 if self.growth else 0

    @property
    def unit(self) -> str:
        """The unit the engine gives the value in: % for a growth, 元 for money, else 件."""
        if self.growth:
            return "%"
        money = {term.split(".")[0] in _MONEY for term in self.terms}
        if len(money) > 1:
            raise FormulaError(f"{self.text}: adds money (元) to counts (件)")
        return "元" if money == {True} else "件"

    def term_values(self, result: dict[str, Any]) -> dict[str, float | None]:
        """Each term's value in one year's ``compute_region`` object (None: absent or null)."""
        values: dict[str, float | None] = {}
        for term in self.terms:
            key, _, part = term.partition(".")
            value = result.get(key)
            if part and isinstance(value, dict):
                value = value.get(part)
            elif part:
                value = None
            values[term] = None if value is None else float(value)
        return values

    def evaluate(self, results: dict[int, dict[str, Any]], year: int) -> tuple[float | None, str | None]:
        """``(value, None)``, or ``(None, reason)`` when a term is absent or null (the reason says which).

        ``results`` maps a year to its ``compute_region`` object; a growth needs ``year - 1`` too.
        """
        current, reason = self._sum(results[year])
        if current is None or not self.growth:
            return current, reason
        previous, reason = self._sum(results[year - 1])
        if previous is None:
            return None, reason
        if previous == 0:
            return None, f"{self.text}: the figure is 0 in {year - 1}, so its growth is undefined"
        return (current - previous) * 100 / previous, None

    def _sum(self, result: dict[str, Any]) -> tuple[float | None, str | None]:
        values = self.term_values(result)
        missing = [term for term, value in values.items() if value is None]
        if missing:
            return None, f"no value for {', '.join(missing)}"
        return sum(v for v in values.values() if v is not None), None


def known_terms() -> tuple[str, ...]:
    """Every term a formula may use."""
    parts = tuple(f"{key}.{part}" for key, names in PARTS.items() for part in names)
    return tuple(k for k in (*PATENT_KEYS, *RECORD_KEYS) if k not in PARTS) + parts


def parse(text: str) -> Formula:
    """``"licences + transfers"`` → Formula; :class:`FormulaError` names what is wrong."""
    body = " ".join((text or "").split())
    if not body:
        raise FormulaError("empty formula")
    growth = _GROWTH.match(body.replace(" ", ""))
    if growth:
        body = growth.group(1)
    terms = []
    for raw in body.replace(" ", "").split("+"):
        match = _TERM.match(raw)
        if not match:
            raise FormulaError(f"{text!r}: {raw!r} is not a figure name (write key, key.part, a + b or growth(key))")
        key, part = match.groups()
        if key not in KIND_OF_KEY:
            raise FormulaError(f"{text!r}: unknown figure {key!r}; one of {', '.join(known_terms())}")
        if key in PARTS and part not in PARTS[key]:
            raise FormulaError(f"{text!r}: {key} is split by {', '.join(PARTS[key])}: write {key}.<part>")
        if key not in PARTS and part:
            raise FormulaError(f"{text!r}: {key} has no parts")
        terms.append(raw)
    if len(set(terms)) != len(terms):
        raise FormulaError(f"{text!r}: a figure is added twice")
    formula = Formula(terms=tuple(terms), growth=bool(growth))
    formula.unit  # noqa: B018  (refuses money + counts)
    return formula

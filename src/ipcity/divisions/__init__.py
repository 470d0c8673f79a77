"""GB/T 2260 administrative divisions (行政区划代码), in one place; no Django.

- :mod:`ipcity.divisions.codes`: what a code's digits say (normalisation, level, parent,
  province, city, the prefix that scopes a region, "is within").
- :mod:`ipcity.divisions.table`: the region table as versioned reference data (editions,
  names ↔ codes). The edition shipped is ``data/gbt2260-<edition>.csv``; a newer one is loaded
  with ``ipcity regions load FILE --edition YEAR`` (docs/regions.md).
- :mod:`ipcity.divisions.wording`: what a document of a place calls it and its IP-strong programme
  (全县, 县知识产权局, 知识产权强县), from the region's name and level and the plan's title.

Free-text address parsing (an address or a company name → a code) is not here: it needs
cpca's matcher and lives with the patent importer (``ipcity.analytics.addresses``).
"""

from __future__ import annotations

from ipcity.divisions.codes import (
    COUNTRY,
    LEVELS,
    DivisionCodeError,
    check_code,
    city_of,
    is_within,
    level,
    level_key,
    normalise_code,
    parent_of,
    parents,
    province_of,
    region_prefix,
)
from ipcity.divisions.table import (
    PLACEHOLDER_NAMES,
    Division,
    DivisionTable,
    DivisionTableError,
    Edition,
    current_edition,
    editions,
    load_edition,
    table,
    table_of,
)


def name_of(code: str) -> str | None:
    """The name the table in use gives a code (``440300`` → 深圳市), or None."""
    return table().name_of(code)


def is_known_code(code: str) -> bool:
    """Whether ``code`` is a six-digit code as written (no spaces, no short or twelve-digit form)
    that the table in use names: what a typed region code must be before it is compared or stored."""
    return normalise_code(code) == code and name_of(code) is not None


def display_name(code: str) -> str:
    """A name for people (``110100`` → 北京市, not 市辖区); "" for an unknown code."""
    return table().display_name(code)


def codes_for_name(name: str) -> list[str]:
    """Every code a region name may stand for (朝阳区 → two; 铜陵 → 340700)."""
    return table().codes_for_name(name)


def code_for_name(name: str) -> str | None:
    """The one code a region name stands for, or None (unknown or ambiguous)."""
    return table().code_for_name(name)


def codes_of_level(level_name: str) -> list[str]:
    """Every code of the level in the table in use (placeholder rows included)."""
    return table().codes_of_level(level_name)


__all__ = [
    "COUNTRY", "LEVELS", "PLACEHOLDER_NAMES", "Division", "DivisionCodeError", "DivisionTable", "DivisionTableError",
    "Edition", "check_code", "city_of", "code_for_name", "codes_for_name", "codes_of_level", "current_edition",
    "display_name", "editions", "is_known_code", "is_within", "level", "level_key", "load_edition", "name_of", "normalise_code",
    "parent_of", "parents", "province_of", "region_prefix", "table", "table_of",
]

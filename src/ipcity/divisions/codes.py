"""GB/T 2260 codes by their digits alone: no table needed.

A code has six digits ``PPCCDD``: province, city (prefecture level), district (county level).
``440000`` is a province, ``440300`` a city, ``440305`` a district. The national statistics
bureau's twelve-digit codes (``440305000000``) start with the six-digit code.

Under GB/T 2260 "within" is a prefix relation: a region's *prefix* is its code without the
trailing ``00`` pairs (``330000`` → ``33``, ``330100`` → ``3301``), and every code that starts
with it lies within the region. Municipalities (北京 110000) keep their ``市辖区`` city code
``110100``, and the province-administered counties (``429004`` 仙桃) fall under the ``4290``
grouping: both are what the prefix rule gives.
"""

from __future__ import annotations

import re
from typing import Any

LEVELS = ("province", "city", "district")
# The whole country as a region. GB/T 2260 gives it no code; ``000000`` is never a division's code
# (``normalise_code`` refuses a leading ``00``, so no record carries it), and its prefix is empty:
# every domestic record attributed to some region lies within it. Not a level of ``LEVELS``.
COUNTRY = "000000"
_CODE = re.compile(r"^\d{6}$")
_SPACE = re.compile(r"\s")


class DivisionCodeError(ValueError):
    """Not a six-digit GB/T 2260 code, or an unknown level."""


def normalise_code(value: Any) -> str | None:
    """``440305``, ``440305000000``, ``4403`` or ``44`` → a six-digit code; None if not one."""
    if value is None:
        return None
    if isinstance(value, float) and value == int(value):
        value = int(value)
    text = _SPACE.sub("", str(value))
    if not text.isdigit():
        return None
    if len(text) == 12:
        text = text[:6]
    if len(text) in (2, 4):
        text = text.ljust(6, "0")
    return text if len(text) == 6 and text[:2] != "00" else None


def check_code(code: str) -> str:
    """The code, stripped; ``DivisionCodeError`` unless it is six digits."""
    code = (code or "").strip()
    if not _CODE.match(code):
        raise DivisionCodeError(f"not a 6-digit GB/T 2260 region code: {code!r}")
    return code


def region_prefix(code: str) -> str:
    """``330000`` → ``33``; ``330100`` → ``3301``; ``330106`` → ``330106``; ``COUNTRY`` → ``""``."""
    code = check_code(code)
    if code == COUNTRY:
        return ""
    if code[2:] == "0000":
        return code[:2]
    if code[4:] == "00":
        return code[:4]
    return code


def level(code: str) -> str:
    """``province``, ``city`` or ``district`` (``country`` for ``COUNTRY``)."""
    return {0: "country", 2: "province", 4: "city", 6: "district"}[len(region_prefix(code))]


def province_of(code: str) -> str:
    """``330106`` → ``330000``."""
    return check_code(code)[:2] + "0000"


def city_of(code: str) -> str | None:
    """``330106`` → ``330100``; None for a province (it lies in no city)."""
    code = check_code(code)
    return code[:4] + "00" if code[2:4] != "00" else None


def level_key(code: str, level_name: str) -> str | None:
    """The region of ``level_name`` that ``code`` lies within, or None (a province-only code has
    no city). The engine's expression in ``ipcity.analytics.attribution`` does the same in SQL."""
    code = check_code(code)
    if level_name == "province":
        return province_of(code)
    if level_name == "city":
        return city_of(code)
    if level_name == "district":
        return code if code[4:] != "00" else None
    raise DivisionCodeError(f"unknown level {level_name!r}; one of {', '.join(LEVELS)}")


def parent_of(code: str) -> str | None:
    """The code one level up by the digits (``330106`` → ``330100`` → ``330000`` → None).

    The table's ``Division.parent_code`` skips placeholder rows (市辖区); this does not."""
    current = level(code)
    if current in ("province", "country"):
        return None
    if current == "city":
        return province_of(code)
    return city_of(code) or province_of(code)


def parents(code: str) -> list[str]:
    """The code and the codes above it: ``440305`` → [``440305``, ``440300``, ``440000``]."""
    chain = [check_code(code)]
    while (parent := parent_of(chain[-1])) is not None:
        chain.append(parent)
    return chain


def is_within(code: str, region: str) -> bool:
    """True when ``code`` is ``region`` or lies inside it (a district in its city or province)."""
    return check_code(code).startswith(region_prefix(region))

"""Small display filters for programme pages: numbers as a plan writes them, comparators as signs."""

from __future__ import annotations

from django import template

from ipcity.programs.importing.notices import worded

register = template.Library()

COMPARATOR_SIGNS = {">=": "≥", "<=": "≤", "=": "="}


@register.filter
def plainnum(value) -> str:
    """11.5 → "11.5", 2000.0 → "2000", 1234567.0 → "1234567"; None → "" (never "2000.0")."""
    if value is None or value == "":
        return ""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    if number.is_integer():
        return str(int(number))
    return f"{number:.6g}" if abs(number) < 1e6 else f"{number:.2f}"


@register.filter
def comparator_sign(value: str) -> str:
    return COMPARATOR_SIGNS.get(value, value or "")


@register.filter
def notice(warning) -> str:
    """A stored import warning worded in the page's language (programs.importing.notices)."""
    return worded(warning)

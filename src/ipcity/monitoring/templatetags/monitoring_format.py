"""Display filters of the monitoring pages: rounded figures, percentages, status badges."""

from __future__ import annotations

from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def fig(value, digits: int = 2) -> str:
    """A figure rounded for display (the verdict itself is never rounded): 13.0864 → 13.09."""
    if value is None or value == "":
        return "—"
    number = float(value)
    if number.is_integer():
        return f"{int(number):,}"  # grouped like the decimals below (2,000 beside 1,936.07)
    return f"{number:,.{int(digits)}f}".rstrip("0").rstrip(".")


@register.filter
def pct(value) -> str:
    return "—" if value is None else f"{float(value) * 100:.1f}%"


@register.simple_tag
def badge(b: dict) -> str:
    """A coloured badge that always carries its word (colour is never the only signal)."""
    return format_html('<span class="badge {} status-{}" data-status="{}">{}</span>', b["colour"], b["colour"], b["code"], b["word"])

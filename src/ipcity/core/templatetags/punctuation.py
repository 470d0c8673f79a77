"""Punctuation a template writes between translated words and numbers, in the page's language.

A Chinese page writes ``年度研判（2026）`` and ``研判方法。``; the same template in English must
write ``Annual assessment (2026)`` and ``Assessment method.``, not ``Annual assessment（2026）``.
Translators see only the words (the catalogue keeps its msgids); these tags add the marks:
``{{ year|paren }}``, ``{% colon %}``, ``{% semicolon %}``, ``{% full_stop %}``.
"""

from __future__ import annotations

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()


def _chinese() -> bool:
    return (get_language() or "zh-hans").lower().startswith("zh")


@register.filter(is_safe=True)
def paren(value: object) -> SafeString:
    """（value） on a Chinese page, `` (value)`` (with the space before) otherwise; escaped."""
    text = conditional_escape(value if isinstance(value, str) else str(value))
    return mark_safe(f"（{text}）" if _chinese() else f" ({text})")  # noqa: S308 - escaped above


@register.simple_tag
def colon() -> str:
    return "：" if _chinese() else ": "


@register.simple_tag
def semicolon() -> str:
    return "；" if _chinese() else "; "


@register.simple_tag
def full_stop() -> str:
    return "。" if _chinese() else "."

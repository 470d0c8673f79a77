"""Punctuation a template writes between translated words and numbers, in the page's language.

A Chinese page writes ``年度研判（2026）`` and ``研判方法。``; the same template in English must
write ``Annual assessment (2026)`` and ``Assessment method.``, not ``Annual assessment（2026）``.
Translators see only the words (the catalogue keeps its msgids); these tags add the marks:
``{{ year|paren }}``, ``{% colon %}``, ``{% semicolon %}``, ``{% full_stop %}``; ``{% comma %}`` and
``{% list_comma %}`` (、 between listed items); ``{% open_paren %}…{% close_paren %}`` around markup
(a ``lang="zh"`` unit); ``{% open_quote %}`` before a quoted ``lang="zh"`` name (``任务“…”``, ``Task “…”``); ``{{ messages|join_semicolons }}`` and ``{{ names|join_list }}``.
Python that joins translated words writes the same marks through the plain functions here
(``labelled(label, value)``, ``parenthesised(text)``, ``colon()``…): one home for both.
"""

from __future__ import annotations

from django import template
from django.template.defaultfilters import join
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
    return mark_safe(parenthesised(text))  # noqa: S308 - escaped above


@register.simple_tag
def colon() -> str:
    return "：" if _chinese() else ": "


@register.simple_tag
def semicolon() -> str:
    return "；" if _chinese() else "; "


@register.simple_tag
def full_stop() -> str:
    return "。" if _chinese() else "."


@register.simple_tag
def sentence_gap() -> str:
    """Between two sentences: nothing after a Chinese 。, a space after an English full stop."""
    return "" if _chinese() else " "


@register.simple_tag
def comma() -> str:
    return "，" if _chinese() else ", "


@register.simple_tag
def list_comma() -> str:
    """The 、 between listed items: a comma in English."""
    return "、" if _chinese() else ", "


@register.simple_tag
def open_paren() -> str:
    return "（" if _chinese() else " ("


@register.simple_tag
def open_quote() -> str:
    """The “ of a quoted name after a word: none before it in Chinese, a space in English."""
    return "“" if _chinese() else " “"


@register.simple_tag
def close_paren() -> str:
    return "）" if _chinese() else ")"


@register.filter(is_safe=True, needs_autoescape=True)
def join_semicolons(values: object, autoescape: bool = True) -> str:
    """Messages one after another: ``a；b`` in Chinese, ``a; b`` in English (items escaped)."""
    return join(values, semicolon(), autoescape=autoescape)


@register.filter(is_safe=True, needs_autoescape=True)
def join_list(values: object, autoescape: bool = True) -> str:
    """Listed items: ``a、b`` in Chinese, ``a, b`` in English (items escaped)."""
    return join(values, list_comma(), autoescape=autoescape)


def labelled(label: object, value: object) -> str:
    """``label：value`` in Chinese, ``label: value`` in English (plain text, for messages built in Python)."""
    return f"{label}{colon()}{value}"


def parenthesised(text: object) -> str:
    """``（text）`` in Chinese, `` (text)`` in English (plain text, for messages built in Python)."""
    return f"{open_paren()}{text}{close_paren()}"

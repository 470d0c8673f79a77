"""``{{ message|quoted_zh }}``: a message that quotes Chinese data, with the quotes marked ``lang="zh"``.

Messages name the things they are about in quotes (``任务「三/（一）/1 …」：请选择进展状态``,
``Task “三/（一）/1 …”: choose a status``). In any language the quoted name is data from a plan
document, Chinese by nature; the filter escapes the message and wraps each quotation holding
Chinese in ``<span lang="zh">`` (screen readers switch voice; the English crawl test knows it is data).
"""

from __future__ import annotations

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ipcity.text import HAN_RANGES

register = template.Library()

_QUOTED = re.compile(f"(?<=[“「])([^”」]*[{HAN_RANGES}][^”」]*)(?=[”」])")


@register.filter(is_safe=True)
def quoted_zh(message: object) -> SafeString:
    return mark_safe(_QUOTED.sub(r'<span lang="zh">\1</span>', escape(str(message))))  # noqa: S308 - escaped first


@register.filter
def names_zh(value: object) -> str:
    """A stored list of names joined by ``|`` (a patent's holders, as the canonical records keep
    them) written as Chinese lists them, ``甲、乙``: the names are Chinese data in any language."""
    return "、".join(part.strip() for part in str(value or "").split("|") if part.strip())

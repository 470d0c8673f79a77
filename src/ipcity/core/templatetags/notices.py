"""``{{ message|reworded }}``: a library's message (``ipcity.notices.Notice``, or one stored as
``{"text", "template", "values"}``) worded in the page's language (``ipcity.core.notices``).

What stays Chinese on an English page (a message stored before notices were kept, a Chinese value
of a message) is marked ``lang="zh"``, so screen readers switch voice.
"""

from __future__ import annotations

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString

from ipcity.core.notices import reworded as reworded_text
from ipcity.text import has_han

register = template.Library()


@register.filter(is_safe=True)
def reworded(message: object) -> SafeString:
    text = reworded_text(message)
    if has_han(text):
        return format_html('<span lang="zh">{}</span>', text)
    return conditional_escape(text)

"""The import review's warnings, stored so that they can be worded in the reader's language.

The readers and the parser give ``ipcity.notices.Notice`` warnings: Chinese text with the
template and values it was worded from. The review stores them as ``{"text", "template",
"values"}`` and words them again when a page shows them, so an English page reads English. An import
stored before notices were kept (a plain string) is shown as it was stored.
"""

from __future__ import annotations

from typing import Any

from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from ipcity.core.templatetags.punctuation import list_comma
from ipcity.notices import Notice, join_values
from ipcity.plans.read.textjoin import is_cjk


def stored(warnings: list[str]) -> list[str | dict[str, Any]]:
    """What ``PlanImport.warnings`` keeps for each warning."""
    return [w.as_json() if isinstance(w, Notice) else str(w) for w in warnings]


def worded(warning: str | dict[str, Any]) -> SafeString:
    """One stored warning as HTML in the active language; the document's own words (quoted lines)
    stay Chinese and are marked ``lang="zh"``."""
    if not isinstance(warning, dict):
        return _marked(str(warning))
    values = warning.get("values") or {}
    # Text values are the document's words (a quoted line); lists are the page's own enumeration.
    safe = {k: _marked(v) if isinstance(v, str) else v for k, v in values.items()}
    safe = {k: conditional_escape(str(v)) if isinstance(values[k], list) else v
            for k, v in join_values(safe, list_comma()).items()}
    try:
        return mark_safe(escape(gettext(warning["template"])) % safe)
    except (KeyError, TypeError, ValueError):
        # A catalogue entry that lost a placeholder must not break the review: the stored text.
        return _marked(str(warning.get("text", "")))


def _marked(text: str) -> SafeString:
    return format_html('<span lang="zh">{}</span>', text) if any(map(is_cjk, text)) else conditional_escape(text)

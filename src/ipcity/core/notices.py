"""The libraries' messages (``ipcity.notices.Notice``) worded in the page's language, as plain text.

A Notice is Chinese text that keeps its template and values; a stored one is ``{"text", "template",
"values"}``. ``reworded`` looks the template up in the catalogue and fills it again, a value that is
itself a Notice (a field's name, a row's message) worded the same way and a list joined by the
language's enumeration comma. A plain string (a message stored before notices were kept, or one an
app wrote with its own ``gettext``) is shown as it is. Forms, services, the API and the pages use
this; the import review's HTML (``programs.importing.notices``) marks the document's own words too.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext

from ipcity.core.templatetags.punctuation import list_comma
from ipcity.notices import Notice, join_values


def reworded(message: object) -> str:
    """A Notice, a stored notice or a plain message, worded in the active language."""
    if isinstance(message, Notice):
        template, values, text = message.template, message.values, str(message)
    elif isinstance(message, dict) and is_stored_notice(message):
        template, values, text = message["template"], message.get("values") or {}, str(message.get("text", ""))
    elif isinstance(message, dict):
        return str(message.get("text", ""))
    else:
        return str(message)
    if not isinstance(values, dict):
        return text
    filled: dict[str, Any] = {k: reworded(v) if isinstance(v, (Notice, dict)) else v for k, v in values.items()}
    try:
        return gettext(template) % join_values(filled, list_comma())
    except (KeyError, TypeError, ValueError):
        # A catalogue entry that lost a placeholder must not break the page: the Chinese text.
        return text


def is_stored_notice(value: object) -> bool:
    """A notice as a JSON field keeps it (``Notice.as_json``)."""
    return isinstance(value, dict) and isinstance(value.get("template"), str) and "text" in value


def reworded_all(messages: list[Any]) -> list[str]:
    return [reworded(message) for message in messages]


def stored(messages: list[str]) -> list[str | dict[str, Any]]:
    """What a JSON field keeps for each message: a Notice with what wording it again needs."""
    return [m.as_json() if isinstance(m, Notice) else str(m) for m in messages]

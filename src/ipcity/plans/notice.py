"""Warnings that can be worded again in the reader's language.

The readers and the parser warn in Chinese (the command line prints them as they are). The import
review stores them and shows them later, possibly on the English page, so a warning also keeps the
template it was worded from and its values: the web layer looks the template up in its message
catalogue and fills it again. Templates are marked with ``gettext_noop`` — a local no-op of the same
name, because this library imports no Django — so that ``makemessages`` (xgettext matches the
keyword by name) puts them in the catalogue.
"""

from __future__ import annotations

from typing import Any

# What a value may be: a list (page numbers, say) is joined by the language's enumeration comma.
Value = str | int | float | list[Any]


def gettext_noop(message: str) -> str:
    """Mark ``message`` for the catalogue without translating it here."""
    return message


def join_values(values: dict[str, Value], comma: str) -> dict[str, str | int | float]:
    return {k: comma.join(map(str, v)) if isinstance(v, list) else v for k, v in values.items()}


class Notice(str):
    """A warning worded in Chinese (it *is* that string), with its ``template`` (``%(name)s``
    placeholders) and ``values`` kept for wording it again."""

    template: str
    values: dict[str, Value]

    def __new__(cls, template: str, **values: Value) -> Notice:
        text = super().__new__(cls, template % join_values(values, "、"))
        text.template = template
        text.values = values
        return text

    def as_json(self) -> dict[str, Any]:
        """What the import review stores: the Chinese text too, for any reader without a catalogue."""
        return {"text": str(self), "template": self.template, "values": self.values}

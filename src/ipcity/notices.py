"""Messages that can be worded again in the reader's language: the one home of ``Notice``.

The libraries (the plan readers and parser, the matching library) word their warnings and refusals
in Chinese, and the command line prints them as they are. The web pages show them, possibly on an
English page, and some are stored and shown later (an import review's warnings, a declaration's fee
flags), so a message also keeps the template it was worded from and its values: the web layer
(``ipcity.core.notices``) looks the template up in its catalogue and fills it again. Templates are
marked with ``gettext_noop`` — a local no-op of the same name, because the libraries import no
Django — so that ``makemessages`` (xgettext matches the keyword by name) puts them in the catalogue.

A value may itself be a Notice (a field's name inside 「%(name)s不能为负数」, a row's message inside
「第 %(row)s 行：%(msg)s」): it is worded again too. Django-free, at the bottom layer, beside
``ipcity.text`` and ``ipcity.credit_codes``, so every library and app shares it.
"""

from __future__ import annotations

from typing import Any

# What a value may be: a list (page numbers, say) is joined by the language's enumeration comma;
# a Notice (a str) is worded again where the message is.
Value = str | int | float | list[Any]


def gettext_noop(message: str) -> str:
    """Mark ``message`` for the catalogue without translating it here."""
    return message


def join_values(values: dict[str, Any], comma: str) -> dict[str, Any]:
    return {k: comma.join(map(str, v)) if isinstance(v, list) else v for k, v in values.items()}


class Notice(str):
    """A message worded in Chinese (it *is* that string), with its ``template`` (``%(name)s``
    placeholders) and ``values`` kept for wording it again."""

    template: str
    values: dict[str, Value]

    def __new__(cls, template: str, **values: Value) -> Notice:
        text = super().__new__(cls, template % join_values(values, "、"))
        text.template = template
        text.values = values
        return text

    def as_json(self) -> dict[str, Any]:
        """What is stored: the Chinese text too, for any reader without a catalogue; a value that
        is a Notice is stored the same way."""
        values = {k: v.as_json() if isinstance(v, Notice) else v for k, v in self.values.items()}
        return {"text": str(self), "template": self.template, "values": values}


def notice_of(error: BaseException) -> str:
    """An exception's message, the Notice itself when it was raised with one (``str(error)`` would
    keep only its Chinese text)."""
    first = error.args[0] if len(error.args) == 1 else None
    return first if isinstance(first, Notice) else str(error)

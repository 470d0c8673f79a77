"""Free text a person typed (a report's summary, a case's reason), as a service saves it.

One rule for every service that takes such text from a form and from the API alike (a form's
``max_length`` does not guard the API): bidirectional controls are removed (``ipcity.text``: typed
into a name they reverse what follows on lists, boards and reports), a NUL or another control
character (C0, C1, DEL) or a lone surrogate is refused (PostgreSQL cannot store a NUL, no database
can encode a surrogate half, and the others are never typed; tab and line breaks are text), and
text beyond its limit is refused with the limit, never cut without a word.
"""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Mapping

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ipcity.text import without_bidi_controls

_ALLOWED_CONTROLS = frozenset("\t\n\r")
# Cc: C0 and C1 controls and DEL (never typed; a NUL PostgreSQL cannot store). Cs: a lone surrogate
# half (JSON's "\ud800"), which no database can encode: both refused with one message.
_REFUSED_CATEGORIES = frozenset({"Cc", "Cs"})


def typed_text(raw: object, *, label: str, limit: int) -> str:
    """``raw`` stripped and without bidi controls; ``ValidationError`` (Chinese, naming ``label``)
    for a control character or more than ``limit`` characters. None reads as empty."""
    text = without_bidi_controls(raw if isinstance(raw, str) else "").strip()
    if any(unicodedata.category(ch) in _REFUSED_CATEGORIES and ch not in _ALLOWED_CONTROLS for ch in text):
        raise ValidationError(_("%(field)s含有控制字符，无法保存；请删除后再保存") % {"field": label})
    if len(text) > limit:
        raise ValidationError(_("%(field)s过长：%(n)s 字，至多 %(limit)s 字") % {
            "field": label, "n": f"{len(text):,}", "limit": f"{limit:,}"})
    return text


def column_text_problems(model: type, values: Mapping[str, object]) -> list[str]:
    """Every problem :func:`typed_text` finds in ``values`` (text fields of ``model`` by name), each
    limited to its column's ``max_length`` (a ``TextField``: no limit, control characters only),
    named by the field's label: for services that list all of an input's problems at once (the
    transfer app's needs and declarations, whose API input has no form's ``max_length`` before it)."""
    problems: list[str] = []
    for name, raw in values.items():
        if not isinstance(raw, str):
            continue
        field = model._meta.get_field(name)  # type: ignore[attr-defined]
        try:
            typed_text(raw, label=str(field.verbose_name), limit=field.max_length or sys.maxsize)
        except ValidationError as exc:
            problems.extend(exc.messages)
    return problems


class TypedCharField(forms.CharField):
    """A form's text field under the same rule: bidi controls removed, a control character refused
    under the field (tab and line breaks are text), for the forms whose text goes straight into a
    stored document (the plan-import review, the programme editor) rather than through a service
    that calls :func:`typed_text` itself."""

    def to_python(self, value: object) -> str | None:
        text = super().to_python(value)
        return typed_text(text, label=str(self.label or ""), limit=self.max_length or sys.maxsize) if text else text

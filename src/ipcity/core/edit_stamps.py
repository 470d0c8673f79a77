"""Saves over someone else's later change: a form carries a stamp of the state it was opened at.

Forms that edit a row without a version column (a programme's indicator, task and schedule, a
technology need, a programme's monitoring thresholds, a case type's limits, a user's account) put ``edit_stamp(state)`` in a hidden ``stamp`` field, where ``state`` is what
the audit keeps of the row. The service recomputes it under its row lock and refuses the save with
``StaleEdit`` when it differs: nothing is written, and the page shows the user's input again with
the new stamp, so that saving once more is a knowing choice (field test 2026-12-06: a second tab
silently wrote back the values the first one had changed).
"""

from __future__ import annotations

import hashlib
import json

from django.utils.translation import gettext as _


class StaleEdit(Exception):
    """The row changed after the form was opened (its stamp differs): nothing was written."""


def edit_stamp(state: dict) -> str:
    """A short fingerprint of an edit form's state."""
    return hashlib.sha256(json.dumps(state, sort_keys=True, default=str).encode()).hexdigest()[:20]


def require_unchanged(state: dict, seen: str | None) -> None:
    """``seen`` is the stamp the form was opened at; None (the API, direct calls) skips the check."""
    if seen is not None and edit_stamp(state) != seen:
        raise StaleEdit


def seen_stamp(post) -> str | None:
    """The stamp a form posted back (None when the form had none)."""
    return post.get("stamp") or None


def stale_message() -> str:
    return _("此页内容在您打开之后已被修改，您的修改尚未保存。下方保留了您填写的内容；请核对（可在新窗口查看当前内容）后再点“保存”。")

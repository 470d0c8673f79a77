"""Every time a user sees, as text, in the site's zone (Asia/Shanghai).

Instants are stored in UTC (``USE_TZ``); templates convert them (``|date``), but Python code that
formats an instant itself (``strftime`` on a model's ``created_at``, an ISO string kept in JSON)
printed UTC: the same import read 15:32 on the home page and 23:32 on the import list. Such code
calls :func:`local_text`.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

MINUTES = "%Y-%m-%d %H:%M"
SECONDS = "%Y-%m-%d %H:%M:%S"


def local_text(value: dt.datetime | str | None, fmt: str = MINUTES) -> str:
    """An instant (aware datetime, or ISO 8601 text with an offset) as local text; "" for nothing.

    Text that is not an ISO instant is returned as it is; a naive datetime is taken as UTC (the
    zone everything is stored in).
    """
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        if len(value) < 16 or value[10] not in "T ":  # a date, a year, a word: not an instant
            return value
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
    if timezone.is_naive(value):
        value = timezone.make_aware(value, dt.UTC)
    return timezone.localtime(value).strftime(fmt)

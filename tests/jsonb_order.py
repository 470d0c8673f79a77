"""A JSON value with its mappings' keys in the order PostgreSQL's ``jsonb`` gives them back.

``jsonb`` does not keep an object's keys as written: it stores them shorter first (length in
bytes), then bytewise, and keeps the last of duplicate keys. SQLite's JSON text keeps the keys as
given, so a test on SQLite stores a value in jsonb's order (``Model.objects.filter(pk=...)
.update(field=jsonb_order(value))``) to see what a PostgreSQL installation reads. Lists keep their
order in both.
"""

from __future__ import annotations

from typing import Any


def jsonb_key(key: str) -> tuple[int, bytes]:
    """Where jsonb puts a key: its length in UTF-8 bytes, then its bytes."""
    encoded = key.encode("utf-8")
    return len(encoded), encoded


def jsonb_order(value: Any) -> Any:
    """``value`` with every mapping, at any depth, in jsonb's key order."""
    if isinstance(value, dict):
        return {key: jsonb_order(value[key]) for key in sorted(value, key=jsonb_key)}
    if isinstance(value, list):
        return [jsonb_order(item) for item in value]
    return value


def reversed_order(value: Any) -> Any:
    """``value`` with every mapping, at any depth, in the reverse of its written order: a reader
    that follows the stored order shows any mapping of two or more keys differently."""
    if isinstance(value, dict):
        return {key: reversed_order(value[key]) for key in reversed(list(value))}
    if isinstance(value, list):
        return [reversed_order(item) for item in value]
    return value

"""Write audit records. Called from inside every ``services.py`` write, in its transaction."""

from __future__ import annotations

import datetime
import decimal
from typing import Any

from django.db import models
from django.db.models.fields.files import FieldFile

from ipcity.audit.models import AuditEvent


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """The object's concrete field values as JSON-safe data (foreign keys as ids)."""
    data: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        value = getattr(obj, field.attname)
        data[field.attname] = _jsonable(value)
    return data


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, FieldFile):  # its .url raises on an empty file, so only the name
        return value.name or None
    return value


def audit_record(
    *,
    actor,
    action: str,
    obj: models.Model,
    before: dict | None = None,
    after: dict | None = None,
    program_id: int | None = None,
    note: str = "",
) -> AuditEvent:
    """Record one change. ``before``/``after`` default to nothing/the object's snapshot."""
    if after is None and not action.endswith(".delete"):
        after = snapshot(obj)
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        actor=user,
        actor_name=(user.get_username() if user else "system"),
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        program_id=program_id,
        before=before,
        after=after,
        note=note,
    )


def changed_fields(before: dict, after: dict) -> dict[str, tuple[Any, Any]]:
    """What differs between two snapshots: {field: (old, new)}."""
    return {k: (before.get(k), after.get(k)) for k in sorted(set(before) | set(after)) if before.get(k) != after.get(k)}

"""Write audit records. Called from inside every ``services.py`` write, in its transaction."""

from __future__ import annotations

import datetime
import decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from ipcity.audit.context import current_client_ip
from ipcity.audit.models import AuditEvent

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.forms import PasswordChangeForm

# 网络安全法 Art. 21: network logs are kept for no less than six months.
MIN_RETENTION_DAYS = 180


# Never kept in a snapshot, and never shown from one recorded before this rule (the demo once kept
# its accounts' password hashes): the trail is not rewritten, so reading leaves them out too.
SECRET_FIELDS = frozenset({"password"})


def without_secrets(data: dict[str, Any] | None) -> dict[str, Any] | None:
    """A recorded snapshot without its secret fields (None stays None)."""
    if data is None:
        return None
    return {key: value for key, value in data.items() if key not in SECRET_FIELDS}


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """The object's concrete field values as JSON-safe data (foreign keys as ids), secrets left out."""
    data: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if fields is not None and field.name not in fields or field.attname in SECRET_FIELDS:
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
        client_ip=current_client_ip(),
    )


@transaction.atomic
def password_change(*, form: PasswordChangeForm) -> AbstractBaseUser:
    """Save a new password (Django's ``PasswordChangeForm``) and record the change, in one transaction."""
    user = form.save()
    security_record(action="auth.password_change", actor=user)
    return user


def security_record(
    *,
    action: str,
    actor=None,
    username: str = "",
    target=None,
    note: str = "",
    program_id: int | None = None,
    path: str = "",
) -> AuditEvent:
    """Record a sign-in, a refused request or a download: events with no changed object.

    Sign-in events are filed under the account (``auth.user``): ``target`` is the account a failed
    login aimed at, so that an office sees attempts on its users; ``username`` is what was typed,
    kept as written. Requests (``path`` given) are filed under ``http.request`` with no object id:
    they belong to no account's history, which would otherwise open to whoever reads the programme.
    """
    user = actor if getattr(actor, "is_authenticated", False) else None
    name = user.get_username() if user else (username or "anonymous")
    if path:
        object_type, object_id, shown = "http.request", "", path
    else:
        account = target if target is not None else user
        object_type, object_id, shown = "auth.user", str(account.pk) if account is not None else "", username or name
    return AuditEvent.objects.create(
        actor=user,
        actor_name=name[:150],
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_repr=shown[:255],
        program_id=program_id,
        note=note,
        client_ip=current_client_ip(),
    )


def retention_days() -> int:
    """``IPCITY_AUDIT_RETENTION_DAYS``; less than the legal minimum is refused, never shortened."""
    days = int(getattr(settings, "IPCITY_AUDIT_RETENTION_DAYS", 365))
    if days < MIN_RETENTION_DAYS:
        raise ImproperlyConfigured(
            f"IPCITY_AUDIT_RETENTION_DAYS={days}: audit records must be kept at least {MIN_RETENTION_DAYS} days"
        )
    return days


@transaction.atomic
def audit_purge(*, actor=None) -> int:
    """Delete the records older than the retention period; younger ones are never touched.

    The cut-off is always the real clock minus the retention (no caller can move it). The purge
    itself is recorded (how many, up to when), so a gap in the trail is explained.
    """
    days = retention_days()
    cutoff = timezone.now() - datetime.timedelta(days=days)
    deleted, _ = AuditEvent.objects.filter(at__lt=cutoff).delete()
    security_record(action="audit.purge", actor=actor, username="system",
                    note=f"deleted={deleted} before={cutoff.isoformat()} retention_days={days}")
    return deleted


def changed_fields(before: dict, after: dict) -> dict[str, tuple[Any, Any]]:
    """What differs between two snapshots: {field: (old, new)}."""
    return {k: (before.get(k), after.get(k)) for k in sorted(set(before) | set(after)) if before.get(k) != after.get(k)}

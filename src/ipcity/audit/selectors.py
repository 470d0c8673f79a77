"""Reads of the audit trail: an object's history, a programme's events, with their differences."""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.template.defaultfilters import yesno
from django.utils import timezone
from django.utils.translation import gettext

from ipcity.audit.labels import choice_label, field_label, model_fields
from ipcity.audit.models import AuditEvent
from ipcity.audit.services import changed_fields, without_secrets
from ipcity.core.access import user_role
from ipcity.core.models import Role
from ipcity.core.notices import is_stored_notice, reworded_all
from ipcity.core.search import folded_contains, folded_contains_any
from ipcity.core.templatetags.punctuation import semicolon


@dataclass
class EventChange:
    field: str
    old: Any
    new: Any
    object_type: str = ""  # app_label.model, to put words on the field and its choices
    # A foreign key's object by name (``events_with_changes``), only where the viewer may see it.
    old_name: str = ""
    new_name: str = ""

    @property
    def label(self) -> str:
        return field_label(self.object_type, self.field)

    @property
    def old_shown(self) -> str:
        return self.old_name or choice_label(self.object_type, self.field, self.old) or value_shown(self.old)

    @property
    def new_shown(self) -> str:
        return self.new_name or choice_label(self.object_type, self.field, self.new) or value_shown(self.new)


def value_shown(value: Any) -> str:
    """A recorded value as a reader expects it: snapshots keep instants as UTC ISO strings
    (``2026-11-21T19:13:05.79+00:00``), the page shows them in local time to the second; a flag
    is 是/否 (Django's own words for yes and no, so no new message to translate), not True/False;
    stored library messages (``{"text", "template", "values"}``, a declaration's fee flags) are worded
    in the reader's language, one after another; so are plain texts (fee flags in a snapshot an older
    release recorded, which no migration rewrites), not shown with Python's list brackets."""
    if isinstance(value, bool):
        return str(yesno(value))
    if isinstance(value, list) and value and all(is_stored_notice(item) or isinstance(item, str) for item in value):
        return semicolon().join(reworded_all(value))
    if isinstance(value, str) and len(value) >= 19 and value[10:11] == "T":
        try:
            instant = datetime.datetime.fromisoformat(value)
        except ValueError:
            return value
        if timezone.is_aware(instant):
            instant = timezone.localtime(instant)
        return instant.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dict | list):
        # a structure (a computed value's lineage): JSON reads null and true, not Python's None and True.
        # Keys in code-point order, as the export writes them: the order they were recorded in is not
        # kept by PostgreSQL's jsonb (it gives keys back shortest first), so the page follows neither.
        return json.dumps(value, ensure_ascii=False, default=str, sort_keys=True)
    return str(value)


def event_changes(event: AuditEvent) -> list[EventChange]:
    """What the event changed, field by field (a creation lists every field as new)."""
    before = without_secrets(event.before) or {}
    after = without_secrets(event.after) or {}
    return [EventChange(k, old, new, event.object_type) for k, (old, new) in changed_fields(before, after).items()]


def events_with_changes(events: Iterable[AuditEvent], viewer) -> list[tuple[AuditEvent, list[EventChange]]]:
    """Each event with its changes, a foreign key shown by its object's name rather than its id
    (修改人 → admin, not → 1) wherever the viewer may see that object; otherwise the id, as stored.

    Snapshots keep ids (``updated_by_id``); names are looked up now, one query per related model:
    the owning app's registered scope (``core.contributions``) filtered to the page's ids, or, for a
    type registered without one, its access rule once per distinct object.
    """
    rows = [(event, event_changes(event)) for event in events]
    wanted: dict[str, set[int]] = {}
    for _event, changes in rows:
        for change in changes:
            target = related_type(change.object_type, change.field)
            if target:
                wanted.setdefault(target, set()).update(v for v in (change.old, change.new) if isinstance(v, int))
    names = {target: _visible_names(target, ids, viewer) for target, ids in wanted.items()}
    for event, changes in rows:
        for change in changes:
            target = related_type(change.object_type, change.field) or ""
            known = dict(names.get(target, {}))
            if target == _user_type() and event.actor_id is not None and event.actor_id not in known:
                known[event.actor_id] = event.actor_name  # the row names its actor already: nothing new
            change.old_name = _name_for(change.old, known)
            change.new_name = _name_for(change.new, known)
    return rows


def _user_type() -> str:
    from django.contrib.auth import get_user_model

    return get_user_model()._meta.label_lower


def _name_for(value: Any, known: dict[int, str]) -> str:
    if not isinstance(value, int) or isinstance(value, bool):
        return ""
    return known.get(value, "")


def _visible_names(target: str, ids: set[int], viewer) -> dict[int, str]:
    """{id: name} of the objects of ``target`` (``app_label.model``) that ``viewer`` may see."""
    from django.contrib.auth import get_user_model
    from django.http import Http404

    from ipcity.core.contributions import OBJECT_ACCESS, OBJECT_SCOPES
    from ipcity.core.models import Region

    if target == _user_type():
        users = get_user_model().objects.filter(pk__in=ids).select_related("profile")
        if user_role(viewer) != Role.ADMIN:
            users = users.filter(pk__in=_scoped_users(viewer).values("pk"))
        return {user.pk: _user_name(user) for user in users}
    if target == Region._meta.label_lower:  # GB/T 2260 names: public knowledge
        return dict(Region.objects.filter(pk__in=ids).values_list("pk", "name"))
    scope = OBJECT_SCOPES.get(target)
    if scope is not None:  # the app's rule as a queryset: the page's objects in one query
        return {obj.pk: str(obj) for obj in scope(viewer).filter(pk__in=ids)}
    fetch = OBJECT_ACCESS.get(target)
    if fetch is None:
        return {}  # no rule says who may see it: the id stays, nothing is revealed
    names: dict[int, str] = {}
    for pk in sorted(ids):
        try:
            names[pk] = str(fetch(viewer, pk))
        except (Http404, PermissionDenied):
            continue
    return names


def _user_name(user) -> str:
    profile = getattr(user, "profile", None)
    shown = getattr(profile, "display_name", "") if profile is not None else ""
    return f"{shown}（{user.get_username()}）" if shown and shown != user.get_username() else user.get_username()


def related_type(object_type: str, attname: str) -> str | None:
    """``app_label.model`` of the object a recorded foreign key (``updated_by_id``) points to."""
    field = model_fields(object_type).get(attname)
    if field is None or not field.many_to_one and not field.one_to_one:
        return None
    return field.related_model._meta.label_lower


def object_history(object_type: str, object_id: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(object_type=object_type, object_id=str(object_id)).select_related("actor"))


@dataclass(frozen=True)
class EventFilter:
    action: str = ""
    actor: str = ""
    since: datetime.date | None = None
    until: datetime.date | None = None
    client_ip: str = ""


def program_events(program_id: int, flt: EventFilter | None = None) -> QuerySet[AuditEvent]:
    """Every event recorded against the programme, newest first, optionally filtered."""
    qs = AuditEvent.objects.filter(program_id=program_id)
    if flt is not None:
        if flt.action:
            qs = qs.filter(action__startswith=flt.action)
        if flt.actor:
            qs = qs.filter(folded_contains("actor_name", flt.actor))
        if flt.since:
            qs = qs.filter(at__date__gte=flt.since)
        if flt.until:
            qs = qs.filter(at__date__lte=flt.until)
    return qs.order_by("-at", "-id")


def program_actions(program_id: int) -> list[str]:
    """The distinct actions recorded for the programme, for the filter's choices."""
    return sorted(set(AuditEvent.objects.filter(program_id=program_id).values_list("action", flat=True)))


# Sign-ins, refused requests, downloads and account administration: the security log's families.
SECURITY_PREFIXES = ("auth.", "request.", "file.", "user.", "token.", "audit.")


def _security_q() -> Q:
    q = Q()
    for prefix in SECURITY_PREFIXES:
        q |= Q(action__startswith=prefix)
    return q


def _scoped_users(viewer) -> QuerySet:
    """The accounts of the viewer's region (every role but site administrators), itself included."""
    from django.contrib.auth import get_user_model

    from ipcity.core.selectors import _actor_region_prefix

    qs = get_user_model().objects.filter(is_superuser=False).exclude(profile__role=Role.ADMIN)
    prefix = _actor_region_prefix(viewer)
    if prefix:
        qs = qs.filter(Q(profile__department__region__code__startswith=prefix)
                       | Q(profile__region__code__startswith=prefix))
    return qs | get_user_model().objects.filter(pk=viewer.pk)


def security_events(viewer, flt: EventFilter | None = None) -> QuerySet[AuditEvent]:
    """The security log the viewer may read: everything for a site administrator; for an office,
    the records of its region's accounts (as actor, or as the account a failed login aimed at).
    Attempts on unknown user names and anonymous refusals belong to no region: site admin only."""
    role = user_role(viewer)
    if role not in (Role.ADMIN, Role.OFFICE):
        raise PermissionDenied(gettext("安全日志仅限知识产权办公室和系统管理员查看"))
    qs = AuditEvent.objects.filter(_security_q())
    if role == Role.OFFICE:
        ids = list(_scoped_users(viewer).values_list("pk", flat=True))
        qs = qs.filter(Q(actor_id__in=ids) | Q(object_type="auth.user", object_id__in=[str(i) for i in ids]))
    if flt is not None:
        qs = _filtered(qs, flt)
    return qs.order_by("-at", "-id")


def _filtered(qs: QuerySet[AuditEvent], flt: EventFilter) -> QuerySet[AuditEvent]:
    if flt.action:
        qs = qs.filter(action__startswith=flt.action)
    if flt.actor:
        qs = qs.filter(folded_contains_any(("actor_name", "object_repr"), flt.actor))
    if flt.since:
        qs = qs.filter(at__date__gte=flt.since)
    if flt.until:
        qs = qs.filter(at__date__lte=flt.until)
    if flt.client_ip:
        qs = qs.filter(client_ip=flt.client_ip)
    return qs

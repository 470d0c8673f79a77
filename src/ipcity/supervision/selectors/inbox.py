"""A user's in-app notifications: the unread count, the page's filters, kinds and groups."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from ipcity.supervision.models import Notification

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def unread_count(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notifications_for(user, limit: int | None = 200):
    """The user's notifications, newest first (all of them with ``limit=None``, for a paginator)."""
    # The programme is shown with each notice: round titles repeat from one programme to the next.
    qs = Notification.objects.filter(user=user).select_related("report__round__program").order_by("-created_at", "-id")
    return qs if limit is None else qs[:limit]


def notifications_filtered(user, *, unread: bool = False, kind: str = ""):
    """The user's notifications, newest first, with the page's filters (unread only, one kind)."""
    qs = notifications_for(user, limit=None).select_related("program")
    if unread:
        qs = qs.filter(read_at__isnull=True)
    if kind in Notification.Kind.values:
        qs = qs.filter(kind=kind)
    return qs


def notification_kind_counts(user) -> list[tuple[str, StrOrPromise, int, int]]:
    """(kind, label, all, unread) for each kind the user has, for the filter bar."""
    rows = (Notification.objects.filter(user=user).values("kind")
            .annotate(n=Count("id"), unread=Count("id", filter=Q(read_at__isnull=True))))
    labels = dict(Notification.Kind.choices)
    found = {r["kind"]: (r["n"], r["unread"]) for r in rows}
    return [(k, labels[k], *found[k]) for k in Notification.Kind.values if k in found]


@dataclass
class NoticeGroup:
    key: str
    title: str
    items: list
    is_data: bool = False  # the title is a programme's (Chinese data, marked lang="zh"), not a UI word


def group_notifications(items, by: str = "program") -> list[NoticeGroup]:
    """The page's notices grouped by programme (or by kind), groups in order of their newest notice."""
    groups: dict[str, NoticeGroup] = {}
    other = _("其他")
    for n in items:
        if by == "kind":
            key, title = n.kind, n.get_kind_display()
        else:
            program = n.program or (n.report.round.program if n.report_id else None)
            key, title = (f"p{program.pk}", program.title) if program else ("none", other)
        groups.setdefault(key, NoticeGroup(key=key, title=title, items=[], is_data=key.startswith("p"))).items.append(n)
    return list(groups.values())

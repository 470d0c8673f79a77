"""Reads for user administration (whom an actor may manage, which roles it may grant) and API tokens."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from ipcity.core.access import user_role
from ipcity.core.models import ApiToken, Department, Region, Role
from ipcity.divisions import region_prefix

if TYPE_CHECKING:
    from django.contrib.auth.models import User  # what get_user_model() returns


def assignable_roles(actor) -> list[str]:
    role = user_role(actor)
    if role == Role.ADMIN:
        return [Role.OFFICE, Role.REPORTER, Role.LEADER, Role.ADMIN]
    if role == Role.OFFICE:
        return [Role.REPORTER, Role.LEADER]
    return []


def _actor_region_prefix(actor) -> str | None:
    profile = getattr(actor, "profile", None)
    if profile is None or profile.region_id is None:
        return None
    return region_prefix(profile.region.code)


def manageable_users(actor) -> QuerySet:
    """Users the actor may edit: all for a site admin; its region's reporters and leaders for an office."""
    User = get_user_model()
    role = user_role(actor)
    qs = User.objects.select_related("profile__department", "profile__region").order_by("username")
    if role == Role.ADMIN:
        return qs
    if role != Role.OFFICE:
        return qs.none()
    qs = qs.filter(is_superuser=False, profile__role__in=[Role.REPORTER, Role.LEADER])
    prefix = _actor_region_prefix(actor)
    if prefix:
        qs = qs.filter(
            Q(profile__department__region__code__startswith=prefix) | Q(profile__region__code__startswith=prefix)
        )
    return qs


def assignable_departments(actor) -> QuerySet[Department]:
    qs = Department.objects.filter(is_active=True).select_related("region").order_by("region__code", "name")
    prefix = _actor_region_prefix(actor) if user_role(actor) != Role.ADMIN else None
    return qs.filter(region__code__startswith=prefix) if prefix else qs


def assignable_regions(actor) -> QuerySet[Region]:
    qs = Region.objects.order_by("code")
    prefix = _actor_region_prefix(actor) if user_role(actor) != Role.ADMIN else None
    return qs.filter(code__startswith=prefix) if prefix else qs


def user_by_username(username: str) -> User | None:
    """The account with this user name, or None (sign-in records file attempts under it)."""
    return get_user_model().objects.filter(username=username).first() if username else None


def user_tokens(user: User) -> QuerySet[ApiToken]:
    """The user's own API tokens, newest first."""
    return ApiToken.objects.filter(user=user).order_by("-created_at")


def managed_user_tokens(actor) -> QuerySet[ApiToken]:
    """The API tokens of the users the actor manages (``manageable_users``), by owner, newest first."""
    return (ApiToken.objects.filter(user__in=manageable_users(actor)).select_related("user__profile")
            .order_by("user__username", "-created_at"))


def token_owner_id(token_id: int | None) -> int | None:
    """The id of the user an API token belongs to, or None when there is no such token."""
    if token_id is None:
        return None
    return ApiToken.objects.filter(pk=token_id).values_list("user_id", flat=True).first()

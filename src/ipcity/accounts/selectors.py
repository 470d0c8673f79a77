"""Reads of the account pages that need the audit's view of a user (the rest are in ``core.selectors``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ipcity.audit.services import snapshot

if TYPE_CHECKING:
    from django.contrib.auth.models import User as AuthUser

USER_FIELDS = ["username", "email", "is_active", "is_superuser", "is_staff"]


def user_edit_state(user: AuthUser) -> dict:
    """A user as the audit keeps it (the account's fields and its profile, never the password):
    what the user form edits, and so what its edit stamp (``core.edit_stamps``) is made of."""
    data = snapshot(user, USER_FIELDS)
    profile = getattr(user, "profile", None)
    if profile is not None:
        data.update({f"profile.{k}": v for k, v in snapshot(profile).items() if k != "id"})
    return data

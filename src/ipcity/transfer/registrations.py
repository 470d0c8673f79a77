"""What transfer shows in the apps below it (audit-trail object access, demo data): registered
from ``TransferConfig.ready``."""

from __future__ import annotations


def register_all() -> None:
    from ipcity.core.contributions import register_demo_loader, register_object_access
    from ipcity.transfer.access import (
        declaration_object_access,
        declarations_visible_to,
        match_object_access,
        matches_visible_to,
        need_object_access,
        needs_visible_to,
    )
    from ipcity.transfer.demo import load_demo

    # The audit trail opens a need's, declaration's or match's history only to whoever may open it.
    # The scopes are the same rules as querysets: a trail page names its objects in one query each.
    register_object_access("transfer.techneed", need_object_access, scope=needs_visible_to)
    register_object_access("transfer.licencedeclaration", declaration_object_access, scope=declarations_visible_to)
    register_object_access("transfer.match", match_object_access, scope=matches_visible_to)
    register_demo_loader("transfer", load_demo)

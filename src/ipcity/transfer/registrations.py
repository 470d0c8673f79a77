"""What transfer shows in the apps below it (audit-trail object access, demo data): registered
from ``TransferConfig.ready``."""

from __future__ import annotations


def register_all() -> None:
    from ipcity.core.contributions import register_demo_loader, register_object_access
    from ipcity.transfer.access import declaration_object_access, match_object_access, need_object_access
    from ipcity.transfer.demo import load_demo

    # The audit trail opens a need's, declaration's or match's history only to whoever may open it.
    register_object_access("transfer.techneed", need_object_access)
    register_object_access("transfer.licencedeclaration", declaration_object_access)
    register_object_access("transfer.match", match_object_access)
    register_demo_loader("transfer", load_demo)

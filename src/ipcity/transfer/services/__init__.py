"""Writes of the transfer app: one atomic, audited function per state change.

Bad input raises ``django.core.exceptions.ValidationError`` with Chinese messages and changes
nothing; a change the user may not make raises ``PermissionDenied`` (404 for what it cannot see).
The library ``ipcity.matching`` is imported inside the functions that use it.
"""

from ipcity.transfer.services.declarations import (
    DeclarationInput,
    DeclarationsImportError,
    declaration_create,
    declaration_withdraw,
    declarations_import,
)
from ipcity.transfer.services.index import index_build_request
from ipcity.transfer.services.matches import (
    match_add_manual,
    match_curate,
    match_mark_wrong,
    matches_propose,
    need_publish,
)
from ipcity.transfer.services.needs import (
    NeedInput,
    NeedsImportError,
    need_close,
    need_create,
    need_update,
    needs_import,
)
from ipcity.transfer.services.stages import match_stage_step, next_stages

__all__ = [
    "DeclarationInput", "DeclarationsImportError", "NeedInput", "NeedsImportError", "declaration_create",
    "declaration_withdraw", "declarations_import", "index_build_request", "match_add_manual", "match_curate", "match_mark_wrong",
    "match_stage_step", "matches_propose", "need_close", "need_create", "need_publish", "need_update", "needs_import",
    "next_stages",
]

"""Writes of the protection app: one atomic function per step of a case, each checking the
transition (``casework.workflow.check_transition``) and the user's right (``protection.access``),
writing a ``CaseEvent`` on the case's timeline and an audit record.

Bad input raises ``django.core.exceptions.ValidationError`` with a Chinese message and changes
nothing; a step the user may not do raises ``PermissionDenied``.
"""

from ipcity.protection.services.case_types import case_type_update
from ipcity.protection.services.clocks import case_extend, case_resume, case_suspend
from ipcity.protection.services.intake import PartyInput, case_register
from ipcity.protection.services.personal_data import case_personal_data_view
from ipcity.protection.services.steps import (
    case_archive,
    case_assign,
    case_close,
    case_follow_up,
    case_receipt,
    case_refer,
    case_review,
)

__all__ = [
    "PartyInput", "case_archive", "case_assign", "case_close", "case_type_update", "case_extend", "case_follow_up",
    "case_personal_data_view", "case_receipt", "case_refer", "case_register", "case_resume", "case_review",
    "case_suspend",
]

"""Reads of the case types for their settings page: every type with its limits and its cases."""

from __future__ import annotations

from django.db.models import Count
from django.http import Http404
from django.utils.translation import gettext as _

from ipcity.protection.models import CaseType


def case_types_listed() -> list[CaseType]:
    """Every type in its order, each with ``case_count`` (its cases, any status)."""
    return list(CaseType.objects.annotate(case_count=Count("cases")).order_by("order", "code"))


def case_type_edit_state(case_type: CaseType) -> dict:
    """What a type's settings form edits: its edit stamp (``core.edit_stamps``) is made of this."""
    return {field: getattr(case_type, field)
            for field in ("review_days", "referral_receipt_days", "statutory_days", "active")}


def case_type_for(pk: int) -> CaseType:
    case_type = CaseType.objects.filter(pk=pk).first()
    if case_type is None:
        raise Http404(_("案件类型不存在"))
    return case_type

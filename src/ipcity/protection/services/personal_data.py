"""Showing party contact details: allowed to ``may_see_personal_data`` users, audited every time."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction

from ipcity.audit.services import audit_record
from ipcity.protection.access import case_for, may_see_personal_data
from ipcity.protection.models import CaseParty


@transaction.atomic
def case_personal_data_view(*, user: User, case_id: int) -> list[CaseParty]:
    """The parties unmasked, after writing the audit record of who looked (个人信息查看)."""
    case = case_for(user, case_id)
    if not may_see_personal_data(user, case):
        raise PermissionDenied("您无权查看当事人联系方式")
    parties = list(case.parties.all())
    audit_record(actor=user, action="protection.case.personal_data_view", obj=case,
                 after={"parties": [p.pk for p in parties]}, note=f"{case.number}：查看当事人联系方式")
    return parties

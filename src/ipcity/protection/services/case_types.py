"""Editing a case type's time limits (审查、移送回执、办结, in working days) and whether it is in use.

A new limit applies to the cases registered (or imported from a ledger) after the change: every
case keeps the limits it was registered with (``Case.review_days``…, copied by
``deadlines.case_limits_snapshot``), so no existing case's due dates move. A deactivated type is
offered to no new case (registration, the API and the ledger refuse it); its cases go on as before.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ipcity.audit.services import audit_record
from ipcity.core.edit_stamps import require_unchanged
from ipcity.protection.access import access_require_case_types_editor
from ipcity.protection.models import CaseType
from ipcity.protection.selectors.case_types import case_type_edit_state

# The bounds of a limit in working days: at least one day, at most about a year and a half of
# working days (no guideline limit comes near; a typo such as 900 is refused).
MIN_DAYS = 1
MAX_DAYS = 365


def _limit_labels() -> dict[str, str]:
    return {"review_days": _("审查时限"), "referral_receipt_days": _("移送回执时限"), "statutory_days": _("办理时限")}


def _check_limit(field: str, value: Any) -> int:
    # bool is an int in Python: True would pass as 1 day
    if isinstance(value, bool) or not isinstance(value, int) or not MIN_DAYS <= value <= MAX_DAYS:
        raise ValidationError(_("%(limit)s须为 %(min)s 至 %(max)s 之间的整数（工作日），收到：%(value)s") % {
            "limit": _limit_labels()[field], "min": MIN_DAYS, "max": MAX_DAYS, "value": value})
    return value


@transaction.atomic
def case_type_update(*, case_type: CaseType, user: User, review_days: int, referral_receipt_days: int,
                     statutory_days: int, active: bool, seen: str | None = None) -> CaseType:
    """Set the type's limits and its ``active`` flag (site administrator or an office bound to no region); an audit record
    ``protection.case_type.update`` keeps the changed fields before and after. Nothing changed:
    nothing is written. Bad input raises ``ValidationError`` (Chinese) and changes nothing.
    ``seen``: the edit stamp the form was opened at; a save by someone else since then raises
    ``StaleEdit`` and writes nothing (None: no check)."""
    access_require_case_types_editor(user)
    wanted: dict[str, Any] = {
        "review_days": _check_limit("review_days", review_days),
        "referral_receipt_days": _check_limit("referral_receipt_days", referral_receipt_days),
        "statutory_days": _check_limit("statutory_days", statutory_days),
    }
    if not isinstance(active, bool):
        raise ValidationError(_("“启用”须为是或否"))
    wanted["active"] = active
    locked = CaseType.objects.select_for_update().get(pk=case_type.pk)
    require_unchanged(case_type_edit_state(locked), seen)
    before = {field: getattr(locked, field) for field, value in wanted.items() if getattr(locked, field) != value}
    if not before:
        return locked
    after = {field: wanted[field] for field in before}
    for field, value in after.items():
        setattr(locked, field, value)
    locked.save(update_fields=list(after))
    audit_record(actor=user, action="protection.case_type.update", obj=locked, before=before, after=after,
                 note=f"案件类型“{locked.name}”：" + "，".join(f"{field} {before[field]} → {after[field]}"
                                                        for field in after))
    return locked

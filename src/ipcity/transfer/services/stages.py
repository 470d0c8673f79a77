"""Follow-through of a match: proposed → contacted → negotiating → contract, or dropped.

A contract needs its kind (licence or transfer), the filing number (备案号) and the contract
date (not in the future); dropping needs a reason. A removed match or one marked wrong moves no
further; a contract or a dropped match is final.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ipcity.core.typed_text import typed_text
from ipcity.matching.licensing import MAX_FEE_WAN
from ipcity.transfer.labels import CONTRACT_KINDS, STAGES
from ipcity.transfer.models import Match
from ipcity.transfer.services._common import match_snapshot, record_match
from ipcity.transfer.services.matches import _locked_match

# stage → the stages it may move to
NEXT: dict[str, tuple[str, ...]] = {
    "proposed": ("contacted", "dropped"),
    "contacted": ("negotiating", "dropped"),
    "negotiating": ("contract", "dropped"),
    "contract": (),
    "dropped": (),
}


def next_stages(match: Match) -> tuple[str, ...]:
    if not match.active:
        return ()
    return NEXT.get(match.stage, ())


@transaction.atomic
def match_stage_step(*, user: User, match_id: int, stage: str, contract_kind: str = "", filing_number: str = "",
                     contract_date: dt.date | None = None, amount_wan: float | None = None, reason: str = "") -> Match:
    match = _locked_match(user, match_id)
    if stage not in STAGES:
        raise ValidationError(_("未知的进展：%(stage)s") % {"stage": stage or _("（空）")})
    if not match.active:
        raise ValidationError(_("已移除或标记为错误的匹配不能推进"))
    if stage not in NEXT[match.stage]:
        raise ValidationError(_("不能从“%(from)s”转为“%(to)s”") % {"from": STAGES[match.stage], "to": STAGES[stage]})
    before = match_snapshot(match)
    note = ""
    if stage == "contract":
        if contract_kind not in CONTRACT_KINDS:
            raise ValidationError(_("请选择合同类型（许可或转让）"))
        filing_number = typed_text(filing_number, label=_("备案号"), limit=64)
        if not filing_number:
            raise ValidationError(_("请填写合同备案号"))
        if contract_date is None:
            raise ValidationError(_("请填写合同日期"))
        if contract_date > timezone.localdate():
            raise ValidationError(_("合同日期不能晚于今天"))
        if amount_wan is not None and amount_wan < 0:
            raise ValidationError(_("合同金额不能为负数"))
        # The licensing library's bound (1 万亿元, as a declaration's fee): past it a figure is a
        # slip (or 1e308), which the need's page would print digit by digit.
        if amount_wan is not None and amount_wan > MAX_FEE_WAN:
            raise ValidationError(_("合同金额过大：至多 %(limit)s 万元") % {"limit": f"{MAX_FEE_WAN:,.0f}"})
        match.contract_kind, match.filing_number = contract_kind, filing_number
        match.contract_date, match.amount_wan = contract_date, amount_wan
        note = f"{CONTRACT_KINDS[contract_kind]} {match.filing_number}"
    elif stage == "dropped":
        reason = typed_text(reason, label=_("终止原因"), limit=1000)
        if not reason:
            raise ValidationError(_("请填写终止原因"))
        match.dropped_reason = note = reason
    if match.curated == "":
        match.curated = "kept"  # following a proposal up is keeping it
    match.stage = stage
    record_match(user=user, match=match, step=stage, before=before, note=note)
    return match

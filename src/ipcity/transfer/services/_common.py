"""What the writes share: the match's timeline event with its audit record, and the library's Need."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.utils.translation import gettext as _

from ipcity.analytics.cell_values import parse_pub_number
from ipcity.audit.services import audit_record, snapshot
from ipcity.text import fold_width
from ipcity.transfer.models import LicenceDeclaration, Match, MatchEvent, TechNeed

NEED_FIELDS = ["enterprise", "credit_code", "description", "products", "industry_code", "region_code", "budget_wan",
               "mode", "business_scope", "source", "status", "closed_reason", "published_at"]
MATCH_FIELDS = ["need", "dataset", "pub_number", "title", "holder", "score", "rank", "origin", "curated", "published",
                "marked_wrong", "wrong_reason", "stage", "contract_kind", "filing_number", "contract_date",
                "amount_wan", "dropped_reason"]


def normalise_pub_number(text: str) -> str:
    """One way of writing a patent or publication number, the importers' (``parse_pub_number``: upper
    case, without the spaces and hyphens people type), after width folding (`` cn 1000-12345 a`` and
    ``ＣＮ１０００１２３４５Ａ`` → ``CN100012345A``). Text that is no number comes back folded and upper-cased,
    for ``pub_number_problem`` to name."""
    folded = fold_width(text or "").strip()
    try:
        return parse_pub_number(folded) or ""
    except ValueError:
        return folded.upper()


def pub_number_problem(pub_number: str) -> str:
    """Why a normalised number cannot be stored ('' when it can): it must read as the importers read
    one (a country code, then digits, letters, dots or slashes), since it names the patent in URLs,
    exports and the datasets' records."""
    try:
        readable = parse_pub_number(pub_number) == pub_number
    except ValueError:
        readable = False
    return "" if readable else _("不是专利号或公开号（应以国家代码开头，如 CN…）：%(pub)s") % {"pub": pub_number}


def need_snapshot(need: TechNeed) -> dict[str, Any]:
    # Contact person and phone are personal data: never copied into the audit trail.
    return snapshot(need, NEED_FIELDS)


def match_snapshot(match: Match) -> dict[str, Any]:
    return snapshot(match, MATCH_FIELDS)


def declaration_note(declaration: LicenceDeclaration) -> str:
    """The line a match's reasons carry while its patent has an in-force open-licence declaration."""
    return _("已作开放许可声明（%(day)s）") % {"day": declaration.declared_on.isoformat()}


def data_dir():
    return settings.DATA_DIR


def library_need(need: TechNeed):
    """The library's view of a stored need (``ipcity.matching.needs.Need``)."""
    from ipcity.matching.needs import Need

    return Need(id=str(need.pk), text=need.description, products=need.products,
                industry_code=need.industry_code or None, region_code=need.region_code or None,
                budget_wan=need.budget_wan, mode=need.mode or None, business_scope=need.business_scope,
                enterprise=need.enterprise)


def record_match(*, user: User, match: Match, step: str, before: dict[str, Any] | None, note: str = "",
                 data: dict[str, Any] | None = None, save: bool = True) -> MatchEvent:
    """Save the match, add the timeline event and the audit record (in the caller's transaction)."""
    if save:
        match.save()
    event = MatchEvent.objects.create(match=match, step=step, actor=user if getattr(user, "is_authenticated", False)
                                      else None, note=note, data=data or {})
    audit_record(actor=user, action=f"transfer.match.{step}", obj=match, before=before,
                 after=match_snapshot(match), note=note[:500])
    return event

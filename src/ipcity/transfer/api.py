"""JSON API of matching, mounted at /api/transfer (session or Bearer token).

The same services and scoping as the pages: needs (list, create), a need's matches, declarations
(list, create) and a match's stage step. Contact details are in a need only for the office
(masked for leaders). 404 outside the user's scope, 403 for a change the user may not make, 400
with the Chinese messages for bad input (nothing changed).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ninja import Query, Router, Schema
from pydantic import Field

from ipcity.core.api_errors import service_errors
from ipcity.core.api_schemas import (
    JsonDate,
    JsonFloat,
    PageNumber,
    QueryText,
    choices,
    input_schema,
    page_answer,
)
from ipcity.transfer import selectors, services
from ipcity.transfer.access import access_require_transfer_reader, need_for
from ipcity.transfer.labels import CONTRACT_KINDS, FEE_TYPES, MODES, PATENT_KINDS, STAGES
from ipcity.transfer.models import LicenceDeclaration, Match, TechNeed

router = Router(tags=["transfer"])


class NeedOut(Schema):
    id: int
    enterprise: str
    description: str
    products: str
    industry_code: str
    region_code: str
    budget_wan: float | None
    mode: str
    business_scope: str
    status: str
    published: bool
    contact_person: str
    phone: str


def _need_out(request, need: TechNeed) -> dict:
    return {**{name: getattr(need, name) for name in NeedOut.model_fields if name not in (
        "published", "contact_person", "phone")}, "published": need.published_at is not None,
        **selectors.contacts_of(request.user, need)}


class NeedListOut(Schema):
    count: int
    page: int
    pages: int
    results: list[NeedOut]


class NeedFilterIn(Schema):
    status: QueryText = ""
    mode: QueryText = ""
    q: QueryText = ""
    page: PageNumber = 1


@router.get("/needs", response=NeedListOut)
@service_errors
def transfer_needs(request, filters: Query[NeedFilterIn]):
    """The needs the user sees (office and leaders of a region), newest first, 50 a page."""
    access_require_transfer_reader(request.user)
    page = selectors.needs_page(request.user, selectors.NeedFilters(status=filters.status, mode=filters.mode,
                                                                    q=filters.q.strip()), page=filters.page)
    return page_answer(page, filters.page, lambda need: _need_out(request, need))


if TYPE_CHECKING:
    NeedIn = Schema
else:  # the service's input, field for field (ipcity.core.api_schemas)
    NeedIn = input_schema(services.NeedInput, "NeedIn", mode=(str, Field("", json_schema_extra=choices(MODES, blank=True))))


@router.post("/needs", response={201: NeedOut})
@service_errors
def transfer_need_create(request, payload: NeedIn):
    need = services.need_create(user=request.user, data=services.NeedInput(**payload.dict()), source="api")
    return _need_out(request, need)


class MatchOut(Schema):
    id: int
    pub_number: str
    title: str
    holder: str
    dataset: str
    score: float
    rank: int
    why: dict
    origin: str
    curated: str
    published: bool
    marked_wrong: bool
    wrong_reason: str
    stage: str
    contract_kind: str
    filing_number: str
    contract_date: dt.date | None
    amount_wan: float | None
    dropped_reason: str


def _match_out(match: Match) -> dict:
    # The priors' details in the request's language (stored with their templates: ``why_worded``).
    return {name: getattr(match, name) for name in MatchOut.model_fields} | {"why": match.why_worded}


@router.get("/needs/{need_id}/matches", response=list[MatchOut])
@service_errors
def transfer_need_matches(request, need_id: int):
    """The need's matches, best first, with why each was proposed."""
    return [_match_out(m) for m in selectors.need_matches(need_for(request.user, need_id))]


class DeclarationOut(Schema):
    id: int
    pub_number: str
    title: str
    patent_kind: str
    holder: str
    region_code: str
    declared_on: dt.date
    withdrawn_on: dt.date | None
    fee_type: str
    fixed_fee_wan: float | None
    entry_fee_wan: float | None
    royalty_sales_pct: float | None
    royalty_profit_pct: float | None
    payment_standard: str
    term: str
    evaluation_report: str
    application_field: str
    products: str
    fee_flags: list[str]


def _declaration_out(declaration: LicenceDeclaration) -> dict:
    # The fee flags in the request's language (stored with their templates: ``fee_flag_texts``).
    return {name: getattr(declaration, name) for name in DeclarationOut.model_fields} | {
        "fee_flags": declaration.fee_flag_texts}


class DeclarationFilterIn(Schema):
    in_force: bool = False


@router.get("/declarations", response=list[DeclarationOut])
@service_errors
def transfer_declarations(request, filters: Query[DeclarationFilterIn]):
    """Open-licence declarations of the user's scope (``in_force=true``: only those in force)."""
    access_require_transfer_reader(request.user)
    return [_declaration_out(d) for d in selectors.declarations_list(request.user, only_in_force=filters.in_force)[:500]]


if TYPE_CHECKING:
    DeclarationIn = Schema
else:  # the service's input; JSON must give the declaration date (the service refuses None)
    DeclarationIn = input_schema(
        services.DeclarationInput, "DeclarationIn", declared_on=(JsonDate, ...),
        patent_kind=(str, Field(json_schema_extra=choices(PATENT_KINDS))),
        fee_type=(str, Field(json_schema_extra=choices(FEE_TYPES))))


@router.post("/declarations", response={201: DeclarationOut})
@service_errors
def transfer_declaration_create(request, payload: DeclarationIn):
    """Record a declaration; fees above the guidance come back in ``fee_flags`` (warnings, not refusals)."""
    declaration = services.declaration_create(user=request.user, data=services.DeclarationInput(**payload.dict()))
    return _declaration_out(declaration)


class StageIn(Schema):
    stage: str = Field(json_schema_extra=choices(STAGES))
    contract_kind: str = Field("", json_schema_extra=choices(CONTRACT_KINDS, blank=True))
    filing_number: str = ""
    contract_date: JsonDate | None = None
    amount_wan: JsonFloat | None = None
    reason: str = ""


@router.post("/matches/{match_id}/stage", response=MatchOut)
@service_errors
def transfer_match_stage(request, match_id: int, payload: StageIn):
    """Move a match on: contacted → negotiating → contract (kind, filing number, date) or dropped (reason)."""
    return _match_out(services.match_stage_step(user=request.user, match_id=match_id, **payload.dict()))

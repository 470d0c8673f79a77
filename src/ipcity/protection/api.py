"""JSON API of the case workflow, mounted at /api/protection (session or Bearer token).

The same services as the pages: a list scoped to the user with contact details masked unless
``may_see_personal_data`` (and then only through ``POST …/contacts``, which audits the showing),
a case, registration, and one endpoint per step. 404 for a case outside the user's view, 403 for
a step the user may not do, 400 with the Chinese message for bad input (nothing changed).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from ninja import Query, Router, Schema
from pydantic import Field

from ipcity.casework.workflow import CASE_TYPES, CHANNELS, IP_KINDS, PARTY_KINDS, PARTY_ROLES, RESULTS
from ipcity.core.api_errors import service_errors
from ipcity.core.api_schemas import (
    BodyId,
    DbId,
    JsonBool,
    JsonDate,
    JsonInt,
    PageNumber,
    QueryText,
    Year,
    choices,
    page_answer,
)
from ipcity.protection import services
from ipcity.protection.access import access_require_case_user, case_for
from ipcity.protection.models import Case
from ipcity.protection.selectors import cases as selectors

router = Router(tags=["protection"])


class PartyOut(Schema):
    role: str
    kind: str
    name: str
    contact_person: str
    phone: str
    email: str
    address: str
    id_number: str


class ClockOut(Schema):
    key: str
    due: dt.date
    running: bool
    working_days_left: int


class CaseOut(Schema):
    id: int
    number: str
    case_type: str
    channel: str
    ip_kind: str
    region_code: str
    subject: str
    received_on: dt.date
    status: str
    suspended: bool
    review_due: dt.date | None
    accepted_on: dt.date | None
    statutory_due: dt.date | None
    handling_department_id: int | None
    referral_body: str
    referred_on: dt.date | None
    receipt_due: dt.date | None
    receipt_on: dt.date | None
    closed_on: dt.date | None
    result: str
    extension_days: int
    satisfaction: int | None
    archived_on: dt.date | None


class CaseDetailOut(CaseOut):
    summary: str
    parties: list[PartyOut]
    clocks: list[ClockOut]
    timeline: list[dict]


def _case_out(case: Case) -> dict:
    data = {name: getattr(case, name) for name in CaseOut.model_fields if name not in ("case_type",)}
    data["case_type"] = case.case_type.code
    return data


def _detail_out(request, case: Case, unmasked=None) -> dict:
    detail = selectors.case_detail(request.user, case, today=timezone.localdate(), unmasked=unmasked)
    raw = list(unmasked if unmasked is not None else case.parties.all())  # the order case_detail shows
    parties = [dict(vars(view), role=party.role, kind=party.kind)
               for view, party in zip(detail.parties, raw, strict=True)]
    return {**_case_out(case), "summary": case.summary, "parties": parties,
            "clocks": [{"key": c.key, "due": c.due, "running": c.running, "working_days_left": c.working_days_left}
                       for c in detail.clocks],
            "timeline": [{"at": e.at.isoformat(), "step": e.step, "actor": e.actor.get_username() if e.actor else None,
                          "note": e.note} for e in detail.events]}


class CaseFilterIn(Schema):
    case_type: QueryText = ""
    status: QueryText = ""
    channel: QueryText = ""
    department: DbId | None = None
    due: QueryText = ""
    year: Year | None = None
    q: QueryText = ""
    page: PageNumber = 1


class CaseListOut(Schema):
    count: int
    page: int
    pages: int
    results: list[CaseOut]


@router.get("/cases", response=CaseListOut)
@service_errors
def protection_cases(request, filters: Query[CaseFilterIn]):
    """The cases the user sees, newest first, 50 a page (contact details are not in the list)."""
    access_require_case_user(request.user)
    page = selectors.cases_page(request.user, selectors.CaseFilters(
        case_type=filters.case_type, status=filters.status, channel=filters.channel, department=filters.department,
        due=filters.due, year=filters.year, q=filters.q.strip()), today=timezone.localdate(), page=filters.page)
    return page_answer(page, filters.page, _case_out)


class PartyIn(Schema):
    role: str = Field(json_schema_extra=choices(PARTY_ROLES))
    kind: str = Field(json_schema_extra=choices(PARTY_KINDS))
    name: str
    contact_person: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    id_number: str = ""


class CaseIn(Schema):
    case_type: str = Field(json_schema_extra=choices(CASE_TYPES))
    channel: str = Field(json_schema_extra=choices(CHANNELS))
    ip_kind: str = Field(json_schema_extra=choices(IP_KINDS))
    region_code: str
    subject: str
    summary: str = ""
    received_on: JsonDate
    parties: list[PartyIn]
    enterprise_name: str = ""
    enterprise_credit_code: str = ""


@router.post("/cases", response={201: CaseDetailOut})
@service_errors
def protection_case_create(request, payload: CaseIn):
    case = services.case_register(
        user=request.user, case_type=payload.case_type, channel=payload.channel, ip_kind=payload.ip_kind,
        region_code=payload.region_code, subject=payload.subject, summary=payload.summary,
        received_on=payload.received_on, parties=[services.PartyInput(**p.dict()) for p in payload.parties],
        enterprise_name=payload.enterprise_name, enterprise_credit_code=payload.enterprise_credit_code,
        source=Case.Source.API)
    return _detail_out(request, case_for(request.user, case.pk))


@router.get("/cases/{case_id}", response=CaseDetailOut)
@service_errors
def protection_case(request, case_id: int):
    """One case; contact details masked (``POST /cases/{id}/contacts`` shows them, audited)."""
    return _detail_out(request, case_for(request.user, case_id))


@router.post("/cases/{case_id}/contacts", response=CaseDetailOut)
@service_errors
def protection_case_contacts(request, case_id: int):
    """The case with its parties' contact details (only ``may_see_personal_data``; audited)."""
    parties = services.case_personal_data_view(user=request.user, case_id=case_id)
    return _detail_out(request, case_for(request.user, case_id), unmasked=parties)


class ReviewIn(Schema):
    accept: JsonBool
    on: JsonDate
    reason: str = ""


class AssignIn(Schema):
    department_id: BodyId
    handler_id: BodyId | None = None
    expert: str = ""
    partner_org: str = ""


class ReferIn(Schema):
    body: str
    on: JsonDate


class DayIn(Schema):
    on: JsonDate


class SuspendIn(Schema):
    start: JsonDate
    reason: str


class ExtendIn(Schema):
    days: JsonInt
    reason: str


class CloseIn(Schema):
    result: str = Field(json_schema_extra=choices(RESULTS))
    on: JsonDate
    note: str = ""


class FollowUpIn(Schema):
    satisfaction: JsonInt
    on: JsonDate
    note: str = ""


def _stepped(request, case_id: int, call) -> dict:
    case_for(request.user, case_id)  # 404 before anything else
    case = call()
    return _detail_out(request, case_for(request.user, case.pk))


@router.post("/cases/{case_id}/review", response=CaseDetailOut)
@service_errors
def protection_case_review(request, case_id: int, payload: ReviewIn):
    return _stepped(request, case_id, lambda: services.case_review(
        user=request.user, case_id=case_id, accept=payload.accept, on=payload.on, reason=payload.reason))


@router.post("/cases/{case_id}/assign", response=CaseDetailOut)
@service_errors
def protection_case_assign(request, case_id: int, payload: AssignIn):
    return _stepped(request, case_id, lambda: services.case_assign(
        user=request.user, case_id=case_id, department_id=payload.department_id, handler_id=payload.handler_id,
        expert=payload.expert, partner_org=payload.partner_org))


@router.post("/cases/{case_id}/refer", response=CaseDetailOut)
@service_errors
def protection_case_refer(request, case_id: int, payload: ReferIn):
    return _stepped(request, case_id, lambda: services.case_refer(
        user=request.user, case_id=case_id, body=payload.body, on=payload.on))


@router.post("/cases/{case_id}/receipt", response=CaseDetailOut)
@service_errors
def protection_case_receipt(request, case_id: int, payload: DayIn):
    return _stepped(request, case_id, lambda: services.case_receipt(user=request.user, case_id=case_id, on=payload.on))


@router.post("/cases/{case_id}/suspend", response=CaseDetailOut)
@service_errors
def protection_case_suspend(request, case_id: int, payload: SuspendIn):
    return _stepped(request, case_id, lambda: services.case_suspend(
        user=request.user, case_id=case_id, start=payload.start, reason=payload.reason))


@router.post("/cases/{case_id}/resume", response=CaseDetailOut)
@service_errors
def protection_case_resume(request, case_id: int, payload: DayIn):
    return _stepped(request, case_id, lambda: services.case_resume(user=request.user, case_id=case_id, on=payload.on))


@router.post("/cases/{case_id}/extend", response=CaseDetailOut)
@service_errors
def protection_case_extend(request, case_id: int, payload: ExtendIn):
    return _stepped(request, case_id, lambda: services.case_extend(
        user=request.user, case_id=case_id, days=payload.days, reason=payload.reason))


@router.post("/cases/{case_id}/close", response=CaseDetailOut)
@service_errors
def protection_case_close(request, case_id: int, payload: CloseIn):
    return _stepped(request, case_id, lambda: services.case_close(
        user=request.user, case_id=case_id, result=payload.result, on=payload.on, note=payload.note))


@router.post("/cases/{case_id}/follow-up", response=CaseDetailOut)
@service_errors
def protection_case_follow_up(request, case_id: int, payload: FollowUpIn):
    return _stepped(request, case_id, lambda: services.case_follow_up(
        user=request.user, case_id=case_id, satisfaction=payload.satisfaction, on=payload.on, note=payload.note))


@router.post("/cases/{case_id}/archive", response=CaseDetailOut)
@service_errors
def protection_case_archive(request, case_id: int, payload: DayIn):
    return _stepped(request, case_id, lambda: services.case_archive(user=request.user, case_id=case_id, on=payload.on))

"""Reads of cases: the ledger list with its filters, a case's page, the board and the to-do list."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

from ipcity.casework.privacy import mask_address, mask_email, mask_id_number, mask_person_name, mask_phone
from ipcity.core.access import is_office, region_prefix_of, user_department_id, user_role
from ipcity.core.models import Department, Region, Role
from ipcity.core.search import stored_folded_contains
from ipcity.divisions import region_prefix
from ipcity.protection.access import cases_visible_to, may_do, may_see_personal_data
from ipcity.protection.deadlines import (
    Clock,
    case_clocks,
    due_soon_q,
    overdue_q,
)
from ipcity.protection.models import Case, CaseEvent, CaseParty

PAGE_SIZE = 50


@dataclass(frozen=True)
class CaseFilters:
    case_type: str = ""
    status: str = ""
    channel: str = ""
    department: int | None = None
    due: str = ""  # "overdue" | "due_soon" | ""
    year: int | None = None
    q: str = ""


def cases_filtered(user, filters: CaseFilters, *, today: dt.date) -> QuerySet[Case]:
    cases = cases_visible_to(user)
    if filters.case_type:
        cases = cases.filter(case_type__code=filters.case_type)
    if filters.status:
        cases = cases.filter(status=filters.status)
    if filters.channel:
        cases = cases.filter(channel=filters.channel)
    if filters.department:
        cases = cases.filter(handling_department_id=filters.department)
    if filters.year:
        cases = cases.filter(received_on__gte=dt.date(filters.year, 1, 1), received_on__lte=dt.date(filters.year, 12, 31))
    if filters.due == "overdue":
        cases = cases.filter(overdue_q(today))
    elif filters.due == "due_soon":
        cases = cases.filter(due_soon_q(today))
    if filters.q:
        cases = cases.filter(stored_folded_contains("search_text", filters.q))
    return cases


def cases_page(user, filters: CaseFilters, *, today: dt.date, page: int) -> Page:
    """One page of 50, newest first. The count is one ``COUNT(*)`` over the filtered ids (no join)."""
    cases = cases_filtered(user, filters, today=today).select_related("case_type", "handling_department")
    paginator = Paginator(cases.order_by("-received_on", "-id"), PAGE_SIZE)
    return paginator.get_page(page)


def case_years(user) -> list[int]:
    """The years from the first case received to the last, newest first. Read from the ledger's
    index (two look-ups): a DISTINCT over the years scanned every case (0.3 s at 100,000 cases,
    benchmarks/protection_pages.py)."""
    cases = cases_visible_to(user).order_by()
    first = cases.order_by("received_on", "id").values_list("received_on", flat=True).first()
    last = cases.order_by("-received_on", "-id").values_list("received_on", flat=True).first()
    if first is None or last is None:
        return []
    return list(range(last.year, first.year - 1, -1))


def departments_for(user) -> list[Department]:
    """The departments a case of this user's scope may be assigned to (and filtered by)."""
    departments = Department.objects.filter(is_active=True).select_related("region")
    if user_role(user) == Role.REPORTER:
        department_id = user_department_id(user)
        return list(departments.filter(pk=department_id)) if department_id is not None else []
    prefix = region_prefix_of(user)
    return list(departments.filter(region__code__startswith=prefix) if prefix else departments)


def departments_for_case(case: Case) -> list[Department]:
    """The active departments of the case's region (and below): where it may be assigned."""
    return list(Department.objects.filter(is_active=True, region__code__startswith=region_prefix(case.region_code))
                .select_related("region"))


def may_register(user) -> bool:
    return is_office(user)


def handlers_for(department_ids: list[int]) -> list:
    """Active department users who may be named handler (the assign form's list)."""
    return list(get_user_model().objects.filter(is_active=True, profile__role=Role.REPORTER,
                                                profile__department_id__in=department_ids)
                .select_related("profile").order_by("profile__department_id", "username"))


@dataclass(frozen=True)
class PartyView:
    role: str
    kind: str
    name: str
    contact_person: str
    phone: str
    email: str
    address: str
    id_number: str


def party_view(party: CaseParty, *, unmasked: bool) -> PartyView:
    """The party as shown: personal data masked unless ``unmasked`` (casework.privacy keeps the shape)."""
    if unmasked:
        return PartyView(party.get_role_display(), party.get_kind_display(), party.name, party.contact_person,
                         party.phone, party.email, party.address, party.id_number)
    name = mask_person_name(party.name) if party.kind == "individual" else party.name
    return PartyView(party.get_role_display(), party.get_kind_display(), name, mask_person_name(party.contact_person),
                     mask_phone(party.phone), mask_email(party.email), mask_address(party.address),
                     mask_id_number(party.id_number))


@dataclass
class CaseDetail:
    case: Case
    clocks: list[Clock]
    events: list[CaseEvent]
    parties: list[PartyView]
    can_see_personal_data: bool
    steps: set[str] = field(default_factory=set)

    @cached_property
    def open_suspension(self):
        return next((s for s in self.case.suspensions.all() if s.end is None), None)


# Which steps each status offers (the action forms on the case page); the services check again.
_STEPS_BY_STATUS = {
    "registered": {"review", "close", "suspend"},
    "accepted": {"assign", "refer", "close", "suspend", "extend"},
    "assigned": {"assign", "refer", "close", "suspend", "extend"},
    "referred": {"receipt", "close", "suspend", "extend"},
    "rejected": {"archive"},
    "closed": {"follow_up", "archive"},
    "followed_up": {"archive"},
    "archived": set(),
}


def case_detail(user, case: Case, *, today: dt.date, unmasked: list[CaseParty] | None = None) -> CaseDetail:
    parties = unmasked if unmasked is not None else list(case.parties.all())
    steps = set(_STEPS_BY_STATUS.get(case.status, set()))
    if case.suspended:
        steps = {"resume"}
    elif case.status == "referred" and case.receipt_on is not None:
        steps.discard("receipt")
    return CaseDetail(
        case=case,
        clocks=case_clocks(case, today=today),
        events=list(case.events.select_related("actor").order_by("at", "pk")),
        parties=[party_view(p, unmasked=unmasked is not None) for p in parties],
        can_see_personal_data=may_see_personal_data(user, case),
        steps={s for s in steps if may_do(user, case, s)},
    )


@dataclass(frozen=True)
class DueCase:
    case: Case
    clock: Clock


def cases_due(user, *, today: dt.date, limit: int = 50) -> tuple[list[DueCase], list[DueCase]]:
    """(overdue, due soon) running clocks of the cases the user sees, most urgent first."""
    cases = (cases_visible_to(user).filter(overdue_q(today) | due_soon_q(today))
             .select_related("case_type", "handling_department").prefetch_related("suspensions")
             .order_by("pk")[: limit * 2])
    overdue: list[DueCase] = []
    soon: list[DueCase] = []
    for case in cases:
        for clock in case_clocks(case, today=today):
            if clock.overdue:
                overdue.append(DueCase(case, clock))
            elif clock.due_soon:
                soon.append(DueCase(case, clock))
    overdue.sort(key=lambda d: d.clock.working_days_left)
    soon.sort(key=lambda d: d.clock.working_days_left)
    return overdue[:limit], soon[:limit]


def office_region_choices(user) -> list:
    """Regions the user may register a case in: its own region and those under it."""
    prefix = region_prefix_of(user)
    regions = Region.objects.all()
    return list(regions.filter(code__startswith=prefix) if prefix else regions)


# Cases not yet closed: what a unit merged away hands on (机构改革).
OPEN_CASE_STATUSES = ("registered", "accepted", "assigned", "referred")


def open_cases_handled_by(department: Department) -> int:
    """The open cases a unit handles: a merge hands them on; they keep it from being retired."""
    return Case.objects.filter(handling_department=department, status__in=OPEN_CASE_STATUSES).count()

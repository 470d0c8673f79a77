"""Reads of the transfer app: the need list and page, declarations, the per-patent needs, the
supply and index status, the public lists and the export rows. Scoping is ``transfer.access``'s."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from ipcity.audit.services import snapshot
from ipcity.casework.privacy import mask_person_name, mask_phone
from ipcity.core.search import folded_contains_any
from ipcity.transfer.access import declarations_visible_to, may_see_contacts, needs_visible_to
from ipcity.transfer.models import LicenceDeclaration, Match, MatchEvent, TechNeed

PAGE_SIZE = 50


def need_names(need: TechNeed) -> dict[str, str]:
    """The names of the need's industry class (GB/T 4754) and region (GB/T 2260), where known."""
    from ipcity.divisions import display_name
    from ipcity.matching.industries import UnknownIndustryCode, check_industry_code

    names = {"industry": "", "region": ""}
    if need.industry_code:
        try:
            names["industry"] = check_industry_code(need.industry_code, data_dir=settings.DATA_DIR).name
        except UnknownIndustryCode:
            pass  # stored before the office loaded a stricter table: the code alone is shown
    if need.region_code:
        names["region"] = display_name(need.region_code)
    return names


@dataclass(frozen=True)
class NeedFilters:
    status: str = ""
    mode: str = ""
    q: str = ""


def needs_page(user, filters: NeedFilters, *, page: int | str = 1) -> Page:
    needs = needs_visible_to(user).annotate(
        match_count=Count("matches", filter=Q(matches__marked_wrong=False) & ~Q(matches__curated="removed")),
        contract_count=Count("matches", filter=Q(matches__stage="contract")))
    if filters.status:
        needs = needs.filter(status=filters.status)
    if filters.mode:
        needs = needs.filter(mode=filters.mode)
    if filters.q:
        needs = needs.filter(folded_contains_any(("enterprise", "description", "products"), filters.q))
    return Paginator(needs.order_by("-created_at", "-pk"), PAGE_SIZE).get_page(page)


def contacts_of(user, need: TechNeed) -> dict[str, str]:
    """The need's contact details: unmasked for the office, masked for everyone else."""
    if may_see_contacts(user):
        return {"contact_person": need.contact_person, "phone": need.phone}
    return {"contact_person": mask_person_name(need.contact_person), "phone": mask_phone(need.phone)}


def need_matches(need: TechNeed) -> list[Match]:
    return list(need.matches.select_related("declaration", "wrong_by").prefetch_related(
        Prefetch("events", queryset=MatchEvent.objects.select_related("actor"))).order_by("rank", "-score", "pk"))


def need_timeline(need: TechNeed) -> list[MatchEvent]:
    return list(MatchEvent.objects.filter(match__need=need).select_related("actor", "match").order_by("-at", "-pk")[:100])


def verified_filings(matches: list[Match]) -> set[str]:
    """Filing numbers of contracts that the dataset's licence records hold (column ``record_id``)."""
    from ipcity.analytics.datasets import DatasetNotFound, read_kind

    found: set[str] = set()
    by_dataset: dict[str, set[str]] = {}
    for match in matches:
        if match.stage == "contract" and match.filing_number and match.dataset:
            by_dataset.setdefault(match.dataset, set()).add(match.filing_number)
    for dataset, numbers in by_dataset.items():
        try:
            records = read_kind(dataset, "licence", settings.DATA_DIR, columns=["record_id"])
        except (DatasetNotFound, FileNotFoundError, ValueError, KeyError):
            continue
        held = {str(v) for v in records.column("record_id").to_pylist() if v}
        found |= numbers & held
    return found


def datasets_with_index() -> list[dict[str, Any]]:
    """Every dataset with its index status (``None`` when no index is built) and when it was built
    (an aware datetime, for the page to show in local time, not the summary's ISO text)."""
    import datetime as dt

    from ipcity.analytics.datasets import list_datasets
    from ipcity.matching.index import index_status

    found = []
    for m in list_datasets(settings.DATA_DIR, holding="patent"):  # the supply is patents
        status = index_status(m["name"], data_dir=settings.DATA_DIR)
        found.append({"name": m["name"], "rows": m.get("rows"), "index": status,
                      "built_at": dt.datetime.fromisoformat(status.built_at) if status else None})
    return found


SUPPLY_LIMIT = 200
UNIVERSITY_HOLDERS = ("university", "institute")


def supply_rows(dataset: str, *, region_code: str, in_force: bool, universities: bool, high_value: bool,
                sei_code: str) -> list[dict[str, Any]]:
    """A dataset's patents on offer (``ipcity.matching.supply``), the first ``SUPPLY_LIMIT`` and one
    more (so the page can tell a list cut at the limit from one that just fills it);
    ``ValueError``, ``FileNotFoundError`` or ``KeyError`` (in Chinese) for what cannot be read."""
    from ipcity.matching.supply import supply
    from ipcity.transfer.labels import high_value_text

    rows = supply(dataset, region_code=region_code or None, in_force=in_force,
                  holder_kinds=UNIVERSITY_HOLDERS if universities else (), high_value=high_value,
                  sei_code=sei_code or None, limit=SUPPLY_LIMIT + 1, data_dir=settings.DATA_DIR,
                  year=timezone.localdate().year).to_pylist()  # Beijing's year, not the server's
    # The page names the criteria in words; the engine's keys stay in ``high_value_criteria``.
    return [{**row, "high_value_text": high_value_text(row.get("high_value_criteria") or "")} for row in rows]


def dataset_names() -> list[str]:
    from ipcity.analytics.datasets import list_datasets

    return [m["name"] for m in list_datasets(settings.DATA_DIR, holding="patent")]


def in_force(declarations: QuerySet[LicenceDeclaration]) -> QuerySet[LicenceDeclaration]:
    today = timezone.localdate()
    return declarations.filter(declared_on__lte=today).filter(Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=today))


def declarations_list(user, *, only_in_force: bool = False) -> QuerySet[LicenceDeclaration]:
    declarations = declarations_visible_to(user)
    return in_force(declarations) if only_in_force else declarations


def patent_record(dataset: str, pub_number: str) -> dict[str, Any] | None:
    """One patent of a dataset (title, abstract, ipc, region, holders), read with a filter."""
    import pyarrow.parquet as pq

    from ipcity.analytics.datasets import records_path

    if not dataset:
        return None
    path = records_path(dataset, settings.DATA_DIR)
    if not path.is_file():
        return None
    names = pq.ParquetFile(path).schema_arrow.names
    columns = [c for c in ("pub_number", "title", "abstract", "ipc", "region_code", "applicants") if c in names]
    rows = pq.read_table(path, columns=columns, filters=[("pub_number", "=", pub_number)]).to_pylist()
    return rows[0] if rows else None


def patent_for_page(user, pub_number: str, dataset: str) -> dict[str, Any]:
    """What the per-patent page knows of a patent: the dataset's record, else a match's or a
    declaration's snapshot of its title and holder."""
    record = patent_record(dataset, pub_number) if dataset else None
    if record is not None:
        return record
    declaration = declarations_visible_to(user).filter(pub_number=pub_number).first()
    if declaration is not None:
        return {"pub_number": pub_number, "title": declaration.title, "abstract": declaration.products,
                "applicants": declaration.holder, "region_code": declaration.region_code, "ipc": ""}
    match = Match.objects.filter(need__in=needs_visible_to(user), pub_number=pub_number).first()
    if match is not None:
        return {"pub_number": pub_number, "title": match.title, "abstract": "", "applicants": match.holder,
                "region_code": "", "ipc": ""}
    return {"pub_number": pub_number, "title": "", "abstract": "", "applicants": "", "region_code": "", "ipc": ""}


def needs_for_patent(user, patent: dict[str, Any], *, top: int = 20) -> list[tuple[TechNeed, float, Any]]:
    """The user's open needs this patent answers best (``ranker.rank_needs_for_patent``)."""
    from ipcity.transfer.services._common import library_need

    if not (patent.get("title") or patent.get("abstract")):
        return []
    from ipcity.matching.concordance import current_concordance
    from ipcity.matching.ranker import office_sei_table, rank_needs_for_patent

    needs = {str(n.pk): n for n in needs_visible_to(user).filter(status="open")}
    # The office's concordance and SEI table, as for a need's proposals: the priors apply both ways.
    ranked = rank_needs_for_patent(patent, [library_need(n) for n in needs.values()], top=top,
                                   concordance=current_concordance(settings.DATA_DIR),
                                   sei_table=office_sei_table(settings.DATA_DIR))
    return [(needs[need.id], score, why) for need, score, why in ranked]


def patent_matches(user, pub_number: str) -> list[Match]:
    return list(Match.objects.filter(need__in=needs_visible_to(user), pub_number=pub_number)
                .select_related("need").order_by("-score", "pk"))


def published_matches(needs: QuerySet[TechNeed]) -> list[Match]:
    return list(Match.objects.filter(need__in=needs, published=True, marked_wrong=False)
                .select_related("need", "declaration").order_by("need__enterprise", "need_id", "rank", "pk"))


def public_needs() -> QuerySet[TechNeed]:
    return TechNeed.objects.filter(published_at__isnull=False, status="open").order_by("-published_at", "-pk")


def public_matches() -> list[Match]:
    return published_matches(public_needs())


def public_declarations() -> QuerySet[LicenceDeclaration]:
    return in_force(LicenceDeclaration.objects.all()).order_by("-declared_on", "-pk")


def contract_counts(user) -> dict[tuple[int, str, str], int]:
    """Contracts by (year, region, kind): what the indicators count."""
    counts: dict[tuple[int, str, str], int] = {}
    rows = (Match.objects.filter(need__in=needs_visible_to(user), stage="contract", contract_date__isnull=False)
            .values_list("contract_date", "need__region_code", "contract_kind"))
    for day, region, kind in rows:
        if day is None:  # excluded by the filter; the check is for the type checker
            continue
        key = (day.year, region, kind)
        counts[key] = counts.get(key, 0) + 1
    return dict(sorted(counts.items()))


def need_edit_state(need: TechNeed) -> dict[str, Any]:
    """Every field of the need, contacts included: what a stale edit form would write back
    (the stamp is a hash; the audit's snapshot leaves the contacts out)."""
    return snapshot(need)

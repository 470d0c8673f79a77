"""The monthly statistics (by month × channel, type, result) and the KPI page's feed choices."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from ipcity.casework.kpis import DIMENSIONS, MEASURES, MonthlyRow, monthly_table
from ipcity.monitoring.compare import catalogue_index, normalise_indicator_name
from ipcity.monitoring.models import IndicatorLink, StandardIndicator
from ipcity.programs.access import access_indicators
from ipcity.programs.models import Indicator, Program
from ipcity.protection.models import Case
from ipcity.protection.selectors.kpis import case_facts


@dataclass(frozen=True)
class MonthlyBlock:
    """One block of the table: a dimension counted by one measure (登记/受理/结案), with its total line."""

    title: str
    rows: list[MonthlyRow]


def monthly_statistics(cases: QuerySet[Case], year: int) -> tuple[list[MonthlyBlock], int]:
    """The year's table in blocks, and how many cases were read (received, accepted or closed in it)."""
    span = (dt.date(year, 1, 1), dt.date(year, 12, 31))
    selected = cases.filter(Q(received_on__range=span) | Q(accepted_on__range=span) | Q(closed_on__range=span))
    facts = case_facts(selected, closed_between=span)
    blocks: list[MonthlyBlock] = []
    for row in monthly_table(facts, year):
        title = f"{DIMENSIONS[row.dimension]}（{MEASURES[row.measure]}）"
        if not blocks or blocks[-1].title != title:
            blocks.append(MonthlyBlock(title, []))
        blocks[-1].rows.append(row)
    return blocks, len(facts)


@dataclass(frozen=True)
class FeedSuggestion:
    indicator: Indicator
    standard: StandardIndicator
    kpi_key: str
    scope: str
    linked: bool  # the office confirmed the indicator's catalogue link (else: the name matched)


def feed_suggestions(user) -> list[FeedSuggestion]:
    """Indicators of the user's programmes that the catalogue names as one a case KPI measures:
    linked to the entry by the office, or named as the entry or one of its aliases."""
    from ipcity.protection.services.indicator_feed import FEEDS

    standards = list(StandardIndicator.objects.filter(code__in=FEEDS))
    if not standards:
        return []
    index = catalogue_index(standards)
    links = dict(IndicatorLink.objects.filter(standard__in=standards).values_list("indicator_id", "standard_id"))
    by_pk = {s.pk: s for s in standards}
    out = []
    for indicator in _open_indicators(user):
        standard = by_pk.get(links[indicator.pk]) if indicator.pk in links else None
        linked = standard is not None
        if standard is None:
            standard = index.get(normalise_indicator_name(indicator.name))
        if standard is not None:
            kpi_key, scope = FEEDS[standard.code]
            out.append(FeedSuggestion(indicator, standard, kpi_key, scope, linked))
    return out


def _open_indicators(user):
    """The user's indicators in programmes not archived: an archived one takes no value (its
    recording is refused, ``programs.lifecycle``), so neither the list nor a suggestion offers it."""
    return (access_indicators(user).exclude(program__status=Program.Status.ARCHIVED)
            .select_related("program").order_by("program_id", "order"))


def recordable_indicators(user) -> list[Indicator]:
    """Every indicator the office may record a KPI to (the form's list), archived programmes left out."""
    return list(_open_indicators(user))

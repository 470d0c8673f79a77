"""The case indicators of a period, for the KPI page, the statistics and the indicator feed.

Who sees which figures (docs/protection.md, "Statistics"): the office and the leaders of a region
see every case of the region; a department sees the KPIs of the cases it handles; the site
administrator sees all. Figures are counts and rates only: no party appears on these pages.

``case_facts`` reads the cases with one ``values_list`` query (plus one for the suspensions of
the cases closed in the period, which the working-day count must skip) and hands them to the
pure functions of ``ipcity.casework.kpis``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from ipcity.casework import calendar, workflow
from ipcity.casework.kpis import KPI_LABELS, CaseFacts, KpiFigure, kpis
from ipcity.core.access import region_prefix_of, user_role
from ipcity.core.models import Role
from ipcity.monitoring.selectors import reported_year
from ipcity.protection.access import cases_visible_to
from ipcity.protection.models import Case, CaseSuspension
from ipcity.text import fold_width

KPI_CACHE_SECONDS = 600
# The page's order: 结案率 with its cohort variant beside it, then the others.
KPI_ORDER = ("closure_rate", "closure_rate_cohort", "on_time_rate", "mediation_success_rate",
             "avg_working_days_to_close", "enforcement_volume", "enforcement_growth", "enterprises_assisted")
# Case-type scopes of the page and the feed: every case, the disputes (纠纷调处: mediation and
# administrative ruling), or one type.
SCOPES: dict[str, tuple[str, ...]] = {"": (), "disputes": ("mediation", "ruling"),
                                      **{code: (code,) for code in workflow.CASE_TYPES}}
SCOPE_LABELS: dict[str, str] = {"": "全部案件", "disputes": "纠纷调处（纠纷调解、行政裁决）", **workflow.CASE_TYPES}


@dataclass(frozen=True)
class Period:
    """A year, a quarter or a month (inclusive dates) and the same period a year earlier."""

    year: int
    quarter: int | None = None
    month: int | None = None

    @property
    def start(self) -> dt.date:
        if self.month:
            return dt.date(self.year, self.month, 1)
        if self.quarter:
            return dt.date(self.year, 3 * self.quarter - 2, 1)
        return dt.date(self.year, 1, 1)

    @property
    def end(self) -> dt.date:
        last_month = self.month or (3 * self.quarter if self.quarter else 12)
        following = dt.date(self.year + (last_month == 12), last_month % 12 + 1, 1)
        return following - dt.timedelta(days=1)

    @property
    def previous(self) -> Period:
        return Period(self.year - 1, self.quarter, self.month)

    @property
    def label(self) -> str:
        if self.month:
            return f"{self.year}年{self.month}月"
        if self.quarter:
            return f"{self.year}年第{self.quarter}季度"
        return f"{self.year}年"

    @property
    def display(self) -> str:
        """The label in the page's language; ``label`` stays Chinese for the notes it is stored in."""
        if self.month:
            return _("%(year)s年%(month)s月") % {"year": self.year, "month": self.month}
        if self.quarter:
            return _("%(year)s年第%(quarter)s季度") % {"year": self.year, "quarter": self.quarter}
        return _("%(year)s年") % {"year": self.year}

    def as_dict(self) -> dict[str, object]:
        return {"year": self.year, "quarter": self.quarter, "month": self.month,
                "start": self.start.isoformat(), "end": self.end.isoformat(), "label": self.label}


def statistics_cases(user) -> QuerySet[Case]:
    """The cases whose figures the user may see: a leader sees the region's like its office."""
    if user_role(user) == Role.LEADER:
        prefix = region_prefix_of(user)
        return Case.objects.filter(region_code__startswith=prefix) if prefix else Case.objects.all()
    return cases_visible_to(user)


def may_see_statistics(user) -> bool:
    return user_role(user) in (Role.ADMIN, Role.OFFICE, Role.LEADER, Role.REPORTER)


def enterprise_key(credit_code: str, name: str) -> str | None:
    """The credit code, else the enterprise's name without spaces and with brackets folded."""
    if credit_code:
        return credit_code.strip().upper()
    key = "".join(fold_width(name).split())
    return key or None


_FIELDS = ("pk", "case_type__code", "channel", "received_on", "accepted_on", "closed_on", "statutory_due", "result",
           "enterprise_credit_code", "enterprise_name", "suspended")


def case_facts(cases: QuerySet[Case], *, closed_between: tuple[dt.date, dt.date] | None = None) -> list[CaseFacts]:
    """One ``CaseFacts`` per case of ``cases`` (one query), with the working days from acceptance
    to closure counted without the suspended days (one more query, for the cases closed within
    ``closed_between`` when given, else for all)."""
    rows = list(cases.order_by().values_list(*_FIELDS))
    suspended = _suspensions(cases, closed_between)
    facts = []
    for pk, type_code, channel, received, accepted, closed, due, result, code, name, is_suspended in rows:
        days = None
        if accepted is not None and closed is not None and (
                closed_between is None or closed_between[0] <= closed <= closed_between[1]):
            days = _working_days(accepted, closed, suspended.get(pk, ()))
        facts.append(CaseFacts(case_id=pk, case_type=type_code, channel=channel, received_on=received,
                               accepted_on=accepted, closed_on=closed, statutory_due=due, result=result or None,
                               # only assistance cases count enterprises (casework.kpis): the
                               # others skip the name folding, a tenth of the page's time
                               enterprise_key=enterprise_key(code, name) if type_code in workflow.ASSISTANCE_TYPES
                               else None, working_days_to_close=days,
                               suspended_open=is_suspended))
    return facts


def _working_days(accepted: dt.date, closed: dt.date, suspensions: Iterable[tuple[dt.date, dt.date]]) -> int | None:
    try:
        return calendar.working_days_between(accepted, closed, list(suspensions))
    except calendar.CalendarRangeError:
        return None  # a case closed outside the calendar's years has no working-day count


def _suspensions(cases: QuerySet[Case], closed_between) -> dict[int, list[tuple[dt.date, dt.date]]]:
    query = CaseSuspension.objects.filter(case__in=cases.order_by().values("pk"), end__isnull=False)
    if closed_between is not None:
        query = query.filter(case__closed_on__range=closed_between)
    out: dict[int, list[tuple[dt.date, dt.date]]] = defaultdict(list)
    for case_id, start, end in query.values_list("case_id", "start", "end"):
        if end is not None and end > start:  # the day work resumed is not suspended (protection.deadlines)
            last: dt.date = end - dt.timedelta(days=1)
            out[case_id].append((start, last))
    return out


def period_cases(cases: QuerySet[Case], period: Period, scope: str = "") -> QuerySet[Case]:
    """The cases a period's indicators read: accepted or closed in the period, and the
    enforcement cases accepted a year earlier (办案量增幅 compares with them; nothing else does)."""
    previous = period.previous
    selected = cases.filter(Q(accepted_on__range=(period.start, period.end))
                            | Q(closed_on__range=(period.start, period.end))
                            | Q(accepted_on__range=(previous.start, previous.end),
                                case_type__code__in=workflow.ENFORCEMENT_TYPES))
    types = SCOPES.get(scope, ())
    return selected.filter(case_type__code__in=types) if types else selected


@dataclass(frozen=True)
class KpiRow:
    figure: KpiFigure
    label: str

    @property
    def key(self) -> str:
        return self.figure.key


def period_kpis(cases: QuerySet[Case], period: Period, scope: str = "") -> tuple[list[KpiRow], int]:
    """The period's indicators in the page's order, and how many cases they were computed from.

    A period's figures read tens of thousands of cases (a second at 100,000 cases), so they are
    kept in the cache under the query's own SQL and the case table's version: the newest case and
    the latest change (every step saves its case, a suspension included). A new or changed case
    computes them afresh; cases are never deleted by the platform, and an entry lives
    ``KPI_CACHE_SECONDS`` at most (docs/protection.md)."""
    selected = period_cases(cases, period, scope)
    sql, params = selected.order_by().values_list("pk").query.sql_with_params()
    # Two index look-ups (one MAX each: SQLite answers a lone MAX from the index, not a pair).
    top = Case.objects.order_by("-pk").values_list("pk", flat=True).first()
    last = Case.objects.order_by("-updated_at").values_list("updated_at", flat=True).first()
    key = "protection.kpis:" + hashlib.sha256(repr((sql, params, top, last, period)).encode()).hexdigest()
    cached = cache.get(key)
    if cached is not None:
        return cached
    facts = case_facts(selected, closed_between=(period.start, period.end))
    figures = kpis(facts, period.start, period.end)
    result = ([KpiRow(figures[key], KPI_LABELS[key]) for key in KPI_ORDER], len(facts))
    cache.set(key, result, KPI_CACHE_SECONDS)
    return result


def years_with_cases(cases: QuerySet[Case], today: dt.date) -> list[int]:
    """The years the period selector offers: from the first case received up to this year."""
    first = cases.order_by("received_on").values_list("received_on", flat=True).first()
    start = first.year if first else today.year
    return list(range(today.year, start - 1, -1))


def statistics_year(years: list[int], today: dt.date) -> int:
    """The year the KPI and statistics pages open on, among ``years``: the year being reported on
    (January–June the year before, July–December this year; ``monitoring.selectors.reported_year``,
    the value form's and the 报告 tab's rule). In January 2027 that is 2026's whole year, not the
    days of 2027 so far, whose figures the page would offer to record as 2027's actual value."""
    return reported_year(range(min(years), max(years) + 1), today)

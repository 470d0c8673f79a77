"""A case KPI of a year becomes a programme indicator's actual value, with its lineage.

The way computed patent figures are recorded (``monitoring.engine_figures.record_figure``): the
office picks the indicator, a KPI of ``ipcity.casework.kpis`` and a year; the KPI is computed over
the cases of the programme's region for that calendar year (``selectors.kpis.period_kpis``) and
recorded through ``monitoring.services.actual_value_record`` (the one write path: audited, the
old value kept as history), marked computed, channel ``cases``, with the lineage: the KPI key and
its definition, the case-type scope, the period, numerator, denominator, the number of cases read,
the region and the time. Recording the same figure again adds no history row.

The catalogue (``monitoring.StandardIndicator``, entries added by protection's migration 0003)
names the four programme indicators cases measure; ``FEEDS`` says which KPI (and scope) each is,
so the KPI page can suggest the indicator of a programme whose name is the entry's or an alias.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import ipcity
from ipcity.casework.kpis import KPI_LABELS
from ipcity.core.access import is_office
from ipcity.divisions import region_prefix
from ipcity.monitoring.models import IndicatorActual
from ipcity.monitoring.permissions import can_record
from ipcity.monitoring.services import MonitoringInputError, actual_value_record
from ipcity.programs.models import Indicator
from ipcity.protection.models import Case
from ipcity.protection.selectors.kpis import SCOPE_LABELS, SCOPES, Period, period_kpis

SOURCE = "维权援助案件统计"
# catalogue code → (KPI key, case-type scope of selectors.kpis.SCOPES)
FEEDS: dict[str, tuple[str, str]] = {
    "IP_DISPUTE_CLOSURE_RATE": ("closure_rate", "disputes"),
    "IP_CASES_ON_TIME_RATE": ("on_time_rate", ""),
    "IP_ENFORCEMENT_GROWTH": ("enforcement_growth", ""),
    "IP_ASSISTED_ENTERPRISES": ("enterprises_assisted", ""),
}


class FeedError(MonitoringInputError):
    """A KPI that cannot be recorded; ``field`` names the input, the message is Chinese."""


def kpi_lineage(*, kpi_key: str, scope: str, period: Period, region_code: str) -> tuple[float, dict[str, Any]]:
    """The KPI's value and everything it was computed from, for the cases of ``region_code``."""
    if kpi_key not in KPI_LABELS:
        raise FeedError("kpi", _("未知的统计指标：%(key)s") % {"key": kpi_key})
    if scope not in SCOPES:
        raise FeedError("scope", _("未知的案件范围：%(scope)s") % {"scope": scope})
    cases = Case.objects.filter(region_code__startswith=region_prefix(region_code))
    rows, case_count = period_kpis(cases, period, scope)
    figure = next(row.figure for row in rows if row.key == kpi_key)
    if figure.value is None:
        raise FeedError("kpi", _("%(period)s%(label)s无法计算：分母为 0（没有可统计的案件）")
                        % {"period": period.label, "label": KPI_LABELS[kpi_key]})
    lineage = {
        "source": "protection.kpis", "kpi": kpi_key, "kpi_label": KPI_LABELS[kpi_key],
        "definition": figure.definition_zh, "scope": scope, "scope_label": SCOPE_LABELS[scope],
        "case_types": list(SCOPES[scope]), "period": period.as_dict(), "numerator": figure.numerator,
        "denominator": figure.denominator, "unit": figure.unit, "case_count": case_count,
        "region_code": region_code, "computed_at": timezone.now().isoformat(), "ipcity_version": ipcity.__version__,
    }
    return float(figure.value), lineage


@transaction.atomic
def kpi_actual_record(*, user: User, indicator: Indicator, kpi_key: str, year: int, scope: str = "",
                      note: str = "") -> IndicatorActual:
    """Record the year's KPI as the indicator's actual value (office only)."""
    if not is_office(user) or not can_record(user, indicator):
        raise PermissionDenied(_("只有知识产权办公室可以把案件统计记为指标实际值"))
    value, lineage = kpi_lineage(kpi_key=kpi_key, scope=scope, period=Period(year),
                                 region_code=indicator.program.region.code)
    return actual_value_record(indicator=indicator, year=year, value=value, user=user, source=SOURCE, note=note,
                               lineage=lineage, channel=IndicatorActual.Channel.CASES)


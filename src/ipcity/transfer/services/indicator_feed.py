"""Contracts of a year become a programme indicator's actual value, with their lineage.

The way protection's case KPIs are recorded: the office picks the indicator, the contract kind
(licence or transfer) and a year; the contracts counted are the matches at stage ``contract``
with that kind, a contract date in that calendar year, and a need in the programme's region
(``TechNeed.region_code`` under the region's prefix). Recorded through
``monitoring.services.actual_value_record`` (audited, the old value kept as history), marked
computed, channel ``transfer``, with the lineage: the kind, the year, the region, the count and
each contract's filing number. Recording the same figure again adds no history row.

How this relates to the records-based figures (``licences``, ``transfers`` of the patent engine,
counted from CNIPA's filing records in a dataset): these count only the contracts the platform's
matchmaking led to, a subset of the filings. The two are never added together (see docs/transfer.md).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import ipcity
from ipcity.core.access import is_office
from ipcity.divisions import region_prefix
from ipcity.monitoring.models import IndicatorActual
from ipcity.monitoring.permissions import can_record
from ipcity.monitoring.services import MonitoringInputError, actual_value_record
from ipcity.programs.models import Indicator
from ipcity.transfer.labels import CONTRACT_KINDS
from ipcity.transfer.models import Match

SOURCE = "供需对接合同统计"
# catalogue code → contract kind
FEEDS: dict[str, str] = {"TRANSFER_MATCH_LICENCES": "licence", "TRANSFER_MATCH_TRANSFERS": "transfer"}


class FeedError(MonitoringInputError):
    """A count that cannot be recorded; ``field`` names the input, the message is Chinese."""


def contract_lineage(*, kind: str, year: int, region_code: str) -> tuple[float, dict[str, Any]]:
    if kind not in CONTRACT_KINDS:
        raise FeedError("kind", _("未知的合同类型：%(kind)s") % {"kind": kind})
    contracts = (Match.objects.filter(stage="contract", contract_kind=kind, contract_date__year=year,
                                      need__region_code__startswith=region_prefix(region_code))
                 .order_by("contract_date", "pk"))
    filings = list(contracts.values_list("filing_number", flat=True))
    lineage = {"source": "transfer.contracts", "kind": kind, "year": year, "region_code": region_code,
               "count": len(filings), "filing_numbers": filings, "computed_at": timezone.now().isoformat(),
               "ipcity_version": ipcity.__version__}
    return float(len(filings)), lineage


@transaction.atomic
def contract_actual_record(*, user: User, indicator: Indicator, kind: str, year: int, note: str = "") -> IndicatorActual:
    """Record the year's count of matchmaking contracts of ``kind`` as the indicator's actual value."""
    if not is_office(user) or not can_record(user, indicator):
        raise PermissionDenied(_("只有知识产权办公室可以把对接合同数记为指标实际值"))
    value, lineage = contract_lineage(kind=kind, year=year, region_code=indicator.program.region.code)
    return actual_value_record(indicator=indicator, year=year, value=value, user=user, source=SOURCE, note=note,
                               lineage=lineage, channel=IndicatorActual.Channel.TRANSFER)


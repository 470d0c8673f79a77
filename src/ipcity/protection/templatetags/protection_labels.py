"""Template filters that show a case vocabulary code or a KPI key in the reader's language
(``protection.labels``): ``{{ case.status|vocab:"STATUSES" }}``, ``{{ row.key|kpi_label }}``."""

from __future__ import annotations

from django import template
from django.utils.dates import MONTHS_AP
from django.utils.functional import Promise

from ipcity.core.templatetags.punctuation import parenthesised
from ipcity.protection import labels

register = template.Library()


@register.filter
def vocab(code: str | None, vocabulary: str) -> Promise | str:
    return labels.label(vocabulary, code)


@register.filter
def kpi_label(key: str) -> Promise | str:
    return labels.label("KPI_LABELS", key)


@register.filter
def kpi_definition(key: str) -> Promise | str:
    return labels.label("KPI_DEFINITIONS", key)


@register.filter
def statistics_row(row) -> Promise | str:
    """A ``casework.kpis.MonthlyRow``'s line label."""
    return labels.statistics_row_label(row.dimension, row.code)


@register.filter
def statistics_title(block) -> str:
    """A block's heading, "来源渠道（登记）": its rows share one dimension and measure."""
    first = block.rows[0]
    return f"{labels.DIMENSIONS[first.dimension]}{parenthesised(labels.MEASURES[first.measure])}"


@register.simple_tag
def month_headers() -> list[str]:
    """The twelve column heads of a monthly table in the reader's language: Django's own month names
    (一月…十二月, Jan.…Dec.), so a bare 1…12 never reads as a count and no new message is needed."""
    return [str(MONTHS_AP[month]) for month in range(1, 13)]

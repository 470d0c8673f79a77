"""Reads about the holiday notices: the open cases whose running due date is provisional."""

from __future__ import annotations

from django.db.models import Q

from ipcity.casework.calendar import supported_range
from ipcity.protection.access import cases_visible_to
from ipcity.protection.deadlines import RECEIPT_STATUSES, REVIEW_STATUSES, STATUTORY_STATUSES


def provisional_open_cases(user) -> int:
    """How many cases the user sees have a running clock due after the known years."""
    known_last = supported_range()[1]
    provisional = (Q(status__in=REVIEW_STATUSES, review_due__gt=known_last)
                   | Q(status__in=STATUTORY_STATUSES, statutory_due__gt=known_last)
                   | Q(status__in=RECEIPT_STATUSES, receipt_on__isnull=True, receipt_due__gt=known_last))
    return cases_visible_to(user).filter(provisional).count()

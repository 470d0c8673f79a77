"""Reads of the ledger pages: an import draft (its uploader's only), the export's cases."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from ipcity.protection.models import Case, LedgerImport
from ipcity.protection.selectors.cases import CaseFilters, cases_filtered


def ledger_import_for(user, pk: int) -> LedgerImport:
    """An import of the user's own (a draft is personal): 404 for anyone else's."""
    found = LedgerImport.objects.filter(pk=pk, created_by=user).first() if user.is_authenticated else None
    if found is None:
        raise Http404(_("导入记录不存在或无权查看"))
    return found


def recent_imports(user, limit: int = 10) -> list[LedgerImport]:
    return list(LedgerImport.objects.filter(created_by=user).order_by("-pk")[:limit])


def export_cases(user, filters: CaseFilters, *, today: dt.date) -> QuerySet[Case]:
    """The ledger list's cases under the same filters, in its order, with what a row prints."""
    return (cases_filtered(user, filters, today=today).select_related("case_type", "handling_department")
            .prefetch_related("parties").order_by("-received_on", "-id"))

"""Publishing and unpublishing: each one atomic function that also writes its audit record."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ipcity.audit.services import audit_record
from ipcity.programs.models import Indicator, Program
from ipcity.publication.models import IndicatorPublication, ProgramPublication

SUMMARY_MAX = 4000


class PublicationInputError(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _state(row: ProgramPublication | IndicatorPublication) -> dict:
    state: dict = {"published": row.published}
    if isinstance(row, ProgramPublication):
        state["summary"] = row.summary
    return state


@transaction.atomic
def program_publication_set(*, program: Program, user: User, published: bool, summary: str | None = None) -> ProgramPublication:
    """Publish (or unpublish) the programme's public page; ``summary`` None keeps the current text."""
    row, _created = ProgramPublication.objects.select_for_update().get_or_create(program=program)
    before = _state(row)
    if summary is not None:
        summary = summary.strip()
        if len(summary) > SUMMARY_MAX:
            raise PublicationInputError(_("公开摘要不能超过 %(n)s 字") % {"n": SUMMARY_MAX})
        row.summary = summary
    if published and not row.published:
        row.published_at = timezone.now()
    row.published = published
    row.updated_by = user
    row.save()
    after = _state(row)
    if after != before:
        action = "publication.program." + ("publish" if published and not before["published"]
                                           else "unpublish" if not published and before["published"] else "update")
        audit_record(actor=user, action=action, obj=row, program_id=program.pk, before=before, after=after)
    return row


@transaction.atomic
def indicator_publication_set(*, indicator: Indicator, user: User, published: bool) -> IndicatorPublication:
    """Publish (or unpublish) one indicator: its values, its verdicts and their method."""
    row, _created = IndicatorPublication.objects.select_for_update().get_or_create(indicator=indicator)
    before = _state(row)
    if published and not row.published:
        row.published_at = timezone.now()
    row.published = published
    row.updated_by = user
    row.save()
    if before["published"] != published:
        audit_record(actor=user, action="publication.indicator." + ("publish" if published else "unpublish"),
                     obj=row, program_id=indicator.program_id, before=before, after=_state(row))
    return row

"""The programme's supervision settings (head approval, reminder and board day counts)."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from ipcity.audit.services import audit_record, snapshot
from ipcity.programs.lifecycle import require_not_archived
from ipcity.programs.models import Program
from ipcity.supervision.models import SupervisionSettings
from ipcity.supervision.permissions import may_supervise


@transaction.atomic
def program_settings_update(*, program: Program, user: User, **fields) -> SupervisionSettings:
    if not may_supervise(user):
        raise PermissionDenied(_("只有知识产权办公室可以修改督查设置"))
    require_not_archived(program)
    row, _created = SupervisionSettings.objects.get_or_create(program=program)
    before = snapshot(row)
    for name, value in fields.items():
        setattr(row, name, value)
    row.full_clean()
    row.save()
    audit_record(actor=user, action="supervision.settings.update", obj=row, before=before, program_id=program.id)
    return row

"""Evidence files of a department report: checked before anything is written, removed with the row."""

from __future__ import annotations

import hashlib
import uuid

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from ipcity.audit.services import audit_record, snapshot
from ipcity.supervision.models import EDITABLE_STATUSES, Attachment, DepartmentReport
from ipcity.supervision.permissions import require_report_fill
from ipcity.supervision.services.report_transitions import ReportLocked, locked_report
from ipcity.supervision.uploads import check_upload


@transaction.atomic
def attachment_add(*, report: DepartmentReport, user: User, uploaded) -> Attachment:
    """Check the file's size, type and content before anything is written; then store it."""
    current = locked_report(report)
    require_report_fill(user, current)
    if current.status not in EDITABLE_STATUSES:
        raise ReportLocked(_("报告当前状态不能添加附件"))
    kind, suffix = check_upload(uploaded)
    digest = hashlib.sha256()
    content = b"".join(uploaded.chunks())
    digest.update(content)
    attachment = Attachment(report=current, original_name=(uploaded.name or "file")[:255], kind=kind,
                            size=len(content), sha256=digest.hexdigest(), uploaded_by=user)
    attachment.file.save(f"{uuid.uuid4().hex}{suffix}", ContentFile(content), save=False)
    # Should the row not be written, the stored file must not stay behind.
    try:
        attachment.save()
        DepartmentReport.objects.filter(pk=current.pk).update(version=F("version") + 1)
        audit_record(actor=user, action="supervision.attachment.add", obj=attachment, program_id=current.round.program_id)
    except Exception:
        attachment.file.delete(save=False)
        raise
    return attachment


@transaction.atomic
def attachment_remove(*, attachment: Attachment, user: User) -> None:
    report = locked_report(attachment.report)
    require_report_fill(user, report)
    if report.status not in EDITABLE_STATUSES:
        raise ReportLocked(_("报告当前状态不能删除附件"))
    before = snapshot(attachment)
    storage, name = attachment.file.storage, attachment.file.name or ""
    audit_record(actor=user, action="supervision.attachment.delete", obj=attachment, before=before,
                 program_id=report.round.program_id)
    attachment.delete()
    DepartmentReport.objects.filter(pk=report.pk).update(version=F("version") + 1)
    if name:
        transaction.on_commit(lambda: storage.delete(name))

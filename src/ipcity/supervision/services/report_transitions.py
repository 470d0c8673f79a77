"""The review path of a department report, and the machinery every step of it shares.

::

    draft ──submit──▶ (head_review ──head_approve──▶) submitted ──accept──▶ accepted
      ▲                      │head_reject                 │return               │unlock (office, reason)
      └──────────────────────┘                            ▼                     ▼
                                                       returned ──submit──▶ resubmitted ──▶ …

Each step re-reads the report under a row lock (``locked_report``), then moves it with
``transition``: new status, version bumped, a ``ReviewStep`` for the report's history and an
audit record, all in the caller's transaction.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from ipcity.audit.services import audit_record, snapshot
from ipcity.programs.lifecycle import require_not_archived
from ipcity.supervision.models import DepartmentReport, ReviewStep


class ReportChanged(Exception):
    """Someone saved the report after this user opened it (optimistic locking)."""

    def __init__(self, report: DepartmentReport):
        super().__init__(_("报告已被他人修改"))
        self.report = report


class ReportLocked(PermissionDenied):
    """The report is not in a state that allows this change."""


def locked_report(report: DepartmentReport) -> DepartmentReport:
    """Re-read the report under a row lock, so two transitions cannot interleave. A report of an
    archived programme is read-only: every step refuses (``ProgramArchived``)."""
    # The programme first (its row held against the archiving, lifecycle's lock order), then the
    # report with its round and department; not the programme FOR UPDATE through the join, which
    # would make every report step wait for every other and deadlock with the archiving (hostile30).
    require_not_archived(report.round.program)
    return (DepartmentReport.objects.select_for_update(of=("self", "round", "department"))
            .select_related("round__program", "department").get(pk=report.pk))


def _step(report: DepartmentReport, user: User | None, action: str, from_status: str, comment: str = "") -> None:
    ReviewStep.objects.create(report=report, action=action, from_status=from_status, to_status=report.status,
                              comment=comment, actor=user, actor_name=user.get_username() if user else "system")


def transition(report: DepartmentReport, user: User | None, *, action: str, to: str, comment: str = "",
               fields: dict | None = None, note_audit: str = "") -> DepartmentReport:
    """Move a locked report to ``to``: the report's history and the audit trail record the step."""
    before = snapshot(report)
    from_status = report.status
    report.status = to
    for name, value in (fields or {}).items():
        setattr(report, name, value)
    report.version += 1
    report.updated_by = user
    report.save()
    _step(report, user, action, from_status, comment)
    audit_record(actor=user, action=f"supervision.report.{action}", obj=report, before=before,
                 program_id=report.round.program_id, note=note_audit or comment)
    return report

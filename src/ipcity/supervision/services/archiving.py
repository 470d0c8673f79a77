"""归档 (archiving) a programme at the end of its life, and 取消归档 (unarchiving) it.

Archiving lives here, in supervision, because it closes the programme's open reporting rounds in
the same transaction; the read-only rule it sets is enforced below, in every write service, by
``ipcity.programs.lifecycle.require_not_archived``.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ipcity.audit.services import audit_record, snapshot
from ipcity.core.access import user_role
from ipcity.core.edit_stamps import require_unchanged
from ipcity.core.models import Role
from ipcity.core.templatetags.punctuation import list_comma
from ipcity.core.typed_text import typed_text
from ipcity.programs.models import Program
from ipcity.supervision.models import Round
from ipcity.supervision.permissions import may_supervise


class OpenRoundsUnconfirmed(ValidationError):
    """Rounds are still open and the office did not confirm closing them: nothing written."""

    def __init__(self, rounds: list[Round]):
        names = list_comma().join(f"“{r.title}”" for r in rounds)
        super().__init__(ngettext(
            "尚有 %(n)s 个报送轮次进行中（%(names)s）。请勾选“一并结束进行中的轮次”后再归档，或先在督查看板上结束它们。",
            "尚有 %(n)s 个报送轮次进行中（%(names)s）。请勾选“一并结束进行中的轮次”后再归档，或先在督查看板上结束它们。",
            len(rounds)) % {"n": len(rounds), "names": names})
        self.rounds = rounds


def archive_state(program: Program) -> dict:
    """What the archiving form was opened at (its edit stamp, ``core.edit_stamps``): the programme's
    status and its open rounds. A round opened, or the programme archived by someone else, since
    the page was read makes the save stale (409)."""
    return {"status": program.status,
            "open_rounds": sorted(Round.objects.filter(program=program, status=Round.Status.OPEN)
                                  .values_list("pk", flat=True))}


def may_archive(user: User | None) -> bool:
    return may_supervise(user)


def may_unarchive(user: User | None) -> bool:
    """Only the site administrator undoes an archiving (an office could otherwise reopen a closed
    plan's figures on its own)."""
    return user_role(user) == Role.ADMIN


@transaction.atomic
def program_archive(*, program: Program, user: User, close_open_rounds: bool = False,
                    seen: str | None = None) -> Program:
    """Archive ``program``: read-only from now on. Open rounds block it unless ``close_open_rounds``,
    which closes them here, each audited, in the same transaction. ``seen``: the form's stamp."""
    if not may_archive(user):
        raise PermissionDenied(_("只有知识产权办公室可以归档项目"))
    program = Program.objects.select_for_update().get(pk=program.pk)
    require_unchanged(archive_state(program), seen)
    if program.status == Program.Status.ARCHIVED:
        raise ValidationError(_("项目已归档"))
    rounds = list(Round.objects.select_for_update().filter(program=program, status=Round.Status.OPEN)
                  .order_by("due_date", "id"))
    if rounds and not close_open_rounds:
        raise OpenRoundsUnconfirmed(rounds)
    for rnd in rounds:
        before = snapshot(rnd, ["status"])
        rnd.status = Round.Status.CLOSED
        rnd.save(update_fields=["status"])
        audit_record(actor=user, action="supervision.round.closed", obj=rnd, before=before,
                     after=snapshot(rnd, ["status"]), program_id=program.pk, note="项目归档时一并结束")
    before = snapshot(program, ["status"])
    program.status = Program.Status.ARCHIVED
    program.save(update_fields=["status", "updated_at"])
    audit_record(actor=user, action="program.archive", obj=program, before=before,
                 after=snapshot(program, ["status"]), program_id=program.pk,
                 note=f"归档；一并结束 {len(rounds)} 个报送轮次" if rounds else "归档")
    return program


@transaction.atomic
def program_unarchive(*, program: Program, user: User, reason: str, seen: str | None = None) -> Program:
    """Undo an archiving (site administrator only, with a reason). The rounds closed when it was
    archived stay closed: the office reopens what it still needs."""
    if not may_unarchive(user):
        raise PermissionDenied(_("只有系统管理员可以取消归档"))
    # Typed text as every reason of the project: no control characters (a NUL would fail on
    # PostgreSQL, a bell or a bidi override would sit in the audit note), at most 2,000 characters.
    reason = typed_text(reason, label=_("取消归档的原因"), limit=2000)
    if not reason:
        raise ValidationError(_("请填写取消归档的原因"))
    program = Program.objects.select_for_update().get(pk=program.pk)
    require_unchanged(archive_state(program), seen)
    if program.status != Program.Status.ARCHIVED:
        raise ValidationError(_("项目未归档"))
    before = snapshot(program, ["status"])
    program.status = Program.Status.ACTIVE
    program.save(update_fields=["status", "updated_at"])
    audit_record(actor=user, action="program.unarchive", obj=program, before=before,
                 after=snapshot(program, ["status"]), program_id=program.pk, note=f"取消归档：{reason}")
    return program

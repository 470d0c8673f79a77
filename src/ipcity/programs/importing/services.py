"""Writes of the upload → review → confirm workflow (a ``PlanImport`` is a draft, not programme data).

The upload is checked (size, type by content, readable, a plan at all) before the one row is
written; edits change only ``PlanImport.edited``; confirming calls the programme services in one
transaction, so a failure leaves the draft pending and the programme untouched.
"""

from __future__ import annotations

import copy
import hashlib
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ipcity.audit.services import audit_record
from ipcity.core.access import access_require_office
from ipcity.core.templatetags.punctuation import semicolon
from ipcity.plans import DocumentError
from ipcity.programs.access import access_programs
from ipcity.programs.importing.limits import raw_text_length, text_length_problem
from ipcity.programs.importing.notices import stored as stored_notices
from ipcity.programs.importing.reading import plan_json_or_none, read_plan_file
from ipcity.programs.importing.validation import PlanInvalid, plan_problems
from ipcity.programs.lifecycle import require_not_archived
from ipcity.programs.models import PlanImport, Program
from ipcity.programs.services import program_apply_revision, program_create_from_plan

# Keys of ``PlanImport.edited`` that are the reviewer's choices, not part of the plan.
REVIEW_KEY = "_review"
ITEM_KINDS = ("indicators", "tasks")


class UploadRejected(Exception):
    """An upload that is no plan; ``message`` is the Chinese sentence shown to the user."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


def plan_import_create(*, user: User, uploaded, target_program: Program | None = None) -> PlanImport:
    """Check and parse an uploaded file; store the draft. Raises UploadRejected, writes nothing then."""
    require_not_archived(target_program)  # an archived programme takes no revision
    limit = settings.IPCITY_MAX_UPLOAD_BYTES
    if uploaded.size > limit:
        raise UploadRejected(_("文件过大（%(size).1f MB），上限为 %(limit).0f MB") % {"size": uploaded.size / 1048576,
                                                                   "limit": limit / 1048576})
    if uploaded.size == 0:
        raise UploadRejected(_("文件为空"))
    _refuse_long_text(uploaded)
    digest = hashlib.sha256()
    with tempfile.TemporaryDirectory(prefix="ipcity-upload-") as tmp:
        path = Path(tmp) / "upload"
        with path.open("wb") as handle:
            for chunk in uploaded.chunks():
                digest.update(chunk)
                handle.write(chunk)
        try:
            read = read_plan_file(path, display_name=uploaded.name)
        except DocumentError as exc:
            problem = _document_problem(exc)
            raise UploadRejected(_("无法读取文件“%(name)s”：%(problem)s") % {"name": uploaded.name,
                                                                           "problem": problem}) from exc
    too_long = text_length_problem(len(read.source_text or ""))
    if too_long:
        raise UploadRejected(too_long)
    if read.kind == "document" and not read.plan.get("indicators") and not read.plan.get("tasks"):
        raise UploadRejected(_("“%(name)s”中未识别出任何指标或任务，请确认上传的是工作方案或规划文件") % {"name": uploaded.name})
    # A document without years or a region is reviewed first (the office writes them in); plan JSON
    # must have them.
    problems = plan_problems(read.plan, draft=read.kind == "document")
    if problems:
        raise UploadRejected(_("文件内容不符合计划格式：") + semicolon().join(problems[:3]))
    if not read.plan["indicators"] and not read.plan["tasks"]:
        raise UploadRejected(_("“%(name)s”中没有任何指标或任务") % {"name": uploaded.name})
    return _store(user=user, name=uploaded.name, sha256=digest.hexdigest(), read=read, target_program=target_program)


def _document_problem(exc: DocumentError) -> str:
    """The reader's reason in the user's language: it says it in Chinese and in English."""
    return exc.problem_zh if (get_language() or "zh").startswith("zh") else exc.problem


def _refuse_long_text(uploaded) -> None:
    """A text/HTML upload over the character limit is refused before the parser spends seconds on it."""
    uploaded.seek(0)
    data = uploaded.read()
    uploaded.seek(0)
    if plan_json_or_none(data) is not None:
        return  # plan JSON: its item counts are checked by plan_problems
    characters = raw_text_length(data)
    problem = text_length_problem(characters) if characters is not None else None
    if problem:
        raise UploadRejected(problem)


@transaction.atomic
def _store(*, user: User, name: str, sha256: str, read, target_program: Program | None) -> PlanImport:
    plan_import = PlanImport.objects.create(
        original_name=name[:255], sha256=sha256, source_text=read.source_text, parsed=read.plan,
        edited=copy.deepcopy(read.plan), warnings=stored_notices(read.warnings), target_program=target_program,
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    audit_record(actor=user, action="planimport.create", obj=plan_import,
                 after={"original_name": plan_import.original_name, "sha256": sha256,
                        "target_program": target_program.pk if target_program else None},
                 program_id=target_program.pk if target_program else None)
    return plan_import


def edited_plan(plan_import: PlanImport) -> dict:
    """The plan as the reviewer left it, without the review-only keys."""
    return {k: v for k, v in plan_import.edited.items() if k != REVIEW_KEY}


def department_map(plan_import: PlanImport) -> dict[str, int | None]:
    return dict(plan_import.edited.get(REVIEW_KEY, {}).get("department_map", {}))


def pairing_overrides(plan_import: PlanImport) -> dict:
    """The reviewer's pairing choices: {kind: {new index (str): stored item id, or None}}."""
    return dict(plan_import.edited.get(REVIEW_KEY, {}).get("pairing", {}))


@transaction.atomic
def plan_import_pair(*, plan_import: PlanImport, kind: str, new_index: int, old_id: int | None | str) -> PlanImport:
    """Pair new item ``new_index`` with stored item ``old_id`` (a revision continues it), None:
    it is new, not a continuation; "": back to the automatic pairing."""
    if kind not in ITEM_KINDS:
        raise ValueError(kind)
    plan_import = _locked_pending(plan_import)
    if not plan_import.target_program_id:
        raise PlanInvalid([_("只有修订已有项目时才能配对条目")])
    if not 0 <= new_index < len(plan_import.edited[kind]):
        raise IndexError(new_index)
    if isinstance(old_id, int):
        model = plan_import.target_program.indicators if kind == "indicators" else plan_import.target_program.tasks
        if not model.filter(pk=old_id).exists():
            raise PlanInvalid([_("所选的原有条目不属于该项目")])
    choices = plan_import.edited.setdefault(REVIEW_KEY, {}).setdefault("pairing", {}).setdefault(kind, {})
    if old_id == "":
        choices.pop(str(new_index), None)
    else:
        # One stored item continues one new item: a new choice releases the old one's other pairing.
        for key in [k for k, v in choices.items() if old_id is not None and v == old_id]:
            del choices[key]
        choices[str(new_index)] = old_id
    plan_import.save(update_fields=["edited"])
    return plan_import


def _shift_pairing(plan_import: PlanImport, kind: str, removed: int) -> None:
    """Keep the pairing choices on their items when item ``removed`` leaves the list."""
    choices = plan_import.edited.get(REVIEW_KEY, {}).get("pairing", {}).get(kind)
    if not choices:
        return
    shifted = {}
    for key, value in choices.items():
        j = int(key)
        if j != removed:
            shifted[str(j - 1 if j > removed else j)] = value
    plan_import.edited[REVIEW_KEY]["pairing"][kind] = shifted


@transaction.atomic
def plan_import_item_save(*, plan_import: PlanImport, kind: str, index: int | None, item: dict | None) -> PlanImport:
    """Replace item ``index`` of ``kind`` (None index: append; None item: remove)."""
    if kind not in ITEM_KINDS:
        raise ValueError(kind)
    plan_import = _locked_pending(plan_import)
    items = plan_import.edited[kind]
    if index is None:
        items.append(item)
    elif not 0 <= index < len(items):
        raise IndexError(index)
    elif item is None:
        del items[index]
        _shift_pairing(plan_import, kind, index)
    else:
        items[index] = item
    plan_import.save(update_fields=["edited"])
    return plan_import


@transaction.atomic
def plan_import_fields_save(*, plan_import: PlanImport, fields: dict) -> PlanImport:
    """The programme's own fields (title, region, issuer, doc_number, issued_on, period)."""
    plan_import = _locked_pending(plan_import)
    plan_import.edited.update(fields)
    plan_import.save(update_fields=["edited"])
    return plan_import


@transaction.atomic
def plan_import_schedule_save(*, plan_import: PlanImport, phases: list[dict], reporting: list[dict]) -> PlanImport:
    """The draft's phases and reporting duties, as the reviewer corrected them."""
    plan_import = _locked_pending(plan_import)
    plan_import.edited["phases"], plan_import.edited["reporting"] = phases, reporting
    plan_import.save(update_fields=["edited"])
    return plan_import


@transaction.atomic
def plan_import_department_choose(*, plan_import: PlanImport, name: str, choice: int | None | str) -> PlanImport:
    """The reviewer's choice for a unit name: a department id, None (create new), "" (automatic)."""
    plan_import = _locked_pending(plan_import)
    review = plan_import.edited.setdefault(REVIEW_KEY, {})
    mapping = review.setdefault("department_map", {})
    if choice == "":
        mapping.pop(name, None)
    else:
        mapping[name] = choice
    plan_import.save(update_fields=["edited"])
    return plan_import


@transaction.atomic
def plan_import_confirm(*, plan_import: PlanImport, user: User, accept_loss: str | None = None) -> Program:
    """Save the reviewed plan as a programme (or apply it as a revision), all in one transaction.

    A revision that deletes items with data raises ``DataLossUnconfirmed`` unless
    ``accept_loss`` is the digest of the losses the office confirmed.

    Only the office confirms (``PermissionDenied`` otherwise), a revision only of a programme it
    administers, and an office administers its own region: a plan whose region (as saved) lies
    outside it raises ``PlanInvalid`` and the transaction leaves nothing behind."""
    access_require_office(user)
    if plan_import.target_program_id and not access_programs(user).filter(pk=plan_import.target_program_id).exists():
        raise PermissionDenied(_("只有知识产权办公室可以修改项目"))
    plan_import = _locked_pending(plan_import)
    plan = edited_plan(plan_import)
    mapping = {name: choice for name, choice in department_map(plan_import).items()}
    if plan_import.target_program_id:
        program = program_apply_revision(
            program=plan_import.target_program, plan=plan, user=user, department_map=mapping,
            source_name=plan_import.original_name, source_text=plan_import.source_text,
            pairing=pairing_overrides(plan_import), accept_loss=accept_loss,
        )
    else:
        program = program_create_from_plan(
            plan=plan, user=user, department_map=mapping,
            source_name=plan_import.original_name, source_text=plan_import.source_text,
        )
    if not access_programs(user).filter(pk=program.pk).exists():
        raise PlanInvalid([_("该计划所属地区（%(region)s）不在您的管辖范围内") % {"region": program.region.name}])
    plan_import.status = PlanImport.Status.CONFIRMED
    plan_import.result_program = program
    plan_import.save(update_fields=["status", "result_program"])
    audit_record(actor=user, action="planimport.confirm", obj=plan_import,
                 after={"status": plan_import.status, "result_program": program.pk}, program_id=program.pk)
    return program


@transaction.atomic
def plan_import_discard(*, plan_import: PlanImport, user: User) -> None:
    plan_import = _locked_pending(plan_import)
    plan_import.status = PlanImport.Status.DISCARDED
    plan_import.save(update_fields=["status"])
    audit_record(actor=user, action="planimport.discard", obj=plan_import, after={"status": plan_import.status})


def _locked_pending(plan_import: PlanImport) -> PlanImport:
    locked = PlanImport.objects.select_for_update().get(pk=plan_import.pk)
    if locked.status != PlanImport.Status.PENDING:
        raise PlanInvalid([_("该导入已确认或已放弃，不能再修改")])
    return locked

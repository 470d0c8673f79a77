"""Technology needs: create, update, close, and the all-or-nothing Excel/CSV import.

Every need is checked by the library (``ipcity.matching.needs.validate_need``: description of at
least two characters, known industry code, region code and mode) and must fall in the office's
region. Bad input raises ``ValidationError`` with the messages in the reader's language (the
library's ``Notice``s worded again: ``core.notices.reworded``) and writes nothing.

An open need of the same firm, description and region is refused twice over: a read-check names
the open twin, and the unique key of open needs (``TechNeed.same_key``) refuses, with the same
message, the second of two saves that passed the read in the same instant.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ipcity.audit.services import audit_record
from ipcity.core.edit_stamps import require_unchanged
from ipcity.core.import_errors import RowsImportError
from ipcity.core.notices import reworded, reworded_all
from ipcity.core.typed_text import column_text_problems
from ipcity.credit_codes import credit_code_problem, normalise_credit_code
from ipcity.divisions import region_prefix
from ipcity.text import without_bidi_controls
from ipcity.transfer.access import access_require_transfer_office, need_edit_for
from ipcity.transfer.labels import MODES
from ipcity.transfer.models import TechNeed, need_same_key
from ipcity.transfer.selectors import need_edit_state
from ipcity.transfer.services._common import data_dir, need_snapshot


@dataclass(frozen=True)
class NeedInput:
    enterprise: str
    description: str
    region_code: str
    products: str = ""
    industry_code: str = ""
    budget_wan: float | None = None
    mode: str = ""
    business_scope: str = ""
    credit_code: str = ""
    contact_person: str = ""
    phone: str = ""


class NeedsImportError(RowsImportError):
    """Rows of a needs file that failed: ``problems`` is a list of (row number, Chinese message)."""


def _clean(data: NeedInput) -> NeedInput:
    texts: dict[str, Any] = {f.name: without_bidi_controls(getattr(data, f.name)) for f in fields(NeedInput)
                             if isinstance(getattr(data, f.name), str)}
    data = replace(data, **texts)
    # The "optionally filled from the firm's business scope (经营范围)": a firm that wrote
    # no need but gave its business scope is matched on that scope.
    description = data.description.strip() or data.business_scope.strip()
    return replace(data, enterprise=data.enterprise.strip(), description=description,
                   region_code=data.region_code.strip(), products=data.products.strip(),
                   industry_code=data.industry_code.strip().upper(), mode=data.mode.strip(),
                   business_scope=data.business_scope.strip(), credit_code=normalise_credit_code(data.credit_code),
                   contact_person=data.contact_person.strip(), phone=data.phone.strip())


def need_problems(user: User, data: NeedInput) -> list[str]:
    """Every reason the need cannot be stored (the library's checks, then the office's region)."""
    from ipcity.matching.needs import Need, validate_need

    problems: list[str] = column_text_problems(TechNeed, {f.name: getattr(data, f.name) for f in fields(NeedInput)})
    if not data.enterprise:
        problems.append(_("请填写企业名称"))
    if data.credit_code and (credit_problem := credit_code_problem(data.credit_code)):
        problems.append(credit_problem.message(_))
    need = Need(id="new", text=data.description, products=data.products, industry_code=data.industry_code or None,
                region_code=data.region_code or None, budget_wan=data.budget_wan, mode=data.mode or None,
                business_scope=data.business_scope, enterprise=data.enterprise)
    problems += reworded_all(validate_need(need, data_dir=data_dir()))
    if not data.region_code:
        problems.append(_("请填写所在地区"))
    elif not problems:
        from ipcity.core.access import region_prefix_of

        prefix = region_prefix_of(user)
        if prefix and not region_prefix(data.region_code).startswith(prefix):
            problems.append(_("只能登记本辖区的需求：%(code)s") % {"code": data.region_code})
    return problems


def _same(data: NeedInput | TechNeed) -> tuple[str, str, str]:
    """What makes two needs the same (its hash, ``models.need_same_key``, is unique among open needs)."""
    return data.enterprise, data.description, data.region_code


def _open_twins(enterprises: set[str]) -> dict[tuple[str, str, str], int]:
    """The open needs of these firms by what makes two needs the same (``_same``), in one query."""
    twins: dict[tuple[str, str, str], int] = {}
    for pk, *same in (TechNeed.objects.filter(status="open", enterprise__in=enterprises).order_by("pk")
                      .values_list("pk", "enterprise", "description", "region_code")):
        twins.setdefault((same[0], same[1], same[2]), pk)
    return twins


def _twin_problem(data: NeedInput, twins: dict[tuple[str, str, str], int] | None = None) -> str:
    """The open need this one repeats ('' if none): a double click on 保存, or the same file
    uploaded twice, would otherwise put the firm's need on every list twice."""
    twin = (twins if twins is not None else _open_twins({data.enterprise})).get(_same(data))
    return _twin_message(twin) if twin is not None else ""


def _twin_message(twin: int) -> str:
    return _("该企业已登记相同的需求（编号 %(pk)s）") % {"pk": twin}


def _apply(need: TechNeed, data: NeedInput) -> None:
    if need.pk is None or _same(data) != _same(need):
        # Unchanged, the key stays as it is: NULL on an open twin stored before the guard
        # (migration 0003), which an edit of its phone number must not trip over.
        need.same_key = need_same_key(*_same(data))
    for field in fields(NeedInput):
        setattr(need, field.name, getattr(data, field.name))


def _save_once(need: TechNeed) -> str:
    """Save the need; the twin message ('' if saved) when the constraint finds an open need with
    its key: the read-check's message, for two saves that both passed the read in the same instant.

    The save runs in a savepoint, so the caller's transaction stays usable after the refusal
    (PostgreSQL would otherwise refuse every later statement of it)."""
    try:
        with transaction.atomic():
            need.save()
    except IntegrityError:
        twin = None if need.same_key is None else (
            TechNeed.objects.filter(status="open", same_key=need.same_key).exclude(pk=need.pk)
            .order_by("pk").values_list("pk", flat=True).first())
        if twin is None:
            raise  # another constraint than the twins' one
        return _twin_message(twin)
    return ""


@transaction.atomic
def need_create(*, user: User, data: NeedInput, source: str = "form") -> TechNeed:
    access_require_transfer_office(user)
    data = _clean(data)
    problems = need_problems(user, data)
    if problems:
        raise ValidationError(problems)
    if problem := _twin_problem(data):
        raise ValidationError(problem)
    need = TechNeed(source=source, created_by=user)
    _apply(need, data)
    if problem := _save_once(need):
        raise ValidationError(problem)
    audit_record(actor=user, action="transfer.need.create", obj=need, after=need_snapshot(need),
                 note=need.enterprise[:200])
    return need


@transaction.atomic
def need_update(*, user: User, need_id: int, data: NeedInput, seen: str | None = None) -> TechNeed:
    """``seen``: the stamp of the need the form was opened at (``StaleEdit`` when it changed since)."""
    need_edit_for(user, need_id)
    need = TechNeed.objects.select_for_update().get(pk=need_id)
    require_unchanged(need_edit_state(need), seen)
    data = _clean(data)
    problems = need_problems(user, data)
    if problems:
        raise ValidationError(problems)
    # An edit must not make the need the twin of another open one (an unchanged need is not
    # checked: an open twin stored before the guard keeps its other fields editable).
    if need.status == "open" and _same(data) != _same(need) and (
            problem := _twin_problem(data)):
        raise ValidationError(problem)
    before = need_snapshot(need)
    _apply(need, data)
    if problem := _save_once(need):
        raise ValidationError(problem)
    audit_record(actor=user, action="transfer.need.update", obj=need, before=before, after=need_snapshot(need))
    return need


@transaction.atomic
def need_close(*, user: User, need_id: int, reason: str) -> TechNeed:
    need_edit_for(user, need_id)
    need = TechNeed.objects.select_for_update().get(pk=need_id)
    if need.status == "closed":
        raise ValidationError(_("需求已关闭"))
    if not reason.strip():
        raise ValidationError(_("请填写关闭原因"))
    before = need_snapshot(need)
    need.status, need.closed_reason = "closed", reason.strip()
    need.save()
    audit_record(actor=user, action="transfer.need.close", obj=need, before=before, after=need_snapshot(need),
                 note=reason.strip()[:500])
    return need


@transaction.atomic
def needs_import(*, user: User, path: Path, default_region_code: str = "") -> list[TechNeed]:
    """Import a needs file (CSV or XLSX, the library's headers). Every row is checked first; if
    any fails, ``NeedsImportError`` lists every bad row with its number and nothing is written.
    A row without a region takes ``default_region_code`` (the office's region)."""
    from ipcity.matching.needs import NeedsFileError, read_needs_file

    access_require_transfer_office(user)
    try:
        rows = read_needs_file(path, data_dir=data_dir())
    except NeedsFileError as exc:
        raise NeedsImportError([(row, reworded(msg)) for row, msg in exc.problems]) from exc
    if not rows:
        raise NeedsImportError([(0, _("文件中没有需求"))])
    numbered: list[tuple[int, NeedInput]] = []
    for position, row in enumerate(rows, start=2):
        # The library names a row without an id column ``row<line>`` (its line in the file).
        number = int(row.id[3:]) if row.id.startswith("row") and row.id[3:].isdigit() else position
        numbered.append((number, _clean(NeedInput(
            enterprise=row.enterprise, description=row.text, region_code=row.region_code or default_region_code,
            products=row.products, industry_code=row.industry_code or "", budget_wan=row.budget_wan,
            mode=row.mode or "", business_scope=row.business_scope, credit_code=row.credit_code))))
    inputs = [data for _number, data in numbered]
    twins = _open_twins({data.enterprise for data in inputs})
    problems: list[tuple[int, str]] = []
    first_line: dict[tuple[str, str, str], int] = {}
    for number, data in numbered:
        row_problems = need_problems(user, data)
        if not row_problems and (twin := _twin_problem(data, twins)):
            row_problems.append(twin)
        if _same(data) in first_line:
            row_problems.append(_("与第 %(line)s 行的需求相同") % {"line": first_line[_same(data)]})
        first_line.setdefault(_same(data), number)
        problems += [(number, msg) for msg in row_problems]
    if problems:
        raise NeedsImportError(problems)
    created = []
    for number, data in numbered:
        need = TechNeed(source="excel", created_by=user)
        _apply(need, data)
        if problem := _save_once(need):
            # Another save took the need after the read-check: the whole file is refused (the
            # atomic import rolls back the rows written before this one).
            raise NeedsImportError([(number, problem)])
        audit_record(actor=user, action="transfer.need.create", obj=need, after=need_snapshot(need),
                     note=_("导入：%(file)s") % {"file": path.name})
        created.append(need)
    return created


__all__ = ["MODES", "NeedInput", "NeedsImportError", "need_close", "need_create", "need_problems", "need_update",
           "needs_import"]

"""Open-licence declarations (专利开放许可声明): record, withdraw, and the all-or-nothing Excel import.

Blocking problems come from the library (``licensing.declaration_problems``: a utility model or
design without its evaluation report, withdrawal before declaration, an unknown fee type…) and
refuse the declaration with their messages, worded in the reader's language (the library's are
``ipcity.notices.Notice``: ``core.notices.reworded``). Fees above the guidance
(``licensing.fee_flags``) are stored with the declaration, each with its template and values
(``core.notices.stored``) so a later page words it in its language, and shown as warnings: never
blocking.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ipcity.audit.services import audit_record, snapshot
from ipcity.core.access import region_prefix_of
from ipcity.core.import_errors import RowsImportError
from ipcity.core.notices import reworded_all, stored
from ipcity.core.typed_text import column_text_problems
from ipcity.divisions import is_known_code, region_prefix
from ipcity.text import without_bidi_controls
from ipcity.transfer.access import access_require_transfer_office, declaration_for, matches_visible_to
from ipcity.transfer.declaration_rows import DeclarationInput, DeclarationRowsError, read_declarations_file
from ipcity.transfer.labels import PATENT_KINDS
from ipcity.transfer.models import LicenceDeclaration, Match
from ipcity.transfer.services._common import (
    declaration_note,
    normalise_pub_number,
    pub_number_problem,
)

FIELDS = ["pub_number", "title", "patent_kind", "holder", "region_code", "declared_on", "withdrawn_on", "fee_type",
          "fixed_fee_wan", "entry_fee_wan", "royalty_sales_pct", "royalty_profit_pct", "payment_standard", "term",
          "evaluation_report", "application_field", "products", "fee_flags"]


class DeclarationsImportError(RowsImportError):
    """Rows of a declarations file that failed: (row number, Chinese message) for every one."""


def _clean(data: DeclarationInput) -> DeclarationInput:
    text: dict[str, Any] = {f.name: without_bidi_controls(getattr(data, f.name)).strip()
                            for f in fields(DeclarationInput) if isinstance(getattr(data, f.name), str)}
    text["pub_number"] = normalise_pub_number(text["pub_number"])
    return replace(data, **text)


def declaration_problems(user: User, data: DeclarationInput) -> list[str]:
    from ipcity.matching.licensing import declaration_problems as library_problems

    problems: list[str] = column_text_problems(
        LicenceDeclaration, {f.name: getattr(data, f.name) for f in fields(DeclarationInput)})
    if not data.pub_number:
        problems.append(_("请填写专利号"))
    elif problem := pub_number_problem(data.pub_number):
        problems.append(problem)
    if not data.title:
        problems.append(_("请填写专利名称"))
    if not data.holder:
        problems.append(_("请填写专利权人"))
    if data.patent_kind not in PATENT_KINDS:
        problems.append(_("专利类型无效：%(kind)s") % {"kind": data.patent_kind or _("（空）")})
    if data.declared_on is None:
        problems.append(_("请填写声明日期"))
    elif data.declared_on > timezone.localdate():
        problems.append(_("声明日期不能晚于今天"))
    if data.patent_kind in PATENT_KINDS and data.declared_on is not None:
        problems += reworded_all(library_problems(
            patent_kind=data.patent_kind, evaluation_report=bool(data.evaluation_report), fee_type=data.fee_type,
            declared_on=data.declared_on, fixed_fee_wan=data.fixed_fee_wan, entry_fee_wan=data.entry_fee_wan,
            royalty_sales_pct=data.royalty_sales_pct, royalty_profit_pct=data.royalty_profit_pct))
    if not data.region_code:
        problems.append(_("请填写所在地区"))
    elif not is_known_code(data.region_code):  # before its prefix is taken: that refuses a malformed code
        problems.append(_("未知的地区代码：%(code)s") % {"code": data.region_code})
    else:
        prefix = region_prefix_of(user)
        if prefix and not region_prefix(data.region_code).startswith(prefix):
            problems.append(_("只能登记本辖区的开放许可声明：%(code)s") % {"code": data.region_code})
    return list(dict.fromkeys(problems))


def fee_warnings(data: DeclarationInput) -> list[str | dict[str, Any]]:
    """The library's fee flags as stored: each with what wording it again in a page's language needs."""
    from ipcity.matching.licensing import fee_flags

    return stored(fee_flags(fee_type=data.fee_type, fixed_fee_wan=data.fixed_fee_wan, entry_fee_wan=data.entry_fee_wan,
                     royalty_sales_pct=data.royalty_sales_pct, royalty_profit_pct=data.royalty_profit_pct))


def _new(user: User, data: DeclarationInput) -> LicenceDeclaration:
    declaration = LicenceDeclaration(created_by=user, fee_flags=fee_warnings(data))
    for field in fields(DeclarationInput):
        setattr(declaration, field.name, getattr(data, field.name))
    declaration.save()
    linked = _link_matches(user, declaration)
    audit_record(actor=user, action="transfer.declaration.create", obj=declaration,
                 after=snapshot(declaration, FIELDS), note=_with_matches(declaration.pub_number, linked))
    return declaration


def _link_matches(user: User, declaration: LicenceDeclaration) -> int:
    """Matches already proposed for the patent (that the office sees) carry the declaration from
    now on, as a proposal made after it would (a declaration is never dated after today)."""
    matches = list(matches_visible_to(user).select_for_update().filter(
        pub_number=declaration.pub_number, declaration__isnull=True))
    for match in matches:
        match.declaration = declaration
        match.why = {**match.why, "declaration": declaration_note(declaration)}
    Match.objects.bulk_update(matches, ["declaration", "why"])
    return len(matches)


def _unlink_matches(declaration: LicenceDeclaration) -> int:
    """A withdrawn declaration leaves the matches that carried it (their lists stop saying 开放许可)."""
    matches = list(Match.objects.select_for_update().filter(declaration=declaration))
    for match in matches:
        match.declaration = None
        match.why = {k: v for k, v in match.why.items() if k != "declaration"}
    Match.objects.bulk_update(matches, ["declaration", "why"])
    return len(matches)


def _with_matches(note: str, count: int) -> str:
    return _("%(note)s（%(count)s 条匹配）") % {"note": note, "count": count} if count else note


def _already_declared(pub_numbers: Iterable[str]) -> set[str]:
    """Those of ``pub_numbers`` that have a declaration not withdrawn (one query)."""
    return set(LicenceDeclaration.objects.filter(pub_number__in=list(pub_numbers), withdrawn_on__isnull=True)
               .values_list("pub_number", flat=True))


def _already_declared_message(pub_number: str) -> str:
    return _("该专利已有有效的开放许可声明：%(pub)s") % {"pub": pub_number}


@transaction.atomic
def declaration_create(*, user: User, data: DeclarationInput) -> LicenceDeclaration:
    """Record a declaration; its fee flags (warnings) are on ``declaration.fee_flags``."""
    access_require_transfer_office(user)
    data = _clean(data)
    problems = declaration_problems(user, data)
    if problems:
        raise ValidationError(problems)
    if _already_declared([data.pub_number]):
        raise ValidationError(_already_declared_message(data.pub_number))
    return _new(user, data)


@transaction.atomic
def declaration_withdraw(*, user: User, declaration_id: int, on: dt.date | None) -> LicenceDeclaration:
    from ipcity.matching.licensing import declaration_problems as library_problems

    declaration_for(user, declaration_id)
    access_require_transfer_office(user)
    declaration = LicenceDeclaration.objects.select_for_update().get(pk=declaration_id)
    if declaration.withdrawn_on is not None:
        raise ValidationError(_("该声明已撤回"))
    if on is None:
        raise ValidationError(_("请填写撤回日期"))
    if on > timezone.localdate():
        raise ValidationError(_("撤回日期不能晚于今天"))
    problems = library_problems(patent_kind=declaration.patent_kind, evaluation_report=bool(declaration.evaluation_report),
                                fee_type=declaration.fee_type, declared_on=declaration.declared_on, withdrawn_on=on,
                                fixed_fee_wan=declaration.fixed_fee_wan, entry_fee_wan=declaration.entry_fee_wan,
                                royalty_sales_pct=declaration.royalty_sales_pct,
                                royalty_profit_pct=declaration.royalty_profit_pct)
    if problems:
        raise ValidationError(reworded_all(problems))
    before = snapshot(declaration, FIELDS)
    declaration.withdrawn_on = on
    declaration.save()
    unlinked = _unlink_matches(declaration)
    audit_record(actor=user, action="transfer.declaration.withdraw", obj=declaration, before=before,
                 after=snapshot(declaration, FIELDS), note=_with_matches(declaration.pub_number, unlinked))
    return declaration


@transaction.atomic
def declarations_import(*, user: User, path: Path, default_region_code: str = "") -> list[LicenceDeclaration]:
    """Import a declarations workbook (``transfer.declaration_rows``); every row is checked first,
    and if any fails ``DeclarationsImportError`` lists each bad row and nothing is written."""

    access_require_transfer_office(user)
    try:
        rows = read_declarations_file(path)
    except DeclarationRowsError as exc:
        raise DeclarationsImportError(exc.problems) from exc
    problems: list[tuple[int, str]] = []
    inputs: list[DeclarationInput] = []
    seen: set[str] = set()
    cleaned = [(number, _clean(replace(row, region_code=row.region_code or default_region_code)))
               for number, row in rows]
    declared = _already_declared({data.pub_number for _number, data in cleaned})
    for number, data in cleaned:
        problems += [(number, msg) for msg in declaration_problems(user, data)]
        if data.pub_number in seen or data.pub_number in declared:
            problems.append((number, _already_declared_message(data.pub_number)))
        seen.add(data.pub_number)
        inputs.append(data)
    if not rows:
        problems.append((0, _("文件中没有开放许可声明")))
    if problems:
        raise DeclarationsImportError(problems)
    return [_new(user, data) for data in inputs]

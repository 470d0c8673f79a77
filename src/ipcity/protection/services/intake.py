"""Registration (登记): a new case with its parties, its number and its review clock."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from ipcity.casework.workflow import CASE_TYPES, CHANNELS, IP_KINDS, PARTY_KINDS, PARTY_ROLES
from ipcity.core.models import Region
from ipcity.core.typed_text import typed_text
from ipcity.credit_codes import credit_code_problem, normalise_credit_code
from ipcity.divisions import DivisionCodeError, check_code
from ipcity.protection.access import access_require_case_office, cases_visible_to
from ipcity.protection.deadlines import case_limits_snapshot
from ipcity.protection.models import Case, CaseNumberCounter, CaseParty, CaseType
from ipcity.protection.services._common import record, refresh_deadlines, require_day


@dataclass(frozen=True)
class PartyInput:
    role: str
    kind: str
    name: str
    contact_person: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    id_number: str = ""


def case_number_next(year: int) -> str:
    """``WQ{year}-{seq:05d}``. The counter row is incremented by one UPDATE, which takes the row
    lock on PostgreSQL and the database's write lock on SQLite before anything is read: two
    intakes at the same moment get two numbers. Must run inside the caller's transaction."""
    if not CaseNumberCounter.objects.filter(year=year).update(last=F("last") + 1):
        try:
            with transaction.atomic():  # a savepoint: another intake may create the row first
                CaseNumberCounter.objects.create(year=year, last=1)
        except IntegrityError:
            CaseNumberCounter.objects.filter(year=year).update(last=F("last") + 1)
    last = CaseNumberCounter.objects.values_list("last", flat=True).get(year=year)
    return f"WQ{year}-{last:05d}"


# The most each typed field may hold (the columns' widths; the summary a few pages): longer text is
# refused with the limit, from the form and the API alike (``core.typed_text``).
SUMMARY_MAX_CHARS = 10_000
PARTY_FIELD_LIMITS = {"name": 255, "contact_person": 64, "phone": 32, "email": 254, "address": 255, "id_number": 32}


def _party_texts(party: PartyInput) -> dict[str, str]:
    labels = {"name": _("当事人名称"), "contact_person": _("联系人"), "phone": _("联系电话"), "email": _("邮箱"),
              "address": _("地址"), "id_number": _("证件号码")}
    texts = {field: typed_text(getattr(party, field), label=str(labels[field]), limit=limit)
             for field, limit in PARTY_FIELD_LIMITS.items()}
    if texts["email"]:
        try:
            validate_email(texts["email"])
        except ValidationError:
            raise ValidationError(_("邮箱“%(value)s”格式不对") % {"value": texts["email"]}) from None
    return texts


def _check_choice(value: str, vocabulary: dict[str, str], label: str) -> None:
    if value not in vocabulary:
        raise ValidationError(_("%(label)s无效：%(value)s") % {"label": label, "value": value or _("（空）")})


def _check_parties(parties: list[PartyInput]) -> None:
    if not any(p.role == "claimant" for p in parties):
        raise ValidationError(_("请至少填写一个请求人（来电人/申请人）"))
    for party in parties:
        _check_choice(party.role, PARTY_ROLES, _("当事人类别"))
        _check_choice(party.kind, PARTY_KINDS, _("主体类型"))
        if not party.name.strip():
            raise ValidationError(_("请填写当事人名称或姓名"))


def _is_region_code(code: str) -> bool:
    try:
        check_code(code)
    except DivisionCodeError:
        return False
    return True


@transaction.atomic  # a refusal after the save (another region's case) leaves no case and no number
def case_register(*, user: User, case_type: str, channel: str, ip_kind: str, region_code: str, subject: str,
                  summary: str, received_on: dt.date, parties: list[PartyInput], enterprise_name: str = "",
                  enterprise_credit_code: str = "", source: str = Case.Source.WEB) -> Case:
    access_require_case_office(user)
    _check_choice(case_type, CASE_TYPES, _("案件类型"))
    _check_choice(channel, CHANNELS, _("来源渠道"))
    _check_choice(ip_kind, IP_KINDS, _("知识产权类型"))
    subject = typed_text(subject, label=_("事由"), limit=255)
    if not subject:
        raise ValidationError(_("请填写事由"))
    summary = typed_text(summary, label=_("案情摘要"), limit=SUMMARY_MAX_CHARS)
    enterprise_name = typed_text(enterprise_name, label=_("服务企业名称"), limit=255)
    # normalised (upper case, width folded) before it is checked: the check names a wrong length
    # itself, so the typed-text limit only guards against a pasted page
    enterprise_credit_code = typed_text(normalise_credit_code(enterprise_credit_code), label=_("统一社会信用代码"),
                                        limit=255)
    if enterprise_credit_code and (credit_problem := credit_code_problem(enterprise_credit_code)):
        raise ValidationError(credit_problem.message(_))
    require_day(received_on, _("收到日期"))
    _check_parties(parties)
    party_texts = [_party_texts(p) for p in parties]
    type_row = CaseType.objects.filter(code=case_type, active=True).first()
    if type_row is None:
        raise ValidationError(_("案件类型未启用：%(type)s") % {"type": CASE_TYPES[case_type]})
    # The shape first: a code as typed (a NUL in it) would otherwise reach the lookup, which
    # PostgreSQL refuses with an error rather than an empty answer.
    if not _is_region_code(region_code) or not Region.objects.filter(code=region_code).exists():
        raise ValidationError(_("区划代码无效：%(code)s") % {"code": region_code or _("（空）")})
    case = Case(case_type=type_row, channel=channel, ip_kind=ip_kind, region_code=region_code,
                subject=subject, summary=summary, received_on=received_on, status="registered",
                enterprise_name=enterprise_name, enterprise_credit_code=enterprise_credit_code,
                source=source, created_by=user)
    case_limits_snapshot(case)  # the type's limits as of today; a later edit of the type leaves them
    refresh_deadlines(case)
    case.number = case_number_next(received_on.year)
    case.save()
    if not cases_visible_to(user).filter(pk=case.pk).exists():
        raise ValidationError(_("只能登记本辖区的案件"))  # rolls back the case and its number
    CaseParty.objects.bulk_create([CaseParty(case=case, role=p.role, kind=p.kind, **texts)
                                   for p, texts in zip(parties, party_texts, strict=True)])
    record(user=user, case=case, step="register", before=None,
           note=f"{CHANNELS[channel]} · {CASE_TYPES[case_type]}", data={"parties": len(parties)})
    return case

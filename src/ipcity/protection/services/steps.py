"""The steps of a case after registration: review, assign, refer, receipt, close, follow-up, archive."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ipcity.audit.services import audit_record
from ipcity.casework.workflow import RESULTS
from ipcity.core.models import Department, Profile, Role
from ipcity.divisions import region_prefix
from ipcity.protection.models import Case
from ipcity.protection.selectors.cases import OPEN_CASE_STATUSES
from ipcity.protection.services._common import (
    case_snapshot,
    locked_case,
    record,
    refresh_deadlines,
    require_day,
    require_not_suspended,
    require_transition,
    typed_name,
    typed_reason,
)


@transaction.atomic
def case_review(*, user: User, case_id: int, accept: bool, on: dt.date, reason: str = "") -> Case:
    """初审: accept (the statutory clock starts) or reject with a reason."""
    case = locked_case(user=user, case_id=case_id, step="review")
    require_not_suspended(case)
    require_transition(case, "accepted" if accept else "rejected")
    require_day(on, _("受理日期") if accept else _("决定日期"), not_before=case.received_on, not_before_label=_("收到日期"))
    reason = typed_reason(reason, _("理由"))
    before = case_snapshot(case)
    if accept:
        case.status, case.accepted_on = "accepted", on
        refresh_deadlines(case)
    else:
        if not reason:
            raise ValidationError(_("不予受理须说明理由"))
        case.status, case.rejected_reason = "rejected", reason
    record(user=user, case=case, step="accept" if accept else "reject", before=before, note=reason,
           data={"on": on.isoformat()})
    return case


def _handler_in(department: Department, handler_id: int | None):
    """The handler: an active user of the handling department, or an office user of its region."""
    if handler_id is None:
        return None
    profile = Profile.objects.select_related("user", "region").filter(user_id=handler_id, user__is_active=True).first()
    if profile is None:
        raise ValidationError(_("承办人不存在或已停用"))
    if profile.role == Role.REPORTER and profile.department_id == department.pk:
        return profile.user
    if profile.role == Role.OFFICE and (profile.region is None
                                        or department.region.code.startswith(region_prefix(profile.region.code))):
        return profile.user
    raise ValidationError(_("承办人须为承办部门或本辖区知识产权办公室的用户"))


@transaction.atomic
def case_assign(*, user: User, case_id: int, department_id: int, handler_id: int | None = None, expert: str = "",
                partner_org: str = "") -> Case:
    """指派: the handling department, its handler, the expert (技术调查官) and a partner body."""
    case = locked_case(user=user, case_id=case_id, step="assign")
    require_not_suspended(case)
    require_transition(case, "assigned")
    department = Department.objects.select_related("region").filter(pk=department_id, is_active=True).first()
    if department is None or not department.region.code.startswith(region_prefix(case.region_code)):
        raise ValidationError(_("承办部门须为本辖区的在用部门"))
    expert, partner_org = typed_name(expert, _("技术调查官/专家")), typed_name(partner_org, _("协作机构"))
    before = case_snapshot(case)
    case.status = "assigned"
    case.handling_department = department
    case.handler = _handler_in(department, handler_id)
    case.expert, case.partner_org = expert, partner_org
    record(user=user, case=case, step="assign", before=before, note=department.name,
           data={"department": department.pk, "handler": case.handler_id})
    return case


@transaction.atomic
def case_refer(*, user: User, case_id: int, body: str, on: dt.date) -> Case:
    """移送: hand the case to an enforcement body; the receipt clock starts."""
    case = locked_case(user=user, case_id=case_id, step="refer")
    require_not_suspended(case)
    require_transition(case, "referred")
    body = typed_name(body, _("移送机关"))
    if not body:
        raise ValidationError(_("请填写移送机关"))
    require_day(on, _("移送日期"), not_before=case.accepted_on, not_before_label=_("受理日期"))
    before = case_snapshot(case)
    case.status, case.referral_body, case.referred_on, case.receipt_on = "referred", body, on, None
    refresh_deadlines(case)
    record(user=user, case=case, step="refer", before=before, note=case.referral_body, data={"on": on.isoformat()})
    return case


@transaction.atomic
def case_receipt(*, user: User, case_id: int, on: dt.date) -> Case:
    """回执: the enforcement body acknowledged the referral (a date; the status stays 已移送)."""
    case = locked_case(user=user, case_id=case_id, step="receipt")
    if case.status != "referred":
        raise ValidationError(_("只有已移送的案件才能登记回执"))
    if case.receipt_on is not None:
        raise ValidationError(_("回执已于 %(day)s 登记") % {"day": case.receipt_on.isoformat()})
    require_day(on, _("回执日期"), not_before=case.referred_on, not_before_label=_("移送日期"))
    before = case_snapshot(case)
    case.receipt_on = on
    record(user=user, case=case, step="receipt", before=before, data={"on": on.isoformat()})
    return case


@transaction.atomic
def case_close(*, user: User, case_id: int, result: str, on: dt.date, note: str = "") -> Case:
    """结案 with its result."""
    case = locked_case(user=user, case_id=case_id, step="close")
    require_not_suspended(case)
    require_transition(case, "closed")
    if result not in RESULTS:
        raise ValidationError(_("请选择办理结果"))
    require_day(on, _("结案日期"), not_before=case.accepted_on or case.received_on, not_before_label=_("受理日期"))
    note = typed_reason(note, _("结案说明"))
    before = case_snapshot(case)
    case.status, case.result, case.closed_on, case.closure_note = "closed", result, on, note
    record(user=user, case=case, step="close", before=before, note=f"{RESULTS[result]} {note}".strip(),
           data={"on": on.isoformat(), "result": result})
    return case


@transaction.atomic
def case_follow_up(*, user: User, case_id: int, satisfaction: int, on: dt.date, note: str = "") -> Case:
    """回访: the claimant's satisfaction, 1 (very unsatisfied) to 5 (very satisfied)."""
    case = locked_case(user=user, case_id=case_id, step="follow_up")
    require_transition(case, "followed_up")
    if satisfaction not in (1, 2, 3, 4, 5):
        raise ValidationError(_("满意度须为 1 至 5"))
    require_day(on, _("回访日期"), not_before=case.closed_on, not_before_label=_("结案日期"))
    note = typed_reason(note, _("回访记录"))
    before = case_snapshot(case)
    case.status, case.satisfaction, case.followed_up_on = "followed_up", satisfaction, on
    record(user=user, case=case, step="follow_up", before=before, note=note,
           data={"on": on.isoformat(), "satisfaction": satisfaction})
    return case


@transaction.atomic
def case_archive(*, user: User, case_id: int, on: dt.date) -> Case:
    """归档: the end; nothing changes an archived case."""
    case = locked_case(user=user, case_id=case_id, step="archive")
    require_transition(case, "archived")
    require_day(on, _("归档日期"), not_before=case.closed_on or case.received_on, not_before_label=_("结案日期"))
    before = case_snapshot(case)
    case.status, case.archived_on = "archived", on
    record(user=user, case=case, step="archive", before=before, data={"on": on.isoformat()})
    return case




def cases_follow_department_merge(source: Department, target: Department, actor) -> int:
    """``source`` is merged into ``target`` (``programs.reform.services.department_merge``, in its transaction):
    its open cases are handled by ``target`` from now on, each with its audit record; the handler
    stays (its account moves with the unit). Closed and archived cases keep the unit they were
    handled by. Returns how many cases moved. Registered with core.contributions."""
    moved = 0
    for case in Case.objects.select_for_update().filter(handling_department=source, status__in=OPEN_CASE_STATUSES).order_by("pk"):
        before = case_snapshot(case)
        case.handling_department = target
        case.save(update_fields=["handling_department"])
        audit_record(actor=actor, action="protection.case.department_merge", obj=case, before=before,
                     after=case_snapshot(case), note=f"{source.name} merged into {target.name}")
        moved += 1
    return moved

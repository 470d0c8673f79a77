"""Demo data: a dozen rights-protection cases of the first office's region, in every state, with
two clocks due soon and two overdue so the board and the to-do list have something to show.

Every case goes through the services (the timeline and the audit trail are those of real use);
dates are counted back from today in working days. A case whose deadline would fall outside the
holiday calendar's published years is left out with a message. Idempotent: nothing is added when
demo cases (subject starting 示例) exist.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, TextIO

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ipcity.casework.calendar import working_days_between
from ipcity.core.models import Department, Profile, Region, Role
from ipcity.divisions import region_prefix
from ipcity.protection import services
from ipcity.protection.models import Case

PREFIX = "示例："


def _back(today: dt.date, working_days: int) -> dt.date:
    """The day ``working_days`` working days before today."""
    day = today
    while working_days_between(day, today) < working_days:
        day -= dt.timedelta(days=1)
    return day


def _parties(n: int) -> list[services.PartyInput]:
    # Persons and firms alternate: the kind follows the name (a person's name is masked, a firm's not).
    return [services.PartyInput(role="claimant", kind="enterprise" if n % 2 else "individual",
                                name=["李明", "铜陵铜冠电子科技有限公司", "王芳", "安徽某某新材料有限公司"][n % 4],
                                contact_person="赵敏", phone=f"1390562{n:04d}", email=f"demo{n}@example.cn",
                                address="安徽省铜陵市铜官区长江西路8号"),
            services.PartyInput(role="respondent", kind="enterprise", name="某某商贸有限公司")]


# (subject, type, channel, ip kind, received N working days ago, the steps to play)
PLAN = [
    ("12330来电咨询专利权属", "consult", "hotline_12330", "patent", 2, []),
    ("展会商标侵权投诉", "complaint", "fair", "trademark", 9, []),
    ("来电咨询商标续展", "consult", "hotline_12330", "trademark", 20, ["answer"]),
    ("匿名举报著作权侵权", "complaint", "letter", "copyright", 30, ["reject"]),
    ("外观设计专利侵权纠纷调解", "mediation", "visit", "patent", 40, ["accept"]),
    ("企业海外维权援助申请", "assistance", "website", "patent", 45, ["accept", "assign", "extend"]),
    ("电商平台快速维权", "fast", "website", "trademark", 25, ["accept", "assign", "refer_soon"]),
    ("假冒专利移送查处", "complaint", "agency_referral", "patent", 60, ["accept", "refer", "receipt"]),
    ("专利侵权纠纷行政裁决", "ruling", "court_referral", "patent", 50, ["accept", "assign", "suspend"]),
    ("地理标志使用纠纷调解", "mediation", "visit", "gi", 70, ["accept", "assign", "close"]),
    ("商标侵权维权援助", "assistance", "hotline_12330", "trademark", 80, ["accept", "assign", "close", "follow_up"]),
    ("专利侵权投诉（已办结）", "complaint", "visit", "patent", 100, ["accept", "close", "follow_up", "archive"]),
]


def _play(case: Case, steps: list[str], office, department: Department, handler, today: dt.date, received: dt.date):
    day = received + dt.timedelta(days=1)
    for step in steps:
        day = min(day + dt.timedelta(days=3), today)
        if step == "answer":
            services.case_close(user=office, case_id=case.pk, result="answered", on=day, note="电话答复")
        elif step == "reject":
            services.case_review(user=office, case_id=case.pk, accept=False, on=day, reason="线索不明确，无法核实")
        elif step == "accept":
            services.case_review(user=office, case_id=case.pk, accept=True, on=day)
        elif step == "assign":
            services.case_assign(user=office, case_id=case.pk, department_id=department.pk,
                                 handler_id=handler.pk if handler else None, expert="技术调查官 陈工")
        elif step == "extend":
            services.case_extend(user=office, case_id=case.pk, days=10, reason="涉外取证时间较长")
        elif step in ("refer", "refer_soon"):
            on = _back(today, 13) if step == "refer_soon" else day
            services.case_refer(user=office, case_id=case.pk, body="市市场监督管理局执法支队", on=max(on, day))
        elif step == "receipt":
            services.case_receipt(user=office, case_id=case.pk, on=min(day + dt.timedelta(days=2), today))
        elif step == "suspend":
            services.case_suspend(user=office, case_id=case.pk, start=_back(today, 3), reason="等待专利无效宣告审查结论")
        elif step == "close":
            services.case_close(user=office, case_id=case.pk, on=day,
                                result="mediated" if case.case_type.code == "mediation" else "assisted")
        elif step == "follow_up":
            services.case_follow_up(user=office, case_id=case.pk, satisfaction=5, on=day)
        elif step == "archive":
            services.case_archive(user=office, case_id=case.pk, on=day)


def load_demo(*, stdout: TextIO) -> None:
    if Case.objects.filter(subject__startswith=PREFIX).exists():
        stdout.write("protection: demo cases already present\n")
        return
    # The office bound to a region runs the demo cases; a fresh demo's office is bound to none (it
    # sees every region), so the cases then go to the region of the first department with a reporter.
    profile = (Profile.objects.filter(role=Role.OFFICE, region__isnull=False, user__is_active=True)
               .select_related("user", "region").order_by("pk").first())
    department: Department | None
    office: Any
    region: Region | None
    if profile is not None and profile.region is not None:
        office, region = profile.user, profile.region
        department = (Department.objects.filter(is_active=True, region__code__startswith=region_prefix(region.code))
                      .order_by("pk").first())
    else:
        office = (get_user_model().objects.filter(Q(is_superuser=True) | Q(profile__role__in=[Role.OFFICE, Role.ADMIN]),
                                                  is_active=True).order_by("pk").first())
        department = (Department.objects.filter(is_active=True, reporters__role=Role.REPORTER,
                                                reporters__user__is_active=True)
                      .select_related("region").order_by("pk").first())
        region = department.region if department is not None else None
    if office is None or department is None or region is None:
        stdout.write("protection: no office user, or no department with a reporter; no demo cases\n")
        return
    handler = (get_user_model().objects.filter(profile__role=Role.REPORTER, profile__department=department,
                                               is_active=True).order_by("pk").first())
    today = timezone.localdate()
    made = 0
    for n, (subject, case_type, channel, ip_kind, ago, steps) in enumerate(PLAN):
        # A case accepted late in the year has its statutory due date in a year the holiday
        # calendar has not published yet (refused): such a case is received earlier instead.
        for attempt in range(8):
            try:
                with transaction.atomic():
                    received = _back(today, ago + attempt * 30 if "accept" in steps else ago)
                    case = services.case_register(
                        user=office, case_type=case_type, channel=channel, ip_kind=ip_kind, region_code=region.code,
                        subject=PREFIX + subject, summary="演示数据。", received_on=received, parties=_parties(n),
                        enterprise_name="铜陵铜冠电子科技有限公司" if case_type in ("assistance", "fast") else "",
                        enterprise_credit_code="91340700MA2N00001P" if case_type in ("assistance", "fast") else "")
                    _play(case, steps, office, department, handler, today, received)
                made += 1
                break
            except (ValidationError, ValueError) as exc:
                if attempt == 7 or "accept" not in steps:
                    stdout.write(f"protection: demo case {subject} left out: {exc}\n")
                    break
    stdout.write(f"protection: {made} demo cases\n")

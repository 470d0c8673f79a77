"""Authored fixtures for the case workflow tests: two cities, their departments and users.

Dates are in 2025 (inside the holiday calendar's published years), so every deadline is a
hand-worked number under the 2025 notice (国办发明电〔2024〕12号)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from ipcity.core.models import Department, Profile, Region, Role
from ipcity.protection import services
from ipcity.protection.models import Case

PASSWORD = "Cases-Walk-4821"


def make_user(username: str, role: str, *, department=None, region=None):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD,
                                                email=f"{username}@example.cn",
                                                is_superuser=role == Role.ADMIN, is_staff=role == Role.ADMIN)
    Profile.objects.create(user=user, role=role, department=department, region=region)
    return user


def _seed_case_types() -> None:
    from ipcity.casework.workflow import CASE_TYPES, DEFAULT_LIMITS
    from ipcity.protection.models import CaseType

    for order, (code, name) in enumerate(CASE_TYPES.items(), start=1):
        limits = DEFAULT_LIMITS[code]
        CaseType.objects.get_or_create(code=code, defaults={
            "name": name, "review_days": limits.review, "referral_receipt_days": limits.referral_receipt,
            "statutory_days": limits.statutory, "order": order * 10})


class World:
    pass


@pytest.fixture
def cases_world(db):
    w = World()
    _seed_case_types()  # a transactional test (the browser's) flushed what the data migration seeded
    w.city_a = Region.objects.get_or_create(code="340700", defaults={"name": "铜陵市", "level": Region.Level.CITY})[0]
    w.city_b = Region.objects.get_or_create(code="341700", defaults={"name": "池州市", "level": Region.Level.CITY})[0]
    w.d1 = Department.objects.create(region=w.city_a, name="市市场监管局")
    w.d2 = Department.objects.create(region=w.city_a, name="市司法局")
    w.db = Department.objects.create(region=w.city_b, name="池州市市场监管局")
    w.office_a = make_user("c_office_a", Role.OFFICE, region=w.city_a)
    w.office_b = make_user("c_office_b", Role.OFFICE, region=w.city_b)
    w.leader_a = make_user("c_leader_a", Role.LEADER, region=w.city_a)
    w.handler = make_user("c_handler_d1", Role.REPORTER, department=w.d1)
    w.colleague = make_user("c_colleague_d1", Role.REPORTER, department=w.d1)
    w.reporter_d2 = make_user("c_reporter_d2", Role.REPORTER, department=w.d2)
    w.admin = make_user("c_admin", Role.ADMIN)
    return w


def register(w, *, received_on=dt.date(2025, 3, 3), case_type="mediation", channel="hotline_12330",
             user=None) -> Case:
    return services.case_register(
        user=user or w.office_a, case_type=case_type, channel=channel, ip_kind="patent", region_code="340700",
        subject="外观设计专利侵权纠纷", summary="来电反映展会上有侵权产品", received_on=received_on,
        parties=[services.PartyInput(role="claimant", kind="individual", name="张三丰", contact_person="张三丰",
                                     phone="13812341234", email="zhang@example.cn", address="安徽省铜陵市铜官区长江路1号",
                                     id_number="340702198001011234"),
                 services.PartyInput(role="respondent", kind="enterprise", name="铜陵某某贸易有限公司")],
        enterprise_name="铜陵某某科技有限公司", enterprise_credit_code="91340700MA2T00007L")

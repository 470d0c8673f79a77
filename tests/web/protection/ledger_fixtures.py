"""Fixtures of the ledger, KPI, statistics and indicator-feed tests (cases-ledger's part).

Test data are authored here (README.md of this folder): a city (340700) with two departments, its
office, leader and a reporter of each department, another city's office; ledgers are built in
memory by ``ledger_xlsx``/``ledger_csv``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from openpyxl import Workbook

from ipcity.casework import workflow
from ipcity.core.models import Role
from ipcity.protection.models import Case, CaseParty, CaseType
from tests.web.monitoring import factories as f

HEADER = ["案件编号", "登记日期", "受理日期", "案件类型", "来源渠道", "当事人", "联系电话", "结案日期", "结案结果", "承办部门"]


def ledger_xlsx(rows: list[list], header: list[str] | None = None, title: str | None = "2024年维权援助案件台账") -> bytes:
    wb = Workbook()
    ws = wb.active
    if title:
        ws.append([title])
    ws.append(header or HEADER)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def ledger_csv(rows: list[list], header: list[str] | None = None, encoding: str = "utf-8-sig") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header or HEADER)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def case_types() -> dict[str, CaseType]:
    """The seeded case types (seeded again: a transactional test elsewhere may have flushed them)."""
    out = {}
    for order, (code, name) in enumerate(workflow.CASE_TYPES.items()):
        limits = workflow.DEFAULT_LIMITS[code]
        out[code] = CaseType.objects.get_or_create(code=code, defaults={
            "name": name, "review_days": limits.review, "referral_receipt_days": limits.referral_receipt,
            "statutory_days": limits.statutory, "order": order})[0]
    return out


def make_case(world, *, type_code: str, received: dt.date, accepted: dt.date | None = None,
              closed: dt.date | None = None, result: str = "", due: dt.date | None = None,
              channel: str = "hotline_12330", department=None, region_code: str = "340700",
              enterprise: str = "", credit_code: str = "", phone: str = "13812345678",
              claimant: str = "张三丰") -> Case:
    status = "closed" if closed else ("accepted" if accepted else "registered")
    case = Case.objects.create(
        number=f"WQ{received.year}-{Case.objects.count() + 1:05d}", case_type=world.types[type_code],
        channel=channel, ip_kind="patent", region_code=region_code, subject="测试案件", received_on=received,
        status=status, accepted_on=accepted, closed_on=closed, result=result, statutory_due=due,
        handling_department=department, enterprise_name=enterprise, enterprise_credit_code=credit_code)
    CaseParty.objects.create(case=case, role="claimant", kind="individual", name=claimant, phone=phone)
    return case


@pytest.fixture
def ledger_world(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    reg = f.region()
    other = f.region("340800", "安庆市")
    msj = f.department("市市场监管局", reg)
    kjj = f.department("市科技局", reg)

    class World:
        region, other_region = reg, other
        departments = {"msj": msj, "kjj": kjj}
        types = case_types()
        office = f.user(Role.OFFICE, reg=reg, username="office")
        leader = f.user(Role.LEADER, reg=reg, username="leader")
        reporter = f.user(Role.REPORTER, dept=msj, username="msj")
        other_reporter = f.user(Role.REPORTER, dept=kjj, username="kjj")
        other_office = f.user(Role.OFFICE, reg=other, username="office_b")

    return World

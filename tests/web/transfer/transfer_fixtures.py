"""Authored fixtures for the transfer tests: two cities with their users, three made-up patents as
dataset ``authored``, and helpers that write needs and declarations files from typed-in rows."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pyarrow as pa
import pytest
from django.contrib.auth import get_user_model
from openpyxl import Workbook

from ipcity.analytics import datasets
from ipcity.analytics.schema import CANONICAL_SCHEMA
from ipcity.core.models import Department, Profile, Region, Role
from ipcity.transfer import services

PASSWORD = "Transfer-Walk-5713"
NEEDS_HEADER = ["企业名称", "需求描述", "产品", "行业代码", "所在地区", "预算（万元）", "合作方式"]

# Authored patents (numbers that do not exist). The need is about rough-treating electrolytic
# copper foil: CN99000101A says nearly the same, CN99000102A shares part of it, CN99000103A is
# about tea and shares nothing.
PATENTS = [
    ("CN99000101A", "一种电解铜箔的表面粗化处理方法",
     "本发明公开了一种电解铜箔的表面粗化处理方法，通过粗化处理和固化处理在铜箔表面形成瘤状结构，"
     "提高电解铜箔与树脂基板的剥离强度，适用于高频电路板用低轮廓铜箔。", "C25D1/04", "安徽某某大学"),
    ("CN99000102A", "一种低轮廓电解铜箔及其制备方法",
     "本发明涉及一种低轮廓电解铜箔的制备方法，采用添加剂控制电沉积过程，得到表面粗糙度低的铜箔，"
     "用于高频电路板。", "C25D1/04", "某某材料研究所"),
    ("CN99000103A", "一种绿茶的揉捻工艺", "本发明公开了一种绿茶的揉捻工艺，包括杀青、摊凉、揉捻和烘干步骤，"
     "提高茶叶品质。", "A23F3/06", "某某茶业公司"),
]


def make_user(username: str, role: str, *, department=None, region=None):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD,
                                                is_superuser=role == Role.ADMIN, is_staff=role == Role.ADMIN)
    Profile.objects.create(user=user, role=role, department=department, region=region)
    return user


class World:
    pass


@pytest.fixture
def transfer_world(db):
    w = World()
    w.city_a = Region.objects.get_or_create(code="340700", defaults={"name": "铜陵市", "level": Region.Level.CITY})[0]
    w.city_b = Region.objects.get_or_create(code="341700", defaults={"name": "池州市", "level": Region.Level.CITY})[0]
    w.d1 = Department.objects.create(region=w.city_a, name="市科技局")
    w.office_a = make_user("t_office_a", Role.OFFICE, region=w.city_a)
    w.office_b = make_user("t_office_b", Role.OFFICE, region=w.city_b)
    w.leader_a = make_user("t_leader_a", Role.LEADER, region=w.city_a)
    w.reporter = make_user("t_reporter_d1", Role.REPORTER, department=w.d1)
    w.admin = make_user("t_admin", Role.ADMIN)
    return w


def need_input(**overrides) -> services.NeedInput:
    values = {"enterprise": "铜陵某铜箔科技有限公司", "region_code": "340700", "industry_code": "3985",
              "description": "高频电路板用低轮廓电解铜箔的表面粗化处理工艺", "products": "电解铜箔", "mode": "licence",
              "budget_wan": 300.0, "contact_person": "赵敏", "phone": "13905621234"}
    values.update(overrides)
    return services.NeedInput(**values)


def declaration_input(**overrides) -> services.DeclarationInput:
    values = {"pub_number": "CN99000001A", "title": "一种电解铜箔表面粗化处理方法", "patent_kind": "invention",
              "holder": "安徽某某大学", "region_code": "340700", "declared_on": dt.date(2025, 6, 1),
              "fee_type": "one_off", "fixed_fee_wan": 50.0, "contact": "技术转移中心 0562-1234567"}
    values.update(overrides)
    return services.DeclarationInput(**values)


def write_csv(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


@pytest.fixture
def patents_dataset(tmp_path, monkeypatch):
    """Dataset ``authored`` (the PATENTS) in a data directory that IPCITY_DATA_DIR points at."""
    monkeypatch.setenv("IPCITY_DATA_DIR", str(tmp_path))
    rows = [{name: None for name in CANONICAL_SCHEMA.names}
            | {"pub_number": pub, "title": title, "abstract": abstract, "ipc": ipc, "applicants": holder,
               "region_code": "340700", "kind": "invention", "status": "valid", "office": "CN",
               "app_number": pub[:-1], "app_date": dt.date(2020, 1, 1), "pct": False}
            for pub, title, abstract, ipc, holder in PATENTS]
    datasets.write_dataset("authored", pa.Table.from_pylist(rows, schema=CANONICAL_SCHEMA),
                           {"source": "authored fixture"}, tmp_path)
    return tmp_path

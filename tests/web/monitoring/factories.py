"""Monitoring test data, built with the ORM directly (no loader needed)."""

from __future__ import annotations

from itertools import count

from django.contrib.auth import get_user_model

from ipcity.core.models import Department, Profile, Region, Role
from ipcity.programs.models import Indicator, IndicatorTarget, Program

_seq = count(1)


def region(code: str = "340700", name: str = "铜陵市", level: str = "city") -> Region:
    return Region.objects.get_or_create(code=code, defaults={"name": name, "level": level})[0]


def department(name: str, reg: Region | None = None) -> Department:
    return Department.objects.get_or_create(region=reg or region(), name=name)[0]


def user(role: str, *, dept: Department | None = None, reg: Region | None = None, username: str | None = None):
    u = get_user_model().objects.create_user(username=username or f"{role}{next(_seq)}", password="x-Secret-123")
    Profile.objects.create(user=u, role=role, department=dept, region=reg)
    return u


def program(title: str = "铜陵市知识产权强市建设试点城市工作方案", reg: Region | None = None, start: int = 2022,
            end: int = 2026, region_name: str | None = None) -> Program:
    reg = reg or region()
    return Program.objects.create(title=title, region=reg, region_name=region_name or reg.name,
                                  start_year=start, end_year=end)


def indicator(prog: Program, name: str, *, unit: str | None = "件", baseline: tuple[int, float] | None = None,
              targets: dict[int, float] | None = None, comparator: str = ">=", owner: Department | None = None,
              tags: list[str] | None = None, qualitative: str | None = None, order: int | None = None) -> Indicator:
    ind = Indicator.objects.create(
        program=prog, order=order if order is not None else next(_seq), name=name, unit=unit,
        baseline_year=baseline[0] if baseline else None, baseline_value=baseline[1] if baseline else None,
        tags=tags or [], qualitative_target=qualitative, owner_department=owner,
    )
    for year, value in (targets or {}).items():
        IndicatorTarget.objects.create(indicator=ind, year=year, value=value, comparator=comparator)
    return ind


ROLES = Role

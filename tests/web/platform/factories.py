"""Programme data built with the ORM directly (independent of the plan loader)."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from ipcity.core.models import Department, Profile, Region, Role
from ipcity.programs.models import (
    Indicator,
    IndicatorTarget,
    Phase,
    Program,
    ReportingDuty,
    Task,
    TaskAssignment,
    TaskTarget,
)

PASSWORD = "Correct-Horse-9472"


def region(code: str = "340700", name: str = "铜陵市") -> Region:
    return Region.objects.get_or_create(code=code, defaults={"name": name, "level": Region.Level.CITY})[0]


def department(reg: Region, name: str) -> Department:
    return Department.objects.get_or_create(region=reg, name=name)[0]


def program(
    reg: Region,
    *,
    title: str = "铜陵市国家知识产权强市建设试点城市工作方案（2022—2025年）",
    departments: list[Department],
    n_indicators: int = 3,
    n_tasks: int = 4,
) -> Program:
    """A programme whose task i is led by departments[i % n] with the next one as partner."""
    prog = Program.objects.create(title=title, region=reg, region_name=reg.name, start_year=2022, end_year=2025,
                                  issuer=f"{reg.name}人民政府", doc_number="铜政〔2022〕49号")
    Phase.objects.create(program=prog, order=0, name="启动阶段", start="2022-11", end="2022-12")
    ReportingDuty.objects.create(program=prog, order=0, what="报送年度工作总结", who="各责任单位", due_month=12, due_day=15)
    for i in range(n_indicators):
        ind = Indicator.objects.create(
            program=prog, order=i, name=f"指标{i}·每万人口高价值发明专利拥有量", unit="件",
            baseline_year=2021, baseline_value=5.5 + i, tags=["累计值"],
            owner_department=departments[i % len(departments)],
        )
        for year in (2023, 2024, 2025):
            IndicatorTarget.objects.create(indicator=ind, year=year, value=7 + i + (year - 2023))
    for i in range(n_tasks):
        task = Task.objects.create(program=prog, order=i, ref=f"三/（{i // 3 + 1}）/{i % 3 + 1}", title=f"任务{i}·实施专利导航工程")
        lead = departments[i % len(departments)]
        partner = departments[(i + 1) % len(departments)]
        TaskAssignment.objects.create(task=task, department=lead, order=0, is_lead=True, name_as_written=lead.name)
        if partner != lead:
            TaskAssignment.objects.create(task=task, department=partner, order=1, is_lead=False, name_as_written=partner.name)
        TaskTarget.objects.create(task=task, order=0, name="专利导航项目", year=2025, value=3, unit="项")
    return prog


def user(username: str, role: str, *, department: Department | None = None, region: Region | None = None):
    User = get_user_model()
    u = User.objects.create_user(username=username, password=PASSWORD, is_superuser=role == Role.ADMIN,
                                 is_staff=role == Role.ADMIN)
    Profile.objects.create(user=u, role=role, department=department, region=region)
    return u

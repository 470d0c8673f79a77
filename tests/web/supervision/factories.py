"""ORM-built fixtures for supervision tests: a city, departments, a programme with tasks, users."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.utils import timezone

from ipcity.core.models import Department, Profile, Region, Role
from ipcity.programs.models import Indicator, Program, ReportingDuty, Task, TaskAssignment


def make_region(code: str = "340700", name: str = "铜陵市") -> Region:
    region, _ = Region.objects.get_or_create(code=code, defaults={"name": name, "level": Region.Level.CITY})
    return region


def make_user(username: str, role: str, *, department=None, region=None, email: str = ""):
    user = get_user_model().objects.create_user(username=username, password="x-unused-pass", email=email)
    Profile.objects.create(user=user, role=role, department=department, region=region, display_name=username)
    return user


@dataclass
class World:
    region: Region
    program: Program
    departments: list[Department]
    tasks: list[Task]
    indicators: list[Indicator]
    users: dict = field(default_factory=dict)


def this_year() -> int:
    """The year of today (Beijing): the default programme runs from the year before to the year after,
    so "today" falls inside its period whenever the suite runs."""
    return timezone.localdate().year


def make_program(*, region: Region | None = None, n_tasks: int = 3, n_departments: int = 3,
                 start_year: int | None = None, end_year: int | None = None, title: str = "知识产权强市建设试点方案",
                 all_departments_on_every_task: bool = False, duty: dict | None = None, dept_prefix: str = "") -> World:
    """A programme with tasks and departments; its period is this year ± 1 unless a test fixes it
    (a test about fixed calendar dates passes its years)."""
    region = region or make_region()
    start_year = this_year() - 1 if start_year is None else start_year
    end_year = this_year() + 1 if end_year is None else end_year
    program = Program.objects.create(title=title, region=region, region_name=region.name,
                                     start_year=start_year, end_year=end_year)
    departments = [
        Department.objects.get_or_create(region=region, name=f"{dept_prefix}部门{i + 1}",
                                         defaults={"head_email": f"head{i + 1}@example.cn"})[0]
        for i in range(n_departments)
    ]
    tasks, assignments = [], []
    for t in range(n_tasks):
        section = "三/（一）" if t % 2 == 0 else "三/（二）"
        task = Task.objects.create(program=program, order=t, ref=f"{section}/{t + 1}", title=f"重点任务{t + 1}")
        tasks.append(task)
        if all_departments_on_every_task:
            assignments += [TaskAssignment(task=task, department=d, order=i, is_lead=(i == t % n_departments),
                                           name_as_written=d.name) for i, d in enumerate(departments)]
        else:
            lead = departments[t % n_departments]
            co = departments[(t + 1) % n_departments]
            assignments.append(TaskAssignment(task=task, department=lead, order=0, is_lead=True, name_as_written=lead.name))
            if co != lead:
                assignments.append(TaskAssignment(task=task, department=co, order=1, is_lead=False, name_as_written=co.name))
    TaskAssignment.objects.bulk_create(assignments)
    indicators = [Indicator.objects.create(program=program, order=0, name="每万人口高价值发明专利拥有量", unit="件",
                                           owner_department=departments[0])]
    if duty is not None:
        ReportingDuty.objects.create(program=program, what=duty.get("what", "报送工作推进情况"),
                                     who=duty.get("who", "各责任单位"), due_month=duty.get("month"),
                                     due_day=duty.get("day"), due_date=duty.get("date"),
                                     every_months=duty.get("every_months"))
    return World(region=region, program=program, departments=departments, tasks=tasks, indicators=indicators)


def add_users(world: World) -> World:
    d0, d1 = world.departments[0], world.departments[1]
    world.users = {
        "office": make_user("office", Role.OFFICE, region=world.region, email="office@example.cn"),
        "leader": make_user("leader", Role.LEADER, region=world.region),
        "reporter": make_user("reporter", Role.REPORTER, department=d0, email="rep0@example.cn"),
        "other_reporter": make_user("other", Role.REPORTER, department=d1, email="rep1@example.cn"),
        "head": make_user("head", Role.REPORTER, department=d0, email=d0.head_email),
        "admin": get_user_model().objects.create_superuser("admin", "admin@example.cn", "x-unused-pass"),
    }
    return world


def fill_report(report, *, status: str = "on_track", progress: int = 60) -> None:
    """Fill every line and value so the report may be submitted (directly, as a test set-up)."""
    for line in report.task_lines.all():
        line.status, line.progress, line.done = status, progress, "开展了工作"
        if status in ("behind", "seriously_behind"):
            line.reason, line.remedy = "资金未到位", "协调财政资金"
        line.save()
    report.indicator_values.update(value=12.5)


def submit_done_and_behind(world, round_) -> None:
    """The first department reports its tasks done (100 %), the second behind (40 %); the third
    does not report: a round whose rollup has a lead, a co-handler and a missing report."""
    from ipcity.supervision.services import report_filling

    first = round_.reports.get(department=world.departments[0])
    fill_report(first, status="done", progress=100)
    report_filling.report_submit(report=first, user=world.users["reporter"])
    second = round_.reports.get(department=world.departments[1])
    fill_report(second, status="behind", progress=40)
    report_filling.report_submit(report=second, user=world.users["other_reporter"])


DAY = dt.date

"""The demo: a fictional 示例市 programme, the five seed plans when present, and demo accounts.

Idempotent: a programme whose title is already loaded is skipped; accounts are created once
(their password is reset only when ``IPCITY_DEMO_PASSWORD`` is given). With ``feature_apps``, a
synthetic patent dataset placed in 示例市 is written (``patents``), then the apps above this one add
their own demo data through the loaders they register (``ipcity.core.contributions``), called last.
The dataset holds synthetic trademarks too (``trademarks``), and 示例市's invented population and
market entities are loaded (``reference_tables``), only where they supersede no table of the office's.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from django.db import transaction
from django.db.models import Count, Q

from ipcity.accounts.services import demo_account_ensure
from ipcity.core.contributions import DEMO_LOADERS
from ipcity.core.models import Department, Role
from ipcity.programs.models import Program

SAMPLE_PLAN = Path(__file__).with_name("sample_plan.json")


@dataclass
class DemoResult:
    created_programs: list[Program] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    accounts: dict[str, str] = field(default_factory=dict)  # username → what it is
    password: str | None = None  # set when accounts were created or reset by this run


def default_seeds_dir() -> Path:
    shared = os.environ.get("IPCITY_SHARED")
    if shared:
        return Path(shared) / "seeds"
    repo = Path(__file__).resolve().parents[4]  # src/ipcity/programs/demo → the checkout
    return repo.parent / "shared" / "seeds"


def load_demo(
    *,
    stdout: TextIO,
    seeds_dir: Path | None = None,
    password: str | None = None,
    feature_apps: bool = True,
) -> DemoResult:
    """Load everything; ``seeds_dir=None`` means the default, a missing directory means none."""
    result = DemoResult()
    password = password or os.environ.get("IPCITY_DEMO_PASSWORD") or None
    generated = password is None
    if password is None:
        from ipcity.core.passwords import generate_password

        password = generate_password()  # passes the site's validators, like any password a user sets
    admin, admin_new = demo_account_ensure(username="admin", role=Role.OFFICE, password=password, reset=not generated,
                                           display_name="示例市知识产权局")
    result.accounts["admin"] = "知识产权办公室管理员"

    _load_plan(_sample_plan(), source_name=SAMPLE_PLAN.name, user=admin, stdout=stdout, result=result, sample=True)
    seeds = seeds_dir if seeds_dir is not None else default_seeds_dir()
    if seeds.is_dir():
        for path in sorted(seeds.glob("*.txt")):
            _load_seed(path, user=admin, stdout=stdout, result=result)
    else:
        stdout.write(f"未找到样例规划目录 {seeds}，只加载示例市。\n")

    any_new = admin_new
    for index, dept in enumerate(_reporter_departments(), start=1):
        _user, new = demo_account_ensure(username=f"reporter{index}", role=Role.REPORTER, password=password,
                                         reset=not generated, department=dept, display_name=f"{dept.name}填报员")
        any_new |= new
        result.accounts[f"reporter{index}"] = f"部门填报员（{dept.name}）"
    _user, new = demo_account_ensure(username="leader", role=Role.LEADER, password=password, reset=not generated,
                                     display_name="市领导")
    any_new |= new
    result.accounts["leader"] = "领导（只读）"
    # The site administrator's pages (every region's users, the holiday notices, re-importing the
    # demo's datasets) would otherwise need `createsuperuser` before a newcomer could see them. A
    # profile role, not a Django superuser: the demo gives no access to the Django admin.
    _user, new = demo_account_ensure(username="siteadmin", role=Role.ADMIN, password=password, reset=not generated,
                                     display_name="系统管理员")
    any_new |= new
    result.accounts["siteadmin"] = "系统管理员"
    result.password = password if (any_new or not generated) else None

    if feature_apps:
        _load_patents(stdout)
        _load_feature_demos(stdout)
    _report_accounts(result, stdout, generated=generated)
    return result


def _sample_plan() -> dict:
    return json.loads(SAMPLE_PLAN.read_text(encoding="utf-8"))


def _load_seed(path: Path, *, user, stdout: TextIO, result: DemoResult) -> None:
    try:
        from ipcity.programs.importing.reading import read_plan_file

        read = read_plan_file(path)
    except Exception as exc:  # noqa: BLE001 - a parser failure skips this seed, never the demo
        stdout.write(f"跳过 {path.name}：解析失败（{type(exc).__name__}: {exc}）\n")
        result.skipped.append(path.name)
        return
    _load_plan(read.plan, source_name=path.name, source_text=read.source_text, user=user,
               stdout=stdout, result=result)


def _load_plan(plan: dict, *, source_name: str, user, stdout: TextIO, result: DemoResult,
               source_text: str = "", sample: bool = False) -> None:
    from ipcity.programs.services import program_create_from_plan, program_mark_sample

    title = plan.get("title") or source_name
    if Program.objects.filter(title=title).exists():
        stdout.write(f"已存在，跳过：{title}\n")
        return
    try:
        with transaction.atomic():
            program = program_create_from_plan(plan=plan, user=user, source_name=source_name, source_text=source_text)
            if sample:
                program_mark_sample(program=program, user=user)
    except Exception as exc:  # noqa: BLE001 - report and go on with the other plans
        stdout.write(f"跳过 {source_name}：无法载入（{type(exc).__name__}: {exc}）\n")
        result.skipped.append(source_name)
        return
    result.created_programs.append(program)
    stdout.write(f"已载入：{program.title}（{program.indicators.count()} 项指标，{program.tasks.count()} 项任务）\n")


def _reporter_departments() -> list[Department]:
    """The two member departments of 示例市's programme that lead most of its tasks (then take
    part in most).

    示例市's plan runs to 2026, so its reporters have this year's report to fill; 铜陵市's
    (2022–2025) is over. The office's own bureau (…知识产权局) is left out: it runs the programme
    through ``admin`` and reports to no one.
    """
    program = Program.objects.filter(is_sample=True).order_by("pk").first()
    if program is None:
        return []
    return list(
        Department.objects.filter(assignments__task__program=program).exclude(name__contains="知识产权局")
        .annotate(leads=Count("assignments", filter=Q(assignments__is_lead=True, assignments__task__program=program),
                              distinct=True),
                  tasks=Count("assignments", filter=Q(assignments__task__program=program), distinct=True))
        .order_by("-leads", "-tasks", "name")[:2]
    )


def _load_patents(stdout: TextIO) -> None:
    from ipcity.programs.demo.patents import data_dir, load_demo_patents
    from ipcity.programs.demo.reference_tables import load_demo_reference_tables
    from ipcity.programs.demo.trademarks import load_demo_trademarks

    sample = Program.objects.filter(is_sample=True).select_related("region").order_by("pk").first()
    if sample is None or sample.region is None:
        stdout.write("没有示例市项目，不写入示例专利数据集。\n")
        return
    load_demo_patents(region_code=sample.region.code, region_name=sample.region.name, stdout=stdout)
    load_demo_trademarks(region_code=sample.region.code, region_name=sample.region.name, stdout=stdout)
    # 示例市's invented population and market entities, so that its per-10,000 figures compute
    load_demo_reference_tables(data_dir=data_dir(), stdout=stdout)


def _load_feature_demos(stdout: TextIO) -> None:
    for app, loader in DEMO_LOADERS:
        stdout.write(f"加载 {app} 示例数据…\n")
        loader(stdout=stdout)


def _report_accounts(result: DemoResult, stdout: TextIO, *, generated: bool) -> None:
    stdout.write("示例账号：\n")
    for username, what in result.accounts.items():
        stdout.write(f"  {username:10} {what}\n")
    if result.password and generated:
        stdout.write(f"新建账号的密码（自动生成，仅显示一次）：{result.password}\n")
    elif result.password:
        stdout.write("密码：IPCITY_DEMO_PASSWORD 的值\n")
    else:
        stdout.write("账号已存在，密码未改变（设置 IPCITY_DEMO_PASSWORD 可重设）。\n")

"""Benchmark: the supervision board and the daily scan.

    python benchmarks/supervision.py [--tasks 30] [--departments 25] [--requests 100] [--programs 20]

1. Board: one programme whose every task (30) is handled by every department (25): 750
   department × task cells, reports in mixed states. Signs in an office user with Django's test
   Client in-process and requests the board N times; prints p50/p95 and the query count.
2. Scan: 20 programmes of the same shape, each with a yearly duty due 2026-12-15, one reporter
   per department. Times ``reminders.scan`` in-process on 2026-12-18 (cold: generates 20 rounds
   of 25 reports and sends overdue + escalation reminders), again the same day (nothing to send),
   and the next day (daily overdue reminders only); then ``ipcity supervise scan`` as a user runs
   it (a new process, Django start-up included).

Builds everything in a throw-away SQLite database (or DATABASE_URL). Targets: board p95 ≤ 150 ms;
scan over 20 programmes < 2 s. Ends with lines ``board p50_ms=… p95_ms=…`` and ``scan …``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import _harness


def setup(data_dir: str) -> None:
    _harness.setup(data_dir, IPCITY_AXES="0")
    from django.conf import settings

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

def build_program(region, departments, index: int, n_tasks: int, duty: bool):
    from ipcity.programs import models as m

    prog = m.Program.objects.create(title=f"强市建设方案{index}", region=region, region_name=region.name,
                                    start_year=2024, end_year=2026)
    if duty:
        m.ReportingDuty.objects.create(program=prog, what="报送工作推进情况", who="各责任单位", due_month=12, due_day=15)
    tasks = m.Task.objects.bulk_create(
        m.Task(program=prog, order=t, ref=f"{'三' if t < n_tasks // 2 else '四'}/（{t % 5 + 1}）/{t + 1}",
               title=f"重点任务{t + 1}：推进知识产权创造运用保护管理服务") for t in range(n_tasks))
    m.TaskAssignment.objects.bulk_create(
        m.TaskAssignment(task=task, department=d, order=i, is_lead=(i == t % len(departments)), name_as_written=d.name)
        for t, task in enumerate(tasks) for i, d in enumerate(departments))
    m.Indicator.objects.bulk_create(
        m.Indicator(program=prog, order=i, name=f"指标{i}", unit="件", owner_department=departments[i])
        for i in range(min(10, len(departments))))
    return prog


def build(n_tasks: int, n_departments: int, n_programs: int):
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from ipcity.core.models import Department, Profile, Region, Role

    with transaction.atomic():
        region = Region.objects.create(code="340700", name="铜陵市", level="city")
        departments = Department.objects.bulk_create(
            Department(region=region, name=f"市第{i}局", head_email=f"head{i}@example.cn") for i in range(n_departments))
        User = get_user_model()
        office = User.objects.create_user("office", "office@example.cn", "bench-password-1")
        Profile.objects.create(user=office, role=Role.OFFICE, region=region)
        for i, d in enumerate(departments):
            u = User.objects.create_user(f"rep{i}", f"rep{i}@example.cn", "bench-password-1")
            Profile.objects.create(user=u, role=Role.REPORTER, department=d)
        board_program = build_program(region, departments, 0, n_tasks, duty=False)
        scan_programs = [build_program(region, departments, i + 1, n_tasks, duty=True) for i in range(n_programs)]
    return office, board_program, scan_programs


def mixed_round(program, office):
    """A round due 2026-12-15 with reports accepted, submitted, returned, behind and untouched."""
    from ipcity.supervision.models import LineStatus
    from ipcity.supervision.services import office_review, report_filling, rounds

    rnd = rounds.round_create(program=program, user=office, title="2026年度工作推进情况",
                                due=dt.date(2026, 12, 15), opens_on=dt.date(2026, 1, 1))
    for index, report in enumerate(rnd.reports.order_by("department__name")):
        state = index % 5
        if state == 4:
            continue  # draft
        lines = {li.task_id: {"status": LineStatus.BEHIND if state == 3 else LineStatus.ON_TRACK,
                              "progress": 40 + index, "done": "已推进", "reason": "资金", "remedy": "协调"}
                 for li in report.task_lines.all()}
        report = report_filling.report_save(report=report, user=None, expected_version=report.version,
                                      data=report_filling.ReportInput(summary="", lines=lines, values={}))
        report = report_filling.report_submit(report=report, user=None)
        if state == 0:
            office_review.report_accept(report=report, user=office)
        elif state == 2:
            office_review.report_return(report=report, user=office, comment="补充")
    return rnd


def time_board(office, rnd, n_requests: int) -> None:
    from django.db import connection
    from django.test import Client

    client = Client()
    client.force_login(office)
    url = f"/supervision/program/{rnd.program_id}/?round={rnd.id}"
    assert client.get(url).status_code == 200  # warm-up (template compilation)
    timings = []
    for _ in range(n_requests):
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    queries: list[str] = []

    def count(execute, sql, params, many, context):  # request_started resets connection.queries
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = client.get(url)
    cells = response.content.decode().count('data-colour="')
    timings.sort()
    p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
    print(f"board cells={cells} n={n_requests} p50_ms={statistics.median(timings):.1f} p95_ms={p95:.1f} "
          f"queries={len(queries)}")


def time_scan(scan_programs, data_dir: str) -> None:
    from ipcity.supervision.services.reminders import scan

    ids = [p.id for p in scan_programs]
    for label, day in (("cold", dt.date(2026, 12, 18)), ("same-day", dt.date(2026, 12, 18)),
                       ("next-day", dt.date(2026, 12, 19))):
        start = time.perf_counter()
        result = scan(today=day, program_ids=ids)
        seconds = time.perf_counter() - start
        print(f"scan {label} programs={result.programs} rounds_created={result.rounds_created} "
              f"reminders={result.reminders} notifications={result.notifications} seconds={seconds:.2f}")
    ipcity = Path(sys.executable).parent / "ipcity"
    env = dict(os.environ, IPCITY_EMAIL_HOST="")
    start = time.perf_counter()
    done = subprocess.run([str(ipcity), "supervise", "scan", "--today", "2026-12-20"], env=env,
                          capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - start
    summary = [line for line in done.stdout.splitlines() if "programmes" in line]
    print(f"scan cli next-day seconds={seconds:.2f} ({summary[-1] if summary else done.stdout[-200:]})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=30)
    parser.add_argument("--departments", type=int, default=25)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--programs", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ipcity-bench-supervision-") as data_dir:
        setup(data_dir)
        office, board_program, scan_programs = build(args.tasks, args.departments, args.programs)
        rnd = mixed_round(board_program, office)
        time_board(office, rnd, args.requests)
        time_scan(scan_programs, data_dir)


if __name__ == "__main__":
    main()

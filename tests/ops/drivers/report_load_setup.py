"""Prepare the HTTP load test of department reports: enough rounds for ``REPORTS`` reports,
``SESSIONS`` reporter accounts bound to the departments that report, and each report given to
exactly one of its department's reporters. Prints one JSON document for the test:

    {"password": …, "sessions": [{"username": …, "reports": [{"id", "version", "tasks": […]}]}]}

Run on an installation with a programme loaded (``ipcity plan load``):
``python -m tests.ops.drivers.report_load_setup 1000 50``. The departments with the fewest tasks
are chosen, so that a submission costs the server little and the test stays short.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys

PASSWORD = "load-test-password-2026"


def main(reports_wanted: int, sessions: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ipcity.web.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from ipcity.core.models import Profile, Role
    from ipcity.programs.models import Program
    from ipcity.supervision.models import DepartmentReport
    from ipcity.supervision.services import rounds

    User = get_user_model()
    program = Program.objects.order_by("pk").first()
    office = User.objects.create_user(username="load-office")
    Profile.objects.update_or_create(user=office, defaults={"role": Role.OFFICE})
    day = dt.date(program.end_year, 7, 1)
    reports: list = []
    departments: list[int] = []
    while len([r for r in reports if r.department_id in departments]) < reports_wanted:
        rnd = rounds.round_create(program=program, user=office, title=f"压力测试轮次 {day:%m-%d}", due=day)
        reports += [r for r in DepartmentReport.objects.filter(round=rnd).prefetch_related("task_lines")
                    if r.task_lines.all()]
        day += dt.timedelta(days=1)
        tasks = {r.department_id: len(r.task_lines.all()) for r in reports}
        departments = sorted(tasks, key=lambda d: (tasks[d], d))[:sessions]
    usable = [r for r in reports if r.department_id in departments][:reports_wanted]

    # One password hash for all (hashing is deliberately slow; fifty of them are seconds).
    template = User(username="template")
    template.set_password(PASSWORD)
    accounts = []
    for index in range(sessions):
        department = departments[index % len(departments)]
        user = User.objects.create(username=f"load{index:02d}", password=template.password)
        Profile.objects.update_or_create(user=user, defaults={"role": Role.REPORTER, "department_id": department})
        accounts.append({"username": user.username, "department": department, "reports": []})
    # Each report to one reporter of its department, in turn.
    turn = {d: [a for a in accounts if a["department"] == d] for d in departments}
    for n, report in enumerate(usable):
        owners = turn[report.department_id]
        owners[n % len(owners)]["reports"].append(
            {"id": report.id, "version": report.version, "tasks": [line.task_id for line in report.task_lines.all()]})
    print(json.dumps({"password": PASSWORD, "sessions": accounts}))


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))

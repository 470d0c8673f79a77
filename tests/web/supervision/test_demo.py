from __future__ import annotations

import io

import pytest

from ipcity.core.models import Role
from ipcity.supervision import demo
from ipcity.supervision.models import DepartmentReport, Round

from .factories import make_program, make_user

pytestmark = pytest.mark.django_db


def test_demo_rounds_in_several_states_and_idempotent():
    world = make_program(n_tasks=8, n_departments=7)
    make_user("admin", Role.OFFICE)
    make_user("reporter1", Role.REPORTER, department=world.departments[0])
    out = io.StringIO()
    demo.load_demo(stdout=out)
    assert Round.objects.filter(program=world.program).count() == 2
    current = Round.objects.get(key="demo:current")
    states = set(current.reports.values_list("status", flat=True))
    assert {"accepted", "submitted", "returned", "draft"} <= states
    assert current.reports.get(department=world.departments[0]).status in ("draft", "returned")
    assert current.reports.filter(times_returned=2).exists()
    past = Round.objects.get(key="demo:past")
    assert past.reports.filter(status="draft").exists() and past.reports.filter(status="accepted").exists()
    before = DepartmentReport.objects.count()
    demo.load_demo(stdout=out)
    assert DepartmentReport.objects.count() == before and "已存在" in out.getvalue()

"""Editing a saved programme: audited services, office-only pages, bad input changes nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ipcity.audit.models import AuditEvent
from ipcity.core.models import Department
from ipcity.monitoring.models import IndicatorActual
from ipcity.programs.editing.forms import parse_due, parse_duties, parse_phases
from ipcity.programs.editing.services import (
    indicator_owner_set,
    indicator_update,
    program_schedule_set,
    task_departments_set,
)
from ipcity.programs.importing.validation import PlanInvalid
from ipcity.programs.models import Indicator, ReportingDuty, Task
from tests.web.platform import factories as f
from tests.web.test_english_crawl import chinese_left
from tests.web.test_i18n import english_catalogue  # noqa: F401  (builds the .mo when stale)


def _state(program) -> dict:
    indicators = [(i.unit, i.baseline_value, i.owner_department_id, [(t.year, t.value) for t in i.targets.all()])
                  for i in program.indicators.order_by("pk")]
    tasks = [[(a.department_id, a.is_lead) for a in t.assignments.order_by("order")] for t in program.tasks.order_by("pk")]
    schedule = (list(program.phases.values_list("name", "start", "end")),
                list(program.reporting_duties.values_list("what", "due_month", "due_day")))
    return {"indicators": indicators, "tasks": tasks, "schedule": schedule, # Programme changes only: refused requests are audited too (as security events).
            "audit": AuditEvent.objects.filter(action__regex=r"^(indicator|task|program)\.").count()}


# --- services --------------------------------------------------------------------------------

@pytest.mark.django_db
def test_indicator_update_keeps_values_and_audits_targets(world):
    indicator = world.tl_prog.indicators.order_by("order").first()
    IndicatorActual.objects.create(indicator=indicator, year=2023, value=8)
    indicator_update(indicator=indicator, user=world.office, unit="件/万人", baseline_year=2020, baseline_value=4.0,
                     targets=[{"year": 2024, "value": 10, "comparator": ">="}, {"year": 2025, "value": 12, "comparator": ">="}])
    indicator.refresh_from_db()
    assert (indicator.unit, indicator.baseline_year, indicator.baseline_value) == ("件/万人", 2020, 4.0)
    assert [(t.year, t.value) for t in indicator.targets.all()] == [(2024, 10), (2025, 12)]
    assert indicator.actuals.count() == 1
    event = AuditEvent.objects.get(action="indicator.update", object_id=str(indicator.pk))
    assert [t["year"] for t in event.before["targets"]] == [2023, 2024, 2025]
    assert [t["year"] for t in event.after["targets"]] == [2024, 2025]


@pytest.mark.django_db
def test_indicator_update_refuses_a_year_twice_and_changes_nothing(world):
    indicator = world.tl_prog.indicators.first()
    before = _state(world.tl_prog)
    with pytest.raises(PlanInvalid):
        indicator_update(indicator=indicator, user=world.office, unit="个", baseline_year=None, baseline_value=None,
                         targets=[{"year": 2025, "value": 1, "comparator": ">="}, {"year": 2025, "value": 2, "comparator": ">="}])
    assert _state(world.tl_prog) == before


@pytest.mark.django_db
def test_owner_must_be_of_the_programme_region(world):
    indicator = world.tl_prog.indicators.first()
    with pytest.raises(PlanInvalid):
        indicator_owner_set(indicator=indicator, department=world.bb_msa, user=world.office)
    indicator_owner_set(indicator=indicator, department=world.edu, user=world.office)
    assert Indicator.objects.get(pk=indicator.pk).owner_department == world.edu
    assert AuditEvent.objects.filter(action="indicator.owner", object_id=str(indicator.pk)).exists()


@pytest.mark.django_db
def test_task_departments_keep_rows_that_stay(world):
    task = world.tl_prog.tasks.order_by("order").first()
    kept = task.assignments.get(department=world.msa)
    kept.name_as_written = "市市场监管局(市知识产权局)"
    kept.save()
    task_departments_set(task=task, user=world.office, leads=[world.edu], partners=[world.msa, world.fin])
    rows = list(Task.objects.get(pk=task.pk).assignments.order_by("order"))
    assert [(a.department, a.is_lead) for a in rows] == [(world.edu, True), (world.msa, False), (world.fin, False)]
    assert rows[1].pk == kept.pk and rows[1].name_as_written == "市市场监管局(市知识产权局)"
    event = AuditEvent.objects.filter(action="task.update", object_id=str(task.pk)).get()
    assert event.note == "直接修改：责任单位" and len(event.after["assignments"]) == 3


@pytest.mark.django_db
@pytest.mark.parametrize("leads, partners", [("edu", "edu"), ("", "fin"), ("bb_msa", "")])
def test_task_departments_bad_choices_change_nothing(world, leads, partners):
    task = world.tl_prog.tasks.first()
    before = _state(world.tl_prog)
    with pytest.raises(PlanInvalid):
        task_departments_set(task=task, user=world.office, leads=[getattr(world, leads)] if leads else [],
                             partners=[getattr(world, partners)] if partners else [])
    assert _state(world.tl_prog) == before


@pytest.mark.django_db
def test_schedule_keeps_a_duty_that_stays(world):
    duty = world.tl_prog.reporting_duties.get()
    program_schedule_set(program=world.tl_prog, user=world.office,
                         phases=[{"name": "全面推进", "start": "2023-01", "end": "2024-12"}],
                         reporting=[{"what": "报送年度工作总结", "who": "各责任单位", "due": {"month": 11, "day": 30}},
                                    {"what": "中期评估", "who": None, "due": {"date": "2024-06"}}])
    assert ReportingDuty.objects.get(pk=duty.pk).due_month == 11
    assert list(world.tl_prog.phases.values_list("name", flat=True)) == ["全面推进"]
    event = AuditEvent.objects.get(action="program.schedule")
    assert event.before["phases"][0]["name"] == "启动阶段" and len(event.after["reporting"]) == 2


def test_schedule_lines_parse_and_refuse_in_chinese():
    assert parse_phases("启动阶段 | 2023-01 | 2023-06\n\n") == [{"name": "启动阶段", "start": "2023-01", "end": "2023-06"}]
    assert parse_duties("总结 | 各单位 | 每年12月15日前\n评估 |  | 2025年1月\n调度 | 办公室 | 每6个月") == [
        {"what": "总结", "who": "各单位", "due": {"month": 12, "day": 15}},
        {"what": "评估", "who": None, "due": {"date": "2025-01"}},
        {"what": "调度", "who": "办公室", "due": {"every_months": 6}}]
    assert parse_due("02-30") is None and parse_due("2025-13") is None and parse_due("每0个月") is None
    for bad in ("启动 | 2023-06 | 2023-01", "启动 | 2023/01 | 2023-06", "只有名称"):
        with pytest.raises(Exception, match="阶段"):
            parse_phases(bad)
    with pytest.raises(Exception, match="无法识别的报送事项"):
        parse_duties("总结 | 各单位 | 下个月")


# --- pages -----------------------------------------------------------------------------------

def _urls(world):
    prog = world.tl_prog
    return [reverse("programs:editing:indicator", args=[prog.pk, prog.indicators.first().pk]),
            reverse("programs:editing:task", args=[prog.pk, prog.tasks.first().pk]),
            reverse("programs:editing:schedule", args=[prog.pk])]


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["leader", "reporter"])
def test_readers_get_403_and_change_nothing(client, world, who):
    client.force_login(getattr(world, who))
    before = _state(world.tl_prog)
    for url in _urls(world):
        assert client.post(url, {"unit": "x", "leads": [world.edu.pk], "phases": ""}).status_code == 403
        assert client.get(url).status_code == 403
    assert _state(world.tl_prog) == before


@pytest.mark.django_db
def test_office_of_another_city_gets_404(client, world):
    client.force_login(f.user("bb_office", "office", region=world.bb))
    for url in _urls(world):
        assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_office_edits_an_indicator_through_the_page(client, world):
    client.force_login(world.office)
    prog = world.tl_prog
    indicator = prog.indicators.order_by("order").first()
    url = reverse("programs:editing:indicator", args=[prog.pk, indicator.pk])
    page = client.get(url).content.decode()
    assert "2023 &gt;= 7" in page or "2023 >= 7" in page
    response = client.post(url, {"unit": "件", "baseline_year": "2021", "baseline_value": "5.5",
                                 "targets": "2025 >= 20", "owner": str(world.edu.pk)})
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.owner_department == world.edu and [t.value for t in indicator.targets.all()] == [20]
    listing = client.get(reverse("programs:indicators", args=[prog.pk])).content.decode()
    assert url in listing  # the office finds the edit link on the indicators tab


@pytest.mark.django_db
def test_bad_indicator_input_is_refused_in_chinese(client, world):
    client.force_login(world.office)
    prog = world.tl_prog
    indicator = prog.indicators.first()
    url = reverse("programs:editing:indicator", args=[prog.pk, indicator.pk])
    before = _state(prog)
    for data, message in (({"targets": "明年 翻一番"}, "无法识别的目标值"),
                          ({"targets": "2025 >= 1", "owner": str(world.bb_msa.pk)}, "所选部门不属于本项目所在地区"),
                          ({"targets": "2025 >= 1\n2025 >= 2"}, "2025 年有多个目标值")):
        response = client.post(url, {"unit": "件", **data})
        assert response.status_code == 400 and message in response.content.decode()
    assert _state(prog) == before


@pytest.mark.django_db
def test_office_edits_task_departments_and_schedule_through_the_pages(client, world):
    client.force_login(world.office)
    prog = world.tl_prog
    task = prog.tasks.order_by("order").first()
    url = reverse("programs:editing:task", args=[prog.pk, task.pk])
    assert client.post(url, {"leads": [world.fin.pk], "partners": [world.edu.pk, world.msa.pk]}).status_code == 302
    assert [(a.department, a.is_lead) for a in task.assignments.order_by("order")] == [
        (world.fin, True), (world.edu, False), (world.msa, False)]
    response = client.post(url, {"leads": [world.fin.pk], "partners": [world.fin.pk]})
    assert response.status_code == 400 and "同一部门不能既牵头又配合" in response.content.decode()

    url = reverse("programs:editing:schedule", args=[prog.pk])
    response = client.post(url, {"phases": "推进 | 2023-01 | 2022-01", "reporting": ""})
    assert response.status_code == 400 and "开始晚于结束" in response.content.decode()
    assert prog.phases.count() == 1 and prog.reporting_duties.count() == 1
    response = client.post(url, {"phases": "推进 | 2023-01 | 2024-12", "reporting": "总结 | 各单位 | 12-15"})
    assert response.status_code == 302
    assert list(prog.reporting_duties.values_list("what", "due_month", "due_day")) == [("总结", 12, 15)]
    assert "edit-schedule-link" in client.get(reverse("programs:program", args=[prog.pk])).content.decode()
    assert Department.objects.count() == 5  # no department created by an edit


@pytest.mark.django_db
def test_saving_unchanged_adds_no_history(world):
    prog = world.tl_prog
    indicator = prog.indicators.order_by("order").first()
    task = prog.tasks.order_by("order").first()
    targets = [{"year": t.year, "value": t.value, "comparator": t.comparator} for t in indicator.targets.all()]
    rows = list(task.assignments.order_by("order"))
    before = _state(prog)
    indicator_update(indicator=indicator, user=world.office, unit=indicator.unit, targets=targets,
                     baseline_year=indicator.baseline_year, baseline_value=indicator.baseline_value)
    indicator_owner_set(indicator=indicator, department=indicator.owner_department, user=world.office)
    task_departments_set(task=task, user=world.office, leads=[a.department for a in rows if a.is_lead],
                         partners=[a.department for a in rows if not a.is_lead])
    program_schedule_set(program=prog, user=world.office,
                         phases=[{"name": "启动阶段", "start": "2022-11", "end": "2022-12"}],
                         reporting=[{"what": "报送年度工作总结", "who": "各责任单位", "due": {"month": 12, "day": 15}}])
    assert _state(prog) == before


@pytest.mark.django_db
def test_the_schedule_lines_are_marked_as_the_documents_chinese_on_an_english_page(client, world, english_catalogue):  # noqa: F811
    # Field test: on /en/ the phase and duty lines (the plan's own words) were unmarked Chinese in
    # the two boxes; a screen reader read them with an English voice.
    client.cookies["django_language"] = "en"
    client.force_login(world.office)
    page = client.get(reverse("programs:editing:schedule", args=[world.tl_prog.pk])).content.decode()
    assert "启动阶段" in page and "报送年度工作总结" in page
    assert chinese_left(page) == []

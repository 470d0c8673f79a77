"""The data a revision would delete is named in the page's language: every model that deleting a task,
an indicator or an assignment takes along (outside the programme's own tables) has a translated name.

Found in the browser: a revision dropping a task with reports said “已有6 条task line”."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import models
from django.utils import translation

from ipcity.programs.models import Indicator, Task, TaskAssignment
from ipcity.programs.revision import DataLossUnconfirmed
from ipcity.programs.services import program_apply_revision, program_create_from_plan

TONGLING = "000_3c8ebd50ad477ee4"
OWN_APPS = ("programs", "core", "audit")  # revision.data_lost_with leaves these out of the list


def _taken_along(*roots: type[models.Model]) -> set[type[models.Model]]:
    seen: set[type[models.Model]] = set()
    todo = list(roots)
    while todo:
        model = todo.pop()
        for rel in model._meta.related_objects:
            if rel.on_delete is models.CASCADE and rel.related_model not in seen:
                seen.add(rel.related_model)
                todo.append(rel.related_model)
    return seen


def test_every_model_a_revision_can_delete_with_data_has_a_chinese_name():
    unnamed = sorted(m._meta.label for m in _taken_along(Task, Indicator, TaskAssignment)
                     if m._meta.app_label not in OWN_APPS and "verbose_name" not in m._meta.original_attrs)
    assert unnamed == []


@pytest.mark.django_db
def test_the_loss_of_report_lines_and_values_is_written_in_chinese(load_gold, office_user):
    from ipcity.supervision.models import DepartmentReport, IndicatorValue, Round, TaskLine

    program = program_create_from_plan(plan=load_gold(TONGLING), user=office_user)
    task = program.tasks.order_by("order").first()
    indicator = program.indicators.order_by("order").first()
    day = datetime.date(2024, 12, 15)
    round_ = Round.objects.create(program=program, key="office:t", title="2024年度", period_year=2024, opens_on=day,
                                  nominal_due=day, due_date=day)
    report = DepartmentReport.objects.create(round=round_, department=task.assignments.first().department)
    TaskLine.objects.create(report=report, task=task, is_lead=True, done="已完成专利导航项目 2 项")
    IndicatorValue.objects.create(report=report, indicator=indicator, year=2024, value=3)
    plan = load_gold(TONGLING)
    del plan["tasks"][0]
    del plan["indicators"][0]

    with translation.override("zh-hans"), pytest.raises(DataLossUnconfirmed) as refused:
        program_apply_revision(program=program, plan=plan, user=office_user)
    what = [w for loss in refused.value.losses for w in loss.what]
    assert len(what) == 2
    assert not [w for w in what if re.search(r"[A-Za-z]", str(w))], what


@pytest.mark.django_db
def test_the_confirm_page_in_english_lists_the_losses_with_english_punctuation(client, load_gold, office_user):
    """Found in the browser: the English confirm page read “Task“三/（二）/4 …”: a × b、c × d”."""
    import json

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from ipcity.monitoring.models import IndicatorActual
    from ipcity.programs.models import PlanImport
    from ipcity.supervision.models import DepartmentReport, IndicatorValue, Round

    program = program_create_from_plan(plan=load_gold(TONGLING), user=office_user)
    indicator = program.indicators.order_by("order").first()
    IndicatorActual.objects.create(indicator=indicator, year=2023, value=7.4)
    day = datetime.date(2024, 12, 15)
    round_ = Round.objects.create(program=program, key="office:t", title="2024年度", period_year=2024, opens_on=day,
                                  nominal_due=day, due_date=day)
    department = program.tasks.first().assignments.first().department
    report = DepartmentReport.objects.create(round=round_, department=department)
    IndicatorValue.objects.create(report=report, indicator=indicator, year=2024, value=3)
    plan = load_gold(TONGLING)
    del plan["indicators"][0]
    client.force_login(office_user)
    client.cookies["django_language"] = "en"
    body = json.dumps(plan, ensure_ascii=False).encode()
    client.post(reverse("programs:importing:upload"),
                {"document": SimpleUploadedFile("rev.json", body, "application/json"), "target_program": program.pk})
    imp = PlanImport.objects.get(target_program=program)

    page = client.post(reverse("programs:importing:confirm", args=[imp.pk])).content.decode()
    items = re.findall(r"<li><strong>(.*?)</li>", page, re.S)
    assert len(items) == 1, page[-3000:]
    assert re.search(r"\S “<span lang=\"zh\">", items[0]), items[0]
    assert "、" not in re.sub(r"<span lang=\"zh\">[^<]*</span>”", "", items[0].split("</strong>")[1]), items[0]


@pytest.mark.django_db
def test_only_the_lines_a_department_wrote_count_as_lost(load_gold, office_user):
    """Found in the field: the confirm page said 「12 条任务进展记录」 when one line had content: a round
    creates a blank line for every department of a task, and every one was counted."""
    from ipcity.core.models import Department
    from ipcity.supervision.models import DepartmentReport, IndicatorValue, Round, TaskLine

    program = program_create_from_plan(plan=load_gold(TONGLING), user=office_user)
    tasks = list(program.tasks.order_by("order")[:2])
    indicator = program.indicators.filter(owner_department__isnull=True).order_by("order").first()
    day = datetime.date(2024, 12, 15)
    round_ = Round.objects.create(program=program, key="office:t", title="2024年度", period_year=2024, opens_on=day,
                                  nominal_due=day, due_date=day)
    departments = list(Department.objects.order_by("id")[:3])
    reports = [DepartmentReport.objects.create(round=round_, department=d) for d in departments]
    for report in reports:  # as a round opens: every line and value blank
        TaskLine.objects.create(report=report, task=tasks[0])
        TaskLine.objects.create(report=report, task=tasks[1])
        IndicatorValue.objects.create(report=report, indicator=indicator, year=2024)
    TaskLine.objects.filter(report=reports[0], task=tasks[0]).update(status="behind")
    plan = load_gold(TONGLING)
    del plan["tasks"][:2]
    plan["indicators"] = [i for i in plan["indicators"] if i["name"] != indicator.name]

    with translation.override("zh-hans"), pytest.raises(DataLossUnconfirmed) as refused:
        program_apply_revision(program=program, plan=plan, user=office_user)
    losses = {loss.name: loss.what for loss in refused.value.losses}
    # The first task lost one written line; the second and the indicator only blank rows: no loss.
    assert list(losses.values()) == [["1 条已填写的任务进展记录"]], losses
    assert next(iter(losses)).startswith(tasks[0].ref)

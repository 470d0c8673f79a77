"""An open round follows the programme: a data owner given (or a task's departments changed) after the
office opened the round reaches that round's reports still with their department.

Found by the empty-installation field test: an office imports its plan, opens a round, then sets each
indicator's 数据责任部门; the reporter's form asked for no value at all, and nothing but a new round
would have asked for it (``round_sync_reports`` existed but nothing called it)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ipcity.supervision.models import IndicatorValue, ReportStatus, TaskLine


def _post_owner(client, world, indicator, department):
    url = reverse("programs:editing:indicator", args=[world.program.pk, indicator.pk])
    return client.post(url, {"unit": indicator.unit or "", "targets": "", "owner": department.pk if department else ""})


@pytest.mark.django_db
def test_an_owner_set_after_the_round_opened_is_asked_for_the_value(client, world, round_):
    indicator = world.indicators[0]
    owner = world.departments[1]
    assert not IndicatorValue.objects.filter(report__department=owner, indicator=indicator).exists()
    client.force_login(world.users["office"])
    assert _post_owner(client, world, indicator, owner).status_code == 302
    report = round_.reports.get(department=owner)
    value = IndicatorValue.objects.get(report=report, indicator=indicator)
    assert value.year == round_.period_year and value.value is None
    # the reporter's form now has the field for it
    client.force_login(world.users["other_reporter"])  # departments[1]'s reporter
    page = client.get(reverse("supervision:report", args=[report.pk])).content.decode()
    assert f'name="value-{indicator.pk}-value"' in page


@pytest.mark.django_db
def test_a_report_already_handed_in_or_a_closed_round_is_left_as_it_was(client, world, round_):
    indicator = world.indicators[0]
    owner = world.departments[1]
    handed_in = round_.reports.get(department=owner)
    handed_in.status = ReportStatus.SUBMITTED
    handed_in.save(update_fields=["status"])
    client.force_login(world.users["office"])
    assert _post_owner(client, world, indicator, owner).status_code == 302
    assert not IndicatorValue.objects.filter(report=handed_in, indicator=indicator).exists()

    round_.status = round_.Status.CLOSED
    round_.save(update_fields=["status"])
    handed_in.status = ReportStatus.RETURNED
    handed_in.save(update_fields=["status"])
    assert _post_owner(client, world, indicator, world.departments[2]).status_code == 302
    assert not IndicatorValue.objects.filter(report__round=round_, indicator=indicator,
                                             report__department=world.departments[2]).exists()


@pytest.mark.django_db
def test_a_department_given_a_task_gets_its_report_and_line(client, world, round_):
    newcomer = type(world.departments[0]).objects.create(region=world.region, name="市新设部门")
    task = world.tasks[0]
    assert not round_.reports.filter(department=newcomer).exists()
    lead = task.assignments.get(is_lead=True).department
    client.force_login(world.users["office"])
    url = reverse("programs:editing:task", args=[world.program.pk, task.pk])
    assert client.post(url, {"leads": [lead.pk], "partners": [newcomer.pk]}).status_code == 302
    report = round_.reports.get(department=newcomer)
    assert report.status == ReportStatus.DRAFT
    assert list(TaskLine.objects.filter(report=report).values_list("task_id", "is_lead")) == [(task.pk, False)]

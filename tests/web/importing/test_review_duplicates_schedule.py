"""Review screen: the duplicate warning, and phases and reporting duties edited before confirming."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ipcity.core.models import Role
from ipcity.programs.models import PlanImport, Program
from ipcity.programs.services import program_create_from_plan

from .conftest import make_user

TONGLING = "000_3c8ebd50ad477ee4"


def _upload(client, plan: dict, **extra) -> PlanImport:
    body = json.dumps(plan, ensure_ascii=False).encode()
    response = client.post(reverse("programs:importing:upload"),
                           {"document": SimpleUploadedFile("plan.json", body, "application/json"), **extra})
    assert response.status_code == 302
    return PlanImport.objects.order_by("-pk").first()


def _review(client, imp) -> str:
    return client.get(reverse("programs:importing:review", args=[imp.pk])).content.decode()


@pytest.mark.django_db
def test_importing_the_same_plan_again_warns_and_names_the_existing_programme(client, office_user, load_gold):
    existing = program_create_from_plan(plan=load_gold(TONGLING), user=office_user)
    client.force_login(office_user)
    plan = load_gold(TONGLING)
    plan["title"] = " " + plan["title"].replace("（", "(").replace("）", ")")  # widths and spaces fold
    imp = _upload(client, plan)
    page = _review(client, imp)
    assert 'id="duplicates"' in page and existing.title in page
    assert reverse("programs:program", args=[existing.pk]) in page
    assert "仍可确认保存" in page

    # The office may still proceed: a second programme is created.
    assert client.post(reverse("programs:importing:confirm", args=[imp.pk])).status_code == 302
    assert Program.objects.count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize("change", ["title", "period"])
def test_another_plan_or_a_revision_is_no_duplicate(client, office_user, load_gold, change):
    existing = program_create_from_plan(plan=load_gold(TONGLING), user=office_user)
    client.force_login(office_user)
    plan = load_gold(TONGLING)
    if change == "title":
        plan["title"] += "（修订）"
    else:
        plan["period"]["end"] = 2026
    assert 'id="duplicates"' not in _review(client, _upload(client, plan))
    assert 'id="duplicates"' not in _review(client, _upload(client, load_gold(TONGLING), target_program=existing.pk))


@pytest.mark.django_db
def test_review_edits_phases_and_duties_and_confirm_saves_them(client, office_user, load_gold):
    client.force_login(office_user)
    imp = _upload(client, load_gold(TONGLING))
    page = _review(client, imp)
    assert "实行年度考核 |  | 每12个月" in page  # the parsed duties, ready to edit
    url = reverse("programs:importing:schedule", args=[imp.pk])
    response = client.post(url, {"phases": "启动 | 2022-07 | 2022-12\n推进 | 2023-01 | 2025-06",
                                 "reporting": "报送推进情况 | 各责任单位 | 12-15"})
    assert response.status_code == 302
    client.post(reverse("programs:importing:confirm", args=[imp.pk]))
    program = Program.objects.get()
    assert list(program.phases.values_list("name", "start", "end")) == [
        ("启动", "2022-07", "2022-12"), ("推进", "2023-01", "2025-06")]
    assert list(program.reporting_duties.values_list("what", "due_month", "due_day")) == [("报送推进情况", 12, 15)]


@pytest.mark.django_db
def test_bad_schedule_lines_are_refused_and_change_nothing(client, office_user, load_gold):
    client.force_login(office_user)
    imp = _upload(client, load_gold(TONGLING))
    before = PlanImport.objects.get(pk=imp.pk).edited
    response = client.post(reverse("programs:importing:schedule", args=[imp.pk]),
                           {"phases": "", "reporting": "报送 | 各单位 | 年底前"}, follow=True)
    assert "无法识别的报送事项" in response.content.decode()
    assert PlanImport.objects.get(pk=imp.pk).edited == before


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.REPORTER, Role.LEADER])
def test_readers_may_not_edit_the_schedule(client, office_user, load_gold, role):
    client.force_login(office_user)
    imp = _upload(client, load_gold(TONGLING))
    client.force_login(make_user(f"u-{role}", role))
    response = client.post(reverse("programs:importing:schedule", args=[imp.pk]), {"phases": "", "reporting": ""})
    assert response.status_code == 403
    assert PlanImport.objects.get(pk=imp.pk).edited["reporting"]


@pytest.mark.django_db
def test_the_same_file_uploaded_again_while_pending_names_the_earlier_upload(client, office_user, load_gold):
    """Found in the browser: a file uploaded twice gave two pending reviews and no word of the other;
    confirming both would make two programmes (the second review only warns once the first is saved)."""
    client.force_login(office_user)
    first = _upload(client, load_gold(TONGLING))
    second = _upload(client, load_gold(TONGLING))
    page = _review(client, second)
    assert 'id="pending-twins"' in page
    assert reverse("programs:importing:review", args=[first.pk]) in page
    other = _upload(client, load_gold("001_4400fa42a0319d09"))
    assert 'id="pending-twins"' not in _review(client, other)
    client.post(reverse("programs:importing:discard", args=[first.pk]))
    assert 'id="pending-twins"' not in _review(client, second)


@pytest.mark.django_db
def test_refused_schedule_lines_stay_in_the_form_with_the_error_beside_them(client, office_user, load_gold):
    # Field test: the refusal used to redirect to #schedule with the stored lines back in the box
    # and the error at the page's top, out of sight; the office saw its typing silently undone.
    client.force_login(office_user)
    imp = _upload(client, load_gold(TONGLING))
    typed = "报送推进情况 | 各责任单位 | 年底前"
    response = client.post(reverse("programs:importing:schedule", args=[imp.pk]),
                           {"phases": "启动 | 2025-01 | 2025-06", "reporting": typed})
    assert response.status_code == 400
    page = response.content.decode()
    schedule = page[page.index('id="schedule"'):page.index('id="review-end"')]
    assert typed in schedule and "启动 | 2025-01 | 2025-06" in schedule
    assert "无法识别的报送事项" in schedule and 'role="alert"' in schedule


@pytest.mark.django_db
def test_refused_programme_fields_stay_in_the_form_with_the_error_beside_them(client, office_user, load_gold):
    client.force_login(office_user)
    imp = _upload(client, load_gold(TONGLING))
    fields = {"title": "改过的标题", "region": "铜陵市", "issuer": "", "doc_number": "", "issued_on": "",
              "start": "2026", "end": "2022"}
    response = client.post(reverse("programs:importing:fields", args=[imp.pk]), fields)
    assert response.status_code == 400
    page = response.content.decode()
    section = page[page.index('id="fields"'):page.index('id="schedule"')]
    assert "改过的标题" in section and "起始年份晚于结束年份" in section
    assert PlanImport.objects.get(pk=imp.pk).edited["title"] != "改过的标题"

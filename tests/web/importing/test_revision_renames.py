"""Revising without losing history: renames are recognised, pairing is the office's, data is never
dropped without a confirmation of exactly what goes."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ipcity.audit.models import AuditEvent
from ipcity.core.models import Department, Role
from ipcity.monitoring.models import IndicatorActual
from ipcity.programs.importing.matching import pair_with_overrides
from ipcity.programs.models import Indicator, PlanImport, Program
from ipcity.programs.revision import DataLossUnconfirmed, loss_digest
from ipcity.programs.services import program_apply_revision, program_create_from_plan

from .conftest import make_user

TONGLING = "000_3c8ebd50ad477ee4"
OLD_NAME = "每万人口高价值发明专利拥有量"
NEW_NAME = "每万人口高价值发明专利拥有量（件/万人）"


def _with_four_years(program: Program) -> Indicator:
    indicator = program.indicators.get(name=OLD_NAME)
    indicator.owner_department = Department.objects.create(region=program.region, name="市市场监管局数据科")
    indicator.save()
    for year, value in ((2022, 6.1), (2023, 7.4), (2024, 9.0), (2025, 10.2)):
        IndicatorActual.objects.create(indicator=indicator, year=year, value=value)
    return indicator


def _renamed(load_gold, name: str = NEW_NAME) -> dict:
    plan = load_gold(TONGLING)
    plan["indicators"][0]["name"] = name
    return plan


# --- matching ---------------------------------------------------------------------------------

def _ind(name, unit="件", targets=((2025, 10),)):
    return {"name": name, "unit": unit, "targets": [{"year": y, "value": v, "comparator": ">="} for y, v in targets]}


def test_reworded_indicator_with_same_unit_and_targets_is_proposed_as_rename():
    old = [_ind("知识产权质押融资金额", "亿元"), _ind("发明专利拥有量")]
    new = [_ind("知识产权质押融资额", "亿元"), _ind("发明专利拥有量")]
    assert pair_with_overrides(old, new, [10, 11], "indicators") == {0: 0, 1: 1}


def test_a_different_unit_or_text_is_no_rename():
    old = [_ind("知识产权质押融资金额", "亿元"), _ind("商标注册量")]
    new = [_ind("知识产权质押融资额", "万元"), _ind("技术合同成交额", "件", ((2024, 3),))]
    assert pair_with_overrides(old, new, [10, 11], "indicators") == {}


def test_reworded_and_renumbered_task_of_the_same_section_is_proposed():
    old = [{"ref": "三/（一）/1", "title": "建立健全创造激励机制", "departments": ["市科技局"]}]
    new = [{"ref": "三/（一）/2", "title": "健全知识产权创造激励机制", "departments": ["市科技局"]}]
    assert pair_with_overrides(old, new, [5], "tasks") == {0: 0}


def test_a_task_dropped_from_the_middle_does_not_hand_its_number_to_the_next():
    # Field test: the revised plan dropped 三/5 强化知识产权行政保护 and renumbered 三/6 专利导航 as
    # 三/5; the same ref paired the old 三/5 with it, so the 行政保护 reports would have moved to
    # the navigation task and the navigation task's been deleted.
    old = [{"ref": "三/1", "title": "实施高价值专利培育工程", "departments": ["县市场监管局", "县科技局"]},
           {"ref": "三/5", "title": "强化知识产权行政保护", "departments": ["县市场监管局", "县公安局"]},
           {"ref": "三/6", "title": "实施专利导航工程", "departments": ["县经信局", "县发改局"]}]
    new = [{"ref": "三/1", "title": "实施高价值专利培育提升工程", "departments": ["县市场监管局", "县科技局"]},
           {"ref": "三/5", "title": "实施新能源汽车产业专利导航工程", "departments": ["县经信局", "县发改局"]}]
    assert pair_with_overrides(old, new, [1, 5, 6], "tasks") == {0: 0, 1: 2}


def test_a_reworded_task_keeping_its_number_is_still_a_rename():
    old = [{"ref": "三/2", "title": "推进专利转化运用", "departments": ["县科技局"]},
           {"ref": "三/3", "title": "深化知识产权金融服务", "departments": ["县金融服务中心"]}]
    new = [{"ref": "三/2", "title": "推进专利转化运用和产业化", "departments": ["县科技局", "县教育局"]},
           {"ref": "三/3", "title": "深化知识产权金融服务", "departments": ["县金融服务中心"]}]
    assert pair_with_overrides(old, new, [2, 3], "tasks") == {0: 0, 1: 1}


def test_office_choices_decide_over_proposals():
    old = [_ind("知识产权质押融资金额", "亿元"), _ind("商标注册量")]
    new = [_ind("知识产权质押融资额", "亿元"), _ind("有效注册商标")]
    # New 0 is not old 0 (refused); new 1 continues old 11 though the texts differ.
    assert pair_with_overrides(old, new, [10, 11], "indicators", {0: None, 1: 11}) == {1: 1}
    # Choices that no longer fit (an index gone, an id not in the programme) are ignored.
    assert pair_with_overrides(old, new, [10, 11], "indicators", {7: 10, 1: 999}) == {0: 0}


# --- the service ------------------------------------------------------------------------------

@pytest.mark.django_db
def test_renaming_an_indicator_keeps_its_four_years_of_values(load_gold, office_user):
    program = program_create_from_plan(plan=load_gold(TONGLING), user=office_user)
    indicator = _with_four_years(program)

    program_apply_revision(program=program, plan=_renamed(load_gold), user=office_user)

    renamed = Indicator.objects.get(pk=indicator.pk)
    assert renamed.name == NEW_NAME
    assert renamed.owner_department_id == indicator.owner_department_id
    assert sorted(IndicatorActual.objects.filter(indicator=renamed).values_list("year", flat=True)) == [
        2022, 2023, 2024, 2025]
    event = AuditEvent.objects.filter(action="indicator.update", object_id=str(indicator.pk)).get()
    assert event.before["name"] == OLD_NAME and event.after["name"] == NEW_NAME


@pytest.mark.django_db
def test_deleting_an_item_with_data_needs_the_digest_of_what_is_lost(load_gold, office_user):
    program = program_create_from_plan(plan=load_gold(TONGLING), user=office_user)
    indicator = _with_four_years(program)
    plan = _renamed(load_gold, "规模以上工业企业研发机构覆盖率")  # no rename: a different measure
    audit_before = AuditEvent.objects.count()

    with pytest.raises(DataLossUnconfirmed) as refused:
        program_apply_revision(program=program, plan=plan, user=office_user)
    assert [(loss.name, loss.what) for loss in refused.value.losses] == [
        (OLD_NAME, ["4 条指标实际值", "数据责任部门：市市场监管局数据科"])]
    assert Indicator.objects.filter(pk=indicator.pk).exists()
    assert AuditEvent.objects.count() == audit_before
    with pytest.raises(DataLossUnconfirmed):
        program_apply_revision(program=program, plan=plan, user=office_user, accept_loss="0" * 16)

    program_apply_revision(program=program, plan=plan, user=office_user, accept_loss=refused.value.digest)
    assert not Indicator.objects.filter(pk=indicator.pk).exists()
    assert IndicatorActual.objects.count() == 0


@pytest.mark.django_db
def test_items_without_data_go_without_asking(load_gold, office_user):
    program = program_create_from_plan(plan=load_gold(TONGLING), user=office_user)
    plan = _renamed(load_gold, "规模以上工业企业研发机构覆盖率")
    program_apply_revision(program=program, plan=plan, user=office_user)
    assert not program.indicators.filter(name=OLD_NAME).exists()
    assert loss_digest([]) == loss_digest([])


@pytest.mark.django_db
def test_pairing_by_hand_keeps_the_values_of_a_reworded_indicator(load_gold, office_user):
    program = program_create_from_plan(plan=load_gold(TONGLING), user=office_user)
    indicator = _with_four_years(program)
    plan = _renamed(load_gold, "发明专利密度")
    program_apply_revision(program=program, plan=plan, user=office_user,
                           pairing={"indicators": {"0": indicator.pk}})
    assert Indicator.objects.get(pk=indicator.pk).name == "发明专利密度"
    assert IndicatorActual.objects.filter(indicator_id=indicator.pk).count() == 4


# --- the review screen ------------------------------------------------------------------------

@pytest.fixture
def revision(client, office_user, load_gold):
    """A Tongling programme with four years on its first indicator, and a pending revision."""
    program = program_create_from_plan(plan=load_gold(TONGLING), user=office_user)
    indicator = _with_four_years(program)
    client.force_login(office_user)
    body = json.dumps(_renamed(load_gold, "发明专利密度"), ensure_ascii=False).encode()
    response = client.post(reverse("programs:importing:upload"),
                           {"document": SimpleUploadedFile("rev.json", body, "application/json"),
                            "target_program": program.pk})
    assert response.status_code == 302, response.content.decode()[:500]
    return program, indicator, PlanImport.objects.get(target_program=program)


def _url(name, imp):
    return reverse(f"programs:importing:{name}", args=[imp.pk])


@pytest.mark.django_db
def test_confirm_lists_exactly_what_would_be_lost_and_changes_nothing(client, revision):
    program, indicator, imp = revision
    response = client.post(_url("confirm", imp))
    page = response.content.decode()
    assert response.status_code == 200
    assert "4 条指标实际值" in page and OLD_NAME in page and "确认删除并应用修订" in page
    assert Indicator.objects.filter(pk=indicator.pk).exists()
    assert PlanImport.objects.get(pk=imp.pk).status == PlanImport.Status.PENDING

    digest = page.split('name="accept_loss" value="')[1].split('"')[0]
    response = client.post(_url("confirm", imp), {"accept_loss": digest})
    assert response.status_code == 302
    assert not Indicator.objects.filter(pk=indicator.pk).exists()


@pytest.mark.django_db
def test_office_pairs_by_hand_on_the_review_screen_and_keeps_the_history(client, revision):
    program, indicator, imp = revision
    page = client.get(_url("review", imp)).content.decode()
    assert "已有4 条指标实际值" in page and 'id="unpaired"' in page

    response = client.post(_url("pair", imp), {"kind": "indicators", "new": "0", "old": str(indicator.pk)})
    assert response.status_code == 302
    page = client.get(_url("review", imp)).content.decode()
    assert 'id="renames"' in page and "手动配对" in page and "已有4 条" not in page

    assert client.post(_url("confirm", imp)).status_code == 302  # nothing lost: no confirmation page
    assert Indicator.objects.get(pk=indicator.pk).name == "发明专利密度"
    assert IndicatorActual.objects.filter(indicator_id=indicator.pk).count() == 4


@pytest.mark.django_db
def test_unpairing_a_proposed_rename_and_bad_pairs(client, office_user, load_gold):
    program = program_create_from_plan(plan=load_gold(TONGLING), user=office_user)
    client.force_login(office_user)
    body = json.dumps(_renamed(load_gold), ensure_ascii=False).encode()
    client.post(reverse("programs:importing:upload"),
                {"document": SimpleUploadedFile("rev.json", body, "application/json"), "target_program": program.pk})
    imp = PlanImport.objects.get()
    assert "系统建议" in client.get(_url("review", imp)).content.decode()

    client.post(_url("pair", imp), {"kind": "indicators", "new": "0", "old": "none"})
    page = client.get(_url("review", imp)).content.decode()
    assert "系统建议" not in page and "已标为新增条目" in page

    other = Program.objects.create(title="别的项目", region=program.region, region_name="铜陵市", start_year=2022,
                                   end_year=2025)
    foreign = Indicator.objects.create(program=other, name="外部指标")
    before = PlanImport.objects.get(pk=imp.pk).edited
    response = client.post(_url("pair", imp), {"kind": "indicators", "new": "0", "old": str(foreign.pk)}, follow=True)
    assert "所选的原有条目不属于该项目" in response.content.decode()
    client.post(_url("pair", imp), {"kind": "indicators", "new": "999", "old": ""})
    assert PlanImport.objects.get(pk=imp.pk).edited == before


@pytest.mark.django_db
def test_deleting_a_draft_item_keeps_pairing_choices_on_their_items(client, revision):
    program, indicator, imp = revision
    client.post(_url("pair", imp), {"kind": "indicators", "new": "2", "old": str(indicator.pk)})
    client.post(reverse("programs:importing:item_delete", args=[imp.pk, "indicators", 0]))
    assert PlanImport.objects.get(pk=imp.pk).edited["_review"]["pairing"]["indicators"] == {"1": indicator.pk}


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.REPORTER, Role.LEADER])
def test_readers_may_not_pair(client, revision, role):
    program, indicator, imp = revision
    client.force_login(make_user(f"u-{role}", role))
    response = client.post(_url("pair", imp), {"kind": "indicators", "new": "0", "old": str(indicator.pk)})
    assert response.status_code == 403
    assert "pairing" not in PlanImport.objects.get(pk=imp.pk).edited.get("_review", {})


@pytest.mark.django_db
def test_a_task_with_report_lines_is_not_deleted_without_confirmation(load_gold, office_user):
    import datetime

    from ipcity.supervision.models import DepartmentReport, Round, TaskLine

    program = program_create_from_plan(plan=load_gold(TONGLING), user=office_user)
    task = program.tasks.order_by("order").first()
    day = datetime.date(2024, 12, 15)
    round_ = Round.objects.create(program=program, key="office:t", title="2024年度", period_year=2024, opens_on=day,
                                  nominal_due=day, due_date=day)
    report = DepartmentReport.objects.create(round=round_, department=task.assignments.first().department)
    TaskLine.objects.create(report=report, task=task, is_lead=True, done="已完成专利导航项目 2 项")
    plan = load_gold(TONGLING)
    plan["tasks"][0].update(ref="九/（一）/1", title="完全不同的一项工作", departments=["市教育局"], lead=["市教育局"])

    with pytest.raises(DataLossUnconfirmed) as refused:
        program_apply_revision(program=program, plan=plan, user=office_user)
    assert [loss.kind for loss in refused.value.losses] == ["任务"]
    assert refused.value.losses[0].name == f"{task.ref} {task.title}" and len(refused.value.losses[0].what) == 1
    assert TaskLine.objects.filter(task=task).exists()

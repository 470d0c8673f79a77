"""机构改革: the office renames, merges and retires its region's departments.

The services (``programs.reform.services.department_rename/merge/retire``): every kind of live reference
moves on a merge (task assignments lead and partner, data-owned indicators, reporters' accounts,
outstanding reports in open rounds, pending value imports, open protection cases), reports handed
in stay with the unit they were written under, a repeat changes nothing, and what must not be done
is refused. The pages: who may open them, the counts shown before the change, the 409 of a stale
form. The world is ``tests/web/platform/conftest.py``'s (authored, invented units).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ipcity.audit.models import AuditEvent
from ipcity.core.departments import department_resolve
from ipcity.core.edit_stamps import StaleEdit, edit_stamp
from ipcity.core.models import Department, Profile, Role
from ipcity.monitoring.models import ActualImport
from ipcity.programs.models import Indicator, Program, TaskAssignment
from ipcity.programs.reform import selectors, services
from ipcity.protection import services as protection_services
from ipcity.protection.models import Case
from ipcity.supervision.models import DepartmentReport, ReportStatus, TaskLine
from ipcity.supervision.services import rounds
from tests.web.platform import factories as f

pytestmark = pytest.mark.django_db


def _stamp(page: str) -> str:
    return re.search(r'name="stamp" value="([0-9a-f]+)"', page).group(1)


def _open_case(world, department) -> Case:
    case = protection_services.case_register(
        user=world.office, case_type="mediation", channel="hotline_12330", ip_kind="patent",
        region_code=world.tl.code, subject="专利侵权纠纷", summary="", received_on=dt.date(2025, 3, 3),
        parties=[protection_services.PartyInput(role="claimant", kind="individual", name="张三", phone="13812341234")])
    protection_services.case_review(user=world.office, case_id=case.pk, accept=True, on=dt.date(2025, 3, 4))
    protection_services.case_assign(user=world.office, case_id=case.pk, department_id=department.pk)
    return Case.objects.get(pk=case.pk)


def _round(world):
    return rounds.round_create(program=world.tl_prog, user=world.office, title="2024年度工作推进情况",
                               due=dt.date(2024, 12, 16), opens_on=dt.date(2024, 11, 1))


# -- rename ------------------------------------------------------------------------------------


def test_rename_keeps_the_old_name_as_an_alias_that_resolves_to_the_unit(world):
    services.department_rename(actor=world.office, department_id=world.sci.pk, name=" 市科学技术局 ")
    world.sci.refresh_from_db()
    assert world.sci.name == "市科学技术局"
    assert list(world.sci.aliases.values_list("alias", flat=True)) == ["市科技局"]
    # A revised plan still writing the old name lands on the same unit.
    assert department_resolve(world.tl, "市科技局") == world.sci
    event = AuditEvent.objects.get(action="department.rename")
    assert event.object_id == str(world.sci.pk) and event.before == {"name": "市科技局"}
    # The same name again changes nothing.
    services.department_rename(actor=world.office, department_id=world.sci.pk, name="市科学技术局")
    assert AuditEvent.objects.filter(action="department.rename").count() == 1


def test_rename_back_to_an_alias_drops_that_alias(world):
    services.department_rename(actor=world.office, department_id=world.sci.pk, name="市科学技术局")
    services.department_rename(actor=world.office, department_id=world.sci.pk, name="市科技局")
    world.sci.refresh_from_db()
    assert world.sci.name == "市科技局"
    assert list(world.sci.aliases.values_list("alias", flat=True)) == ["市科学技术局"]


def test_rename_to_another_units_name_or_alias_is_refused_and_points_to_merge(world):
    with pytest.raises(ValidationError, match="合并"):
        services.department_rename(actor=world.office, department_id=world.sci.pk, name="市财政局")
    world.fin.aliases.create(alias="市财政厅")
    with pytest.raises(ValidationError, match="市财政局"):
        services.department_rename(actor=world.office, department_id=world.sci.pk, name="市财政厅")
    world.sci.refresh_from_db()
    assert world.sci.name == "市科技局"


# -- merge -------------------------------------------------------------------------------------


def test_merge_moves_every_kind_of_live_reference(world):
    # The factory's task i is led by [msa, sci, fin][i % 3] with the next as partner: task 0 is led by
    # the source with the target as partner, task 2 has the source as partner of fin.
    source, target = world.msa, world.sci
    rnd = _round(world)
    case = _open_case(world, source)
    pending = ActualImport.objects.create(department=source, original_name="values.xlsx", created_by=world.office)
    done = ActualImport.objects.create(department=source, original_name="old.xlsx", status=ActualImport.Status.CONFIRMED)
    source_reporter = f.user("reporter_msa2", Role.REPORTER, department=source)
    before = {w.key: w.count for w in selectors.department_live_work(source)}
    assert all(before[k] for k in ("programs.lead_tasks", "programs.partner_tasks", "programs.indicators",
                                   "accounts.reporters", "supervision.reports", "protection.cases", "monitoring.imports"))
    shared_tasks = set(TaskAssignment.objects.filter(department=source).values_list("task_id", flat=True)) & set(
        TaskAssignment.objects.filter(department=target).values_list("task_id", flat=True))
    led_by_source = set(TaskAssignment.objects.filter(department=source, is_lead=True).values_list("task_id", flat=True))
    assert shared_tasks & led_by_source  # a task the source led and the target supported: the lead wins

    result = services.department_merge(actor=world.office, source_id=source.pk, target_id=target.pk)

    assert result.moved["programs.lead_tasks"] == before["programs.lead_tasks"]
    assert result.moved["supervision.reports"] == 1 and result.moved["protection.cases"] == 1
    assert not TaskAssignment.objects.filter(department=source).exists()
    for task_id in shared_tasks:  # one row per task, the lead's part kept
        assert TaskAssignment.objects.filter(task_id=task_id, department=target).count() == 1
    assert all(TaskAssignment.objects.get(task_id=t, department=target).is_lead for t in led_by_source)
    partner_of_fin = TaskAssignment.objects.filter(department=target, is_lead=False, task__assignments__department=world.fin)
    assert partner_of_fin.exists()
    assert not Indicator.objects.filter(owner_department=source).exists()
    assert Profile.objects.get(user=source_reporter).department == target
    assert Profile.objects.get(user=world.reporter).department == target
    case.refresh_from_db()
    assert case.handling_department == target
    pending.refresh_from_db()
    done.refresh_from_db()
    assert pending.department == target and done.department == source  # history stays
    # The open round: the source's outstanding report became part of the target's.
    assert not DepartmentReport.objects.filter(round=rnd, department=source).exists()
    target_report = DepartmentReport.objects.get(round=rnd, department=target)
    target_tasks = set(TaskAssignment.objects.filter(department=target).values_list("task_id", flat=True))
    assert set(TaskLine.objects.filter(report=target_report).values_list("task_id", flat=True)) == target_tasks
    assert all(TaskLine.objects.get(report=target_report, task_id=t).is_lead for t in led_by_source)
    # Names: the source's name and aliases are the target's aliases; the source is retired, not deleted.
    source.refresh_from_db()
    assert not source.is_active and source.merged_into == target and source.retired_at is not None
    assert "市市场监管局" in set(target.aliases.values_list("alias", flat=True))
    assert department_resolve(world.tl, "市市场监管局") == target
    assert department_resolve(world.tl, "市市场监督管理局") == target  # the abbreviation rules follow too
    assert {w.key: w.count for w in selectors.department_live_work(source)} == dict.fromkeys(before, 0)
    assert AuditEvent.objects.filter(action="department.merge", object_id=str(source.pk)).count() == 1
    assert AuditEvent.objects.filter(action="department.merge_in", object_id=str(target.pk)).count() == 1
    assert AuditEvent.objects.filter(action="protection.case.department_merge", object_id=str(case.pk)).exists()


def test_merge_moves_the_report_whole_when_the_target_has_none_in_the_round(world):
    rnd = _round(world)
    report = DepartmentReport.objects.get(round=rnd, department=world.sci)
    DepartmentReport.objects.filter(round=rnd, department=world.edu).delete()  # edu has no work: no report
    report.summary = "已完成专利导航项目两项"
    report.save()
    services.department_merge(actor=world.office, source_id=world.sci.pk, target_id=world.edu.pk)
    report.refresh_from_db()
    assert report.department == world.edu and report.summary == "已完成专利导航项目两项"


def test_a_report_handed_in_stays_under_the_name_it_was_written_under(world):
    rnd = _round(world)
    report = DepartmentReport.objects.get(round=rnd, department=world.sci)
    DepartmentReport.objects.filter(pk=report.pk).update(status=ReportStatus.SUBMITTED, summary="以原名称报送")
    services.department_merge(actor=world.office, source_id=world.sci.pk, target_id=world.msa.pk)
    report.refresh_from_db()
    assert report.department_id == world.sci.pk and report.department.name == "市科技局"


def test_archived_programmes_keep_their_history(world):
    Program.objects.filter(pk=world.tl_prog.pk).update(status=Program.Status.ARCHIVED)
    services.department_merge(actor=world.office, source_id=world.sci.pk, target_id=world.msa.pk)
    assert TaskAssignment.objects.filter(department=world.sci).exists()
    assert Indicator.objects.filter(owner_department=world.sci).exists()


def test_merge_again_changes_nothing(world):
    services.department_merge(actor=world.office, source_id=world.sci.pk, target_id=world.msa.pk)
    events = AuditEvent.objects.count()
    again = services.department_merge(actor=world.office, source_id=world.sci.pk, target_id=world.msa.pk, seen="stale")
    assert again.already_done and again.moved == {}
    assert AuditEvent.objects.count() == events


@pytest.mark.parametrize("case", ["itself", "other region", "retired target", "merged target", "merged source"])
def test_merge_refusals(world, case):
    source, target = world.sci, world.msa
    if case == "itself":
        target = source
    elif case == "other region":
        target = world.bb_msa
    elif case == "retired target":
        Profile.objects.filter(department=world.edu).update(department=None)
        services.department_retire(actor=world.office, department_id=world.edu.pk)
        target = world.edu
    elif case == "merged target":
        services.department_merge(actor=world.office, source_id=world.fin.pk, target_id=world.msa.pk)
        target = world.fin
    else:
        services.department_merge(actor=world.office, source_id=world.sci.pk, target_id=world.fin.pk)
    assignments = TaskAssignment.objects.filter(department=source).count()
    with pytest.raises(ValidationError) as refused:
        services.department_merge(actor=world.office, source_id=source.pk, target_id=target.pk)
    message = " ".join(refused.value.messages)
    assert {"itself": "它自己", "other region": "同一地区", "retired target": "已撤销",
            "merged target": "请合并到“市市场监管局”", "merged source": "已并入"}[case] in message
    assert TaskAssignment.objects.filter(department=source).count() == assignments


def test_a_stale_merge_writes_nothing(world):
    seen = edit_stamp(selectors.department_merge_state(world.sci, world.msa))
    services.department_rename(actor=world.office, department_id=world.msa.pk, name="市市场监督管理局")
    with pytest.raises(StaleEdit):
        services.department_merge(actor=world.office, source_id=world.sci.pk, target_id=world.msa.pk, seen=seen)
    assert Department.objects.get(pk=world.sci.pk).is_active


def test_a_merged_unit_is_left_out_of_plan_matching(world):
    services.department_merge(actor=world.office, source_id=world.sci.pk, target_id=world.msa.pk)
    # The next import writing the old name, or a near spelling of it, gets the successor.
    assert department_resolve(world.tl, "市科技局") == world.msa
    assert department_resolve(world.tl, "市科学技术局") == world.msa


# -- retire ------------------------------------------------------------------------------------


def test_retire_refuses_a_unit_with_work_and_names_it(world):
    with pytest.raises(services.DepartmentBusy) as refused:
        services.department_retire(actor=world.office, department_id=world.sci.pk)
    message = refused.value.messages[0]
    assert "牵头任务" in message and "数据责任指标" in message and "合并" in message
    assert Department.objects.get(pk=world.sci.pk).is_active
    # 市教育局 has no task or indicator, only its reporter's account.
    with pytest.raises(services.DepartmentBusy, match="不能撤销：填报员账号（1）。"):
        services.department_retire(actor=world.office, department_id=world.edu.pk)


def test_retire_a_unit_with_no_live_work(world):
    Profile.objects.filter(department=world.edu).update(department=None)
    pending = ActualImport.objects.create(department=world.edu, original_name="values.xlsx")  # does not block
    services.department_retire(actor=world.office, department_id=world.edu.pk)
    world.edu.refresh_from_db()
    assert not world.edu.is_active and world.edu.retired_at is not None and world.edu.merged_into is None
    assert ActualImport.objects.get(pk=pending.pk).department == world.edu
    services.department_retire(actor=world.office, department_id=world.edu.pk)  # again: nothing
    assert AuditEvent.objects.filter(action="department.retire").count() == 1


# -- pages -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["programs:department_rename", "programs:department_merge", "programs:department_retire"])
def test_who_may_open_the_pages(client, world, name):
    url = reverse(name, args=[world.sci.pk])
    expected = {"office": 200, "admin": 200, "office_all": 200, "leader": 403, "reporter": 404}
    for who, status in expected.items():
        client.force_login(getattr(world, who))
        assert client.get(url).status_code == status, who
        assert client.post(url).status_code in ({200: 400}.get(status, status),), who
    client.logout()
    assert client.get(url).status_code == 302
    # Another region's office does not see the unit at all.
    client.force_login(f.user("office_bb", Role.OFFICE, region=world.bb))
    assert client.get(url).status_code == 404
    # A reporter of the unit itself sees it but may not change it.
    client.force_login(f.user("reporter_sci", Role.REPORTER, department=world.sci))
    assert client.get(url).status_code == 403
    assert Department.objects.get(pk=world.sci.pk).is_active and Department.objects.get(pk=world.sci.pk).name == "市科技局"


def test_merge_pages_show_the_counts_then_merge(client, world):
    client.force_login(world.office)
    url = reverse("programs:department_merge", args=[world.sci.pk])
    choice = client.get(url).content.decode()
    assert 'lang="zh">市市场监管局</option>' in choice and "蚌埠市市场监管局" not in choice
    preview = client.get(url, {"target": world.msa.pk})
    page = preview.content.decode()
    leads = TaskAssignment.objects.filter(department=world.sci, is_lead=True).count()
    assert re.search(rf"牵头任务</th><td class=\"num\">{leads}</td>", page)
    assert TaskAssignment.objects.filter(department=world.sci).exists()  # a preview changes nothing
    done = client.post(url, {"target": world.msa.pk, "stamp": _stamp(page)})
    assert done.status_code == 302 and done["Location"] == reverse("programs:department", args=[world.msa.pk])
    old = client.get(reverse("programs:department", args=[world.sci.pk])).content.decode()
    assert "并入" in old and reverse("programs:department", args=[world.msa.pk]) in old
    new = client.get(reverse("programs:department", args=[world.msa.pk])).content.decode()
    assert "由以下部门并入" in new


def test_a_refused_merge_choice_is_what_the_select_points_at(client, world):
    """The select Django marks aria-invalid names id_target_error: the message carries that id."""
    client.force_login(world.office)
    page = client.get(reverse("programs:department_merge", args=[world.sci.pk]), {"target": 999999}).content.decode()
    select = re.search(r'<select name="target"[^>]*>', page).group(0)
    assert 'aria-invalid="true"' in select and 'aria-describedby="id_target_error"' in select
    assert '<div class="error" role="alert" id="id_target_error">' in page


def test_a_stale_merge_page_is_refused_with_409(client, world):
    client.force_login(world.office)
    url = reverse("programs:department_merge", args=[world.sci.pk])
    stamp = _stamp(client.get(url, {"target": world.msa.pk}).content.decode())
    f.user("reporter_sci", Role.REPORTER, department=world.sci)  # the work changed since
    stale = client.post(url, {"target": world.msa.pk, "stamp": stamp})
    assert stale.status_code == 409 and "已被修改" in stale.content.decode()
    assert Department.objects.get(pk=world.sci.pk).is_active
    again = client.post(url, {"target": world.msa.pk, "stamp": _stamp(stale.content.decode())})
    assert again.status_code == 302


def test_rename_page(client, world):
    client.force_login(world.office)
    url = reverse("programs:department_rename", args=[world.sci.pk])
    stamp = _stamp(client.get(url).content.decode())
    assert client.post(url, {"name": "", "stamp": stamp}).status_code == 400
    clash = client.post(url, {"name": "市财政局", "stamp": stamp})
    assert clash.status_code == 400 and "合并" in clash.content.decode()
    # The refusal is about the name typed: the field is marked and points at it (UX pass 2026-12-07).
    field = re.search(r'<input type="text" name="name"[^>]*>', clash.content.decode(), re.S).group(0)
    assert 'aria-invalid="true"' in field and 'aria-describedby="rename-help rename-refusal"' in field
    assert '<div class="error" role="alert" id="rename-refusal">' in clash.content.decode()
    assert client.post(url, {"name": "市科学技术局", "stamp": stamp}).status_code == 302
    assert client.post(url, {"name": "市科学技术局二", "stamp": stamp}).status_code == 409
    assert Department.objects.get(pk=world.sci.pk).name == "市科学技术局"


def test_retire_page_names_the_work_and_offers_merge(client, world):
    client.force_login(world.office)
    page = client.get(reverse("programs:department_retire", args=[world.sci.pk])).content.decode()
    assert 'role="alert"' in page and "牵头任务" in page
    assert reverse("programs:department_merge", args=[world.sci.pk]) in page and 'name="stamp"' not in page
    Profile.objects.filter(department=world.edu).update(department=None)
    url = reverse("programs:department_retire", args=[world.edu.pk])
    stamp = _stamp(client.get(url).content.decode())
    assert client.post(url, {"stamp": stamp}).status_code == 302
    assert not Department.objects.get(pk=world.edu.pk).is_active

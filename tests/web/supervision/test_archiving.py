"""The end of a programme: 已期满 (derived), 终期评估 (page, .xlsx), 归档 / 取消归档 (services, audit,
pages), and the read-only rule every write service keeps for an archived programme."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from ipcity.audit.models import AuditEvent
from ipcity.core.edit_stamps import StaleEdit, edit_stamp
from ipcity.monitoring import services as monitoring
from ipcity.monitoring.models import StandardIndicator
from ipcity.navigation import services as navigation
from ipcity.navigation.models import DefinitionVersion, NavigationProject
from ipcity.navigation.tree import definition_of
from ipcity.programs import lifecycle
from ipcity.programs.editing import services as editing
from ipcity.programs.importing.services import plan_import_create
from ipcity.programs.lifecycle import ProgramArchived
from ipcity.programs.models import IndicatorTarget, Program
from ipcity.programs.plan_export import program_to_plan
from ipcity.programs.services import program_apply_revision
from ipcity.supervision.models import Round
from ipcity.supervision.selectors.final_evaluation import final_evaluation
from ipcity.supervision.services import (
    archiving,
    attachments,
    office_review,
    reminders,
    report_filling,
    rounds,
    supervision_settings,
    urging,
)

from .factories import add_users, fill_report, make_program, submit_done_and_behind


def _ended_world():
    """A 2022–2025 plan (ended whatever year the suite runs after 2025) with a final target and values."""
    today = timezone.localdate()
    world = add_users(make_program(start_year=2022, end_year=min(2025, today.year - 1)))
    indicator = world.indicators[0]
    IndicatorTarget.objects.create(indicator=indicator, year=world.program.end_year, value=14, comparator=">=")
    monitoring.actual_value_record(indicator=indicator, year=world.program.end_year - 1, value=12.5, user=None,
                                   source="市统计局")
    return world


@pytest.fixture
def ended(db):
    return _ended_world()


@pytest.fixture
def open_round(ended):
    return rounds.round_create(program=ended.program, user=ended.users["office"], title="最后一轮",
                               due=dt.date(ended.program.end_year + 1, 3, 31), period_year=ended.program.end_year)


# ---------------------------------------------------------------- state

def test_period_ended_is_derived_from_today_not_stored(ended):
    program = ended.program
    end = program.end_year
    assert lifecycle.program_state(program, dt.date(end, 12, 31)) == "active"
    assert lifecycle.program_state(program, dt.date(end + 1, 1, 1)) == "ended"
    assert Program.objects.get(pk=program.pk).status == Program.Status.ACTIVE


def test_final_evaluation_takes_the_latest_value_before_the_final_year_and_the_last_round(ended, open_round):
    submit_done_and_behind(ended, open_round)
    report = final_evaluation(ended.program)
    row = report.indicators[0]
    assert row.evaluation.result == "not_achieved" and row.evaluation.value == 12.5
    assert row.evaluation.value_year == ended.program.end_year - 1 and row.evaluation.from_earlier_year
    assert row.actual.source == "市统计局"
    assert report.reporting_round == open_round and report.task_total == 3
    assert report.tasks_done >= 1 and [r.pk for r in report.open_rounds] == [open_round.pk]


# ---------------------------------------------------------------- services

def test_archive_refuses_open_rounds_unless_confirmed_then_closes_them_in_one_go(ended, open_round):
    office = ended.users["office"]
    with pytest.raises(archiving.OpenRoundsUnconfirmed) as err:
        archiving.program_archive(program=ended.program, user=office)
    assert "最后一轮" in err.value.messages[0]
    ended.program.refresh_from_db()
    assert ended.program.status == Program.Status.ACTIVE
    assert Round.objects.get(pk=open_round.pk).status == Round.Status.OPEN

    archiving.program_archive(program=ended.program, user=office, close_open_rounds=True)
    ended.program.refresh_from_db()
    assert ended.program.status == Program.Status.ARCHIVED
    assert Round.objects.get(pk=open_round.pk).status == Round.Status.CLOSED
    events = AuditEvent.objects.filter(program_id=ended.program.pk)
    archived = events.get(action="program.archive")
    assert archived.before == {"status": "active"} and archived.after == {"status": "archived"}
    assert archived.actor == office and "1 个报送轮次" in archived.note
    assert events.filter(action="supervision.round.closed", object_id=str(open_round.pk)).exists()


def test_archive_is_atomic_when_the_audit_fails(ended, open_round, monkeypatch):
    from ipcity.supervision.services import archiving as module

    calls = []

    def failing(**kwargs):
        calls.append(kwargs["action"])
        if kwargs["action"] == "program.archive":
            raise RuntimeError("audit down")

    monkeypatch.setattr(module, "audit_record", failing)
    with pytest.raises(RuntimeError):
        archiving.program_archive(program=ended.program, user=ended.users["office"], close_open_rounds=True)
    assert calls == ["supervision.round.closed", "program.archive"]
    assert Program.objects.get(pk=ended.program.pk).status == Program.Status.ACTIVE
    assert Round.objects.get(pk=open_round.pk).status == Round.Status.OPEN


def test_archive_and_unarchive_roles_and_the_stale_stamp(ended):
    program, users = ended.program, ended.users
    with pytest.raises(PermissionDenied):
        archiving.program_archive(program=program, user=users["leader"])
    stamp = edit_stamp(archiving.archive_state(program))
    rounds.round_create(program=program, user=users["office"], title="新一轮",
                        due=dt.date(program.end_year + 1, 3, 31), period_year=program.end_year)
    with pytest.raises(StaleEdit):  # a round was opened after the page was read
        archiving.program_archive(program=program, user=users["office"], close_open_rounds=True, seen=stamp)
    archiving.program_archive(program=program, user=users["office"], close_open_rounds=True)
    with pytest.raises(ValidationError):
        archiving.program_archive(program=program, user=users["office"])
    with pytest.raises(PermissionDenied):
        archiving.program_unarchive(program=program, user=users["office"], reason="要改")
    with pytest.raises(ValidationError):
        archiving.program_unarchive(program=program, user=users["admin"], reason=" ")
    archiving.program_unarchive(program=program, user=users["admin"], reason="补录 2025 年数据")
    program.refresh_from_db()
    assert program.status == Program.Status.ACTIVE
    event = AuditEvent.objects.get(action="program.unarchive")
    assert event.actor == users["admin"] and "补录 2025 年数据" in event.note


# ---------------------------------------------------------------- read-only: every write service refuses

def _report(world):
    return Round.objects.filter(program=world.program).get().reports.get(department=world.departments[0])


def _navigation_project(world) -> NavigationProject:
    """A 专利导航 project of the programme, made before its archiving (ORM: no audit record), with
    one alias, so that each navigation write would otherwise go through."""
    project = NavigationProject.objects.filter(program=world.program).first()
    if project is not None:
        return project
    body = {"name": "动力电池", "root": {"key": "root", "name": "动力电池", "ipc": ["H01M*"],
                                        "children": [{"key": "bat", "name": "电池管理", "ipc": ["H01M10*"]}]}}
    project = NavigationProject.objects.create(program=world.program, task=world.tasks[0], title="开展动力电池产业专利导航",
                                               dataset="patents", region=world.region, aliases={"甲电池公司": "甲电池"})
    DefinitionVersion.objects.create(project=project, number=1, content_hash=definition_of(body).version,
                                     body=definition_of(body).to_dict(include_version=False))
    return project


WRITES = {
    "actual_value_record": lambda w: monitoring.actual_value_record(
        indicator=w.indicators[0], year=w.program.end_year, value=14, user=w.users["office"]),
    "actual_import_dry_run": lambda w: monitoring.actual_import_dry_run(
        user=w.users["office"], data=b"", filename="t.xlsx", program=w.program),
    "thresholds_set": lambda w: monitoring.thresholds_set(program=w.program, user=w.users["office"], near=0.8,
                                                          on_track=0.95, acceleration=0.6),
    "reference_value_record": lambda w: monitoring.reference_value_record(
        indicator=w.indicators[0], year=w.program.end_year, value=3, user=w.users["office"]),
    "monitoring.indicator_owner_set": lambda w: monitoring.indicator_owner_set(
        indicator=w.indicators[0], department=None, user=w.users["office"]),
    "indicator_link_confirm": lambda w: monitoring.indicator_link_confirm(
        indicator=w.indicators[0], standard=StandardIndicator.objects.first(), user=w.users["office"]),
    "indicator_update": lambda w: editing.indicator_update(
        indicator=w.indicators[0], user=w.users["office"], unit="件", baseline_year=None, baseline_value=None,
        targets=[{"year": w.program.end_year, "value": 10, "comparator": ">="}]),
    "editing.indicator_owner_set": lambda w: editing.indicator_owner_set(
        indicator=w.indicators[0], department=w.departments[1], user=w.users["office"]),
    "task_departments_set": lambda w: editing.task_departments_set(
        task=w.tasks[0], user=w.users["office"], leads=[w.departments[2]], partners=[]),
    "program_schedule_set": lambda w: editing.program_schedule_set(
        program=w.program, user=w.users["office"], phases=[], reporting=[]),
    "program_apply_revision": lambda w: program_apply_revision(
        program=w.program, plan=program_to_plan(w.program), user=w.users["office"]),
    "plan_import_create (revision)": lambda w: plan_import_create(
        user=w.users["office"], uploaded=SimpleUploadedFile("修订.txt", "方案".encode()), target_program=w.program),
    "round_create": lambda w: rounds.round_create(program=w.program, user=w.users["office"], title="再来一轮",
                                                  due=dt.date(w.program.end_year + 1, 3, 31),
                                                  period_year=w.program.end_year),
    "rounds_generate (office)": lambda w: rounds.rounds_generate(program=w.program, today=timezone.localdate(),
                                                                 user=w.users["office"]),
    "round_set_status (reopen)": lambda w: rounds.round_set_status(
        reporting_round=Round.objects.get(program=w.program), user=w.users["office"], status=Round.Status.OPEN),
    "program_settings_update": lambda w: supervision_settings.program_settings_update(
        program=w.program, user=w.users["office"], head_review=True),
    "report_save": lambda w: report_filling.report_save(
        report=_report(w), user=w.users["reporter"], expected_version=_report(w).version,
        data=report_filling.ReportInput(summary="补报", lines={}, values={})),
    "report_submit": lambda w: report_filling.report_submit(report=_report(w), user=w.users["reporter"]),
    "report_accept": lambda w: office_review.report_accept(report=_report(w), user=w.users["office"]),
    "attachment_add": lambda w: attachments.attachment_add(
        report=_report(w), user=w.users["reporter"], uploaded=SimpleUploadedFile("a.txt", b"evidence")),
    "report_urge": lambda w: urging.report_urge(report=_report(w), user=w.users["office"]),
    "navigation.project_create": lambda w: navigation.project_create(
        program=w.program, task=w.tasks[0], title="开展新材料产业专利导航", dataset="patents", region=w.region,
        user=w.users["office"], ipc="C22C*"),
    "navigation.node_save": lambda w: navigation.node_save(
        project=_navigation_project(w), user=w.users["office"], original_key="", parent_key="root", key="cell",
        name="电芯", ipc="H01M4*", exclude="", keywords="", sei=""),
    "navigation.node_remove": lambda w: navigation.node_remove(
        project=_navigation_project(w), user=w.users["office"], key="bat"),
    "navigation.definition_save": lambda w: navigation.definition_save(
        project=_navigation_project(w), user=w.users["office"], note="改名",
        body={"name": "储能电池", "root": {"key": "root", "name": "储能电池", "ipc": ["H01M*"]}}),
    "navigation.analysis_request": lambda w: navigation.analysis_request(
        project=_navigation_project(w), user=w.users["office"]),
    "navigation.alias_add": lambda w: navigation.alias_add(
        project=_navigation_project(w), user=w.users["office"], spelling="乙电池（中国）公司", name="甲电池"),
    "navigation.alias_remove": lambda w: navigation.alias_remove(
        project=_navigation_project(w), user=w.users["office"], spelling="甲电池公司"),
}


@pytest.mark.parametrize("write", list(WRITES))
def test_every_write_service_refuses_an_archived_programme(ended, open_round, write):
    fill_report(open_round.reports.get(department=ended.departments[0]), status="done", progress=100)
    archiving.program_archive(program=ended.program, user=ended.users["office"], close_open_rounds=True)
    before = AuditEvent.objects.count()
    with pytest.raises(ProgramArchived) as err:
        WRITES[write](ended)
    assert "已归档" in str(err.value) and ended.program.title in str(err.value)
    assert AuditEvent.objects.count() == before  # nothing written
    # navigation's own rows too: no project, version or analysis added, the aliases as they were
    assert NavigationProject.objects.filter(program=ended.program).count() <= 1
    for project in NavigationProject.objects.filter(program=ended.program):
        assert project.versions.count() == 1 and not project.analyses.exists()
        assert project.aliases == {"甲电池公司": "甲电池"}


def test_the_daily_scan_leaves_an_archived_programme_alone(ended, open_round):
    archiving.program_archive(program=ended.program, user=ended.users["office"], close_open_rounds=True)
    assert rounds.rounds_generate(program=ended.program, today=timezone.localdate()) == []
    result = reminders.scan(today=open_round.due_date + dt.timedelta(days=5), program_ids=[ended.program.pk])
    assert result.programs == 0 and result.reminders == 0


# ---------------------------------------------------------------- pages and API

def test_pages_prompt_evaluate_archive_and_then_refuse(client, ended, open_round):
    program, users = ended.program, ended.users
    client.force_login(users["office"])
    home = client.get(reverse("programs:home")).content.decode()
    assert "请完成终期评估并归档" in home and 'data-state="ended"' in home
    overview = client.get(reverse("programs:program", args=[program.pk])).content.decode()
    assert 'id="lifecycle-note"' in overview and "已期满" in overview
    page = client.get(reverse("supervision:final", args=[program.pk]))
    assert page.status_code == 200 and 'data-result="not_achieved"' in page.content.decode()
    export = client.get(reverse("supervision:final_xlsx", args=[program.pk]))
    sheet = load_workbook(io.BytesIO(export.content)).worksheets[0]
    row = [c.value for c in sheet[4]]
    assert row[1] == "每万人口高价值发明专利拥有量" and row[4] == 14 and row[5] == 12.5
    assert row[6] == program.end_year - 1 and row[8] == "未达成"

    stamp = page.context["stamp"]
    refused = client.post(reverse("supervision:archive", args=[program.pk]), {"stamp": stamp})
    assert refused.status_code == 400 and "一并结束进行中的轮次" in refused.content.decode()
    done = client.post(reverse("supervision:archive", args=[program.pk]), {"stamp": stamp, "close_open_rounds": "1"})
    assert done.status_code == 302
    again = client.post(reverse("supervision:archive", args=[program.pk]), {"stamp": stamp, "close_open_rounds": "1"})
    assert again.status_code == 302  # a double click: archived already, said so (test_archiving_hostile.py)

    # Read-only on the pages and in the API, with the reason.
    edit = client.post(reverse("programs:editing:indicator", args=[program.pk, ended.indicators[0].pk]),
                       {"unit": "件", "targets": f"{program.end_year} >= 10"})
    assert edit.status_code == 403 and "已归档" in edit.content.decode()
    api = client.post(f"/api/monitoring/indicators/{ended.indicators[0].pk}/actuals",
                      {"year": program.end_year, "value": 14}, content_type="application/json")
    assert api.status_code == 403 and "已归档" in api.json()["detail"]

    # Out of the default lists, behind the 已归档 filter; no more prompt.
    home = client.get(reverse("programs:home")).content.decode()
    assert program.title not in home.split('id="program-filter"')[1] and "请完成终期评估并归档" not in home
    assert program.title in client.get(reverse("programs:home") + "?status=archived").content.decode()
    assert [p["id"] for p in client.get("/api/programs").json()] == []
    assert [p["state"] for p in client.get("/api/programs?status=archived").json()] == ["archived"]


def test_navigation_pages_offer_no_form_on_an_archived_programme_and_say_why(client, ended):
    project = _navigation_project(ended)
    client.force_login(ended.users["office"])
    pages = {"project-form": reverse("navigation:program", args=[ended.program.pk]),
             "node-form": reverse("navigation:project", args=[project.pk]),
             "alias-form": reverse("navigation:aliases", args=[project.pk])}
    for form, url in pages.items():  # running: the office has its forms
        page = client.get(url).content.decode()
        assert f'id="{form}"' in page and 'id="navigation-archived"' not in page
    archiving.program_archive(program=ended.program, user=ended.users["office"])
    for form, url in pages.items():
        page = client.get(url).content.decode()
        assert f'id="{form}"' not in page and 'id="navigation-archived"' in page, url
    assert reverse("navigation:analyse", args=[project.pk]) not in client.get(pages["node-form"]).content.decode()
    posts = {reverse("navigation:create", args=[ended.program.pk]): {"title": "开展新材料产业专利导航", "ipc": "C22C*"},
             reverse("navigation:node_save", args=[project.pk]): {"parent_key": "root", "key": "cell", "name": "电芯",
                                                                  "ipc": "H01M4*"},
             reverse("navigation:node_remove", args=[project.pk]): {"key": "bat"},
             reverse("navigation:analyse", args=[project.pk]): {},
             reverse("navigation:alias_add", args=[project.pk]): {"spelling": "乙电池公司", "name": "甲电池"},
             reverse("navigation:alias_remove", args=[project.pk]): {"spelling": "甲电池公司"}}
    for url, data in posts.items():
        refused = client.post(url, data)
        assert refused.status_code == 403 and "已归档" in refused.content.decode(), url
    # Reading stays: the decomposition downloads as before.
    assert client.get(reverse("navigation:version", args=[project.pk, 1])).status_code == 200
    assert not AuditEvent.objects.filter(action__startswith="navigation.").exists()
    client.force_login(ended.users["leader"])  # a reader never had the forms: no note for it
    assert 'id="navigation-archived"' not in client.get(pages["node-form"]).content.decode()


def test_readers_and_reporters(client, ended):
    url = reverse("supervision:final", args=[ended.program.pk])
    client.force_login(ended.users["leader"])
    page = client.get(url).content.decode()
    assert 'id="archive-form"' not in page and "归档由知识产权办公室完成" in page
    client.force_login(ended.users["reporter"])
    assert client.get(url).status_code == 403


def test_final_evaluation_page_costs_the_same_queries_for_more_indicators(client, ended, open_round):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ipcity.programs.models import Indicator

    client.force_login(ended.users["office"])
    url = reverse("supervision:final", args=[ended.program.pk])

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    few = count()
    for i in range(10):
        indicator = Indicator.objects.create(program=ended.program, order=i + 1, name=f"指标{i}", unit="件")
        IndicatorTarget.objects.create(indicator=indicator, year=ended.program.end_year, value=i)
        monitoring.actual_value_record(indicator=indicator, year=ended.program.end_year, value=i + 1, user=None)
    assert count() == few, few


def test_a_departments_template_leaves_out_an_archived_programmes_indicators(ended):
    from ipcity.monitoring.selectors import department_indicators

    reporter, department = ended.users["reporter"], ended.departments[0]
    assert [i.pk for i in department_indicators(reporter, department.pk)] == [ended.indicators[0].pk]
    archiving.program_archive(program=ended.program, user=ended.users["office"])
    assert department_indicators(reporter, department.pk) == []


def test_reports_awaiting_review_are_named_before_archiving_and_leave_the_office_list(client, ended, open_round):
    from ipcity.supervision.selectors.worklists import reports_for_user

    submit_done_and_behind(ended, open_round)
    office = ended.users["office"]
    assert final_evaluation(ended.program).awaiting_review == 2
    client.force_login(office)
    page = client.get(reverse("supervision:final", args=[ended.program.pk])).content.decode()
    assert 'id="awaiting-review"' in page and "2 份部门报告已报送" in page
    assert reports_for_user(office).count() == 2
    archiving.program_archive(program=ended.program, user=office, close_open_rounds=True)
    assert reports_for_user(office).count() == 0
    assert reports_for_user(ended.users["reporter"]).count() == 1  # the department keeps its history

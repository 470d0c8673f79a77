"""program_create_from_plan and program_apply_revision: what they create, match, audit and undo."""

from __future__ import annotations

import pytest

from ipcity.audit.models import AuditEvent
from ipcity.core.models import Department, DepartmentAlias, Region
from ipcity.programs import services
from ipcity.programs.models import Indicator, Program, Task, TaskAssignment
from ipcity.programs.plan_export import program_to_plan
from ipcity.programs.services import PlanInvalid, program_apply_revision, program_create_from_plan

TONGLING = "000_3c8ebd50ad477ee4"


def _written_tables() -> dict[str, int]:
    return {
        "programs": Program.objects.count(),
        "indicators": Indicator.objects.count(),
        "tasks": Task.objects.count(),
        "departments": Department.objects.count(),
        "regions": Region.objects.count(),
        "audit": AuditEvent.objects.count(),
    }


@pytest.mark.django_db
def test_create_builds_the_whole_programme(load_gold, office_user):
    plan = load_gold(TONGLING)
    program = program_create_from_plan(plan=plan, user=office_user, source_name="tl.docx", source_text="正文")
    assert (program.region.code, program.region_name, program.start_year, program.end_year) == ("340700", "铜陵市", 2022, 2025)
    assert (program.created_by, program.source_name, program.source_text) == (office_user, "tl.docx", "正文")
    assert program.indicators.count() == 8 and program.tasks.count() == 19
    assert program.reporting_duties.count() == 4
    first = plan["tasks"][0]
    task = program.tasks.get(order=0)
    assignments = list(task.assignments.order_by("order"))
    assert [a.name_as_written for a in assignments] == first["departments"]
    assert [a.name_as_written for a in assignments if a.is_lead] == first["lead"]
    assert AuditEvent.objects.filter(action="program.create", object_id=str(program.pk)).exists()
    assert AuditEvent.objects.filter(action="task.create", program_id=program.pk).count() == 19
    assert AuditEvent.objects.filter(action="department.create").count() == Department.objects.count()


@pytest.mark.django_db
def test_units_spelt_differently_become_one_department(load_gold, office_user, tongling):
    market = Department.objects.create(region=tongling, name="市市场监督管理局")
    program = program_create_from_plan(plan=load_gold(TONGLING), user=office_user)
    written = set(TaskAssignment.objects.filter(task__program=program, department=market)
                  .values_list("name_as_written", flat=True))
    assert written == {"市市场监管局"}
    assert DepartmentAlias.objects.filter(department=market, alias="市市场监管局").exists()
    assert not Department.objects.filter(name="市市场监管局").exists()
    # The two bracket forms of 市政府办公室〈外事办〉 are one unit.
    assert Department.objects.filter(name__startswith="市政府办公室").count() == 1


@pytest.mark.django_db
def test_second_import_reuses_the_departments(load_gold, office_user):
    program_create_from_plan(plan=load_gold(TONGLING), user=office_user)
    before = Department.objects.count()
    program_create_from_plan(plan=load_gold(TONGLING), user=office_user)
    assert Department.objects.count() == before
    assert Program.objects.count() == 2


@pytest.mark.django_db
def test_reviewer_map_decides_over_rules(load_gold, office_user, tongling):
    chosen = Department.objects.create(region=tongling, name="铜陵市科学技术局")
    rule_match = Department.objects.create(region=tongling, name="市市场监督管理局")
    plan = load_gold(TONGLING)
    program = program_create_from_plan(
        plan=plan, user=office_user, region=tongling,
        department_map={"市科技局": chosen.pk, "市市场监管局": None},
    )
    assigned = TaskAssignment.objects.filter(task__program=program)
    assert assigned.filter(name_as_written="市科技局", department=chosen).exists()
    created = Department.objects.get(region=tongling, name="市市场监管局")
    assert assigned.filter(name_as_written="市市场监管局", department=created).exists()
    assert not assigned.filter(department=rule_match).exists()


@pytest.mark.django_db
def test_unknown_department_in_map_is_refused(load_gold, office_user):
    with pytest.raises(PlanInvalid, match="不存在"):
        program_create_from_plan(plan=load_gold(TONGLING), user=office_user, department_map={"市科技局": 99999})
    assert _written_tables()["programs"] == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (lambda p: p.pop("tasks"), "缺少字段 tasks"),
        (lambda p: p.update(format="other/9"), "格式"),
        (lambda p: p["indicators"][0]["targets"].append(dict(p["indicators"][0]["targets"][0])), "同一年份"),
        (lambda p: p["tasks"][0].update(lead=["不在名单里的单位"]), "牵头单位"),
        (lambda p: p["reporting"][0].update(due={"month": 13, "day": 1}), "期限"),
        (lambda p: p["period"].update(start=2030), "起始年份"),
        (lambda p: p["tasks"][0].update(title="长" * 501), "标题过长"),
        (lambda p: p["indicators"][0]["targets"].append({"year": None, "value": 1, "comparator": ">="}), "未写年份"),
        (lambda p: p["tasks"][0]["departments"].append("部" * 129), "责任单位过长"),
    ],
)
def test_invalid_plan_is_refused_and_nothing_written(load_gold, office_user, spoil, message):
    plan = load_gold(TONGLING)
    spoil(plan)
    before = _written_tables()
    with pytest.raises(PlanInvalid, match=message):
        program_create_from_plan(plan=plan, user=office_user)
    assert _written_tables() == before


@pytest.mark.django_db(transaction=True)
def test_failure_midway_leaves_nothing(load_gold, office_user, monkeypatch):
    original = services._sync_task_targets
    calls = {"n": 0}

    def fail_on_the_tenth_task(task, item):
        calls["n"] += 1
        if calls["n"] == 10:
            raise RuntimeError("disk full")
        return original(task, item)

    monkeypatch.setattr(services, "_sync_task_targets", fail_on_the_tenth_task)
    before = _written_tables()
    with pytest.raises(RuntimeError):
        program_create_from_plan(plan=load_gold(TONGLING), user=office_user)
    assert calls["n"] == 10
    assert _written_tables() == before


@pytest.mark.django_db
def test_revision_updates_in_place_and_keeps_ids(load_gold, office_user):
    program = program_create_from_plan(plan=load_gold(TONGLING), user=office_user)
    ids = {i.name: i.pk for i in program.indicators.all()}
    task_ids = {t.title: t.pk for t in program.tasks.all()}
    revised = load_gold(TONGLING)
    removed = revised["indicators"].pop(1)
    revised["indicators"][0]["targets"][-1]["value"] = 99
    revised["tasks"][0]["departments"].append("市新成立局")
    revised["tasks"].insert(3, {"ref": "三/（一）/3b", "title": "新增任务", "departments": ["市科技局"],
                                "lead": ["市科技局"], "targets": []})
    revised["title"] = revised["title"] + "（修订）"

    program_apply_revision(program=program, plan=revised, user=office_user)

    assert program_to_plan(program) == revised
    kept = {i.name: i.pk for i in program.indicators.all()}
    assert removed["name"] not in kept
    assert all(kept[name] == ids[name] for name in kept)
    assert all(task_ids[t.title] == t.pk for t in program.tasks.all() if t.title in task_ids)
    actions = list(AuditEvent.objects.filter(program_id=program.pk).values_list("action", flat=True))
    assert actions.count("indicator.update") == 1
    assert actions.count("indicator.delete") == 1
    assert actions.count("task.create") == 19 + 1
    assert actions.count("task.update") == 1
    assert "program.revise" in actions
    assert Department.objects.filter(name="市新成立局").exists()


@pytest.mark.django_db
def test_revision_with_the_same_plan_changes_nothing(load_gold, office_user):
    program = program_create_from_plan(plan=load_gold(TONGLING), user=office_user)
    audit_before = AuditEvent.objects.count()
    program_apply_revision(program=program, plan=load_gold(TONGLING), user=office_user)
    assert AuditEvent.objects.count() == audit_before + 1  # the program.revise record only
    assert AuditEvent.objects.first().note.endswith("无变化")


@pytest.mark.django_db
def test_target_without_a_year_is_a_goal_for_the_plan_end(load_gold, office_user):
    plan = load_gold("004_3e7befcbca53493b")
    plan["indicators"][0]["targets"] = [{"year": None, "value": 7, "comparator": ">="}]
    program = program_create_from_plan(plan=plan, user=office_user)
    target = program.indicators.get(order=0).targets.get()
    assert (target.year, target.value) == (plan["period"]["end"], 7)

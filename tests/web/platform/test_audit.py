"""The audit trail: an object's history, a programme's trail with filters, .xlsx/.csv export."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from ipcity.audit.services import audit_record, snapshot
from tests.jsonb_order import jsonb_order, reversed_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def changed(world):
    """The office renames an indicator and changes its baseline: one audited change."""
    ind = world.tl_prog.indicators.first()
    before = snapshot(ind)
    ind.name, ind.baseline_value = "=HYPERLINK(\"x\")", 6.0
    ind.save()
    audit_record(actor=world.office, action="indicator.update", obj=ind, before=before, program_id=world.tl_prog.pk)
    audit_record(actor=world.office, action="program.update", obj=world.tl_prog, before=snapshot(world.tl_prog),
                 program_id=world.tl_prog.pk, note="备注")
    return ind


def test_object_history_shows_who_when_and_before_after(client, world, changed):
    client.force_login(world.office)
    response = client.get(reverse("audit:history", args=["programs.indicator", changed.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "office" in html and "indicator.update" in html
    assert '<del lang="zh">5.5</del>' in html and '<ins lang="zh">6.0</ins>' in html
    (event, changes), = response.context["rows"]
    assert {c.field for c in changes} == {"name", "baseline_value"}


def test_programme_trail_lists_and_filters_events(client, world, changed):
    client.force_login(world.leader)
    url = reverse("audit:program", args=[world.tl_prog.pk])
    assert client.get(url).context["page"].paginator.count == 2
    filtered = client.get(url, {"action": "indicator"}).context["page"]
    assert [e.action for e in filtered] == ["indicator.update"]
    assert client.get(url, {"actor": "nobody"}).context["page"].paginator.count == 0
    assert not client.get(url).context["can_export"]  # a leader reads, the office exports


def test_office_exports_the_trail_as_csv_and_xlsx(client, world, changed):
    client.force_login(world.office)
    response = client.get(reverse("audit:program_export", args=[world.tl_prog.pk, "csv"]))
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    # the action's code, kept as it is for searching, then its words (an unknown code as it is)
    assert rows[0][:4] == ["时间", "操作人", "操作", "操作说明"] and len(rows) == 3
    indicator_row = next(r for r in rows if r[2] == "indicator.update")
    assert indicator_row[3] == "修改指标" and next(r for r in rows if r[2] == "program.update")[3] == "program.update"
    assert indicator_row[1] == "office" and "baseline_value: 5.5 → 6.0" in indicator_row[7]
    assert indicator_row[6].startswith("'=")  # no formula injection into the office's spreadsheet
    response = client.get(reverse("audit:program_export", args=[world.tl_prog.pk, "xlsx"]))
    ws = load_workbook(io.BytesIO(response.content))["审计记录"]
    # the two changes, and the CSV download just made (downloads are recorded in the trail too)
    assert ws.max_row == 4 and ws["C1"].value == "操作" and ws["C2"].value == "file.download"
    assert ws["D1"].value == "操作说明" and ws["D2"].value == "下载或导出文件"
    assert client.get(reverse("audit:program_export", args=[world.tl_prog.pk, "pdf"])).status_code == 404


def test_history_of_another_citys_object_is_hidden(client, world, changed):
    from ipcity.core.models import Role
    from tests.web.platform import factories as f

    client.force_login(f.user("bb_office", Role.OFFICE, region=world.bb))
    assert client.get(reverse("audit:history", args=["programs.indicator", changed.pk])).status_code == 404


def test_indicator_and_task_rows_link_to_their_history(client, world, changed):
    client.force_login(world.office)
    html = client.get(reverse("programs:indicators", args=[world.tl_prog.pk])).content.decode()
    url = reverse("audit:history", args=["programs.indicator", changed.pk])
    assert f'href="{url}"' in html
    assert client.get(url).status_code == 200
    task = world.tl_prog.tasks.first()
    html = client.get(reverse("programs:tasks", args=[world.tl_prog.pk])).content.decode()
    assert f'href="{reverse("audit:history", args=["programs.task", task.pk])}"' in html
    client.force_login(world.reporter)
    assert "/audit/" not in client.get(reverse("programs:tasks", args=[world.tl_prog.pk])).content.decode()


def test_a_recorded_yes_or_no_is_shown_in_words():
    """公开 False → True read as Python on the programme's audit page: a flag is 否 → 是 (no → yes)."""
    from django.utils import translation

    from ipcity.audit.selectors import value_shown

    with translation.override("zh-hans"):
        assert (value_shown(False), value_shown(True)) == ("否", "是")
    with translation.override("en"):
        assert (value_shown(False), value_shown(True)) == ("no", "yes")
    assert value_shown(0) == "0" and value_shown(1) == "1"  # numbers stay numbers


def test_a_recorded_structure_is_shown_as_json_not_as_python():
    """A computed value's lineage read as Python on its history ({'at': …, 'sei': None}, upgrade
    drill): a recorded mapping or list of numbers is JSON, Chinese as written, keys in code-point
    order (as the export: PostgreSQL's jsonb does not keep the recorded order), a list as it is."""
    from ipcity.audit.selectors import value_shown

    shown = value_shown({"source": "数据集 demo", "sei": None, "figures": {"high_value": 65}, "ok": True})
    assert shown == '{"figures": {"high_value": 65}, "ok": true, "sei": null, "source": "数据集 demo"}'
    assert value_shown([2025, 2024]) == "[2025, 2024]"


@pytest.mark.parametrize("reorder", [jsonb_order, reversed_order], ids=["jsonb", "reversed"])
def test_a_recorded_mapping_reads_alike_whatever_order_the_database_kept(client, world, changed, reorder):
    """A project's applicant aliases, recorded before and after a change, as the database gives
    them back: the history page shows them as the CSV export does, in the same order either way."""
    from ipcity.audit.models import AuditEvent

    event = AuditEvent.objects.filter(object_type="programs.indicator").get()
    written = {"name": {"杭州电池有限公司": "甲集团", "ABC": "乙", "Hangzhou Battery Co., Ltd.": "甲集团"}}
    stored = reorder(written)
    assert list(stored["name"]) != sorted(written["name"])  # neither order is the one shown
    AuditEvent.objects.filter(pk=event.pk).update(after=stored)
    client.force_login(world.office)
    response = client.get(reverse("audit:history", args=["programs.indicator", changed.pk]))
    (_event, changes), = response.context["rows"]
    (change,) = [c for c in changes if c.field == "name"]
    assert change.new_shown == json.dumps(written["name"], ensure_ascii=False, sort_keys=True)
    response = client.get(reverse("audit:program_export", args=[world.tl_prog.pk, "csv"]))
    exported = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert any(change.new_shown in row[9] for row in exported[1:])  # 变更后


def test_a_recorded_foreign_key_is_shown_by_name_where_the_reader_may_see_it(client, world):
    """修改人 → 1 read as nothing: a foreign key's id is shown as its object's name, by the owning
    app's access rule; an object the reader may not see keeps its bare id."""
    from ipcity.audit.models import AuditEvent
    from ipcity.core.models import Role
    from tests.web.platform import factories as f

    bb_office = f.user("bb_office", Role.OFFICE, region=world.bb)
    AuditEvent.objects.create(
        actor=world.admin, actor_name="siteadmin", action="supervision.report.accept",
        object_type="supervision.departmentreport", object_id="7", program_id=world.tl_prog.pk,
        before={"updated_by_id": None, "department_id": world.msa.pk, "round_id": 999},
        after={"updated_by_id": world.office.pk, "department_id": world.bb_msa.pk, "round_id": 998})
    AuditEvent.objects.create(
        actor=world.admin, actor_name="siteadmin", action="supervision.report.return",
        object_type="supervision.departmentreport", object_id="7", program_id=world.tl_prog.pk,
        before={"updated_by_id": world.office.pk}, after={"updated_by_id": bb_office.pk})
    AuditEvent.objects.create(
        actor=world.admin, actor_name="siteadmin", action="supervision.report.save",
        object_type="supervision.departmentreport", object_id="7", program_id=world.tl_prog.pk,
        before={"updated_by_id": bb_office.pk}, after={"updated_by_id": world.admin.pk})
    client.force_login(world.leader)
    response = client.get(reverse("audit:program", args=[world.tl_prog.pk]))
    shown = {(event.action, c.field): (c.old_shown if c.old is not None else None, c.new_shown)
             for event, changes in response.context["rows"] for c in changes}
    assert shown[("supervision.report.accept", "updated_by_id")] == (None, "office")
    # 蚌埠's department and office are outside 铜陵's leader's view: their ids stay ids.
    assert shown[("supervision.report.accept", "department_id")] == ("市市场监管局", str(world.bb_msa.pk))
    assert shown[("supervision.report.return", "updated_by_id")] == ("office", str(bb_office.pk))
    # The site administrator is named on the row as its actor already: naming it again reveals nothing.
    assert shown[("supervision.report.save", "updated_by_id")] == (str(bb_office.pk), "siteadmin")
    assert shown[("supervision.report.accept", "round_id")] == ("999", "998")  # no rule registered: the id
    html = response.content.decode()
    assert '<del lang="zh">市市场监管局</del>' in html and '<ins lang="zh">office</ins>' in html
    assert "蚌埠" not in html and "bb_office" not in html


def test_a_password_hash_is_never_recorded_nor_shown_from_an_older_record(client, world):
    from ipcity.audit.models import AuditEvent

    user = world.office
    assert "password" not in snapshot(user) and "username" in snapshot(user)
    # A record written before the rule (the demo's user.create kept the whole row).
    older = {"username": user.username, "password": "pbkdf2_sha256$870000$salt$secret-hash", "is_active": True}
    audit_record(actor=None, action="user.create", obj=user, after=older, note="ipcity demo")
    assert AuditEvent.objects.filter(after__password__isnull=False).exists()  # services never rewrite it
    client.force_login(world.admin)
    page = client.get(reverse("audit:security"), {"action": "user"}).content.decode()
    assert "user.create" in page or "ipcity demo" in page
    assert "secret-hash" not in page and "pbkdf2" not in page
    object_type = f"{user._meta.app_label}.{user._meta.model_name}"
    history = client.get(reverse("audit:history", args=[object_type, user.pk])).content.decode()
    assert "ipcity demo" in history and "secret-hash" not in history


def test_an_accounts_profile_fields_are_named_like_its_own(client, world):
    """An account's record keeps its profile's fields as ``profile.<field>``: their labels, choices
    and objects are shown as the account's own fields are, not as codes and ids."""
    from ipcity.audit.models import AuditEvent
    from ipcity.core.models import Role

    user = world.office
    object_type = f"{user._meta.app_label}.{user._meta.model_name}"
    AuditEvent.objects.create(
        actor=world.admin, actor_name="siteadmin", action="user.update", object_type=object_type,
        object_id=str(user.pk),
        before={"profile.role": Role.LEADER, "profile.department_id": None, "profile.region_id": None},
        after={"profile.role": Role.REPORTER, "profile.department_id": world.msa.pk,
               "profile.region_id": world.msa.region_id})
    client.force_login(world.admin)
    response = client.get(reverse("audit:history", args=[object_type, user.pk]))
    changes = {c.field: c for _event, cs in response.context["rows"] for c in cs}
    assert changes["profile.department_id"].new_shown == "市市场监管局"
    assert changes["profile.region_id"].new_shown == world.msa.region.name
    html = response.content.decode()
    assert "部门填报员" in html and "领导" in html  # the role's choices, in words
    for code, label in (("profile.department_id", "部门"), ("profile.region_id", "所属区划"), ("profile.role", "角色")):
        assert f'<strong title="{code}">{label}</strong>' in html  # named; the code only in the tooltip


def test_a_trail_page_names_many_indicators_in_a_fixed_number_of_queries(client, world):
    """Indicators named in values' records (指标 → its name) are looked up in one query for the
    page, through the scope ``programs`` registers, not once each: a page of 20 records on 20
    indicators costs what a page on one does. Measured on this page: 31 queries with one lookup per
    indicator (21), 11 with the scope (one); one indicator of another city keeps its bare id."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ipcity.audit.models import AuditEvent
    from ipcity.programs.models import Indicator

    program = world.tl_prog
    indicators = [Indicator.objects.create(program=program, order=100 + i, name=f"指标{i:02d}") for i in range(20)]
    hidden = Indicator.objects.create(program=world.bb_prog, order=100, name="蚌埠的指标")
    for i, ind in enumerate([*indicators, hidden]):
        AuditEvent.objects.create(
            actor=world.office, actor_name="office", action="monitoring.actual.save",
            object_type="monitoring.indicatoractual", object_id=str(1000 + i), program_id=program.pk,
            before=None, after={"indicator_id": ind.pk, "year": 2025, "value": 1.0})
    client.force_login(world.leader)
    url = reverse("audit:program", args=[program.pk])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    shown = {c.new for _event, changes in response.context["rows"] for c in changes
             if c.field == "indicator_id" and c.new_name}
    names = {c.new: c.new_shown for _event, changes in response.context["rows"] for c in changes
             if c.field == "indicator_id"}
    assert shown == {ind.pk for ind in indicators}
    assert names[indicators[7].pk] == "指标07" and names[hidden.pk] == str(hidden.pk)
    assert "蚌埠的指标" not in response.content.decode()
    assert len(queries) <= 12, [q["sql"] for q in queries]

"""The leaks of issue 9, each proved on what the pages and the API show (the matrix proves who
gets in; these prove what they see once in)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ipcity.programs.access import access_department, access_departments, access_indicators
from tests.web.access_matrix.world import fetch

pytestmark = pytest.mark.django_db


def test_a_reporter_sees_only_its_own_departments_indicators_on_the_dashboard(matrix):
    world, clients = matrix
    pa, i1, i2 = world.objects["pa"], world.objects["i1"], world.objects["i2"]
    status, body, _ = fetch(clients["reporter_a2"], "GET", reverse("monitoring:dashboard", args=[pa.pk]))
    page = body.decode()
    assert status == 200
    assert reverse("monitoring:indicator", args=[pa.pk, i2.pk]) in page
    assert reverse("monitoring:indicator", args=[pa.pk, i1.pk]) not in page
    # The office sees both.
    page = fetch(clients["office_a"], "GET", reverse("monitoring:dashboard", args=[pa.pk]))[1].decode()
    assert reverse("monitoring:indicator", args=[pa.pk, i1.pk]) in page
    assert reverse("monitoring:indicator", args=[pa.pk, i2.pk]) in page


def test_the_api_verdicts_list_only_the_reporters_own_indicators(matrix):
    world, clients = matrix
    pa, i1, i2 = world.objects["pa"], world.objects["i1"], world.objects["i2"]
    status, _body, response = fetch(clients["reporter_a2"], "GET", f"/api/monitoring/programs/{pa.pk}/verdicts")
    assert status == 200
    assert [row["id"] for row in response.json()["indicators"]] == [i2.pk]
    ids = {row["id"] for row in fetch(clients["leader_a"], "GET", f"/api/monitoring/programs/{pa.pk}/verdicts")[2]
           .json()["indicators"]}
    assert ids == {i1.pk, i2.pk}


def test_another_departments_indicator_history_and_evidence_are_hidden(matrix):
    world, clients = matrix
    pa, i1, actual = world.objects["pa"], world.objects["i1"], world.objects["actual"]
    other, own = clients["reporter_a2"], clients["reporter_a"]
    for path in (reverse("monitoring:indicator", args=[pa.pk, i1.pk]),
                 reverse("monitoring:attachment", args=[pa.pk, actual.pk]),
                 f"/api/monitoring/indicators/{i1.pk}/actuals"):
        assert fetch(other, "GET", path)[0] == 404, path
        assert fetch(own, "GET", path)[0] == 200, path
    status, body, _ = fetch(own, "GET", reverse("monitoring:attachment", args=[pa.pk, actual.pk]))
    assert body == b"year,value\n2024,6\n"


def test_the_programme_pages_and_monitoring_agree_on_what_a_reporter_sees(matrix):
    world, _clients = matrix
    pa = world.objects["pa"]
    from ipcity.monitoring.selectors import program_dashboard
    from ipcity.programs.selectors import program_indicators

    for actor in ("reporter_a", "reporter_a2", "office_a", "leader_a"):
        user = world.users[actor]
        on_programme_page = [row.indicator.pk for row in program_indicators(pa, user)[1]]
        on_dashboard = [v.indicator.pk for v in program_dashboard(pa, user=user).verdicts]
        assert sorted(on_programme_page) == sorted(on_dashboard) == sorted(
            access_indicators(user, pa).values_list("pk", flat=True)), actor


def test_departments_are_scoped_by_region(matrix):
    world, _clients = matrix
    d1, d2, db, dd = (world.objects[k] for k in ("d1", "d2", "db", "dd"))
    seen = {actor: set(access_departments(world.users[actor])) for actor in world.users}
    assert {d1, d2, dd} <= seen["office_a"] and db not in seen["office_a"]  # the city and its districts
    assert {d1, d2, dd} <= seen["leader_a"] and db not in seen["leader_a"]
    assert db in seen["office_b"] and not seen["office_b"] & {d1, d2, dd}
    assert dd in seen["office_district"] and not seen["office_district"] & {d1, d2, db}  # not the city's
    assert seen["reporter_a"] == {d1}
    assert {d1, d2, db, dd} <= seen["admin"]
    with pytest.raises(Exception) as refused:
        access_department(world.users["leader_b"], d1.pk)
    assert refused.typename == "Http404"


def test_another_citys_office_cannot_open_a_department_page_or_template(matrix):
    world, clients = matrix
    d1 = world.objects["d1"]
    for path in (reverse("programs:department", args=[d1.pk]),
                 reverse("monitoring:department_template", args=[d1.pk]),
                 reverse("monitoring:department_upload", args=[d1.pk])):
        assert fetch(clients["office_b"], "GET", path)[0] == 404, path
        assert fetch(clients["office_a"], "GET", path)[0] == 200, path


def test_the_programme_template_does_not_read_a_department_by_query_id_without_the_check(matrix):
    world, clients = matrix
    pa, d1, db = world.objects["pa"], world.objects["d1"], world.objects["db"]
    url = reverse("monitoring:template", args=[pa.pk])
    status, _body, response = fetch(clients["office_a"], "GET", f"{url}?department={db.pk}")
    assert status == 404  # another city's department: not even its name in the file name
    status, _body, response = fetch(clients["office_a"], "GET", f"{url}?department={d1.pk}")
    assert status == 200 and "%E5%B8%82%E5%B8%82%E5%9C%BA" in response["Content-Disposition"]  # 市市场…


def test_audit_history_of_another_citys_user_is_hidden(matrix):
    world, clients = matrix
    reporter = world.users["reporter_a"]
    path = reverse("audit:history", args=["auth.user", reporter.pk])
    assert fetch(clients["office_b"], "GET", path)[0] == 404
    assert fetch(clients["office_a"], "GET", path)[0] == 200
    assert fetch(clients["leader_a"], "GET", path)[0] == 403


def test_the_engine_figure_tag_asks_the_access_module(matrix, rf):
    """The tag hides its form from a reader, and from an office the indicator is not visible to,
    whatever page includes it."""
    from ipcity.monitoring.templatetags.monitoring_engine_figures import engine_figure_form

    world, _clients = matrix
    pa, i1 = world.objects["pa"], world.objects["i1"]

    def shown(actor) -> bool:
        request = rf.get("/")
        request.user = world.users[actor]
        return not engine_figure_form({"request": request, "program": pa, "indicator": i1}).get("hidden")

    assert shown("office_a") and shown("admin")
    assert not shown("leader_a") and not shown("reporter_a")
    assert not shown("office_b")  # an office, but of another city


def test_the_comparison_shows_a_reporter_only_its_own_indicators(matrix):
    from ipcity.monitoring.models import IndicatorLink, StandardIndicator

    world, clients = matrix
    pa, i1, i2 = world.objects["pa"], world.objects["i1"], world.objects["i2"]
    standard = StandardIndicator.objects.create(code="matrix-1", name="发明专利拥有量", unit="件")
    IndicatorLink.objects.create(standard=standard, indicator=i1)
    IndicatorLink.objects.create(standard=standard, indicator=i2)
    page = fetch(clients["reporter_a2"], "GET", reverse("monitoring:compare"))[1].decode()
    assert reverse("monitoring:indicator", args=[pa.pk, i2.pk]) in page
    assert reverse("monitoring:indicator", args=[pa.pk, i1.pk]) not in page
    page = fetch(clients["leader_a"], "GET", reverse("monitoring:compare"))[1].decode()
    assert reverse("monitoring:indicator", args=[pa.pk, i1.pk]) in page


def test_a_unit_outside_the_region_that_works_on_the_programme_is_visible_to_its_office(matrix):
    """A provincial bureau answering for a task of the city's programme: the city's office opens
    its page; another city's office still does not."""
    from ipcity.core.models import Department, Region
    from ipcity.programs.models import Task, TaskAssignment

    world, _clients = matrix
    province = Region.objects.get_or_create(code="340000", defaults={"name": "安徽省", "level": Region.Level.PROVINCE})[0]
    bureau = Department.objects.create(region=province, name="省知识产权局")
    task = Task.objects.filter(program=world.objects["pa"]).first()
    TaskAssignment.objects.create(task=task, department=bureau, order=5, is_lead=False, name_as_written=bureau.name)
    assert access_department(world.users["office_a"], bureau.pk) == bureau
    assert bureau in access_departments(world.users["leader_a"])
    assert bureau not in access_departments(world.users["office_b"])

"""A reporter sees its own department's work only and nothing of administration; anonymous → login."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def program_urls(pid: int) -> list[str]:
    return [reverse(name, args=[pid]) for name in
            ("programs:program", "programs:indicators", "programs:tasks", "programs:matrix")]


def test_anonymous_visitor_is_sent_to_login(client, world):
    for url in ["/", reverse("programs:search"), *program_urls(world.tl_prog.pk),
                reverse("programs:department", args=[world.msa.pk]), reverse("accounts:users"), reverse("accounts:tokens"),
                reverse("audit:program", args=[world.tl_prog.pk])]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/"), url


def test_anonymous_api_call_is_refused(client, world):
    assert client.get("/api/programs").status_code == 401


def test_reporter_sees_only_programmes_its_department_works_on(client, world):
    client.force_login(world.reporter)
    html = client.get("/").content.decode()
    assert world.tl_prog.title in html and world.bb_prog.title not in html
    for url in program_urls(world.bb_prog.pk):
        assert client.get(url).status_code == 404


def test_reporter_with_no_work_sees_no_programme(client, world):
    client.force_login(world.reporter_edu)  # 市教育局 answers for nothing in these programmes
    for url in program_urls(world.tl_prog.pk):
        assert client.get(url).status_code == 404


def test_reporter_sees_only_its_own_tasks_indicators_and_matrix_row(client, world):
    client.force_login(world.reporter)
    pid = world.tl_prog.pk
    tasks = client.get(reverse("programs:tasks", args=[pid])).context["sections"]
    titles = [row.task.title for _s, rows in tasks for row in rows]
    assert titles == ["任务0·实施专利导航工程", "任务2·实施专利导航工程", "任务3·实施专利导航工程", "任务5·实施专利导航工程"]
    rows = client.get(reverse("programs:indicators", args=[pid])).context["rows"]
    assert [r.indicator.owner_department_id for r in rows] == [world.msa.pk]
    matrix = client.get(reverse("programs:matrix", args=[pid])).context["matrix"]
    assert [r.department for r in matrix.rows] == [world.msa]


def test_reporter_cannot_open_another_departments_page(client, world):
    client.force_login(world.reporter)
    assert client.get(reverse("programs:department", args=[world.msa.pk])).status_code == 200
    for other in (world.sci, world.fin, world.bb_msa):
        assert client.get(reverse("programs:department", args=[other.pk])).status_code == 404


def test_reporter_search_only_finds_its_own_work(client, world):
    client.force_login(world.reporter)
    results = client.get(reverse("programs:search"), {"q": "市"}).context["results"]
    assert {d.pk for d in results.departments} == {world.msa.pk}
    results = client.get(reverse("programs:search"), {"q": "专利导航"}).context["results"]
    assert len(results.tasks) == 4


def test_reporter_reaches_no_administration_or_office_function(client, world):
    client.force_login(world.reporter)
    pid = world.tl_prog.pk
    forbidden = [
        reverse("accounts:users"), reverse("accounts:user_new"), reverse("accounts:user_edit", args=[world.reporter_edu.pk]),
        reverse("audit:program", args=[pid]), reverse("audit:program_export", args=[pid, "csv"]),
        reverse("audit:history", args=["programs.program", pid]),
        reverse("programs:matrix_xlsx", args=[pid]), reverse("programs:plan_json", args=[pid]),
    ]
    for url in forbidden:
        assert client.get(url).status_code in (403, 404), url
    # The Django admin sends a non-staff user to its own login form instead of showing anything.
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    html = client.get("/").content.decode()
    assert reverse("accounts:users") not in html and "/admin/" not in html


def test_reporter_post_to_office_functions_is_refused(client, world):
    client.force_login(world.reporter)
    response = client.post(reverse("accounts:user_new"), {"username": "x", "role": "reporter", "password": "Xy-123456789"})
    assert response.status_code == 403


def test_leader_reads_everything_in_its_region_but_administers_nothing(client, world):
    client.force_login(world.leader)
    for url in program_urls(world.tl_prog.pk):
        assert client.get(url).status_code == 200
    assert client.get(reverse("programs:program", args=[world.bb_prog.pk])).status_code == 404
    assert client.get(reverse("accounts:users")).status_code == 403
    assert client.get(reverse("audit:program_export", args=[world.tl_prog.pk, "csv"])).status_code == 403


def test_office_of_another_city_cannot_see_the_programme(client, world):
    from ipcity.core.models import Role
    from tests.web.platform import factories as f

    client.force_login(f.user("bb_office", Role.OFFICE, region=world.bb))
    assert client.get(reverse("programs:program", args=[world.tl_prog.pk])).status_code == 404
    assert client.get(reverse("audit:program", args=[world.tl_prog.pk])).status_code == 404


def test_csrf_is_enforced_on_posts(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.office)
    response = client.post(reverse("accounts:tokens"), {"name": "x"})
    assert response.status_code == 403


def test_superuser_without_profile_reaches_everything(client, world):
    from django.contrib.auth import get_user_model

    root = get_user_model().objects.create_superuser("root", password="Root-Password-123")
    client.force_login(root)
    pid = world.bb_prog.pk
    for url in ["/", *program_urls(pid), reverse("programs:matrix_xlsx", args=[pid]), reverse("accounts:users"),
                reverse("accounts:tokens"), reverse("audit:program", args=[pid]), reverse("accounts:user_edit", args=[world.office.pk]),
                reverse("programs:department", args=[world.bb_msa.pk]), "/admin/"]:
        assert client.get(url).status_code == 200, url

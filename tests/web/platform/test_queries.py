"""Query counts per page are fixed: they do not grow with the number of tasks, indicators or programmes."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.web.platform import factories as f

pytestmark = pytest.mark.django_db

PAGES = ["programs:program", "programs:indicators", "programs:tasks", "programs:matrix", "programs:matrix_xlsx"]
# Every HTML page reads the platform's name once (web.site_words: the word of the newest programme
# the reader sees), within these bounds.
# programs:tasks: 10 of its own + 1 per task-link provider (contributions.register_task_links: navigation)
MAX_QUERIES = {"programs:program": 10, "programs:indicators": 10, "programs:tasks": 12, "programs:matrix": 10,
               "programs:matrix_xlsx": 10,
               # home: the to-do providers (indicators without a data owner: one), rights-protection cases
               # due and the holiday-notice check included; the office's programmes whose period ended (one)
               "home": 13, "search": 12,
               # department: 10 of its own + the units merged into it (机构改革, one query)
               "department": 12}


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.fixture
def big(world):
    depts = [world.msa, world.sci, world.fin, world.edu] + [f.department(world.tl, f"市第{i}局") for i in range(8)]
    return f.program(world.tl, title="大项目", departments=depts, n_indicators=20, n_tasks=30)


@pytest.mark.parametrize("name", PAGES)
def test_programme_page_queries_are_pinned(client, world, big, name):
    client.force_login(world.office)
    small_n = _count(client, reverse(name, args=[world.tl_prog.pk]))
    big_n = _count(client, reverse(name, args=[big.pk]))
    assert small_n == big_n <= MAX_QUERIES[name]


def test_home_department_and_search_queries_are_pinned(client, world, big):
    client.force_login(world.office)
    before = _count(client, "/")
    for i in range(5):
        f.program(world.tl, title=f"第{i}个项目", departments=[world.msa, world.sci], n_tasks=5)
    assert _count(client, "/") == before <= MAX_QUERIES["home"]
    assert _count(client, reverse("programs:department", args=[world.msa.pk])) <= MAX_QUERIES["department"]
    assert _count(client, reverse("programs:search") + "?q=专利") <= MAX_QUERIES["search"]


def test_reporter_pages_are_pinned_too(client, world, big):
    client.force_login(world.reporter)
    for name in PAGES[:4]:
        assert _count(client, reverse(name, args=[big.pk])) <= MAX_QUERIES[name]

"""The departments list: filtered by programme and region, 50 a page, never beyond what the user sees."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse

from ipcity.core.models import Department
from ipcity.programs.models import Program, Task, TaskAssignment
from tests.web.platform import factories as f
from tests.web.test_english_crawl import chinese_left
from tests.web.test_i18n import english_catalogue  # noqa: F401  (builds the .mo when stale)

URL = "programs:departments"


def _names(response) -> list[str]:
    return [d.name for d in response.context["departments"]]


@pytest.mark.django_db
def test_filter_by_programme_counts_only_that_programme(client, world):
    other = f.program(world.tl, title="铜陵市知识产权保护工作方案", departments=[world.edu, world.msa], n_tasks=2)
    client.force_login(world.office)
    every = {d.name: d.program_count for d in client.get(reverse(URL)).context["departments"]}
    assert every["市市场监管局"] == 2 and "市教育局" in every
    response = client.get(reverse(URL), {"program": other.pk})
    assert sorted(_names(response)) == ["市市场监管局", "市教育局"]
    assert {d.name: d.lead_tasks + d.partner_tasks for d in response.context["departments"]} == {
        "市教育局": 2, "市市场监管局": 2}


@pytest.mark.django_db
def test_filter_by_region(client, world):
    district = f.region("340705", "铜官区")
    dept = f.department(district, "铜官区市场监管局")
    task = Task.objects.filter(program=world.tl_prog).first()
    TaskAssignment.objects.create(task=task, department=dept, order=5, is_lead=False, name_as_written=dept.name)
    client.force_login(world.office)
    assert _names(client.get(reverse(URL), {"region": "340705"})) == ["铜官区市场监管局"]
    assert "铜官区市场监管局" not in _names(client.get(reverse(URL), {"region": "340700"}))


@pytest.mark.django_db
@pytest.mark.parametrize("params, message", [
    ({"program": "bb"}, "所选项目不存在或无权查看"),
    ({"program": "bb_prog"}, "所选项目不存在或无权查看"),
    ({"region": "340300"}, "所选地区不在可查看的范围内"),
])
def test_a_filter_out_of_reach_lists_nothing_and_says_why(client, world, params, message):
    if params.get("program") == "bb_prog":
        params = {"program": world.bb_prog.pk}
    client.force_login(world.office)
    response = client.get(reverse(URL), params)
    assert response.status_code == 400 and message in response.content.decode()
    assert _names(response) == []


@pytest.mark.django_db
def test_fifty_a_page_with_the_filters_kept_in_the_page_links(client, world):
    task = Task.objects.filter(program=world.tl_prog).first()
    for i in range(120):
        dept = Department.objects.create(region=world.tl, name=f"测试部门{i:03d}")
        TaskAssignment.objects.create(task=task, department=dept, order=10 + i, is_lead=False, name_as_written=dept.name)
    client.force_login(world.office)
    first = client.get(reverse(URL), {"program": world.tl_prog.pk})
    assert len(first.context["departments"]) == 50
    page = first.content.decode()
    assert f"program={world.tl_prog.pk}&amp;page=2" in page and "共 123 个部门" in page
    third = client.get(reverse(URL), {"program": world.tl_prog.pk, "page": 3})
    assert len(third.context["departments"]) == 23
    seen = set()
    for n in (1, 2, 3):
        seen |= {d.pk for d in client.get(reverse(URL), {"program": world.tl_prog.pk, "page": n}).context["departments"]}
    assert len(seen) == 123  # no department twice, none missing
    assert len(client.get(reverse(URL), {"page": "x"}).context["departments"]) == 50  # a bad page: the first


@pytest.mark.django_db
def test_reporter_still_sees_only_its_own_department(client, world):
    client.force_login(world.reporter)
    assert _names(client.get(reverse(URL))) == ["市市场监管局"]
    assert _names(client.get(reverse(URL), {"program": world.tl_prog.pk})) == ["市市场监管局"]


@pytest.mark.django_db
def test_archived_programmes_stay_marked_after_the_running_ones(client, world, english_catalogue):  # noqa: F811
    other = f.program(world.tl, title="铜陵市知识产权保护工作方案", departments=[world.edu, world.msa], n_tasks=2)
    # The programme that sorts first (by title) is the one archived: it must move after the other.
    Program.objects.filter(pk=world.tl_prog.pk).update(status=Program.Status.ARCHIVED)
    client.force_login(world.office)
    listing = client.get(reverse(URL))
    counts = {d.name: (d.program_count, d.archived_programs) for d in listing.context["departments"]}
    assert counts["市市场监管局"] == (2, 1) and counts["市教育局"] == (1, 0)
    assert "（含已归档 1 个）" in listing.content.decode()
    choices = [c for c, _label in listing.context["form"].fields["program"].choices if c]
    assert [int(str(c)) for c in choices] == [other.pk, world.tl_prog.pk]

    page = client.get(reverse("programs:department", args=[world.msa.pk])).content.decode()
    running, archived = page.index(other.title), page.index(world.tl_prog.title)
    assert running < page.index('id="archived-work"') < archived
    section = page[page.rindex("<section", 0, archived):]
    assert section.startswith('<section class="card" data-state="archived">') and "已归档" in section[:section.index("</h2>")]

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(reverse("programs:department", args=[world.msa.pk])).content.decode()
    assert "The programmes below are archived" in english and chinese_left(english) == []
    english = client.get(reverse(URL)).content.decode()
    assert "(1 archived)" in english and chinese_left(english) == []

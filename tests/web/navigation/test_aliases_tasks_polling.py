"""The three links of a navigation project to the rest of the platform: applicant merges shown
and aliases edited (audited, a new cache key, used by the next analysis); a task's row in the
programme's task list links to its projects; the status fragment polls while an analysis runs.
Data: the authored hand world of tests/navigation (hand_world.py)."""

from __future__ import annotations

from ipcity.audit.models import AuditEvent
from ipcity.navigation import services
from ipcity.navigation.models import Analysis, NavigationProject
from tests.navigation import hand_world

from .test_pages import _create, _fast_passwords, analysed, data_dir, world  # noqa: F401 - fixtures


def _top(analysis: Analysis) -> dict[str, int]:
    return {a["name"]: a["patents"] for a in analysis.result["landscape"]["top_applicants"]}


def test_an_alias_changes_the_top_applicants_of_the_next_analysis(client, world):  # noqa: F811
    project, first = analysed(client, world)
    url = f"/navigation/project/{project.pk}"
    before = _top(first)
    # in Hangzhou, 甲 and 丙 hold disjoint H01M patents (hand_world: c1, c2 and c3)
    assert before[hand_world.JIA] >= 2 and before[hand_world.BING] == 1

    response = client.post(f"{url}/aliases/add/", {"spelling": hand_world.BING, "name": hand_world.JIA})
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.aliases == {hand_world.BING: hand_world.JIA}
    client.post(f"{url}/analyse/")
    second = Analysis.objects.order_by("-pk").first()
    assert second is not None and second.pk != first.pk and second.aliases_key != first.aliases_key
    assert second.version == first.version and second.dataset_version == first.dataset_version
    after = _top(second)
    assert hand_world.BING not in after
    assert after[hand_world.JIA] == before[hand_world.JIA] + before[hand_world.BING]
    # the page lists the merge the analysis made and the project's alias
    page = client.get(f"{url}/aliases/").content.decode()
    merges = page.split('id="merges"')[1].split("</table>")[0]
    assert hand_world.JIA in merges and hand_world.BING in merges
    assert hand_world.BING in page.split('id="aliases"')[1].split("</table>")[0]

    # removing the alias goes back to the first key: the cached first analysis serves again
    assert client.post(f"{url}/aliases/remove/", {"spelling": hand_world.BING}).status_code == 302
    project.refresh_from_db()
    assert project.aliases == {}
    client.post(f"{url}/analyse/")
    assert Analysis.objects.count() == 2
    assert services.aliases_key(project.aliases) == first.aliases_key == ""
    actions = list(AuditEvent.objects.filter(action__startswith="navigation.alias").order_by("pk")
                   .values_list("action", flat=True))
    assert actions == ["navigation.alias.add", "navigation.alias.remove"]


def test_an_alias_that_merges_nothing_is_refused_and_nothing_changes(client, world):  # noqa: F811
    _create(client, world)
    project = NavigationProject.objects.get()
    # the same applicant once normalised (the company suffix dropped): no alias needed
    response = client.post(f"/navigation/project/{project.pk}/aliases/add/",
                           {"spelling": "杭州甲电池有限公司", "name": "杭州甲电池"})
    assert response.status_code == 422 and 'id="alias-error"' in response.content.decode()
    response = client.post(f"/navigation/project/{project.pk}/aliases/remove/", {"spelling": "无此写法"})
    assert response.status_code == 422
    project.refresh_from_db()
    assert project.aliases == {} and not AuditEvent.objects.filter(action__startswith="navigation.alias").exists()


def test_a_reporter_reads_the_aliases_but_cannot_post(client, world):  # noqa: F811
    _create(client, world)
    project = NavigationProject.objects.get()
    url = f"/navigation/project/{project.pk}/aliases/"
    for user, read, post in ((world.reporter, 200, 403), (world.leader, 200, 403), (world.other_reporter, 404, 404)):
        client.force_login(user)
        assert client.get(url).status_code == read
        page = client.get(url).content.decode() if read == 200 else ""
        assert 'id="alias-form"' not in page
        assert client.post(f"{url}add/", {"spelling": "甲", "name": "乙"}).status_code == post
        assert client.post(f"{url}remove/", {"spelling": "甲"}).status_code == post
    project.refresh_from_db()
    assert project.aliases == {}


def test_the_task_list_links_to_the_tasks_navigation_projects(client, world):  # noqa: F811
    _create(client, world)
    project = NavigationProject.objects.get()
    link = f'href="/navigation/project/{project.pk}/"'
    for user in (world.office, world.leader, world.reporter):
        client.force_login(user)
        page = client.get(f"/p/{world.program.pk}/tasks/").content.decode()
        row = page.split(f'id="task-{world.task.pk}"')[1].split("</tr>")[0]
        assert link in row and "开展电池产业专利导航" in row
    # a reporter of another department does not see the project: no link
    client.force_login(world.other_reporter)
    response = client.get(f"/p/{world.program.pk}/tasks/")
    assert link not in response.content.decode()


def test_the_status_polls_every_two_seconds_while_running_and_stops_when_done(client, world):  # noqa: F811
    _create(client, world)
    project = NavigationProject.objects.get()
    analysis = services.analysis_request(project=project, user=world.office)  # pending: not run yet
    status_url = f"/navigation/project/{project.pk}/analysis/status/"
    for page_url in (f"/navigation/project/{project.pk}/", f"/navigation/project/{project.pk}/analysis/"):
        page = client.get(page_url).content.decode()
        box = page.split('id="analysis-status-box"')[1].split(">")[0]
        assert 'hx-trigger="every 2s"' in box and status_url in box
    fragment = client.get(status_url, HTTP_HX_REQUEST="true")
    assert 'hx-trigger="every 2s"' in fragment.content.decode() and "HX-Refresh" not in fragment
    services.analysis_run(analysis_id=analysis.pk)
    analysis.refresh_from_db()
    assert analysis.status == "done", analysis.error
    fragment = client.get(f"{status_url}?was=running", HTTP_HX_REQUEST="true")
    text = fragment.content.decode()
    assert "hx-trigger" not in text and f"/navigation/project/{project.pk}/analysis/" in text
    assert fragment["HX-Refresh"] == "true"
    page = client.get(f"/navigation/project/{project.pk}/").content.decode()
    assert "every 2s" not in page
    # a failed run stops polling too
    Analysis.objects.filter(pk=analysis.pk).update(status="failed", error="boom")
    assert "hx-trigger" not in client.get(status_url).content.decode()


def test_an_analysis_queued_before_an_alias_change_fails_rather_than_mix_keys(client, world):  # noqa: F811
    _create(client, world)
    project = NavigationProject.objects.get()
    analysis = services.analysis_request(project=project, user=world.office)  # key: no aliases
    services.alias_add(project=project, user=world.office, spelling=hand_world.BING, name=hand_world.JIA)
    analysis = services.analysis_run(analysis_id=analysis.pk)
    assert analysis.status == "failed" and analysis.result is None and "申请人别名在排队期间已修改" in analysis.error
    # asking again computes under the new key
    client.post(f"/navigation/project/{project.pk}/analyse/")
    latest = Analysis.objects.order_by("-pk").first()
    assert latest is not None and latest.status == "done" and latest.aliases_key == services.aliases_key(
        {hand_world.BING: hand_world.JIA})


def test_an_analysis_queued_before_the_programmes_archiving_does_not_run(client, world):  # noqa: F811
    """The queue may reach the job after the programme was archived: the archived programme stays as
    it stood, so the job records why it did not run and computes nothing; the page says so."""
    from ipcity.programs.models import Program

    _create(client, world)
    project = NavigationProject.objects.get()
    analysis = services.analysis_request(project=project, user=world.office)  # pending: not run yet
    Program.objects.filter(pk=project.program_id).update(status=Program.Status.ARCHIVED)
    analysis = services.analysis_run(analysis_id=analysis.pk)
    analysis.refresh_from_db()
    assert analysis.status == "failed" and analysis.result is None and analysis.finished_at is not None
    assert "在排队期间已归档" in analysis.error and project.program.title in analysis.error
    page = client.get(f"/navigation/project/{project.pk}/").content.decode()
    assert "在排队期间已归档" in page and "every 2s" not in page

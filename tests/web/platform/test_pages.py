"""Home, programme tabs, department page and search, as each role sees them."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_lists_the_programmes_of_the_office_region_with_counts(client, world):
    client.force_login(world.office)
    html = client.get(reverse("programs:home")).content.decode()
    assert world.tl_prog.title in html
    assert world.bb_prog.title not in html  # another city's programme
    assert "2022—2025" in html


def test_home_counts_indicators_tasks_and_departments(world):
    from ipcity.programs.selectors import program_list

    (prog,) = [p for p in program_list(world.office) if p.pk == world.tl_prog.pk]
    assert (prog.indicator_count, prog.task_count, prog.department_count) == (3, 6, 3)


def test_a_reporters_home_counts_its_own_indicators_and_tasks_as_its_tabs_show_them(client, world):
    """Found in the field: a reporter's home page counted the programme's 7 indicators, 6 tasks and
    11 departments while the tabs it opened listed only its department's. The home page counts
    what the reporter reaches, under headings that say so."""
    from ipcity.programs.selectors import program_indicators, program_tasks, program_with_counts

    prog = world.tl_prog
    client.force_login(world.reporter)
    html = client.get(reverse("programs:home")).content.decode()
    (row,) = client.get(reverse("programs:home")).context["programs"]
    tasks, (_years, indicators) = program_tasks(prog, world.reporter), program_indicators(prog, world.reporter)
    assert (row.task_count, row.indicator_count) == (len(tasks), len(indicators))
    everything = program_with_counts(prog)
    assert (row.task_count, row.indicator_count) != (everything.task_count, everything.indicator_count)
    assert "本部门指标" in html and "本部门任务" in html and "责任部门</th>" not in html
    client.force_login(world.office)  # the office keeps the programme's counts
    (office_row,) = [p for p in client.get(reverse("programs:home")).context["programs"] if p.pk == prog.pk]
    assert office_row.task_count == everything.task_count


def test_office_without_region_sees_every_programme(client, world):
    client.force_login(world.office_all)
    html = client.get("/").content.decode()
    assert world.tl_prog.title in html and world.bb_prog.title in html


def test_overview_shows_period_phases_duties_and_counts(client, world):
    client.force_login(world.leader)
    html = client.get(reverse("programs:program", args=[world.tl_prog.pk])).content.decode()
    for text in ("启动阶段", "2022-11", "报送年度工作总结", "每年12月15日前", "铜政〔2022〕49号"):
        assert text in html


def test_indicators_tab_has_baseline_and_one_column_per_target_year(client, world):
    client.force_login(world.office)
    response = client.get(reverse("programs:indicators", args=[world.tl_prog.pk]))
    html = response.content.decode()
    for year in ("2023", "2024", "2025"):
        assert f'<th class="num">{year}</th>' in html
    assert "5.5" in html  # the first baseline, printed as written
    assert ">9<" in html  # 2025 target of the first indicator, no trailing ".0"
    years, rows = response.context["years"], response.context["rows"]
    assert years == [2023, 2024, 2025] and len(rows) == 3


def test_tasks_tab_groups_by_section_with_lead_and_partners(client, world):
    client.force_login(world.office)
    response = client.get(reverse("programs:tasks", args=[world.tl_prog.pk]))
    sections = response.context["sections"]
    assert [s for s, _rows in sections] == ["三/（1）", "三/（2）"]
    first = sections[0][1][0]
    assert [a.department.name for a in first.leads] == ["市市场监管局"]
    assert [a.department.name for a in first.partners] == ["市科技局"]
    assert "专利导航项目" in response.content.decode()


def test_matrix_marks_lead_and_partner_per_department_and_task(client, world):
    client.force_login(world.office)
    response = client.get(reverse("programs:matrix", args=[world.tl_prog.pk]))
    matrix = response.context["matrix"]
    by_name = {r.department.name: r for r in matrix.rows}
    # Task i is led by departments[i % 3] and partnered by the next one.
    assert by_name["市市场监管局"].cells == ["lead", "", "partner", "lead", "", "partner"]
    assert (by_name["市市场监管局"].lead_count, by_name["市市场监管局"].partner_count) == (2, 2)
    html = response.content.decode()
    assert "牵头" in html and "配合" in html


def test_programme_tabs_are_those_the_apps_register_in_order(client, world, monkeypatch):
    from ipcity.core import contributions

    client.force_login(world.office)
    url = reverse("programs:program", args=[world.tl_prog.pk])
    keys = [t["key"] for t in client.get(url).context["tabs"]]
    assert keys == ["overview", "indicators", "tasks", "matrix", "monitoring", "supervision", "final", "navigation",
                    "reports", "publication", "audit"]
    # Each app registers its tabs in AppConfig.ready(); a tab no app registers is not shown.
    monkeypatch.setattr(contributions, "PROGRAM_TABS",
                        [t for t in contributions.PROGRAM_TABS if t.key not in {"monitoring", "supervision"}])
    keys = {t["key"] for t in client.get(url).context["tabs"]}
    assert not keys & {"monitoring", "supervision"}


def test_department_page_lists_everything_it_answers_for(client, world):
    client.force_login(world.leader)
    response = client.get(reverse("programs:department", args=[world.msa.pk]))
    (work,) = response.context["work"]
    assert work.program == world.tl_prog
    assert [(t.title, lead) for t, lead in work.tasks][:2] == [("任务0·实施专利导航工程", True), ("任务2·实施专利导航工程", False)]
    assert [i.name for i in work.indicators] == ["指标0·每万人口高价值发明专利拥有量"]
    assert response.context["lead_total"] == 2


def test_search_finds_programmes_indicators_tasks_and_departments(client, world):
    from ipcity.core.models import DepartmentAlias

    DepartmentAlias.objects.create(department=world.msa, alias="市市场监督管理局")
    client.force_login(world.office)
    results = client.get(reverse("programs:search"), {"q": "专利导航"}).context["results"]
    assert len(results.tasks) == 6 and not results.indicators
    results = client.get(reverse("programs:search"), {"q": "市场监督管理"}).context["results"]
    assert [d.name for d in results.departments] == ["市市场监管局"]  # found through its alias
    results = client.get(reverse("programs:search"), {"q": "强市"}).context["results"]
    assert [p.pk for p in results.programs] == [world.tl_prog.pk]  # not 蚌埠's: outside the office's region


def test_empty_search_returns_nothing(client, world):
    client.force_login(world.office)
    assert client.get(reverse("programs:search")).context["results"].total == 0


def test_department_index_counts_lead_and_partner_tasks_in_visible_programmes(client, world, django_assert_max_num_queries):
    client.force_login(world.office)
    # 8, plus the pager's count; the filter's choice lists come from 2 more.
    with django_assert_max_num_queries(11):
        departments = client.get(reverse("programs:departments")).context["departments"]
    assert [(d.name, d.lead_tasks, d.partner_tasks, d.program_count) for d in departments] == [
        ("市市场监管局", 2, 2, 1), ("市科技局", 2, 2, 1), ("市财政局", 2, 2, 1)]  # not 蚌埠's unit
    client.force_login(world.reporter)
    assert [d.pk for d in client.get(reverse("programs:departments")).context["departments"]] == [world.msa.pk]
    assert f'href="{reverse("programs:department", args=[world.msa.pk])}"' in client.get("/").content.decode()


def test_a_reporters_indicator_tab_says_it_lists_the_departments_own_indicators(client, world):
    """Walk 24: a department that owns none of the programme's indicators read only "没有可显示的指标。"
    under an overview counting them all; the tab now says whose indicators it lists."""
    from ipcity.core.models import Role
    from ipcity.programs.models import Indicator
    from tests.web.platform import factories as f

    Indicator.objects.filter(owner_department=world.sci).update(owner_department=world.msa)  # 市科技局: tasks only
    url = f"/p/{world.tl_prog.pk}/indicators/"
    client.force_login(f.user("reporter_sci", Role.REPORTER, department=world.sci))
    page = client.get(url).content.decode()
    assert "本部门负责的指标" in page and "没有可显示的指标" in page
    client.force_login(world.reporter)  # 市市场监管局 owns the programme's indicators
    page = client.get(url).content.decode()
    assert "本部门负责的指标" in page and 'id="indicator-' in page
    client.force_login(world.office)
    assert "本部门负责的指标" not in client.get(url).content.decode()

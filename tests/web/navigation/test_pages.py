"""The 专利导航 tab end to end: create a project for a plan task, edit the decomposition
(versions, the bad pattern named), analyse a dataset (huey runs immediately under tests),
read the analysis and download its tables."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from ipcity.analytics import datasets
from ipcity.audit.models import AuditEvent
from ipcity.core.models import Role
from ipcity.navigation.models import Analysis, DefinitionVersion, NavigationProject
from ipcity.programs.models import Task, TaskAssignment
from tests.navigation import hand_world
from tests.web.monitoring import factories as f

SEI_RULES = "/work/shared/data/sei_ipc_2021/sei_ipc_2021.csv"


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def data_dir(tmp_path, settings, monkeypatch):
    import pyarrow as pa

    from ipcity.analytics.schema import CANONICAL_SCHEMA

    root = tmp_path / "data"
    root.mkdir()
    settings.DATA_DIR = root
    monkeypatch.setenv("IPCITY_DATA_DIR", str(root))
    monkeypatch.delenv("IPCITY_SEI_RULES", raising=False)
    table = pa.Table.from_pylist(hand_world.rows(), schema=CANONICAL_SCHEMA)
    datasets.write_dataset("battery", table, {"source": {"file": "hand.csv"}, "format": "canonical"}, root)
    return root


@pytest.fixture
def world(db, data_dir):
    reg = f.region("330100", "杭州市")
    msj, kj = f.department("市市场监管局", reg), f.department("市科技局", reg)
    prog = f.program(title="杭州市知识产权强市建设工作方案", reg=reg)
    task = Task.objects.create(program=prog, order=0, ref="三/（一）/1", title="开展新能源产业专利导航")
    TaskAssignment.objects.create(task=task, department=msj, order=0, is_lead=True, name_as_written=msj.name)

    class World:
        region, program = reg, prog
        office = f.user(Role.OFFICE, reg=reg, username="office")
        leader = f.user(Role.LEADER, reg=reg, username="leader")
        reporter = f.user(Role.REPORTER, dept=msj, username="msj")
        other_reporter = f.user(Role.REPORTER, dept=kj, username="kj")
    World.task = task
    return World


def _create(client, world, **extra):
    client.force_login(world.office)
    data = {"title": "开展电池产业专利导航", "task": world.task.pk, "dataset": "battery", "ipc": "H01M"}
    data.update(extra)
    return client.post(f"/navigation/program/{world.program.pk}/new/", data)


# Two branches under the root (hand_world: 锂电池 and 燃料电池), so that the findings have nodes to judge.
BRANCHES = ({"key": "li", "name": "锂电池", "ipc": "H01M10*"}, {"key": "fc", "name": "燃料电池", "ipc": "H01M8*"})


def analysed(client, world, *, nodes: tuple[dict, ...] = (), **create):
    """The office's project (the battery dataset, H01M, unless ``create`` says otherwise), with
    ``nodes`` added under its root, analysed: (project, analysis)."""
    assert _create(client, world, **create).status_code == 302
    project = NavigationProject.objects.latest("pk")
    for node in nodes:
        assert client.post(f"/navigation/project/{project.pk}/node/", node).status_code == 302, node
    client.post(f"/navigation/project/{project.pk}/analyse/")
    analysis = Analysis.objects.get(project=project)
    assert analysis.status == "done", analysis.error
    return project, analysis


def test_office_creates_a_project_for_the_task_and_edits_its_tree_in_versions(client, world):
    response = _create(client, world)
    project = NavigationProject.objects.get()
    assert response.status_code == 302 and project.task == world.task
    assert project.versions.get().body["root"]["ipc"] == ["H01M"]
    url = f"/navigation/project/{project.pk}/node/"
    # a pattern that is not an IPC symbol is refused, named, and nothing is saved
    response = client.post(url, {"key": "li", "name": "锂电池", "ipc": "H01M10* HX1"})
    assert response.status_code == 422
    assert "“HX1”不是有效的 IPC 分类号或模式" in response.content.decode()
    assert project.versions.count() == 1
    client.post(url, {"key": "li", "name": "锂电池", "ipc": "H01M10*", "parent_key": "root"})
    client.post(url, {"key": "fc", "name": "燃料电池", "ipc": "H01M8*", "keywords": "燃料电池"})
    client.post(url, {"original_key": "fc", "key": "fc", "name": "燃料电池系统", "ipc": "H01M8*", "exclude": "H01M8/02"})
    client.post(f"/navigation/project/{project.pk}/node/remove/", {"key": "li"})
    versions = list(DefinitionVersion.objects.filter(project=project).order_by("number"))
    assert [v.number for v in versions] == [1, 2, 3, 4, 5]
    assert len({v.content_hash for v in versions}) == 5
    last = versions[-1].body["root"]["children"]
    assert last == [{"key": "fc", "name": "燃料电池系统", "ipc": ["H01M8*"], "exclude": ["H01M8/02"]}]
    # saving the same content again makes no new version
    client.post(url, {"original_key": "fc", "key": "fc", "name": "燃料电池系统", "ipc": "H01M8*", "exclude": "H01M8/02"})
    assert project.versions.count() == 5
    actions = list(AuditEvent.objects.filter(action__startswith="navigation.").values_list("action", flat=True))
    assert actions.count("navigation.definition.save") == 4 and "navigation.project.create" in actions
    # the root cannot be removed
    response = client.post(f"/navigation/project/{project.pk}/node/remove/", {"key": "root"})
    assert response.status_code == 422 and "不能删除根节点" in response.content.decode()


def test_a_project_can_start_from_an_sei_class(client, world, monkeypatch):
    monkeypatch.setenv("IPCITY_SEI_RULES", SEI_RULES)
    response = _create(client, world, ipc="", sei_code="5.1")
    assert response.status_code == 302
    body = NavigationProject.objects.get().versions.get().body
    assert body["root"]["sei"] == ["5.1"] or [c["sei"] for c in body["root"]["children"]]


def test_analysis_names_its_version_and_its_tables_download(client, world):
    project, analysis = analysed(client, world, nodes=BRANCHES)
    version = project.versions.order_by("-number").first()
    assert analysis.version == version and analysis.result["definition"]["version"] == version.content_hash
    # the same version over the same data is served from the cache
    client.post(f"/navigation/project/{project.pk}/analyse/")
    assert Analysis.objects.count() == 1
    nodes = {n["key"]: n for n in analysis.result["position"]["nodes"]}
    assert nodes["li"]["city_patents"] == 2 and nodes["fc"]["country_patents"] == 5  # as in tests/navigation
    page = client.get(f"/navigation/project/{project.pk}/analysis/").content.decode()
    assert f"（{version.content_hash}）" in page and "锂电池（RTA" not in page  # li has < 5 city patents
    assert analysis.result["implications"]["gaps"]["sentence"] in page
    rows = list(csv.reader(io.StringIO(client.get(
        f"/navigation/project/{project.pk}/download/position.csv").getvalue().decode("utf-8-sig"))))
    assert rows[0][:3] == ["节点", "名称", "层级"]
    assert {r[0]: int(r[3]) for r in rows[1:]} == {"root": 3, "li": 2, "fc": 1}
    book = openpyxl.load_workbook(io.BytesIO(client.get(
        f"/navigation/project/{project.pk}/download/network_edges.xlsx").getvalue()))
    sheet = book.active
    assert version.content_hash in sheet.cell(1, 1).value
    assert {(r[0], r[1]) for r in sheet.iter_rows(min_row=3, values_only=True)} == {
        ("杭州甲电池", "浙江大学"), ("北京乙能源科技", "杭州甲电池")}


def test_readers_read_and_only_the_tasks_department_sees_the_project(client, world):
    _create(client, world)
    project = NavigationProject.objects.get()
    for user, status in ((world.leader, 200), (world.reporter, 200), (world.other_reporter, 404)):
        client.force_login(user)
        assert client.get(f"/navigation/project/{project.pk}/").status_code == status
    client.force_login(world.leader)
    assert client.post(f"/navigation/project/{project.pk}/node/", {"key": "x", "name": "x", "ipc": "H01M"}).status_code == 403
    client.force_login(world.other_reporter)
    listing = client.get(f"/navigation/program/{world.program.pk}/").content.decode()
    assert "开展电池产业专利导航" not in listing


def test_a_tree_that_matches_nothing_says_so_with_the_nearest_groups(client, world):
    project, _analysis = analysed(client, world, ipc="H01M99*")
    page = client.get(f"/navigation/project/{project.pk}/analysis/").content.decode()
    assert "技术分解在本数据集中没有匹配的专利" in page
    # the dataset's H01M groups share the most with H01M99: H01M10, H01M8
    assert "H01M10" in page.split('id="matches-nothing"')[1].split("</p>")[0]


def test_downloads_neutralise_formulas():
    from ipcity.navigation.tables import Table, csv_bytes, xlsx_bytes

    table = Table("t", "t", [("name", "申请人")], [{"name": "=HYPERLINK(\"http://x\")"}])
    assert "'=HYPERLINK" in csv_bytes(table).decode("utf-8-sig")
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(table, caption="c"))).active
    assert sheet.cell(3, 1).value.startswith("'=") and sheet.cell(3, 1).data_type == "s"


def test_an_empty_tables_word_is_in_the_pages_language_not_marked_chinese(client, world):
    """On the English page an empty table reads “None” (the English of 无) inside ``lang="zh"``, which
    tells a screen reader to read English as Chinese (upgrade drill): only the data rows are Chinese."""
    import lxml.html

    project, _analysis = analysed(client, world)
    client.cookies["django_language"] = "en"
    doc = lxml.html.document_fromstring(client.get(f"/navigation/project/{project.pk}/analysis/").content.decode())
    empty_cells = doc.xpath("//tbody//td[contains(@class, 'muted')]")
    assert empty_cells, "no table of this analysis is empty"
    for cell in empty_cells:
        assert not cell.xpath("ancestor-or-self::*[@lang='zh']"), lxml.html.tostring(cell)
    assert doc.xpath("//tbody/tr[@lang='zh']/td"), "the data rows are no longer marked as Chinese"

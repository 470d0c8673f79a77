"""A stored analysis or definition reads the same whatever order the database kept its keys in.

PostgreSQL's jsonb gives an object's keys back shortest first, then bytewise; SQLite keeps them as
written. A finding's table (优势领域, 短板领域, 本地重点创新主体, 外地合作对象) took its columns from its
first stored row's keys, so on PostgreSQL its page table, downloads and report began with 名称
(``name``) or 节点 (``node``) wherever jsonb put them. Each test stores the result with its keys
in jsonb's order (and reversed) and compares with the result stored as written.
"""

from __future__ import annotations

import csv
import io
import json

import pytest

from ipcity.analytics.navigation.implications import FINDING_COLUMNS
from ipcity.navigation.models import Analysis
from tests.jsonb_order import jsonb_order, reversed_order
from tests.web.navigation.test_pages import analysed, data_dir, world  # noqa: F401  (fixtures)

FINDINGS = ("strengths", "gaps", "local_players", "partners")


def _csv(client, project, name: str) -> list[list[str]]:
    response = client.get(f"/navigation/project/{project.pk}/download/{name}.csv")
    assert response.status_code == 200, name
    return list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))


def _with_findings(result: dict) -> dict:
    """The hand world's battery patents are too few for any finding (MIN_PATENTS): each finding
    gets one row, as the library writes it (``Finding.to_dict``: its columns in their order)."""
    values = {"key": "li", "node": "li", "name": "锂电池", "node_name": "锂电池", "type": "enterprise",
              "home": "330100", "patents": 7, "city_patents": 7, "country_patents": 40, "city_share": 0.175,
              "country_share": 0.05, "city_rta": 1.5, "city_cagr": 0.2, "country_cagr": 0.12}
    implications = {**result["implications"]}
    for name in FINDINGS:
        implications[name] = {**implications[name], "rows": [{k: values[k] for k in FINDING_COLUMNS[name]}]}
    return {**result, "implications": implications}


@pytest.mark.parametrize("reorder", [jsonb_order, reversed_order], ids=["jsonb", "reversed"])
def test_a_findings_columns_keep_their_order_whatever_order_the_database_kept(client, world, reorder):  # noqa: F811
    project, analysis = analysed(client, world)
    written = _with_findings(analysis.result)
    Analysis.objects.filter(pk=analysis.pk).update(result=written)
    expected = {name: _csv(client, project, name)[0] for name in FINDINGS}
    # as the library's frames order them (on PostgreSQL the "written" result is already reordered)
    assert expected["strengths"][:3] == ["节点", "名称", "本地专利"] and expected["gaps"][:3] == ["节点", "名称", "全国专利"]
    assert expected["partners"][:2] == ["节点", "技术分支"]
    stored = reorder(written)
    assert [list(stored["implications"][name]["rows"][0]) for name in FINDINGS] != [
        list(FINDING_COLUMNS[name]) for name in FINDINGS]  # the stored order is not the written one
    Analysis.objects.filter(pk=analysis.pk).update(result=stored)
    assert {name: _csv(client, project, name)[0] for name in FINDINGS} == expected
    page = client.get(f"/navigation/project/{project.pk}/analysis/").content.decode()
    for name in FINDINGS:
        table = page[page.index(f'id="table-{name}"'):]
        head = table[: table.index("</thead>")]
        assert [head.index(f"<th>{h}</th>") for h in expected[name]] == sorted(
            head.index(f"<th>{h}</th>") for h in expected[name]), name


@pytest.mark.parametrize("reorder", [jsonb_order, reversed_order], ids=["jsonb", "reversed"])
def test_a_definitions_download_keeps_its_order_whatever_order_the_database_kept(client, world, reorder):  # noqa: F811
    """The decomposition's JSON download is read and edited by people and fed to ``ipcity navigate
    --definition``: its name before its tree, each node's key and name before its criteria and
    its children last, as ``Definition.to_dict`` writes it."""
    from ipcity.analytics.navigation.definition import Definition
    from ipcity.navigation.models import DefinitionVersion, NavigationProject
    from tests.web.navigation.test_pages import _create

    _create(client, world)
    project = NavigationProject.objects.get()
    client.post(f"/navigation/project/{project.pk}/node/",
                {"key": "li", "name": "锂电池", "ipc": "H01M10*", "keywords": "锂离子", "parent_key": "root"})
    version = DefinitionVersion.objects.get(project=project, number=2)
    written = Definition.from_dict(version.body).to_dict(include_version=False)
    stored = reorder(written)
    assert list(stored["root"]) != list(written["root"])  # the stored order is not the written one
    DefinitionVersion.objects.filter(pk=version.pk).update(body=stored)
    response = client.get(f"/navigation/project/{project.pk}/versions/2/")
    assert response.status_code == 200
    downloaded = json.loads(response.content)
    assert list(downloaded) == [*written, "version"] and downloaded["version"] == version.content_hash
    assert list(downloaded["root"]) == list(written["root"]) and list(written["root"])[-1] == "children"
    (child,) = downloaded["root"]["children"]
    assert list(child) == list(written["root"]["children"][0]) == ["key", "name", "ipc", "keywords"]

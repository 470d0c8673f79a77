"""Walk 25: the decomposition editor's refusals that come from the library's validation were
English on the Chinese page (技术分解无效：node 'c' is at level 4; a definition has at most 3). They
are said in the user's language now, naming the node, and nothing is saved."""

from __future__ import annotations

import pytest

from ipcity.navigation.models import DefinitionVersion, NavigationProject
from tests.web.navigation.test_pages import _create, data_dir, world  # noqa: F401 (fixtures)


@pytest.mark.parametrize(("node", "message"), [
    ({"parent_key": "c2", "key": "c3", "name": "第四级", "ipc": "H01M4/131"}, "节点“c3”在第 4 级，技术分解至多 3 级"),
    ({"parent_key": "root", "key": "c1", "name": "重复", "ipc": "H01M8*"}, "节点编号“c1”已被使用"),
    ({"parent_key": "root", "key": "none", "name": "空"}, "节点“none”没有 IPC 模式、关键词、SEI 分类或下级节点"),
    ({"parent_key": "root", "key": "ex", "name": "只排除", "keywords": "电池", "exclude": "H01M4"},
     "节点“ex”有排除的 IPC，但没有可从中排除的 IPC 模式或 SEI 分类"),
])
def test_a_refused_tree_is_named_in_chinese(client, world, node, message):  # noqa: F811
    _create(client, world)
    project = NavigationProject.objects.get()
    url = f"/navigation/project/{project.pk}/node/"
    client.post(url, {"parent_key": "root", "key": "c1", "name": "一级", "ipc": "H01M4*"})
    client.post(url, {"parent_key": "c1", "key": "c2", "name": "二级", "ipc": "H01M4/13"})
    versions = DefinitionVersion.objects.filter(project=project).count()
    response = client.post(url, node)
    page = response.content.decode()
    assert response.status_code == 422 and message in page
    assert " is " not in page.split("技术分解")[-1][:200]  # no English reason left
    assert DefinitionVersion.objects.filter(project=project).count() == versions

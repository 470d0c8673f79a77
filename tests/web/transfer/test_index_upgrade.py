"""A matching index built by an older release's word cut (before the search cut without HMM):
`ipcity migrate` builds it again, the supply page says it needs a rebuild, and a proposal over it
is refused with the way out instead of ranking on terms the need's no longer match."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from ipcity.matching.index import build_index, index_dir, index_status, outdated_indexes
from ipcity.transfer import services
from ipcity.transfer.models import Match
from tests.matching.conftest import as_built_by_the_older_cut
from tests.web.transfer.transfer_fixtures import need_input


def _made_by_the_older_cut(dataset: str, data_dir) -> None:
    as_built_by_the_older_cut(index_dir(dataset, data_dir))


def test_migrate_builds_an_older_index_again(patents_dataset):
    data_dir = patents_dataset
    build_index("authored", data_dir=data_dir)
    # and an index whose dataset was removed since: named, left, and the command still succeeds
    shutil.copytree(index_dir("authored", data_dir), index_dir("removed", data_dir))
    _made_by_the_older_cut("authored", data_dir)
    _made_by_the_older_cut("removed", data_dir)
    assert outdated_indexes(data_dir) == ["authored", "removed"]
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(IPCITY_DATA_DIR=str(data_dir), IPCITY_ENV="dev")
    done = subprocess.run([sys.executable, "-m", "ipcity", "migrate"], cwd=data_dir, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "匹配索引 authored 已按新的分词方式重建：3 件专利" in done.stdout
    assert "匹配索引 removed 建于分词方式更改之前，未能重建：没有名为 removed 的数据集" in done.stderr
    assert not index_status("authored", data_dir=data_dir).outdated
    assert outdated_indexes(data_dir) == ["removed"]


@pytest.mark.django_db
def test_the_supply_page_and_a_proposal_say_an_older_index_needs_a_rebuild(transfer_world, patents_dataset, settings):
    settings.DATA_DIR = patents_dataset
    build_index("authored", data_dir=patents_dataset)
    client = Client()
    client.force_login(transfer_world.office_a)
    assert "需重建" not in client.get(reverse("transfer:supply")).content.decode()
    _made_by_the_older_cut("authored", patents_dataset)
    page = client.get(reverse("transfer:supply")).content.decode()
    row = page[page.index('data-dataset="authored"'):]
    assert "需重建" in row[:row.index("</tr>")] and "已建立" not in row[:row.index("</tr>")]
    need = services.need_create(user=transfer_world.office_a, data=need_input())
    with pytest.raises(ValidationError, match="建于分词方式更改之前"):
        services.matches_propose(need=need, dataset="authored", user=transfer_world.office_a)
    assert not Match.objects.filter(need=need).exists()
    # the page's own rebuild button brings it back
    build_index("authored", data_dir=patents_dataset)
    assert services.matches_propose(need=need, dataset="authored", user=transfer_world.office_a)

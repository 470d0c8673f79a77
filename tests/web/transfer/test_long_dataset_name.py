"""A dataset whose name is as long as a dataset's name may be (100 characters,
``analytics.datasets.check_name``) is usable for matching: a match's column held 64 characters,
which SQLite did not enforce and PostgreSQL did (DataError), so proposing failed there alone; and
the supply page's index build refused the name (its form took 64), saying no dataset “（空）”
existed."""

from __future__ import annotations

import pyarrow as pa
import pytest
from django.test import Client
from django.urls import reverse

from ipcity.analytics import datasets, record_kinds
from ipcity.analytics.datasets import check_name
from ipcity.datasets.models import DatasetImport
from ipcity.matching.index import build_index_from_table, index_dir
from ipcity.transfer import services
from ipcity.transfer.models import Match
from tests.web.transfer.transfer_fixtures import PATENTS, need_input

NAME_MAX = DatasetImport._meta.get_field("dataset").max_length


def _longest_name() -> str:
    return check_name(("copper-foil-patents-" * 10)[:NAME_MAX - 1] + "x")


@pytest.fixture
def long_named(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    name = _longest_name()
    table = pa.table({
        "pub_number": [p[0] for p in PATENTS], "title": [p[1] for p in PATENTS], "abstract": [p[2] for p in PATENTS],
        "ipc": [p[3] for p in PATENTS], "applicants": [p[4] for p in PATENTS],
        "region_code": ["340700"] * len(PATENTS), "status": ["valid"] * len(PATENTS)})
    build_index_from_table(table, index_dir(name, tmp_path), dataset=name)
    return name


def test_proposals_from_a_dataset_with_the_longest_name_keep_it(transfer_world, long_named):
    assert len(long_named) == NAME_MAX
    need = services.need_create(user=transfer_world.office_a, data=need_input())
    proposed = services.matches_propose(need=need, dataset=long_named, user=transfer_world.office_a)
    assert proposed
    assert set(Match.objects.filter(need=need).values_list("dataset", flat=True)) == {long_named}


def test_the_index_build_takes_a_dataset_with_the_longest_name(transfer_world, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    name = _longest_name()
    # Trademarks alone: the build is refused for what the dataset holds, which shows its name was
    # read (a name the form refused reached the service empty).
    row = {"reg_number": "1", "nice_class": 9, "mark_type": "ordinary", "gi": False, "madrid": False, "office": "CN",
           "status": "registered"}
    table = pa.Table.from_pylist([{c: row.get(c) for c in record_kinds.COLUMNS["trademark"]}],
                                 schema=record_kinds.CANONICAL["trademark"])
    datasets.write_kind(name, "trademark", table, {"source": {"file": "marks.csv"}}, data_dir=tmp_path)
    office = Client()
    office.force_login(transfer_world.office_a)
    page = office.post(reverse("transfer:index_build"), {"dataset": name}, follow=True).content.decode()
    assert "没有专利记录" in page and name in page

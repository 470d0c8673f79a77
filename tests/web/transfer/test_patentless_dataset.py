"""Walk 25: a dataset of trademarks alone (``ipcity records import`` into a new dataset) was offered
as a supply dataset: its supply page printed the server's path '…/datasets/marks/records.parquet',
and a need's 生成推荐 told the office to run a command. The supply, the proposals and the index
build offer and accept datasets that hold patents only."""

from __future__ import annotations

import pyarrow as pa
from django.test import Client
from django.urls import reverse

from ipcity.analytics import datasets, record_kinds
from ipcity.matching.index import index_status
from ipcity.transfer import services
from tests.web.transfer.transfer_fixtures import need_input


def _marks(root) -> None:
    row = {"reg_number": "1", "nice_class": 9, "mark_type": "ordinary", "gi": False, "madrid": False, "office": "CN",
           "status": "registered"}
    table = pa.Table.from_pylist([{c: row.get(c) for c in record_kinds.COLUMNS["trademark"]}],
                                 schema=record_kinds.CANONICAL["trademark"])
    datasets.write_kind("marks", "trademark", table, {"source": {"file": "marks.csv"}}, data_dir=root)


def test_a_dataset_without_patents_is_neither_offered_nor_built(transfer_world, patents_dataset, settings):
    settings.DATA_DIR = patents_dataset
    _marks(patents_dataset)
    office = Client()
    office.force_login(transfer_world.office_a)
    page = office.get(reverse("transfer:supply")).content.decode()
    assert 'data-dataset="authored"' in page and 'data-dataset="marks"' not in page
    page = office.get(reverse("transfer:supply"), {"dataset": "marks"}).content.decode()
    assert "records.parquet" not in page and str(patents_dataset) not in page
    need = services.need_create(user=transfer_world.office_a, data=need_input())
    page = office.get(reverse("transfer:need", args=[need.pk])).content.decode()
    assert '<option value="authored"' in page and '<option value="marks"' not in page
    refused = office.post(reverse("transfer:index_build"), {"dataset": "marks"}, follow=True).content.decode()
    assert "没有专利记录" in refused and index_status("marks", data_dir=patents_dataset) is None

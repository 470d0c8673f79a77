"""The supply page (filters, index status, the build button) and the per-patent page, over the
three authored patents of ``patents_dataset``."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from ipcity.matching.index import index_status
from ipcity.transfer import services
from tests.web.transfer.transfer_fixtures import need_input


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_supply_filters_and_the_index_build_button(transfer_world, patents_dataset, settings):
    settings.DATA_DIR = patents_dataset
    office = _client(transfer_world.office_a)
    page = office.get(reverse("transfer:supply")).content.decode()
    assert 'data-dataset="authored"' in page and "未建立" in page
    # local (340700), in force, universities and institutes: the university's and the institute's
    # patents, not the tea company's.
    page = office.get(reverse("transfer:supply"), {"dataset": "authored", "local": "on", "in_force": "on",
                                                   "universities": "on"}).content.decode()
    assert "CN99000101A" in page and "CN99000102A" in page and "CN99000103A" not in page
    # another city's office: none of them is local to it
    page = _client(transfer_world.office_b).get(reverse("transfer:supply"), {
        "dataset": "authored", "local": "on", "in_force": "on"}).content.decode()
    assert "CN99000101A" not in page

    assert index_status("authored", data_dir=patents_dataset) is None
    response = office.post(reverse("transfer:index_build"), {"dataset": "authored"})
    assert response.status_code == 302
    assert index_status("authored", data_dir=patents_dataset).documents == 3  # huey runs immediately in tests
    refused = office.post(reverse("transfer:index_build"), {"dataset": "nope"}, follow=True).content.decode()
    assert "没有名为 nope 的数据集" in refused


def test_a_user_bound_to_no_region_names_the_holders_region(transfer_world, patents_dataset, settings):
    # The site administrator has no "local": the form asks for a region code instead.
    settings.DATA_DIR = patents_dataset
    admin = _client(transfer_world.admin)
    page = admin.get(reverse("transfer:supply")).content.decode()
    assert 'name="region"' in page and 'name="local"' not in page
    every = admin.get(reverse("transfer:supply"), {"dataset": "authored", "region": ""}).content.decode()
    assert "CN99000101A" in every
    # the province (34), then another city (341700): the patents all sit in 340700
    assert "CN99000101A" in admin.get(reverse("transfer:supply"), {"dataset": "authored", "region": "34"}).content.decode()
    assert "CN99000101A" not in admin.get(reverse("transfer:supply"), {
        "dataset": "authored", "region": "341700"}).content.decode()
    refused = admin.get(reverse("transfer:supply"), {"dataset": "authored", "region": "铜陵"}).content.decode()
    assert "不是有效的行政区划代码：铜陵" in refused and "CN99000101A" not in refused
    # an office bound to a city keeps its 本地权利人 box
    assert 'name="local"' in _client(transfer_world.office_a).get(reverse("transfer:supply")).content.decode()


def test_the_patent_page_ranks_the_needs_it_answers(transfer_world, patents_dataset, settings):
    settings.DATA_DIR = patents_dataset
    w = transfer_world
    foil = services.need_create(user=w.office_a, data=need_input())
    tea = services.need_create(user=w.office_a, data=need_input(
        enterprise="铜陵某茶业有限公司", description="绿茶揉捻和烘干工艺的改进，提高茶叶品质", industry_code="1530",
        products="绿茶"))
    page = _client(w.office_a).get(reverse("transfer:patent", args=["CN99000101A"]),
                                   {"dataset": "authored"}).content.decode()
    assert "剥离强度" in page  # the abstract, read from the dataset
    assert f'data-need="{foil.pk}"' in page and f'data-need="{tea.pk}"' not in page


def test_the_supply_page_says_what_the_index_left_out(transfer_world, patents_dataset, settings):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from ipcity.analytics import datasets
    from ipcity.matching.index import build_index

    settings.DATA_DIR = patents_dataset
    rows = datasets.read_records("authored", patents_dataset).to_pylist()
    rows[2]["office"] = "US"  # the tea patent, granted abroad
    schema = pq.read_schema(datasets.records_path("authored", patents_dataset))
    datasets.write_dataset("authored", pa.Table.from_pylist(rows, schema=schema), {"source": "authored fixture"},
                           patents_dataset)
    assert build_index("authored", data_dir=patents_dataset).left_out == 1
    page = _client(transfer_world.office_a).get(reverse("transfer:supply")).content.decode()
    assert "2 件专利" in page and "另有 1 件未收录" in page
    english = _client(transfer_world.office_a).get(reverse("transfer:supply"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "1 more not indexed" in english

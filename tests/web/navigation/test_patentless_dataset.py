"""Walk 25: a dataset that holds trademarks (or other records) but no patents was offered as a
navigation project's 专利数据集; the project was created and its analysis failed with DuckDB's
'IOException: IO Error: No files found that match the pattern "…/records.parquet"', the server's
paths shown to the office. Such a dataset is not offered, is refused with a Chinese message, and
an analysis asked of a project whose dataset holds no patents is refused before it is queued."""

from __future__ import annotations

import pyarrow as pa
import pytest

from ipcity.analytics import datasets, record_kinds
from ipcity.navigation import services
from ipcity.navigation.models import Analysis, NavigationProject
from tests.web.navigation.test_pages import _create, data_dir, world  # noqa: F401 (fixtures)


@pytest.fixture
def trademarks_only(data_dir):  # noqa: F811
    row = {"reg_number": "1", "nice_class": 9, "mark_type": "ordinary", "gi": False, "madrid": False, "office": "CN",
           "app_date": None, "status": "registered"}
    table = pa.Table.from_pylist([{c: row.get(c) for c in record_kinds.COLUMNS["trademark"]}],
                                 schema=record_kinds.CANONICAL["trademark"])
    datasets.write_kind("marks", "trademark", table, {"source": {"file": "marks.csv"}}, data_dir=data_dir)
    return "marks"


def test_a_dataset_without_patents_is_not_offered_and_is_refused(client, world, trademarks_only):  # noqa: F811
    client.force_login(world.office)
    page = client.get(f"/navigation/program/{world.program.pk}/").content.decode()
    assert '<option value="battery"' in page and '<option value="marks"' not in page
    response = _create(client, world, dataset="marks")
    assert response.status_code != 302 and not NavigationProject.objects.exists()


def test_an_analysis_over_a_dataset_without_patents_is_refused_in_words(world, trademarks_only):  # noqa: F811
    project = NavigationProject.objects.create(program=world.program, task=world.task, title="开展电池产业专利导航",
                                               dataset="marks", region=world.region, created_by=world.office)
    services.definition_save(project=project, body={"name": "电池", "root": {"key": "root", "name": "电池",
                                                                            "ipc": ["H01M"]}},
                             user=world.office, note="")
    with pytest.raises(services.NavigationInputError) as refused:
        services.analysis_request(project=project, user=world.office)
    assert "没有专利记录" in str(refused.value) and not Analysis.objects.exists()


def test_a_failed_analysis_shows_no_engine_text_or_server_path(client, world, monkeypatch):  # noqa: F811
    """The page showed the failure as the engine raised it ('IOException: IO Error: No files found
    that match the pattern "/srv/…/records.parquet"'): the server's paths and DuckDB's English."""
    from ipcity.navigation import compute

    _create(client, world)
    project = NavigationProject.objects.get()

    def broken(**kwargs):
        raise OSError('IO Error: No files found that match the pattern "/srv/ipcity/datasets/battery/records.parquet"')

    monkeypatch.setattr(compute, "run", broken)
    client.post(f"/navigation/project/{project.pk}/analyse/")
    analysis = Analysis.objects.get()
    assert analysis.status == "failed"
    assert "/srv/" not in analysis.error and "IO Error" not in analysis.error and "分析失败" in analysis.error
    page = client.get(f"/navigation/project/{project.pk}/").content.decode()
    assert "/srv/ipcity" not in page and "分析失败" in page

"""Leading inventors and citations on the analysis page (charts, tables, downloads) and in the
report; a dataset without the columns says why. Data: the authored hand world of
tests/navigation (hand_world.py) with inventors and times cited added here, numbers by hand."""

from __future__ import annotations

import csv
import io

import docx
import pyarrow as pa
import pytest

from ipcity.analytics import datasets
from ipcity.analytics.schema import CANONICAL_SCHEMA
from tests.navigation import hand_world

from .test_pages import _fast_passwords, analysed, world  # noqa: F401 - fixtures

# Hangzhou's H01M patents (the project's region and tree): c1 (A and B rows), c2, c3, and the two
# rows of foreign applicants/offices the landscape also counts (it keeps every office).
INVENTORS = {"CN1A": ("王工;李工", 2), "CN1B": ("王工;李 工", 6)}
BY_APPLICATION = {"CN2022002": ("王工;陈工", 1), "CN2020003": ("赵工", None)}


def _rows() -> list[dict]:
    rows = hand_world.rows()
    for row in rows:
        inventors, cited = INVENTORS.get(row["pub_number"]) or BY_APPLICATION.get(row["app_number"], (None, None))
        row["inventors"], row["cited_by_count"] = inventors, cited
    return rows


@pytest.fixture
def data_dir(tmp_path, settings, monkeypatch):
    root = tmp_path / "data"
    root.mkdir()
    settings.DATA_DIR = root
    monkeypatch.setenv("IPCITY_DATA_DIR", str(root))
    monkeypatch.delenv("IPCITY_SEI_RULES", raising=False)
    datasets.write_dataset("battery", pa.Table.from_pylist(_rows(), schema=CANONICAL_SCHEMA),
                           {"source": {"file": "hand.csv"}, "format": "canonical"}, root)
    plain = pa.Table.from_pylist(hand_world.rows(), schema=CANONICAL_SCHEMA)
    datasets.write_dataset("plain", plain, {"source": {"file": "plain.csv"}, "format": "canonical"}, root)
    return root


def _csv(client, project, table: str) -> list[list[str]]:
    response = client.get(f"/navigation/project/{project.pk}/download/{table}.csv")
    return list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))


def test_inventors_and_citations_show_as_charts_tables_and_downloads(client, world):  # noqa: F811
    project, analysis = analysed(client, world)
    scene = analysis.result["landscape"]
    # 王工 on c1 and c2; 李工 written two ways on c1 (shown: the first in code-point order); ranked
    # by applications, then by key
    assert scene["top_inventors"] == [{"name": "王工", "patents": 2}, {"name": "李 工", "patents": 1},
                                      {"name": "赵工", "patents": 1}, {"name": "陈工", "patents": 1}]
    # c1: max(2, 6) = 6 from its B publication; c2: 1; c3 has no count
    assert scene["citations"]["patents_with_data"] == 2 and scene["citations"]["total_cited_by"] == 7
    assert scene["citations"]["by_year"] == {"2018": {"patents": 1, "cited_by": 6},
                                             "2022": {"patents": 1, "cited_by": 1}}
    page = client.get(f"/navigation/project/{project.pk}/analysis/").content.decode()
    assert 'id="chart-inventors"' in page and 'id="chart-citations"' in page and 'id="no-inventors"' not in page
    assert "有被引用数据的专利2件，共被引用7次。" in page
    assert _csv(client, project, "top_inventors") == [["发明人", "专利"], ["王工", "2"], ["李 工", "1"], ["赵工", "1"],
                                                       ["陈工", "1"]]
    assert _csv(client, project, "most_cited") == [["公开号", "名称", "被引用次数"], ["CN1B", "一种农具", "6"],
                                                    [scene["citations"]["most_cited"][1]["pub_number"], "一种农具", "1"]]
    assert _csv(client, project, "citations_by_year")[1:] == [["2018", "1", "6"], ["2022", "1", "1"]]


def test_the_report_has_the_inventor_and_citation_charts_with_their_data(client, world):  # noqa: F811
    from ipcity.navigation.report import render

    project, analysis = analysed(client, world)
    document = docx.Document(io.BytesIO(render(project, analysis.result, "docx", version_number=1,
                                               dataset_version=analysis.dataset_version)))
    text = "".join(p.text for p in document.paragraphs)
    assert "图3 本地主要发明人" in text and "图4 本地专利被引用次数（按申请年）" in text
    tables = ["".join(c.text for row in t.rows for c in row.cells) for t in document.tables]
    assert any("CN1B" in t and "6" in t for t in tables)  # 表4 本地高被引专利
    assert any("王工" in t and "李 工" in t for t in tables)  # the appendix: 图3's data


def test_a_dataset_without_the_columns_says_why(client, world):  # noqa: F811
    project, analysis = analysed(client, world, dataset="plain")
    assert analysis.result["landscape"]["top_inventors"] is None
    page = client.get(f"/navigation/project/{project.pk}/analysis/").content.decode()
    assert 'id="no-inventors"' in page and 'id="no-citations"' in page and 'id="chart-inventors"' not in page
    assert "导出数据不含发明人，未统计主要发明人。" in page
    assert _csv(client, project, "top_inventors") == [["发明人", "专利"]]

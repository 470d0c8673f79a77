"""The analysis tables say in words what the engine stores as codes (field test 2026-12-06: the
合作申请网络 tables showed ``False``, ``local-outside`` and ``individual`` on the page and in the
downloads, in both languages)."""

from __future__ import annotations

import csv
import io

from django.utils import translation

from tests.web.navigation.test_pages import analysed, data_dir, world  # noqa: F401  (fixtures)

CODES = ("True", "False", "local-outside", "local-local", "outside-outside", "enterprise", "university",
         "institute", "individual")


def _csv(client, project, name):
    body = client.get(f"/navigation/project/{project.pk}/download/{name}.csv").getvalue().decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


def test_network_tables_name_flags_kinds_and_types_in_words(client, world):  # noqa: F811
    project, _analysis = analysed(client, world)
    edges = _csv(client, project, "network_edges")
    assert edges[0][3:5] == ["产学研", "本地/外地"]
    cells = {c for row in edges[1:] for c in row[3:5]}
    assert cells and not cells & set(CODES), cells
    # 杭州甲电池 (local enterprise) with 浙江大学 (a university elsewhere): 产学研, 本地—外地
    assert {"是", "否"} & cells and "本地—外地" in cells
    nodes = _csv(client, project, "network_nodes")
    types = {row[1] for row in nodes[1:]} | {row[3] for row in nodes[1:]}
    assert types and not types & set(CODES), types
    assert "企业" in types and "高校" in types
    page = client.get(f"/navigation/project/{project.pk}/analysis/").content.decode()
    table = page[page.index('id="table-network_edges"'):]
    table = table[: table.index("</table>")]
    assert not any(f"<td>{code}</td>" in table for code in CODES)


def test_the_english_page_says_the_same_words_in_english(client, world):  # noqa: F811
    project, _analysis = analysed(client, world)
    with translation.override("en"):
        page = client.get(f"/navigation/project/{project.pk}/analysis/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    table = page[page.index('id="table-network_nodes"'):]
    table = table[: table.index("</table>")]
    assert "<td>Enterprise</td>" in table and "<td>University</td>" in table
    assert not any(f"<td>{code}</td>" in table for code in CODES)


def test_shares_and_growth_read_as_percentages_on_the_page_and_stay_fractions_in_the_csv(client, world):  # noqa: F811
    """Field test 2026-12-06: 本地占比 0.03 and 本地年均增长 -0.0543 on the page read as tiny numbers."""
    project, _analysis = analysed(client, world)
    page = client.get(f"/navigation/project/{project.pk}/analysis/").content.decode()
    table = page[page.index('id="table-position"'):]
    root = table[table.index("<td>root</td>"):]
    root = root[: root.index("</tr>")]
    cells = [c.split("</td>")[0] for c in root.split("<td>")[1:]]
    # 本地占比 (column 5) and 全国占比 (column 10) as percentages with one decimal
    assert cells[4].endswith("%") and cells[9].endswith("%"), cells
    rows = _csv(client, project, "position")
    assert not rows[1][4].endswith("%") and float(rows[1][4]) <= 1

"""Issue 15: the analysis compares the city's landscape with its province's and the country's.
The analysis stores the province's and the country's landscapes (one pass with the city's,
``landscape.landscapes``); the page shows the kind and legal-status mixes, the concentration, the
life cycle and the leading applicants side by side, each equal to the library's landscape of that
scope; an analysis stored before has the city's alone, the page says so and asking again
computes it afresh. The hand world's 电池 patents: 杭州 and 宁波 (浙江) and 北京."""

from __future__ import annotations

import csv
import io

import pytest

from ipcity import divisions
from ipcity.analytics import datasets
from ipcity.analytics import engine as engines
from ipcity.analytics.navigation.definition import Definition
from ipcity.analytics.navigation.landscape import landscape
from ipcity.navigation import compute
from ipcity.navigation.models import Analysis
from tests.web.navigation.test_pages import analysed, data_dir, world  # noqa: F401  (fixtures)

COMPARED = ("patents", "kinds", "legal_status", "concentration", "life_cycle", "top_applicants")


def _csv(client, project, name):
    response = client.get(f"/navigation/project/{project.pk}/download/{name}.csv")
    assert response.status_code == 200, name
    return list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))


def _library(project, analysis, region: str) -> dict:
    """The landscape of one scope as the library gives it on its own (``landscape``, one region)."""
    engine = engines.connect("duckdb")
    try:
        records = engine.read_records(datasets.records_path(project.dataset))
        return landscape(engine, records, Definition.from_dict(analysis.version.body), region)
    finally:
        engine.close()


def test_the_analysis_stores_the_provinces_and_the_countrys_landscapes(client, world):  # noqa: F811
    project, analysis = analysed(client, world)
    scopes = analysis.result["landscape_scopes"]
    assert set(scopes) == {"province", "country"}
    for name, code in (("province", "330000"), ("country", divisions.COUNTRY)):
        alone = _library(project, analysis, code)
        for key in COMPARED:
            assert scopes[name][key] == alone[key], (name, key)
        assert "applicant_merges" not in scopes[name]  # the aliases page reads the city's merges
    city, province, country = (s["patents"] for s in (analysis.result["landscape"], scopes["province"],
                                                       scopes["country"]))
    assert 0 < city < province < country  # 杭州 ⊂ 浙江 (with 宁波) ⊂ the country (with 北京)


def test_the_page_shows_the_city_beside_its_province_and_the_country(client, world):  # noqa: F811
    project, analysis = analysed(client, world)
    scenes = {"本地": analysis.result["landscape"], "本省": analysis.result["landscape_scopes"]["province"],
              "全国": analysis.result["landscape_scopes"]["country"]}
    page = client.get(f"/navigation/project/{project.pk}/analysis/").content.decode()
    assert 'id="no-comparison"' not in page
    for name in ("kinds", "legal_status", "concentration", "life_cycle", "life_cycle_stages",
                 "top_applicants_scopes"):
        assert f'id="table-{name}"' in page, name
    words = {"invention": "发明", "utility": "实用新型", "design": "外观设计"}
    kinds = _csv(client, project, "kinds")
    assert kinds[0] == ["专利类型", "本地专利", "本地占比", "本省专利", "本省占比", "全国专利", "全国占比"]
    for i, scope in enumerate(scenes.values()):
        counts = {r[0]: int(r[1 + 2 * i]) for r in kinds[1:] if int(r[1 + 2 * i])}
        assert counts == {words[k]: n for k, n in scope["kinds"].items()}
        assert abs(sum(float(r[2 + 2 * i]) for r in kinds[1:]) - 1) < 1e-3
    concentration = {r[0]: r[1:] for r in _csv(client, project, "concentration")[1:]}
    assert list(concentration) == list(scenes)
    for word, scene in scenes.items():
        assert float(concentration[word][0]) == round(scene["concentration"]["cr4"], 4)
        assert int(concentration[word][3]) == scene["concentration"]["applicants"]
    cycle = _csv(client, project, "life_cycle")
    assert cycle[0] == ["年份", "本地申请量", "本地申请人数", "本省申请量", "本省申请人数", "全国申请量", "全国申请人数"]
    for i, scene in enumerate(scenes.values()):
        per_year = {y["year"]: [y["filings"], y["applicants"]] for y in scene["life_cycle"]["per_year"]}
        shown = {int(r[0]): [int(r[1 + 2 * i]), int(r[2 + 2 * i])] for r in cycle[1:]}
        assert {y: v for y, v in shown.items() if v != [0, 0]} == per_year
    stages = _csv(client, project, "life_cycle_stages")
    assert [(r[0], int(r[1])) for r in stages[1:]] == [
        (w, sum(y["filings"] for y in s["life_cycle"]["per_year"])) for w, s in scenes.items()]
    leaders = _csv(client, project, "top_applicants_scopes")
    assert leaders[0] == ["排名", "本地申请人", "本地专利", "本省申请人", "本省专利", "全国申请人", "全国专利"]
    for i, scene in enumerate(scenes.values()):
        assert [(r[1 + 2 * i], int(r[2 + 2 * i])) for r in leaders[1:] if r[1 + 2 * i]] == [
            (a["name"], a["patents"]) for a in scene["top_applicants"]]


def test_an_analysis_stored_before_the_comparison_says_so_and_is_computed_again(client, world):  # noqa: F811
    project, analysis = analysed(client, world)
    stored = dict(analysis.result)
    stored.pop("landscape_scopes")
    Analysis.objects.filter(pk=analysis.pk).update(result=stored)
    page = client.get(f"/navigation/project/{project.pk}/analysis/").content.decode()
    assert 'id="no-comparison"' in page
    assert 'id="table-top_applicants_scopes"' not in page and 'id="table-life_cycle_stages"' not in page
    assert _csv(client, project, "kinds")[0] == ["专利类型", "专利", "占比"]  # the city's alone, as before
    assert client.get(f"/navigation/project/{project.pk}/download/life_cycle_stages.csv").status_code == 404
    # asking again for the same version and data computes it afresh rather than serving the old result
    client.post(f"/navigation/project/{project.pk}/analyse/")
    again = Analysis.objects.get()
    assert again.pk == analysis.pk and again.status == "done" and compute.is_current(again.result)
    assert 'id="no-comparison"' not in client.get(f"/navigation/project/{project.pk}/analysis/").content.decode()


@pytest.mark.parametrize(("region", "scopes"), [
    ("330100", {"province": "330000", "country": divisions.COUNTRY}),
    ("330106", {"province": "330000", "country": divisions.COUNTRY}),
    ("330000", {"country": divisions.COUNTRY}),  # a province's programme: no province beside itself
])
def test_the_scopes_compared_with_a_region(region, scopes):
    assert compute.comparison_scopes(region) == scopes


def test_the_report_compares_the_city_with_its_province_and_the_country(client, world):  # noqa: F811
    import docx

    project, analysis = analysed(client, world)
    response = client.get(f"/navigation/project/{project.pk}/report.docx")
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.getvalue()))
    text = "".join(p.text for p in document.paragraphs)
    assert "表3 本地与本省、全国产业格局对比" in text
    (table,) = [t for t in document.tables if t.rows[0].cells[0].text == "指标"]
    assert [c.text for c in table.rows[0].cells] == ["指标", "本地", "本省", "全国"]
    rows = {r.cells[0].text: [c.text for c in r.cells[1:]] for r in table.rows[1:]}
    scopes = analysis.result["landscape_scopes"]
    scenes = [analysis.result["landscape"], scopes["province"], scopes["country"]]
    assert rows["专利（件）"] == [str(s["patents"]) for s in scenes]
    assert rows["申请量最多的申请人"] == [s["top_applicants"][0]["name"] for s in scenes]
    assert rows["CR4"] == [f"{s['concentration']['cr4'] * 100:.1f}%" for s in scenes]
    # the tables after it are numbered on
    assert "表3 本地申请人的主要外地合作伙伴" not in text


def test_a_provinces_programme_is_compared_with_the_country_alone(client, world):  # noqa: F811
    """A province's programme has no province beside itself (``comparison_scopes``): the stored
    result holds the country's landscape only, and the tables and the report name 本地与全国."""
    import docx

    project, analysis = analysed(client, world)
    stored = dict(analysis.result)
    stored["landscape_scopes"] = {"country": stored["landscape_scopes"]["country"]}
    Analysis.objects.filter(pk=analysis.pk).update(result=stored)
    page = client.get(f"/navigation/project/{project.pk}/analysis/").content.decode()
    assert "专利类型构成（本地与全国）" in page and "本省" not in page.split('id="table-kinds"')[1].split("</table>")[0]
    assert _csv(client, project, "kinds")[0] == ["专利类型", "本地专利", "本地占比", "全国专利", "全国占比"]
    assert [r[0] for r in _csv(client, project, "concentration")[1:]] == ["本地", "全国"]
    response = client.get(f"/navigation/project/{project.pk}/report.docx")
    text = "".join(p.text for p in docx.Document(io.BytesIO(response.getvalue())).paragraphs)
    assert "表3 本地与全国产业格局对比" in text


def test_the_scopes_read_in_one_order_whatever_order_the_database_kept(client, world):  # noqa: F811
    """PostgreSQL's jsonb stores a mapping's keys shortest first (city, country, province), not as
    written: the tables, the downloads and the report still read 本地, 本省, 全国. Stored here as
    jsonb reads it back (country before province), which SQLite keeps as given."""
    import docx

    project, analysis = analysed(client, world)
    stored = dict(analysis.result)
    scopes = stored["landscape_scopes"]
    stored["landscape_scopes"] = {"country": scopes["country"], "province": scopes["province"]}
    Analysis.objects.filter(pk=analysis.pk).update(result=stored)
    assert list(Analysis.objects.get(pk=analysis.pk).result["landscape_scopes"]) == ["country", "province"]
    page = client.get(f"/navigation/project/{project.pk}/analysis/").content.decode()
    assert "专利类型构成（本地与本省、全国）" in page
    assert _csv(client, project, "kinds")[0] == ["专利类型", "本地专利", "本地占比", "本省专利", "本省占比",
                                                 "全国专利", "全国占比"]
    assert [r[0] for r in _csv(client, project, "concentration")[1:]] == ["本地", "本省", "全国"]
    response = client.get(f"/navigation/project/{project.pk}/report.docx")
    document = docx.Document(io.BytesIO(response.getvalue()))
    (table,) = [t for t in document.tables if t.rows[0].cells[0].text == "指标"]
    assert [c.text for c in table.rows[0].cells] == ["指标", "本地", "本省", "全国"]

"""The analysis page shows the whole landscape of the city, not only its trend (audit 2026-12-07:
the kind and legal-status mixes, the main groups, CR4/CR8/HHI and the life cycle were computed and
stored but shown nowhere in the platform, only by ``ipcity navigate landscape``): each is a table
on the page, in words, with its CSV/XLSX download, equal to the stored landscape."""

from __future__ import annotations

import csv
import io

from django.utils import translation

from ipcity.navigation.models import Analysis
from ipcity.navigation.tables import life_cycle_sentence
from tests.web.navigation.test_pages import analysed, data_dir, world  # noqa: F401  (fixtures)

NEW_TABLES = ("kinds", "legal_status", "ipc_main_groups", "concentration", "life_cycle")


def _csv(client, project, name):
    response = client.get(f"/navigation/project/{project.pk}/download/{name}.csv")
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))


def _table(page: str, name: str) -> str:
    table = page[page.index(f'id="table-{name}"'):]
    return table[: table.index("</table>")]


def test_the_page_shows_every_landscape_table_equal_to_the_stored_landscape(client, world):  # noqa: F811
    project, analysis = analysed(client, world)
    scene = analysis.result["landscape"]
    assert scene["patents"] > 0
    page = client.get(f"/navigation/project/{project.pk}/analysis/").content.decode()
    for name in NEW_TABLES:
        assert f'id="table-{name}"' in page, name
        assert f"/navigation/project/{project.pk}/download/{name}.xlsx" in page
    # the mixes, in words, with the counts the engine stored
    kinds = _csv(client, project, "kinds")
    # the city's columns first, then its province's and the country's (test_landscape_comparison.py)
    assert kinds[0][:3] == ["专利类型", "本地专利", "本地占比"]
    words = {"invention": "发明", "utility": "实用新型", "design": "外观设计"}
    assert {r[0]: int(r[1]) for r in kinds[1:] if int(r[1])} == {words[k]: n for k, n in scene["kinds"].items()}
    assert abs(sum(float(r[2]) for r in kinds[1:]) - 1) < 1e-3
    status = _csv(client, project, "legal_status")
    status_words = {"valid": "有效", "invalid": "失效", "pending": "审中"}
    assert {r[0]: int(r[1]) for r in status[1:] if int(r[1])} == {
        status_words[k]: n for k, n in scene["legal_status"].items()}
    assert "<td>pending</td>" not in _table(page, "legal_status")
    groups = _csv(client, project, "ipc_main_groups")
    assert [(r[0], int(r[1])) for r in groups[1:]] == [(g["code"], g["patents"]) for g in scene["ipc_main_groups"]]
    # concentration: fractions in the download, percentages on the page
    conc = next(r[1:] for r in _csv(client, project, "concentration")[1:] if r[0] == "本地")
    assert float(conc[0]) == round(scene["concentration"]["cr4"], 4)
    assert float(conc[2]) == round(scene["concentration"]["hhi"], 4)
    assert int(conc[3]) == scene["concentration"]["applicants"]
    assert f"{scene['concentration']['cr4'] * 100:.1f}%" in _table(page, "concentration")
    # the life cycle: every year's filings and applicants, and the sentence on the fit
    cycle = _csv(client, project, "life_cycle")
    assert [[int(c) for c in r[:3]] for r in cycle[1:] if int(r[0]) in {y["year"] for y in scene["life_cycle"]["per_year"]}] == [
        [y["year"], y["filings"], y["applicants"]] for y in scene["life_cycle"]["per_year"]]
    assert life_cycle_sentence(scene["life_cycle"]) in page


def test_the_life_cycle_sentence_names_the_fit_and_the_unpublished_months_or_why_there_is_none():
    fitted = {"per_year": [{"year": 2010, "filings": 1, "applicants": 1}], "complete_through": 2023,
              "fit": {"K": 1002.4, "midpoint": 2015.04, "rate": 0.6012, "r2": 0.9987, "years": [2008, 2023]},
              "stage": "maturity"}
    with translation.override("zh-hans"):
        assert life_cycle_sentence(fitted) == (
            "按2008—2023年累计申请量拟合逻辑斯蒂曲线：饱和量约1002件，增长中点约为2015.0年，增长率0.601（R²=0.999），"
            "处于成熟期。最近18个月的申请尚未全部公开，2023年以后的年份未计入拟合。")
        short = {"per_year": fitted["per_year"], "complete_through": 2023, "fit": None, "stage": None}
        assert life_cycle_sentence(short) == "截至2023年的完整年份不足8年，不拟合生命周期曲线。"
        assert life_cycle_sentence({"per_year": [], "fit": None}) == "本地没有该产业的专利申请，未作生命周期分析。"
        sparse = {**short, "no_stage": "few_filings", "filings_fitted": 4, "years_with_filings": 4}
        assert life_cycle_sentence(sparse) == (
            "截至2023年的完整年份中只有4件申请，分布在4个年份（拟合至少需要30件、5个年份），数据过少，"
            "不拟合生命周期曲线，不判断所处阶段。")
        poor = {**fitted, "fit": {**fitted["fit"], "r2": 0.32}, "stage": None, "no_stage": "poor_fit"}
        assert "R²=0.320，低于0.9" in life_cycle_sentence(poor) and "不判断所处阶段" in life_cycle_sentence(poor)
        assert "处于" not in life_cycle_sentence(poor)
        far = {**fitted, "fit": {**fitted["fit"], "midpoint": 2096.5}, "stage": None, "no_stage": "midpoint_outside"}
        assert "增长中点约为2096.5年，远在数据年份之外" in life_cycle_sentence(far)
        assert "处于" not in life_cycle_sentence(far)
    with translation.override("en"):
        assert "logistic" in life_cycle_sentence(fitted) and "18 months" in life_cycle_sentence(fitted)


def test_the_industrys_distribution_over_provinces_and_cities_is_a_table(client, world):  # noqa: F811
    """Audit 2026-12-07: where the industry's patents are (issue 15, 区域分布 by province and city)
    was only ``ipcity navigate landscape``'s ``regions``. The hand world's 电池 patents: 杭州 and
    宁波 (浙江) and 北京 (tests/navigation/hand_world.py)."""
    project, analysis = analysed(client, world)
    regions = analysis.result["position"]["regions"]
    provinces = _csv(client, project, "industry_provinces")
    assert provinces[0] == ["地区代码", "地区", "专利", "占比"]
    assert [(r[0], r[1], int(r[2])) for r in provinces[1:]] == [
        (r["code"], r["name"], r["patents"]) for r in regions["provinces"]]
    assert {r[1] for r in provinces[1:]} == {"浙江省", "北京市"}
    cities = {r[1]: int(r[2]) for r in _csv(client, project, "industry_cities")[1:]}
    assert set(cities) >= {"杭州市", "宁波市"}
    assert sum(cities.values()) <= sum(int(r[2]) for r in provinces[1:])
    page = client.get(f"/navigation/project/{project.pk}/analysis/").content.decode()
    assert 'id="table-industry_provinces"' in page and 'id="table-industry_cities"' in page


def test_an_analysis_stored_before_the_distribution_shows_no_such_table(client, world):  # noqa: F811
    project, analysis = analysed(client, world)
    analysis.result["position"].pop("regions")
    Analysis.objects.filter(pk=analysis.pk).update(result=analysis.result)
    page = client.get(f"/navigation/project/{project.pk}/analysis/")
    assert page.status_code == 200 and 'id="table-industry_provinces"' not in page.content.decode()
    assert client.get(f"/navigation/project/{project.pk}/download/industry_provinces.csv").status_code == 404


def test_a_sentence_written_in_the_pages_language_is_not_marked_chinese(client, world):  # noqa: F811
    """The findings' sentences come from the library in Chinese (``lang="zh"``); the sentences the
    page writes itself (life cycle, concentration, where the industry is, no inventors or
    citations in the export) are in the page's language, so an English one must not be marked
    Chinese for a screen reader."""
    import lxml.html

    project, _analysis = analysed(client, world)
    client.cookies["django_language"] = "en"
    doc = lxml.html.document_fromstring(client.get(f"/navigation/project/{project.pk}/analysis/").content.decode())

    def finding(name: str):
        (p,) = doc.xpath(f"//section[@aria-labelledby='t-{name}']/p[contains(@class, 'finding')]")
        return p

    for name in ("life_cycle", "concentration", "industry_provinces"):
        p = finding(name)
        assert p.get("lang") is None and not p.xpath("ancestor::*[@lang='zh']"), name
        assert not any("\u4e00" <= ch <= "\u9fff" for ch in p.text_content()), p.text_content()
    assert finding("gaps").get("lang") == "zh"

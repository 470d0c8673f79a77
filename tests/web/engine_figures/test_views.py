"""The office previews and records a computed figure on the indicator page; nobody else can."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ipcity.monitoring import engine_figures
from ipcity.monitoring.models import IndicatorActual
from tests.web.engine_figures.conftest import DATASET, POPULATION, REGION, YEAR, load_population_table

pytestmark = pytest.mark.django_db


def _urls(world, name="high_value"):
    ind = world.indicators[name]
    return (reverse("monitoring:indicator", args=[world.program.pk, ind.pk]),
            reverse("monitoring:computed", args=[world.program.pk, ind.pk]))


def _post(**change):
    return {"dataset": DATASET, "region_code": REGION, "year": YEAR, "key": "high_value_per_10k",
            "sei_mode": "ipc_only", "pledge_threshold": "", "population": "", "note": "", "action": "preview", **change}


def test_the_office_sees_the_form_with_the_datasets_and_a_suggested_key(client, world, data_dir):
    page_url, form_url = _urls(world)
    client.force_login(world.office)
    page = client.get(page_url).content.decode()
    assert "从知识产权数据计算" in page and "data-computed-form" in page and form_url in page
    assert f'<option value="{DATASET}"' in page and "hz-export.csv" in page
    assert '<option value="high_value_per_10k" lang="zh" selected>' in page  # suggested by the indicator's name
    assert f'value="{REGION}"' in page  # the programme's region by default


@pytest.mark.parametrize("who", ["reporter", "leader"])
def test_a_reporter_or_leader_can_neither_see_nor_post_the_form(client, world, data_dir, who):
    page_url, form_url = _urls(world)
    client.force_login(getattr(world, who))
    page = client.get(page_url).content.decode()
    assert "data-computed-form" not in page and "从知识产权数据计算" not in page
    assert client.get(form_url).status_code == 403
    assert client.post(form_url, _post(action="record", population=POPULATION)).status_code == 403
    assert not IndicatorActual.objects.exists()


def test_preview_shows_the_figure_warnings_and_lineage_and_writes_nothing(client, world, data_dir):
    _, form_url = _urls(world)
    client.force_login(world.office)
    response = client.post(form_url, _post(population=POPULATION), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200 and "data-computed-preview" in body
    assert 'data-value="0.5"' in body  # 1 high-value patent / 20,000 residents × 10,000
    assert "hz-export.csv" in body and "20,000 人（计算时填写）" in body
    # The engine's warnings, shown beside the figure in the page's language (not the CLI's English
    # with its --sei-rules flag).
    assert "未提供战略性新兴产业（SEI）对照表" in body and "the sei criterion is not applied" not in body
    assert "<html" not in body  # the form's body only, for HTMX
    assert not IndicatorActual.objects.exists()


def test_record_saves_a_computed_value_and_the_page_shows_its_badge_and_lineage(client, world, data_dir):
    version = load_population_table(data_dir)
    page_url, form_url = _urls(world)
    client.force_login(world.office)
    response = client.post(form_url, _post(action="record", note="年度核算"))
    assert response.status_code == 302 and response["Location"] == page_url
    actual = IndicatorActual.objects.get()
    assert actual.value == 0.5 and actual.computed and actual.note == "年度核算"
    assert actual.lineage["reference"]["population"]["version"] == version
    page = client.get(page_url).content.decode()
    assert "data-computed" in page and "计算值" in page and "data-lineage" in page
    assert f"人口表 {version}" in page and DATASET in page and "专利数据计算" in page


def test_record_through_htmx_redirects_to_the_indicator_page(client, world, data_dir):
    page_url, form_url = _urls(world, "pct")
    client.force_login(world.office)
    response = client.post(form_url, _post(action="record", key="pct_applications"), HTTP_HX_REQUEST="true")
    assert response.status_code == 204 and response["HX-Redirect"] == page_url
    assert IndicatorActual.objects.get().value == 1


def test_a_null_figure_is_refused_on_the_form_and_nothing_is_written(client, world, data_dir):
    _, form_url = _urls(world)
    client.force_login(world.office)
    body = client.post(form_url, _post(action="record")).content.decode()
    assert "缺少 330100 地区 2024 年末常住人口" in body
    assert not IndicatorActual.objects.exists()


def test_without_datasets_the_office_is_told_how_to_import_one(client, world, data_dir):
    from ipcity.analytics import datasets

    datasets.delete_dataset(DATASET, data_dir)
    page_url, _ = _urls(world)
    client.force_login(world.office)
    page = client.get(page_url).content.decode()
    assert "data-no-datasets" in page and "data-computed-form" not in page
    assert engine_figures.dataset_choices() == []


def test_the_form_adds_no_query_to_the_indicator_page(client, world, data_dir,
                                                                 django_assert_max_num_queries):
    page_url, _ = _urls(world)
    client.force_login(world.office)
    client.get(page_url)
    # 14 before the form existed: the form reads manifests from disk and the region already loaded;
    # +1 since issue 14: the catalogue of standard indicators, read once for the office for both the
    # "can be computed from records" suggestion and the form's figure choices; +1 for the
    # platform's name in the page's header (web.site_words)
    with django_assert_max_num_queries(16):
        assert client.get(page_url).status_code == 200


def test_without_javascript_the_preview_is_a_whole_page(client, world, data_dir):
    _, form_url = _urls(world, "pct")
    client.force_login(world.office)
    body = client.post(form_url, _post(key="pct_applications")).content.decode()
    assert "<html" in body and "data-computed-preview" in body and 'data-value="1.0"' in body
    assert not IndicatorActual.objects.exists()


@pytest.mark.parametrize("years,default", [(range(2015, 2021), 2020), (range(2100, 2106), 2100)])
def test_the_default_year_is_the_last_plan_year_already_over(years, default):
    from ipcity.monitoring.forms_engine_figures import last_complete_year

    assert last_complete_year(years) == default


def test_the_preview_names_a_sample_population_table_as_sample_data(client, world, data_dir):
    """A reference table loaded with a note (the demo's says its figures are invented) is named with
    that note beside the figure it fed: the demo's 示例市 figures read as sample data, not statistics."""
    from ipcity.analytics import reference

    path = data_dir / "population.csv"
    path.write_text(f"行政区划代码,年份,年末常住人口（人）\n{REGION},{YEAR},{POPULATION}\n", encoding="utf-8")
    version = reference.load_population(path, data_dir, note="示例数据：虚构的人口数")
    _, form_url = _urls(world)
    client.force_login(world.office)
    body = client.post(form_url, _post(), HTTP_HX_REQUEST="true").content.decode()
    assert 'data-value="0.5"' in body
    assert f'20,000 人（人口表 {version} · <span lang="zh">示例数据：虚构的人口数</span>）' in body


@pytest.mark.parametrize(("warning", "words"), [
    ({"code": "unattributed", "rows": 155, "message": "155 domestic CN rows have no region code"},
     "155 条国内专利记录没有行政区划代码，地址也未写明地区：未计入任何地区"),
    ({"code": "tm_invalid_without_lapse", "rows": 671, "message": "671 trademarks have status invalid"},
     "671 件商标状态为无效但没有失效日期：不计入任何年份的有效量"),
    ({"code": "past_term_without_lapse", "rows": 12, "message": "12 inventions counted in force"},
     "12 件计为有效的发明专利自申请日起已满 20 年且没有失效日期：除非期限获得补偿，保护期已届满，请核对数据的法律状态"),
    ({"code": "something_new", "message": "an engine note without words yet"}, "an engine note without words yet"),
])
def test_engine_warnings_are_put_into_the_pages_words(warning, words):
    """Each warning code the engine writes has its sentence; an unknown one is shown as written."""
    from django.utils import translation

    from ipcity.monitoring.templatetags.monitoring_engine_figures import lineage_rows

    with translation.override("zh-hans"):
        rows = lineage_rows({"key_label": "每万人口高价值发明专利拥有量", "key": "high_value_per_10k",
                             "warnings": [warning]})
    assert rows[-1] == ("提示", words)


def test_an_untranslated_warning_on_an_english_page_keeps_the_engines_english():
    """Until the catalogue has English words for a warning, an English page shows the engine's own
    sentence rather than the Chinese one."""
    from django.utils import translation

    from ipcity.monitoring.labels import ENGINE_WARNINGS, engine_warning_text

    ENGINE_WARNINGS["test_only_code"] = "仅供测试的提示：%(rows)s 行"
    try:
        warning = {"code": "test_only_code", "rows": 1200, "message": "1200 rows: a test-only note"}
        with translation.override("en"):
            assert engine_warning_text(warning) == "1200 rows: a test-only note"
        with translation.override("zh-hans"):
            assert engine_warning_text(warning) == "仅供测试的提示：1,200 行"
    finally:
        del ENGINE_WARNINGS["test_only_code"]


def test_a_warning_about_one_kind_of_record_is_shown_beside_that_kinds_figures_only():
    """records_unattributed names its kind: a pledge figure shows it (in the page's words), a patent
    figure computed from the same dataset does not."""
    from django.utils import translation

    from ipcity.monitoring.templatetags.monitoring_engine_figures import lineage_rows

    warning = {"code": "records_unattributed", "kind": "pledge", "party": "pledgor", "rows": 3,
               "message": "3 pledge records whose pledgor is domestic have no region code"}
    words = "3 条记录的国内当事人没有行政区划代码，地址和名称也未写明地区：未计入任何地区"
    with translation.override("zh-hans"):
        pledge = lineage_rows({"key_label": "知识产权质押登记数", "key": "pledge_count", "formula": {"text": "pledge_count", "terms": {"2025": {"pledge_count": 4}}},
                               "warnings": [warning]})
        patent = lineage_rows({"key_label": "有效发明专利拥有量", "key": "invention_valid", "formula": {"text": "invention_valid", "terms": {"2025": {"invention_valid": 9}}},
                               "warnings": [warning]})
    assert ("提示", words) in pledge
    assert all(text != words for _label, text in patent)

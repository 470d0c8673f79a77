"""The white paper recomputes the patent figures from the dataset behind a computed indicator,
year by year, for the city and its province; the numbers are the engine's."""

from __future__ import annotations

import pytest

from ipcity.monitoring import engine_figures
from ipcity.reports.build import build_report
from tests.web.engine_figures.conftest import DATASET, HAND_COUNT, REGION, YEAR, data_dir, world  # noqa: F401

from . import layout

pytestmark = pytest.mark.django_db


def test_whitepaper_series_are_the_engine_figures(world, data_dir):  # noqa: F811
    indicator = world.indicators["pct"]
    engine_figures.actual_value_from_patents(indicator=indicator, user=world.office, dataset=DATASET, region_code=REGION,
                                       year=YEAR, key="pct_applications")
    built = build_report(program=world.program, kind="whitepaper", year=YEAR, fmt="pdf",
                         text="本市知识产权创造质量稳步提升。\n专利转化运用成效明显。")
    (series,) = built.snapshot["series"]
    assert series["id"] == indicator.pk and series["key"] == "pct_applications"
    city = dict(series["city"])
    assert city[YEAR] == HAND_COUNT["pct_applications"] == series["latest"]
    assert min(city) == world.program.start_year - 1 and max(city) == YEAR
    assert built.source["datasets"] == [DATASET]
    # the province series is computed the same way (330000 holds the city's records)
    assert dict(series["province"])[YEAR] >= city[YEAR]
    text = "".join(p.extract_text() for p in layout.pages(built.content))
    assert "白皮书" in text and "PCT专利申请量" in text
    assert "本市知识产权创造质量稳步提升。" in text.replace("\n", "") and built.snapshot["text"].startswith("本市")
    assert layout.missing_glyphs(built.content) == []


# By hand, for 杭州市 (all rows in 西湖区 but row 7): in force = rows 1–4, row 5 until its lapse in
# 2023, row 10 from its grant in 2024 → 2021: 5, 2022: 5, 2023: 4, 2024: 5; 浙江省 the same. The
# country adds row 7 (上海市黄浦区, granted 2018, in force throughout) → 6, 6, 5, 6.
CITY_VALID = {2021: 5, 2022: 5, 2023: 4, 2024: 5}
COUNTRY_VALID = {2021: 6, 2022: 6, 2023: 5, 2024: 6}


def _valid_from(world, dataset: str):  # noqa: F811 (the fixture's name)
    indicator = world.indicators["valid"]
    engine_figures.actual_value_from_patents(indicator=indicator, user=world.office, dataset=dataset,
                                             region_code=REGION, year=YEAR, key="invention_valid")
    return indicator


def _zhejiang_only(data_dir):  # noqa: F811
    from tests.web.engine_figures.conftest import patent_rows, write_patents

    rows = [r for r in patent_rows() if r["region_code"] != "310101"]
    write_patents(data_dir, name="zj-only", rows=rows)
    return "zj-only"


def _composed(program, year=YEAR):
    from ipcity.reports.compose import compose
    from ipcity.reports.snapshot import whitepaper

    snapshot, source = whitepaper.build(program=program, year=year)
    return snapshot, source, compose(snapshot)


def _text(doc) -> str:
    return "".join(b.get("text", "") for b in doc.blocks)


def test_a_dataset_of_two_provinces_gives_the_country_by_the_same_computation(world, data_dir):  # noqa: F811
    _valid_from(world, DATASET)
    built = build_report(program=world.program, kind="whitepaper", year=YEAR, fmt="pdf")
    (series,) = built.snapshot["series"]
    assert series["country_source"] == "records" and series["country_provinces"] == 2
    assert dict(series["city"]) == CITY_VALID and dict(series["province"]) == CITY_VALID
    assert dict(series["country"]) == COUNTRY_VALID
    assert built.source["provinces"] == {DATASET: ["310000", "330000"]}
    text = "".join(p.extract_text() for p in layout.pages(built.content)).replace("\n", "")
    assert "分属2个省级行政区" in text and "全国" in text
    _snapshot, _source, doc = _composed(world.program)
    (table,) = [b for b in doc.blocks if b["type"] == "table"]
    assert table["head"] == ["年份", "杭州市", "全省", "全国"]
    assert table["rows"][-1] == ["2024", "5", "5", "6"]
    (chart,) = [b for b in doc.blocks if b["type"] == "chart"]
    assert all(name in chart["svg"] for name in ("杭州市", "全省", "全国"))


def test_a_one_province_dataset_takes_the_offices_national_reference(world, data_dir):  # noqa: F811
    from ipcity.monitoring.services import reference_value_record

    indicator = _valid_from(world, _zhejiang_only(data_dir))
    reference_value_record(indicator=indicator, year=2023, value=3.5, user=world.office, label="全国平均水平")
    reference_value_record(indicator=indicator, year=2024, value=4.25, user=world.office, label="全国平均水平")
    snapshot, source, doc = _composed(world.program)
    (series,) = snapshot["series"]
    assert source["provinces"] == {"zj-only": ["330000"]}
    assert series["country_source"] == "reference" and series["country_label"] == "全国平均水平"
    assert series["country"] == [[2023, 3.5], [2024, 4.25]] and series["references"] == []
    assert "全国数据采用知识产权办公室录入的参照值（全国平均水平）" in _text(doc)
    (table,) = [b for b in doc.blocks if b["type"] == "table"]
    assert table["head"] == ["年份", "杭州市", "全省", "全国平均水平"]
    assert [r[3] for r in table["rows"]] == ["—", "—", "3.5", "4.25"]


def test_without_a_national_series_the_report_says_so_and_prints_no_column(world, data_dir):  # noqa: F811
    from ipcity.monitoring.services import reference_value_record

    indicator = _valid_from(world, _zhejiang_only(data_dir))
    # a provincial reference stays a reference line of its own, never the country
    reference_value_record(indicator=indicator, year=2024, value=4.0, user=world.office, label="全省平均水平")
    snapshot, _source, doc = _composed(world.program)
    (series,) = snapshot["series"]
    assert series["country"] == [] and series["country_source"] == ""
    assert series["references"] == [[2024, 4.0, "全省平均水平"]]
    sentences = [b["text"] for b in doc.blocks if "全国" in b.get("text", "")]
    assert sentences == ["没有全国对比数据：数据集只含一个省份的记录，也未录入全国参照值。"]
    (table,) = [b for b in doc.blocks if b["type"] == "table"]
    assert table["head"] == ["年份", "杭州市", "全省"]


def test_a_typed_population_stays_with_the_city_so_the_countrys_per_10k_is_not_computable(world, data_dir):  # noqa: F811
    # 杭州市 2024: 1 high-value invention (row 4) per 20,000 persons typed in → 1 × 10,000 / 20,000 = 0.5.
    # Neither 浙江省 nor the country has a population in the table: no per-10k figure for them.
    indicator = world.indicators["high_value"]
    engine_figures.actual_value_from_patents(indicator=indicator, user=world.office, dataset=DATASET, region_code=REGION,
                                             year=YEAR, key="high_value_per_10k", population=20_000)
    snapshot, _source, doc = _composed(world.program)
    (series,) = snapshot["series"]
    assert dict(series["city"])[YEAR] == 0.5
    assert series["province"] == [] and series["country"] == [] and series["country_provinces"] == 2
    assert ("没有全国对比数据：全国值无法由数据集计算（例如缺少全国年末常住人口），也未录入全国参照值。"
            in [b.get("text") for b in doc.blocks])
    (table,) = [b for b in doc.blocks if b["type"] == "table"]
    assert table["head"] == ["年份", "杭州市"]


def test_a_typed_population_is_that_years_only(world, data_dir):  # noqa: F811
    # The population typed in with the 2024 figure is 2024's (as ``compute_figure`` takes it): the
    # earlier years of the city's series read the population table, which has no 杭州市 row, so they
    # are not computable, rather than dividing 2021's patents by 2024's population.
    indicator = world.indicators["high_value"]
    engine_figures.actual_value_from_patents(indicator=indicator, user=world.office, dataset=DATASET, region_code=REGION,
                                             year=YEAR, key="high_value_per_10k", population=20_000)
    snapshot, _source, _doc = _composed(world.program)
    (series,) = snapshot["series"]
    assert series["city"] == [[YEAR, 0.5]]
    assert series["city_records"] == [{"year": YEAR, "value": 0.5, "engine": 0.5, "typed": False}]

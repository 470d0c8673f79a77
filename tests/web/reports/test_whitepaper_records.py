"""The white paper prints the office's figure of record: a year with a recorded value (typed by hand
or recorded from the engine) prints that value, as the annual report and /monitoring/ do; a year
without one prints the engine's figure. A recorded value that differs from the engine's is said,
with both numbers, in the notes on sources. The province and the country stay computed."""

from __future__ import annotations

import io

import docx
import pytest

from ipcity.monitoring import engine_figures
from ipcity.monitoring.models import IndicatorActual
from ipcity.monitoring.services import actual_value_record
from ipcity.reports.build import build_report, render
from ipcity.reports.compose import compose
from tests.web.engine_figures.conftest import DATASET, REGION, YEAR, data_dir, world  # noqa: F401

from . import layout

pytestmark = pytest.mark.django_db

# The engine's 万人发明专利拥有量 (counted by hand in test_whitepaper.py) for 杭州市 and 浙江省.
CITY_VALID = {2021: 5, 2022: 5, 2023: 4, 2024: 5}
TYPED_2023 = 4.5  # e.g. the provincial bureau's published figure, typed in on the indicator page
NOTE = ("“万人发明专利拥有量”：2023—2024年为知识产权办公室的记录值，2021—2022年由专利数据集“hz-test”计算；"
        "其中2023年记录值为4.5件（人工录入），按专利数据集计算为4件，本白皮书采用记录值。")


def _recorded_world(world):  # noqa: F811
    indicator = world.indicators["valid"]
    engine_figures.actual_value_from_patents(indicator=indicator, user=world.office, dataset=DATASET,
                                             region_code=REGION, year=YEAR, key="invention_valid")
    typed = actual_value_record(indicator=indicator, year=2023, value=TYPED_2023, user=world.office,
                                source="浙江省知识产权局统计公报")
    return indicator, typed


def _paragraphs_of_docx(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_a_year_with_a_recorded_value_prints_it_and_the_note_names_both_numbers(world, data_dir):  # noqa: F811
    indicator, typed = _recorded_world(world)
    recorded = {a.year: a.value for a in IndicatorActual.objects.filter(indicator=indicator, is_current=True)}
    assert recorded == {2023: TYPED_2023, 2024: CITY_VALID[2024]}  # what the annual report and /monitoring/ print
    for fmt in ("pdf", "docx"):
        built = build_report(program=world.program, kind="whitepaper", year=YEAR, fmt=fmt)
        (series,) = built.snapshot["series"]
        # the city: the record where there is one, the engine's figure elsewhere
        assert dict(series["city"]) == {2021: 5, 2022: 5, 2023: TYPED_2023, 2024: 5}
        assert series["latest"] == 5 and series["dataset"] == DATASET
        assert series["city_records"] == [{"year": 2023, "value": TYPED_2023, "engine": 4, "typed": True},
                                          {"year": 2024, "value": 5, "engine": 5, "typed": False}]
        # the province is not the office's record: it stays computed
        assert dict(series["province"]) == CITY_VALID
        (city_source,) = built.source["city"]
        assert city_source["indicator"] == indicator.pk and city_source["dataset"] == DATASET
        assert city_source["computed"] == [2021, 2022]
        assert [(r["year"], r["value_id"], r["typed"]) for r in city_source["recorded"]] == [
            (2023, typed.pk, True), (2024, IndicatorActual.objects.get(indicator=indicator, year=2024, is_current=True).pk,
                                     False)]
        assert all(r["entered_at"] for r in city_source["recorded"])
        if fmt == "pdf":
            text = "".join(p.extract_text() for p in layout.pages(built.content)).replace("\n", "")
            assert layout.missing_glyphs(built.content) == []
        else:
            text = _paragraphs_of_docx(built.content).replace("\n", "")
        assert NOTE in text
        assert "三、数据来源说明" in text and "与年度报告和监测页面一致" in text
    doc = compose(built.snapshot)
    (table,) = [b for b in doc.blocks if b["type"] == "table"]
    assert [r[:3] for r in table["rows"]] == [["2021", "5", "5"], ["2022", "5", "5"], ["2023", "4.5", "4"],
                                              ["2024", "5", "5"]]
    assert [b["text"] for b in doc.blocks if b.get("text", "").startswith("“万人发明专利拥有量”")] == [NOTE]


def test_records_equal_to_the_engine_need_no_second_number(world, data_dir):  # noqa: F811
    indicator = world.indicators["valid"]
    for year in (2023, 2024):
        engine_figures.actual_value_from_patents(indicator=indicator, user=world.office, dataset=DATASET,
                                                 region_code=REGION, year=year, key="invention_valid")
    built = build_report(program=world.program, kind="whitepaper", year=YEAR, fmt="pdf")
    (series,) = built.snapshot["series"]
    assert dict(series["city"]) == CITY_VALID
    notes = [b["text"] for b in compose(built.snapshot).blocks if b.get("text", "").startswith("“万人发明专利拥有量”")]
    assert notes == ["“万人发明专利拥有量”：2023—2024年为知识产权办公室的记录值，2021—2022年由专利数据集“hz-test”计算。"]


def test_years_apart_are_named_one_by_one(world, data_dir):  # noqa: F811
    # 2021 typed by hand (equal to the engine's figure) and 2024 computed and recorded: the years
    # between come from the dataset.
    indicator = world.indicators["valid"]
    engine_figures.actual_value_from_patents(indicator=indicator, user=world.office, dataset=DATASET,
                                             region_code=REGION, year=YEAR, key="invention_valid")
    actual_value_record(indicator=indicator, year=2021, value=5, user=world.office)
    built = build_report(program=world.program, kind="whitepaper", year=YEAR, fmt="pdf")
    (series,) = built.snapshot["series"]
    assert dict(series["city"]) == CITY_VALID
    assert [r["year"] for r in series["city_records"]] == [2021, 2024]
    (note,) = [b["text"] for b in compose(built.snapshot).blocks if b.get("text", "").startswith("“万人发明专利拥有量”")]
    assert note == "“万人发明专利拥有量”：2021、2024年为知识产权办公室的记录值，2022—2023年由专利数据集“hz-test”计算。"


def test_a_snapshot_frozen_before_the_records_lays_out_as_before(world, data_dir):  # noqa: F811
    _recorded_world(world)
    built = build_report(program=world.program, kind="whitepaper", year=YEAR, fmt="pdf")
    old = {**built.snapshot, "series": [{k: v for k, v in x.items() if k not in ("city_records", "dataset")}
                                        for x in built.snapshot["series"]]}
    doc = compose(old)
    texts = [b.get("text", "") for b in doc.blocks]
    assert "本白皮书的数据由专利记录计算得出，共1项指标。" in texts
    assert not any("数据来源说明" in t or "记录值" in t for t in texts)
    (table,) = [b for b in doc.blocks if b["type"] == "table"]
    assert [r[1] for r in table["rows"]] == ["5", "5", "4.5", "5"]  # the stored numbers, not recomputed
    assert render(old, "docx")[:2] == b"PK"

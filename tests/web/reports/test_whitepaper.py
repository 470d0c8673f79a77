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

"""A white paper's figure computed from trademark, pledge, licence or copyright records says so
(audit 2026-12-07: such a figure was printed as 由专利记录计算 and 由专利数据集“…”计算, though no
patent was read). Patent figures keep their words (test_whitepaper_records.py).

The records are the authored 杭州市 dataset of tests/web/records_platform (counted by hand there):
pledges of 1,200,000,000 + 520,000,000 元 in 2024 and 300,000,000 元 in 2023."""

from __future__ import annotations

import pytest

from ipcity.monitoring import engine_figures
from ipcity.monitoring.services import actual_value_record
from ipcity.reports.build import build_report
from ipcity.reports.compose import compose
from tests.web.monitoring.conftest import catalogue  # noqa: F401
from tests.web.records_platform.conftest import DATASET, REGION, YEAR, data_dir, world  # noqa: F401

from . import layout

pytestmark = pytest.mark.django_db

OVERVIEW = ("本白皮书共1项由知识产权记录（专利、商标、质押、许可转让、著作权登记）计算的指标。本市数据凡知识产权办公室"
            "已有记录值的年份采用记录值，与年度报告和监测页面一致，其余年份由知识产权记录计算；各年来源见“三、数据来源说明”。")
NOTE = ("“知识产权质押融资金额”：2023—2024年为知识产权办公室的记录值，2021—2022年由知识产权数据集“hz-all”计算；"
        "其中2023年记录值为3.5亿元（人工录入），按知识产权数据集计算为3亿元，本白皮书采用记录值。")


def test_a_pledge_figure_names_the_ip_records_not_patents(world, data_dir):  # noqa: F811
    indicator = world.indicators["pledge"]
    engine_figures.actual_value_from_patents(indicator=indicator, user=world.office, dataset=DATASET,
                                             region_code=REGION, year=YEAR, key="pledge_amount")
    actual_value_record(indicator=indicator, year=2023, value=3.5, user=world.office, source="杭州市金融办")
    built = build_report(program=world.program, kind="whitepaper", year=YEAR, fmt="pdf")
    (series,) = built.snapshot["series"]
    assert series["kinds"] == ["pledge"] and series["key"] == "pledge_amount"
    assert dict(series["city"]) == {2021: 0, 2022: 0, 2023: 3.5, 2024: 17.2}
    texts = [b.get("text", "") for b in compose(built.snapshot).blocks]
    assert OVERVIEW in texts and NOTE in texts
    assert not any("专利数据集" in t or "专利记录计算" in t for t in texts)
    text = "".join(p.extract_text() for p in layout.pages(built.content)).replace("\n", "")
    assert NOTE in text


def test_a_snapshot_without_kinds_reads_as_patents(world, data_dir):  # noqa: F811
    """A snapshot frozen before the series named their kinds printed patent figures only."""
    indicator = world.indicators["pledge"]
    engine_figures.actual_value_from_patents(indicator=indicator, user=world.office, dataset=DATASET,
                                             region_code=REGION, year=YEAR, key="pledge_amount")
    snapshot = build_report(program=world.program, kind="whitepaper", year=YEAR, fmt="pdf").snapshot
    old = {**snapshot, "series": [{k: v for k, v in x.items() if k != "kinds"} for x in snapshot["series"]]}
    texts = [b.get("text", "") for b in compose(old).blocks]
    assert any(t.startswith("本白皮书共1项由专利记录计算的指标。") for t in texts)

"""Figures of the other records become actual values in the indicator's unit, with their lineage."""

from __future__ import annotations

import pytest

from ipcity.monitoring import engine_figures
from ipcity.monitoring.models import IndicatorActual
from tests.web.records_platform.conftest import DATASET, ENTITIES, PATENTS_ONLY, REGION, YEAR, load_entities

pytestmark = pytest.mark.django_db


def _figure(world, name, key, **extra):
    return engine_figures.compute_figure(indicator=world.indicators[name], dataset=extra.pop("dataset", DATASET),
                                         region_code=REGION, year=YEAR, key=key, **extra)


@pytest.mark.parametrize("name,key,value", [
    ("tm_valid", "tm_valid", 3 / 10_000),                       # T1, T2, T5 in 万件
    ("pledge", "pledge_amount", 17.2),                          # 1,720,000,000 元 in 亿元
    ("pledge_wan", "pledge_amount", 172_000),                   # in 万元
    ("patent_pledge", "pledge_amount_by_kind.patent", 12.0),    # Z1 only
    ("licence_transfer", "licences + transfers", 3),            # L1, L2 + X1 (X2 was given by 上海)
    ("licence_filings", "licences", 2),                         # L1, L2
    ("copyright", "copyright_works + copyright_software", 5 / 10_000),  # W1–W3, S1, S2 in 万件
    ("works_growth", "growth(copyright_works)", 50.0),          # (3 − 2) / 2 × 100
])
def test_each_catalogue_formula_gives_the_hand_count_in_the_indicators_unit(world, data_dir, name, key, value):
    figure = _figure(world, name, key)
    assert figure.value == pytest.approx(value, rel=1e-12)
    assert figure.lineage["unit"] == world.indicators[name].unit
    assert figure.source == "知识产权数据计算"


def test_the_lineage_names_formula_terms_units_kinds_and_the_dataset_versions(world, data_dir):
    figure = _figure(world, "works_growth", "growth(copyright_works)")
    lineage = figure.lineage
    assert lineage["key"] == "growth(copyright_works)" and lineage["key_label"] == "作品著作权登记量年度增幅"
    assert lineage["formula"]["terms"] == {"2023": {"copyright_works": 2.0}, "2024": {"copyright_works": 3.0}}
    assert lineage["engine_value"] == 50.0 and lineage["engine_unit"] == "%" and lineage["kinds"] == ["copyright"]
    assert lineage["dataset_kinds"]["copyright"]["source"] == "hz-copyright.csv"
    assert lineage["dataset_kinds"]["copyright"]["rows"] == 7
    # the import's attribution counts travel with the figure (ip-indicators.md), one per party
    assert set(lineage["attribution"]["copyright"]) == {"owner"}
    assert set(lineage["attribution"]["copyright"]["owner"]) == {"by_address", "by_name"}

    pledge = _figure(world, "pledge", "pledge_amount").lineage
    assert pledge["engine_value"] == 1_720_000_000 and pledge["engine_unit"] == "元" and pledge["value"] == 17.2
    assert pledge["figures"]["pledge_amount_by_kind"] == {"patent": 1.2e9, "trademark": 5.2e8, "mixed": 0.0}


def test_per_entity_figure_reads_the_versioned_entities_table_or_says_why_not(world, data_dir):
    with pytest.raises(engine_figures.EngineFigureError, match="年末市场主体户数"):
        _figure(world, "tm_entities", "tm_valid_per_10k_entities")
    version = load_entities(data_dir)
    figure = _figure(world, "tm_entities", "tm_valid_per_10k_entities")
    assert figure.value == 3 * 10_000 / ENTITIES == 20.0
    assert figure.lineage["reference"]["entities"] == {"value": ENTITIES, "source": "reference", "version": version,
                                                         "note": ""}  # the version's note: none given here
    given = _figure(world, "tm_entities", "tm_valid_per_10k_entities", entities=3_000)
    assert given.value == 10.0
    assert given.lineage["reference"]["entities"] == {"value": 3_000, "source": "given", "version": None, "note": ""}
    assert given.lineage["parameters"]["entities"] == 3_000


def test_a_kind_the_dataset_lacks_and_a_unit_that_does_not_convert_are_refused(world, data_dir):
    with pytest.raises(engine_figures.EngineFigureError, match="没有著作权登记记录") as caught:
        _figure(world, "copyright", "copyright_works + copyright_software", dataset=PATENTS_ONLY)
    assert caught.value.field == "dataset"
    with pytest.raises(engine_figures.EngineFigureError, match="不能换算为指标单位“家”"):
        _figure(world, "tm_in_firms", "tm_valid")
    with pytest.raises(engine_figures.EngineFigureError, match="未知的计算指标"):
        _figure(world, "tm_valid", "tm_valid + pledge_amount")  # counts and money do not add


def test_recorded_record_figure_is_a_computed_actual_value_and_recomputing_adds_no_history(world, data_dir):
    arguments = {"indicator": world.indicators["pledge"], "user": world.office, "dataset": DATASET,
                 "region_code": REGION, "year": YEAR, "key": "pledge_amount"}
    actual = engine_figures.actual_value_from_patents(**arguments)
    assert actual.value == 17.2 and actual.computed and actual.source == "知识产权数据计算"
    assert actual.channel == IndicatorActual.Channel.ENGINE
    assert engine_figures.actual_value_from_patents(**arguments).pk == actual.pk
    assert IndicatorActual.objects.count() == 1


def test_patent_figures_keep_their_source_and_unit(world, data_dir):
    figure = _figure(world, "high_value", "high_value_per_10k", population=20_000)
    assert figure.value == 0.5 and figure.source == "专利数据计算" and figure.lineage["kinds"] == ["patent"]


def test_the_command_line_records_a_catalogue_formula_in_the_indicators_unit(world, data_dir):
    import json

    from click.testing import CliRunner

    from ipcity.cli.main import cli

    ind = world.indicators["pledge"]
    result = CliRunner().invoke(cli, ["indicators", "record", "--program", str(world.program.pk), "--indicator",
                                      str(ind.pk), "--dataset", DATASET, "--year", str(YEAR), "--key", "pledge_amount",
                                      "--user", "office"])
    assert result.exit_code == 0, result.output
    printed = json.loads(result.output)
    assert printed["value"] == 17.2 and printed["lineage"]["engine_value"] == 1_720_000_000
    entities = CliRunner().invoke(cli, ["indicators", "record", "--program", str(world.program.pk), "--indicator",
                                        str(world.indicators["tm_entities"].pk), "--dataset", DATASET, "--year",
                                        str(YEAR), "--key", "tm_valid_per_10k_entities", "--entities", "6000",
                                        "--dry-run"])
    assert entities.exit_code == 0, entities.output
    assert json.loads(entities.output)["value"] == 5.0  # 3 × 10,000 / 6,000


def test_a_patent_figure_over_a_dataset_of_trademarks_alone_is_refused_naming_the_patents(world, data_dir):
    """Walk 25: a patent formula over a dataset with no patent file said the population was missing
    (even with the population typed in), or '没有计算结果，未记录（no value for pct_applications）'."""
    import pyarrow as pa

    from ipcity.analytics import datasets
    from ipcity.analytics.record_kinds import canonical_schema
    from tests.web.records_platform.conftest import KIND_ROWS

    table = pa.Table.from_pylist(KIND_ROWS["trademark"](), schema=canonical_schema("trademark"))
    datasets.write_kind("marks", "trademark", table, {"source": "marks.csv", "format": "canonical"}, data_dir)
    for key, extra in (("high_value_per_10k", {"population": 20_000}), ("pct_applications", {})):
        with pytest.raises(engine_figures.EngineFigureError, match="数据集“marks”没有专利记录") as caught:
            _figure(world, "high_value", key, dataset="marks", **extra)
        assert caught.value.field == "dataset" and "no value" not in str(caught.value)
    assert _figure(world, "tm_valid", "tm_valid", dataset="marks").value > 0  # its trademarks still count

"""A computed patent figure becomes an actual value: the value is the hand count, the lineage complete."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from ipcity.analytics import reference
from ipcity.audit.models import AuditEvent
from ipcity.monitoring import engine_figures
from ipcity.monitoring.models import IndicatorActual
from tests.analytics_compute.builders import record
from tests.web.engine_figures.conftest import (
    DATASET,
    HAND_COUNT,
    POPULATION,
    REGION,
    YEAR,
    load_population_table,
    patent_rows,
    write_patents,
)

pytestmark = pytest.mark.django_db


def test_recorded_value_is_the_hand_count_with_its_full_lineage(world, data_dir, shared_dir):
    population_version = load_population_table(data_dir)
    pledge_version = reference.set_pledge_threshold(1_000_000, data_dir)
    sei_file = shared_dir / "data" / "sei_ipc_2021" / "sei_ipc_2021.csv"
    indicator = world.indicators["valid"]

    actual = engine_figures.actual_value_from_patents(
        indicator=indicator, user=world.office, dataset=DATASET, region_code=REGION, year=YEAR,
        key="invention_valid_per_10k", sei_rules=sei_file, sei_mode="ipc_and_keyword")

    assert actual.value == HAND_COUNT["invention_valid"] / POPULATION * 10_000 == 2.5
    assert actual.computed and actual.is_current and actual.source == "专利数据计算"
    assert actual.channel == IndicatorActual.Channel.ENGINE and actual.entered_by == world.office
    lineage = actual.lineage
    assert lineage["dataset"] == {"name": DATASET, "source_file": "hz-export.csv", "format": "canonical",
                                  "imported_at": "2025-01-15T08:00:00+00:00",
                                  "written_at": lineage["dataset"]["written_at"], "rows": 10}
    assert lineage["reference"]["population"] == {"value": POPULATION, "source": "reference",
                                                  "version": population_version, "note": ""}  # loaded without one
    assert lineage["reference"]["pledge_threshold"] == {"yuan": 1_000_000, "source": "reference",
                                                        "version": pledge_version}
    assert lineage["sei"]["rules"] == "sei_ipc_2021.csv" and lineage["sei"]["mode"] == "ipc_and_keyword"
    assert len(lineage["sei"]["sha256"]) == 64 and lineage["sei"]["version"].startswith("sei_ipc_2021@")
    assert lineage["parameters"] == {"dataset": DATASET, "region_code": REGION, "year": YEAR,
                                     "key": "invention_valid_per_10k", "sei_rules": str(sei_file),
                                     "sei_mode": "ipc_and_keyword", "pledge_threshold": None, "population": None}
    assert lineage["engine"] == "duckdb" and lineage["ipcity_version"]
    assert lineage["computed_at"] and lineage["recorded_at"]
    assert lineage["figures"]["high_value"] == HAND_COUNT["high_value"]
    # no warning about missing reference data: everything was supplied
    assert {w["code"] for w in lineage["warnings"]} == set()
    event = AuditEvent.objects.get(action="monitoring.actual.create")
    assert event.after["lineage"]["dataset"]["name"] == DATASET


@pytest.mark.parametrize("key", sorted(HAND_COUNT))
def test_each_count_is_the_hand_count(world, data_dir, key):
    figure = engine_figures.compute_figure(indicator=world.indicators["pct"], dataset=DATASET, region_code=REGION,
                                     year=YEAR, key=key)
    assert figure.value == HAND_COUNT[key]
    assert {w["code"] for w in figure.warnings} >= {"sei_not_applied", "pledge_not_applied", "no_population"}


def test_given_population_and_threshold_are_named_as_given(world, data_dir):
    actual = engine_figures.actual_value_from_patents(
        indicator=world.indicators["high_value"], user=None, dataset=DATASET, region_code=REGION, year=YEAR,
        key="high_value_per_10k", population=POPULATION, pledge_threshold=500_000)
    assert actual.value == HAND_COUNT["high_value"] / POPULATION * 10_000 == 0.5
    assert actual.entered_by is None  # the system
    population = actual.lineage["reference"]["population"]
    assert population == {"value": POPULATION, "source": "given", "version": None, "note": ""}
    assert actual.lineage["reference"]["pledge_threshold"] == {"yuan": 500_000, "source": "given", "version": None}
    assert actual.lineage["parameters"]["population"] == POPULATION


def test_a_null_figure_is_refused_and_nothing_is_written(world, data_dir):
    events = AuditEvent.objects.count()
    with pytest.raises(engine_figures.EngineFigureError, match="年末常住人口") as caught:
        engine_figures.actual_value_from_patents(indicator=world.indicators["high_value"], user=world.office,
                                           dataset=DATASET, region_code=REGION, year=YEAR, key="high_value_per_10k")
    assert isinstance(caught.value, ValueError) and caught.value.field == "key"
    assert IndicatorActual.objects.count() == 0 and AuditEvent.objects.count() == events


@pytest.mark.parametrize("change,field,words", [
    ({"key": "patents_total"}, "key", "未知的计算指标"),
    ({"dataset": "nope"}, "dataset", "没有名为“nope”的专利数据集"),
    ({"year": 2030}, "year", "不在规划期内"),
    ({"region_code": "33"}, "region_code", "6 位行政区划代码"),
    ({"sei_mode": "fuzzy"}, "sei_mode", "SEI 匹配方式"),
    ({"population": 0}, "population", "正数"),
    ({"sei_rules": "/nonexistent/sei.csv"}, "sei_rules", "SEI 对照表无法读取"),
])
def test_bad_input_is_refused_in_chinese(world, data_dir, change, field, words):
    arguments = {"dataset": DATASET, "region_code": REGION, "year": YEAR, "key": "pct_applications", **change}
    with pytest.raises(engine_figures.EngineFigureError, match=words) as caught:
        engine_figures.actual_value_from_patents(indicator=world.indicators["pct"], user=world.office, **arguments)
    assert caught.value.field == field
    assert not IndicatorActual.objects.exists()


@pytest.mark.parametrize("who", ["reporter", "leader"])
def test_only_the_office_records_computed_values(world, data_dir, who):
    # the reporter's department owns the indicator, and still may not
    with pytest.raises(PermissionDenied):
        engine_figures.actual_value_from_patents(indicator=world.indicators["pct"], user=getattr(world, who),
                                           dataset=DATASET, region_code=REGION, year=YEAR, key="pct_applications")
    assert not IndicatorActual.objects.exists()


def test_recomputing_the_same_figure_adds_no_history_but_new_data_does(world, data_dir):
    arguments = {"indicator": world.indicators["pct"], "user": world.office, "dataset": DATASET,
                 "region_code": REGION, "year": YEAR, "key": "invention_grants"}
    first = engine_figures.actual_value_from_patents(**arguments)
    assert engine_figures.actual_value_from_patents(**arguments).pk == first.pk
    assert IndicatorActual.objects.count() == 1

    write_patents(data_dir, rows=[*patent_rows(), record(app_date="2019-01-01", grant_date="2024-09-01")],
                  source="hz-export-2.csv")
    second = engine_figures.actual_value_from_patents(**arguments)
    assert second.pk != first.pk and second.value == HAND_COUNT["invention_grants"] + 1
    assert second.lineage["dataset"]["source_file"] == "hz-export-2.csv"
    first.refresh_from_db()
    assert not first.is_current and first.superseded_by_id == second.pk and first.value == 1


@pytest.mark.parametrize("name,key", [
    ("每万人口高价值发明专利拥有量", "high_value_per_10k"),
    ("每万人口发明专利拥有量", "invention_valid_per_10k"),
    ("万人发明专利拥有量", "invention_valid_per_10k"),
    ("每万人口有效发明专利拥有量", "invention_valid_per_10k"),
    ("PCT专利申请量", "pct_applications"),
    ("ＰＣＴ国际专利申请量", "pct_applications"),
    ("发明专利授权量", "invention_grants"),
    ("发明专利申请量", "invention_applications"),
    ("高价值发明专利拥有量", "high_value"),
    ("有效发明专利拥有量", "invention_valid"),
    ("知识产权质押融资额", None),
    ("专利密集型产业增加值占GDP比重", None),
])
def test_a_key_is_suggested_by_the_indicator_name(name, key):
    assert engine_figures.suggest_key(name) == key

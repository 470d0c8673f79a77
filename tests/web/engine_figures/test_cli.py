"""``ipcity indicators record``: the same figure from the command line; ``--dry-run`` writes nothing."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from ipcity.audit.models import AuditEvent
from ipcity.cli.main import cli
from ipcity.monitoring.models import IndicatorActual
from tests.web.engine_figures.conftest import DATASET, HAND_COUNT, POPULATION, YEAR

pytestmark = pytest.mark.django_db


def _invoke(world, *extra: str, indicator: str = "high_value"):
    args = ["indicators", "record", "--program", str(world.program.pk),
            "--indicator", str(world.indicators[indicator].pk), "--dataset", DATASET, "--year", str(YEAR), *extra]
    return CliRunner().invoke(cli, args)


def test_dry_run_prints_the_figure_and_writes_nothing(world, data_dir):
    events = AuditEvent.objects.count()
    result = _invoke(world, "--key", "high_value_per_10k", "--population", str(POPULATION), "--dry-run")
    assert result.exit_code == 0, result.output
    printed = json.loads(result.output)
    assert printed["dry_run"] is True and printed["value"] == 0.5
    assert printed["lineage"]["dataset"]["name"] == DATASET and printed["lineage"]["region"] == "330100"
    assert not IndicatorActual.objects.exists() and AuditEvent.objects.count() == events


def test_record_writes_a_computed_value_for_the_programmes_region(world, data_dir):
    result = _invoke(world, "--key", "pct_applications", "--user", "office", "--note", "年报核算", indicator="pct")
    assert result.exit_code == 0, result.output
    actual = IndicatorActual.objects.get()
    assert actual.value == HAND_COUNT["pct_applications"] and actual.computed and actual.entered_by == world.office
    assert actual.note == "年报核算" and actual.lineage["parameters"]["region_code"] == "330100"
    assert json.loads(result.output)["recorded"] == actual.pk


@pytest.mark.parametrize("extra,words", [
    (["--key", "high_value_per_10k"], "年末常住人口"),          # null figure: no population anywhere
    (["--key", "nonsense"], "未知的计算指标"),
    (["--key", "pct_applications", "--user", "msj"], "只有知识产权办公室"),
    (["--key", "pct_applications", "--user", "nobody"], "no such user"),
    (["--key", "pct_applications", "--region", "3301"], "6 位行政区划代码"),
])
def test_refusals_exit_2_and_write_nothing(world, data_dir, extra, words):
    result = _invoke(world, *extra)
    assert result.exit_code == 2 and words in result.output
    assert not IndicatorActual.objects.exists()


def test_an_indicator_of_another_programme_is_refused(world, data_dir):
    result = CliRunner().invoke(cli, ["indicators", "record", "--program", str(world.program.pk + 1), "--indicator",
                                      str(world.indicators["pct"].pk), "--dataset", DATASET, "--year", "2024",
                                      "--key", "pct_applications"])
    assert result.exit_code == 2 and "no indicator" in result.output


def test_the_figures_are_those_of_indicators_compute(world, data_dir):
    from ipcity.monitoring import engine_figures

    printed = CliRunner().invoke(cli, ["indicators", "compute", "--dataset", DATASET, "--region", "330100",
                                       "--year", str(YEAR), "--population", str(POPULATION), "--json"])
    assert printed.exit_code == 0, printed.output
    expected = json.loads(printed.output)
    figure = engine_figures.compute_figure(indicator=world.indicators["pct"], dataset=DATASET, region_code="330100",
                                     year=YEAR, key="pct_applications", population=POPULATION)
    assert figure.lineage["figures"] == {k: expected[k] for k in figure.lineage["figures"]}

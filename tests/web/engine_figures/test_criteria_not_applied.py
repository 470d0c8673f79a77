"""A high-value figure computed without the reference data some of its criteria need (no SEI
table, no pledge threshold) stays a value, as shared/spec/ip-indicators.md says ("without a
threshold the criterion is not applied, and the figure says so"); the indicator page says, beside
the verdicts and in the 研判依据, that the value (here a 0 taken as the outlook's starting point)
was counted without those criteria.

Field test of 2026-12-06, finding 14. Patent rows are authored (invented values)."""

from __future__ import annotations

from django.urls import reverse

from ipcity.monitoring import engine_figures, services
from ipcity.monitoring.engine_figures import criteria_not_applied
from tests.analytics_compute.builders import record
from tests.web.engine_figures.conftest import PLAIN, REGION, YEAR, write_patents
from tests.web.monitoring import factories as f

PLAIN_ROWS = "hz-plain"  # three inventions in force meeting none of the criteria that can be applied


def _high_value_without_baseline(world):
    return f.indicator(world.program, "高价值发明专利拥有量", targets={2026: 10}, owner=world.reporter.profile.department,
                       order=9)


def test_a_computed_0_without_criteria_stays_the_start_and_the_page_says_why(client, world, data_dir):
    write_patents(data_dir, PLAIN_ROWS, rows=[record(**PLAIN) for _ in range(3)])
    ind = _high_value_without_baseline(world)
    actual = engine_figures.actual_value_from_patents(indicator=ind, user=None, dataset=PLAIN_ROWS,
                                                      region_code=REGION, year=YEAR, key="high_value")
    assert actual.value == 0 and actual.computed  # the spec's rule: a count, kept
    assert criteria_not_applied(actual.lineage) == ["sei", "pledge"]
    services.actual_value_record(indicator=ind, year=YEAR + 1, value=2, user=world.office, source="部门报送")
    client.force_login(world.office)
    page = client.get(reverse("monitoring:indicator", args=[world.program.pk, ind.pk])).content.decode()
    assert "起点</th><td>2024年 0</td>" in page  # the value is used as the starting point …
    note = page[page.index("data-criteria-not-applied"):]
    note = note[:note.index("</p>")]
    # … and the page says it was counted without the SEI and pledge criteria
    assert "计算口径不全" in note and "2024年 0（未采用战略性新兴产业（SEI）、质押金额标准）" in note
    assert "为 0 也可能只是因此" in note
    assert "<th>计算口径</th>" in page


def test_a_threshold_given_leaves_only_the_sei_criterion_named(world, data_dir):
    figure = engine_figures.compute_figure(indicator=world.indicators["high_value"], dataset="hz-test",
                                           region_code=REGION, year=YEAR, key="high_value", pledge_threshold=500_000)
    assert criteria_not_applied(figure.lineage) == ["sei"]


def test_other_figures_and_typed_values_say_nothing(client, world, data_dir):
    ind = _high_value_without_baseline(world)
    figure = engine_figures.compute_figure(indicator=ind, dataset="hz-test", region_code=REGION, year=YEAR,
                                           key="invention_valid")
    assert "sei_not_applied" in {w["code"] for w in figure.warnings}  # warned of on every run …
    assert criteria_not_applied(figure.lineage) == []  # … but a count of valid patents has no criteria
    engine_figures.record_figure(indicator=ind, user=None, year=YEAR, figure=figure)
    services.actual_value_record(indicator=ind, year=YEAR + 1, value=6, user=world.office, source="部门报送")
    client.force_login(world.office)
    page = client.get(reverse("monitoring:indicator", args=[world.program.pk, ind.pk])).content.decode()
    assert "data-criteria-not-applied" not in page and "<th>计算口径</th>" not in page

"""The public pages (/open/) say 计算口径不全 beside a published computed high-value figure counted
without some criteria (no SEI table, no pledge threshold), as the office's indicator page does:
the programme's table marks the value and lists the notes under it, the indicator's page says it
beside the verdicts and in the 研判依据; in English too. The notes are read from the values the page
already fetched: the programme page's query count does not grow with the number of indicators.

Patent rows are authored (invented values); the figures and their lineage are computed by the engine."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ipcity.monitoring import engine_figures, services
from ipcity.publication import services as publication
from tests.analytics_compute.builders import record
from tests.web.engine_figures.conftest import PLAIN, REGION, YEAR, write_patents
from tests.web.monitoring import factories as f

PLAIN_ROWS = "hz-plain"  # three inventions in force meeting none of the criteria that can be applied


def _publish(world, *indicators) -> None:
    publication.program_publication_set(program=world.program, user=world.office, published=True, summary="公开摘要")
    for ind in indicators:
        publication.indicator_publication_set(indicator=ind, user=world.office, published=True)


def _partial(world, name: str, order: int):
    """An indicator whose only value is a computed high-value 0 counted without the SEI and pledge criteria."""
    ind = f.indicator(world.program, name, targets={2026: 10}, owner=world.reporter.profile.department, order=order)
    actual = engine_figures.actual_value_from_patents(indicator=ind, user=None, dataset=PLAIN_ROWS,
                                                      region_code=REGION, year=YEAR, key="high_value")
    assert engine_figures.criteria_not_applied(actual.lineage) == ["sei", "pledge"]
    return ind


def _typed(world, name: str, order: int):
    ind = f.indicator(world.program, name, targets={2026: 10}, owner=world.reporter.profile.department, order=order)
    services.actual_value_record(indicator=ind, year=YEAR, value=4, user=world.office, source="部门报送")
    return ind


@pytest.fixture
def partial_world(world, data_dir):
    write_patents(data_dir, PLAIN_ROWS, rows=[record(**PLAIN) for _ in range(3)])
    world.partial = _partial(world, "高价值发明专利拥有量", order=9)
    world.typed = _typed(world, "专利质押登记项目数", order=10)
    _publish(world, world.partial, world.typed)
    return world


def test_the_programme_page_marks_the_partial_figure_and_lists_its_note(client, partial_world):
    w = partial_world
    page = client.get(reverse("open:program", args=[w.program.pk])).content.decode()
    partial_row = re.search(rf'<tr data-indicator="{w.partial.pk}">.*?</tr>', page, re.S).group(0)
    typed_row = re.search(rf'<tr data-indicator="{w.typed.pk}">.*?</tr>', page, re.S).group(0)
    assert f'<a href="#criteria-{w.partial.pk}" data-criteria-mark>计算口径不全</a>' in partial_row
    assert "data-criteria-mark" not in typed_row
    notes = re.search(r'<div role="note" data-criteria-not-applied.*?</div>', page, re.S).group(0)
    item = re.search(rf'<li id="criteria-{w.partial.pk}">(.*?)</li>', notes, re.S).group(1)
    assert "高价值发明专利拥有量" in item and f"{YEAR}年 0（未采用战略性新兴产业（SEI）、质押金额标准）" in item
    assert "为 0 也可能只是因此" in item
    assert notes.count("<li") == 1


def test_the_indicator_page_says_it_beside_the_verdicts_and_in_the_steps(client, partial_world):
    w = partial_world
    page = client.get(reverse("open:indicator", args=[w.program.pk, w.partial.pk])).content.decode()
    note = page[page.index("data-criteria-not-applied"):]
    note = note[:note.index("</p>")]
    assert "计算口径不全" in note and "（未采用战略性新兴产业（SEI）、质押金额标准）" in note
    assert '<tr><th scope="row">计算口径</th>' in page  # the 研判依据 step
    typed = client.get(reverse("open:indicator", args=[w.program.pk, w.typed.pk])).content.decode()
    assert "data-criteria-not-applied" not in typed and "计算口径</th>" not in typed
    # the downloads carry the step with the others
    data = client.get(reverse("open:indicator_download", args=[w.program.pk, w.partial.pk, "json"])).json()
    steps = {s["step"]: s["text"] for s in data["indicators"][0]["method_steps"]}
    assert "未采用战略性新兴产业（SEI）、质押金额标准" in steps["计算口径"]


def test_the_note_is_english_on_an_english_page(client, partial_world):
    w = partial_world
    page = client.get(reverse("open:program", args=[w.program.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    notes = re.search(r'<div role="note" data-criteria-not-applied.*?</div>', page, re.S).group(0)
    assert "Counted without some criteria" in notes and "未采用" not in notes
    assert re.search(r"strategic emerging industr", notes, re.I), notes


def test_nothing_is_said_when_no_published_figure_lacks_criteria(client, world, data_dir):
    ind = _typed(world, "专利质押登记项目数", order=10)
    _publish(world, ind)
    page = client.get(reverse("open:program", args=[world.program.pk])).content.decode()
    assert "data-criteria" not in page and "计算口径不全" not in page


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_programme_pages_queries_do_not_grow_with_its_partial_figures(client, partial_world,
                                                                           django_assert_max_num_queries):
    w = partial_world
    url = reverse("open:program", args=[w.program.pk])
    few = _queries(client, url)
    more = [_partial(w, f"高价值发明专利拥有量{i}", order=20 + i) for i in range(4)]
    more += [_typed(w, f"专利质押登记项目数{i}", order=30 + i) for i in range(4)]
    _publish(w, *more)
    page = client.get(url).content.decode()
    assert page.count("data-criteria-mark") == 5  # the first and the four more
    with django_assert_max_num_queries(few):
        client.get(url)
    assert few <= 8, few  # 7 measured: the programme, its indicators with their targets, values and
    # references, the thresholds, the white papers

"""Dashboard, indicator page, value form, thresholds, comparison: content, permissions, queries."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ipcity.core.models import Role
from ipcity.monitoring import services
from ipcity.monitoring.models import IndicatorActual
from tests.web.monitoring import factories as f

pytestmark = pytest.mark.django_db


def _values(world):
    hv, pledge = world.indicators["high_value"], world.indicators["pledge"]
    for year, value in ((2023, 9.6), (2024, 10.6), (2025, 11.0)):
        services.actual_value_record(indicator=hv, year=year, value=value, user=None)
    services.actual_value_record(indicator=pledge, year=2024, value=4.0, user=None)


def test_dashboard_shows_both_lenses_in_colour_and_words(client, world):
    _values(world)
    client.force_login(world.leader)
    response = client.get(reverse("monitoring:dashboard", args=[world.program.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    row = html[html.index(f'data-indicator="{world.indicators["high_value"].pk}"'):]
    row = row[:row.index("</tr>")]
    # 2025: 11.0 against 12 → near (yellow); outlook from 2023 at CAGR.
    assert 'data-status="near"' in row and "接近" in row and "badge yellow" in row
    assert "<polyline" in row and "11" in row
    assert 'data-count="behind"' in html and "较上年变差" in html  # 2024 met → 2025 near
    assert "无数据" in html  # the share indicator has no value


def test_dashboard_filters(client, world):
    _values(world)
    client.force_login(world.office)
    url = reverse("monitoring:dashboard", args=[world.program.pk])

    def table(params):
        html = client.get(url, params).content.decode()
        return html[html.index('id="indicator-table"'):]

    html = table({"year_status": "no_data"})
    assert "专利密集型产业" in html and "质押融资额</a>" not in html
    html = table({"department": world.departments["kjj"].pk})
    assert "知识产权质押融资额" in html and "高价值发明专利拥有量</span></a>" not in html
    html = table({"worse": "1"})
    assert "高价值发明专利拥有量</span></a>" in html and "质押融资额</span></a>" not in html
    html = table({"year": 2024})
    assert "(2024)" in html


def test_dashboard_query_count_does_not_grow_with_indicators(client, world, django_assert_max_num_queries):
    _values(world)
    for i in range(15):
        ind = f.indicator(world.program, f"指标{i}", baseline=(2022, 10), targets={2025: 20})
        for year in (2023, 2024, 2025):
            services.actual_value_record(indicator=ind, year=year, value=10 + i / 3 + year - 2022, user=None)
    client.force_login(world.office)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("monitoring:dashboard", args=[world.program.pk])).status_code == 200


def test_indicator_page_shows_chart_history_and_why(client, world):
    hv = world.indicators["high_value"]
    services.actual_value_record(indicator=hv, year=2024, value=10.2, user=world.office)
    services.actual_value_record(indicator=hv, year=2024, value=10.6, user=world.office)
    client.force_login(world.office)
    response = client.get(reverse("monitoring:indicator", args=[world.program.pk, hv.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="indicator-chart"' in html and '"projection": [[2024, 10.6]' in html and '"plan": [[2023, 9.54]' in html
    assert "已更正" in html and "现行" in html  # both rows of the history
    assert "复合增长" in html and "13.0864" in html and "0.7952" in html and "需加快" in html  # the why
    assert "14.9%" in html  # required annual growth


def test_reporter_records_its_own_indicator_through_the_form(client, world):
    hv = world.indicators["high_value"]
    client.force_login(world.reporter)
    url = reverse("monitoring:record", args=[world.program.pk, hv.pk])
    response = client.post(url, {"year": 2024, "value": "abc", "source": ""})
    assert response.status_code == 200 and "不是数字" in response.content.decode()
    response = client.post(url, {"year": 2024, "value": "10.6", "source": "统计公报"})
    assert response.status_code == 302
    assert IndicatorActual.objects.get().value == 10.6


def test_reporter_cannot_record_another_departments_indicator_and_leader_cannot_record(client, world):
    pledge = world.indicators["pledge"]
    client.force_login(world.reporter)  # 市市场监管局 does not own 质押融资额
    # Another department's indicator is hidden from a reporter altogether (issue 9): 404.
    assert client.get(reverse("monitoring:indicator", args=[world.program.pk, pledge.pk])).status_code == 404
    assert client.post(reverse("monitoring:record", args=[world.program.pk, pledge.pk]),
                       {"year": 2024, "value": "5"}).status_code == 404
    client.force_login(world.leader)
    assert client.post(reverse("monitoring:record", args=[world.program.pk, pledge.pk]),
                       {"year": 2024, "value": "5"}).status_code == 403
    assert client.post(reverse("monitoring:thresholds", args=[world.program.pk]),
                       {"near": 0.8, "on_track": 0.9, "acceleration": 0.5}).status_code == 403
    assert IndicatorActual.objects.count() == 0


def test_programme_of_another_city_is_invisible(client, world):
    other = f.program("蚌埠市方案", reg=f.region("340300", "蚌埠市"))
    ind = f.indicator(other, "发明专利拥有量", targets={2025: 100})
    client.force_login(world.office)
    assert client.get(reverse("monitoring:dashboard", args=[other.pk])).status_code == 404
    assert client.get(reverse("monitoring:indicator", args=[other.pk, ind.pk])).status_code == 404


def test_office_changes_thresholds_and_they_show_beside_the_verdict(client, world):
    _values(world)
    client.force_login(world.office)
    response = client.post(reverse("monitoring:thresholds", args=[world.program.pk]),
                           {"near": 0.9, "on_track": 0.8, "acceleration": 0.5})
    assert response.status_code == 302
    html = client.get(reverse("monitoring:dashboard", args=[world.program.pk])).content.decode()
    assert "阈值已调整" in html and "终期正常阈值 0.95→0.8" in html


def test_office_sets_owner_and_reference(client, world):
    share = world.indicators["share"]
    client.force_login(world.office)
    client.post(reverse("monitoring:owner", args=[world.program.pk, share.pk]), {"department": world.departments["kjj"].pk})
    share.refresh_from_db()
    assert share.owner_department == world.departments["kjj"]
    client.post(reverse("monitoring:reference", args=[world.program.pk, share.pk]),
                {"year": 2024, "value": 8.0, "label": "全省平均水平", "source": "省统计局"})
    services.actual_value_record(indicator=share, year=2024, value=8.2, user=world.office)
    html = client.get(reverse("monitoring:indicator", args=[world.program.pk, share.pk])).content.decode()
    assert "参照值" in html and 'data-status="met"' in html


def test_attachment_downloads_for_readers_only_of_that_programme(client, world, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.web.uploads.files import minimal_pdf  # content is checked: it must be a real PDF

    settings.MEDIA_ROOT = tmp_path
    hv = world.indicators["high_value"]
    client.force_login(world.reporter)
    response = client.post(reverse("monitoring:record", args=[world.program.pk, hv.pk]),
                           {"year": 2024, "value": "10.6", "attachment": SimpleUploadedFile("公报.pdf", minimal_pdf())})
    assert response.status_code == 302
    actual = IndicatorActual.objects.get()
    client.force_login(world.leader)
    page = client.get(reverse("monitoring:indicator", args=[world.program.pk, hv.pk])).content.decode()
    url = reverse("monitoring:attachment", args=[world.program.pk, actual.pk])
    assert url in page
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    other = f.user(Role.OFFICE, reg=f.region("340300", "蚌埠市"))
    client.force_login(other)
    assert client.get(url).status_code == 404


def test_computed_value_is_marked_in_the_history(client, world):
    hv = world.indicators["high_value"]
    services.actual_value_record(indicator=hv, year=2024, value=10.7, user=None,
                                 lineage={"dataset": "cnipa-2024", "parameters": {}}, channel=IndicatorActual.Channel.ENGINE)
    client.force_login(world.office)
    page = client.get(reverse("monitoring:indicator", args=[world.program.pk, hv.pk])).content.decode()
    assert "系统计算" in page and "cnipa-2024" in page and "专利数据引擎" in page


def test_the_verdict_summary_gives_every_figure_its_unit(client, world):
    """实际值, 期望值 and 预计终期值 at the top of the indicator page carry the indicator's unit, as the
    heading and the table of reasons below do (a bare “实际值 10.6 · 期望值 10.33” read unit-less)."""
    hv = world.indicators["high_value"]
    services.actual_value_record(indicator=hv, year=2024, value=10.6, user=world.office)
    client.force_login(world.office)
    html = client.get(reverse("monitoring:indicator", args=[world.program.pk, hv.pk])).content.decode()
    summary = html[html.index('id="ind-h"'):html.index("</section>", html.index('id="ind-h"'))]
    unit = f'<span lang="zh">{hv.unit}</span>'
    assert f'<span class="num">10.6</span> {unit}' in summary
    assert summary.count(unit) == 4  # the heading, 实际值, 期望值, 预计终期值


def test_figures_group_thousands_alike_whole_or_not():
    """One row showed “1,936.07” beside “2000”: a whole figure is grouped from 1,000 as a decimal
    one is (and as the reports print them)."""
    from ipcity.monitoring.templatetags.monitoring_format import fig

    assert [fig(2000), fig(1936.0656), fig(12000.0), fig(10.5), fig(11.0), fig(-1500), fig(None)] == \
        ["2,000", "1,936.07", "12,000", "10.5", "11", "-1,500", "—"]


def _caption_lines(html: str) -> list[str]:
    import re

    caption = re.search(r'id="chart-legend">(.*?)</p>', html, re.S)
    assert caption, "no chart caption"
    return re.findall(r'data-line="(\w+)"', caption.group(1))


def test_the_chart_caption_names_only_the_lines_drawn(client, world):
    hv, share = world.indicators["high_value"], world.indicators["share"]
    for year, value in ((2023, 1.1), (2024, 1.3)):  # qualitative: no plan, no projection
        services.actual_value_record(indicator=share, year=year, value=value, user=None)
    services.actual_value_record(indicator=hv, year=2024, value=10.6, user=None)
    client.force_login(world.office)
    html = client.get(reverse("monitoring:indicator", args=[world.program.pk, share.pk])).content.decode()
    assert _caption_lines(html) == ["actual"] and "点线" not in html and "虚线" not in html
    html = client.get(reverse("monitoring:indicator", args=[world.program.pk, hv.pk])).content.decode()
    assert _caption_lines(html) == ["actual", "plan", "projection"]

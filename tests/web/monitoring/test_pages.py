"""Dashboard, indicator page, value form, thresholds, comparison: content, permissions, queries."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ipcity.core.models import Role
from ipcity.monitoring import services
from ipcity.monitoring.models import IndicatorActual, IndicatorGroup
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
    assert "知识产权质押融资额" in html and "高价值发明专利拥有量</a>" not in html
    html = table({"worse": "1"})
    assert "高价值发明专利拥有量</a>" in html and "质押融资额</a>" not in html
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
    page = client.get(reverse("monitoring:indicator", args=[world.program.pk, pledge.pk])).content.decode()
    assert "填报或更正实际值" not in page
    assert client.post(reverse("monitoring:record", args=[world.program.pk, pledge.pk]),
                       {"year": 2024, "value": "5"}).status_code == 403
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


def _cities(n: int, world):
    """``n`` programmes in other cities, each with a 高价值发明专利 indicator and values."""
    made = []
    for i in range(n):
        reg = f.region(f"34{i + 10:02d}00", f"城市{i}")
        prog = f.program(f"城市{i}方案", reg=reg, start=2021, end=2025)
        ind = f.indicator(prog, "万人高价值发明专利拥有量" if i % 2 else "每万人口高价值发明专利拥有量",
                          baseline=(2021, 5 + i), targets={2025: 12 + i})
        for year in (2022, 2023, 2024):
            services.actual_value_record(indicator=ind, year=year, value=5 + i + (year - 2021) * (0.5 + i / 10), user=None)
        made.append(ind)
    return made


def test_links_are_suggested_confirmed_and_compared(client, world):
    indicators = _cities(3, world)
    services.actual_value_record(indicator=world.indicators["high_value"], year=2024, value=10.6, user=None)
    admin = f.user(Role.ADMIN)
    client.force_login(admin)
    html = client.get(reverse("monitoring:links")).content.decode()
    assert "系统建议" in html and html.count('name="indicator"') >= 4
    ids = [world.indicators["high_value"].pk] + [i.pk for i in indicators]
    response = client.post(reverse("monitoring:links"), {"indicator": ids, "name": "每万人口高价值发明专利拥有量", "unit": "件"})
    assert response.status_code == 302 and IndicatorGroup.objects.get().links.count() == 4
    html = client.get(reverse("monitoring:compare")).content.decode()
    assert html.count("<tr>") >= 5 and "城市2" in html and "铜陵市" in html and "排名" in html
    assert 'class="compare-chart"' in html


def test_comparison_shows_only_visible_programmes(client, world):
    indicators = _cities(2, world)
    group = services.indicator_group_confirm(indicators=[world.indicators["high_value"], *indicators], name="高价值",
                                             unit="件", user=None)
    client.force_login(world.office)  # 铜陵 office sees 铜陵 only
    html = client.get(reverse("monitoring:compare")).content.decode()
    assert "铜陵市" in html and "城市1" not in html
    assert client.get(reverse("monitoring:links")).status_code == 200
    client.force_login(world.leader)
    assert client.get(reverse("monitoring:links")).status_code == 403
    assert group.links.count() == 3


def test_comparison_query_count_is_flat(client, world, django_assert_max_num_queries):
    indicators = _cities(8, world)
    services.indicator_group_confirm(indicators=indicators, name="高价值", unit="件", user=None)
    client.force_login(f.user(Role.ADMIN))
    with django_assert_max_num_queries(12):
        assert client.get(reverse("monitoring:compare")).status_code == 200


def test_attachment_downloads_for_readers_only_of_that_programme(client, world, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    hv = world.indicators["high_value"]
    client.force_login(world.reporter)
    response = client.post(reverse("monitoring:record", args=[world.program.pk, hv.pk]),
                           {"year": 2024, "value": "10.6", "attachment": SimpleUploadedFile("公报.pdf", b"%PDF-1.7 x")})
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

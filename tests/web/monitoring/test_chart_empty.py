"""The indicator page with no value yet: words instead of an empty chart."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ipcity.monitoring import services

pytestmark = pytest.mark.django_db


def test_no_values_shows_an_empty_state_and_no_chart(client, world):
    hv = world.indicators["high_value"]
    client.force_login(world.leader)
    url = reverse("monitoring:indicator", args=[world.program.pk, hv.pk])
    html = client.get(url).content.decode()
    assert 'id="chart-empty"' in html and "暂无实际值，尚不能绘制走势图。" in html
    assert '2024 年 10.5 <span lang="zh">件</span>；2025 年 12 <span lang="zh">件</span>；2026 年 14 <span lang="zh">件</span>' in html  # the plan, in words
    assert 'id="indicator-chart"' not in html and 'id="chart-data"' not in html and "echarts.min.js" not in html
    services.actual_value_record(indicator=hv, year=2024, value=10.6, user=None)
    html = client.get(url).content.decode()
    assert 'id="indicator-chart"' in html and 'id="chart-data"' in html and 'id="chart-empty"' not in html

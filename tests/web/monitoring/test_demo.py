"""The demo's sample values: marked as sample data, every status, idempotent."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model

from ipcity.monitoring import selectors
from ipcity.monitoring.demo import load_demo
from ipcity.monitoring.models import IndicatorActual, IndicatorLink
from tests.web.monitoring import factories as f

pytestmark = pytest.mark.django_db


def test_demo_values_are_marked_and_show_every_status(world, catalogue):
    prog = world.program
    f.indicator(prog, "PCT国际专利申请量", baseline=(2021, 50), targets={2026: 120}, order=4)
    f.indicator(prog, "专利审查周期", unit="月", baseline=(2021, 20), targets={2026: 15}, comparator="<=", order=5)
    f.indicator(prog, "知识产权贯标企业数", unit="家", baseline=(2021, 10), targets={2026: 40}, order=6)
    f.indicator(prog, "专利转化率", unit="%", baseline=(2021, 5), targets={2026: 12}, order=7)
    f.indicator(prog, "专利代理机构数量", unit="家", baseline=(2021, 12), order=8)  # tracked, no target
    other = f.program("蚌埠市方案", reg=f.region("340300", "蚌埠市"))
    f.indicator(other, "每万人口高价值发明专利拥有量", baseline=(2021, 6), targets={2026: 10})
    out = io.StringIO()
    load_demo(stdout=out)
    assert "示例数据" in out.getvalue()
    assert set(IndicatorActual.objects.values_list("source", flat=True)) == {"示例数据"}
    assert set(IndicatorActual.objects.values_list("channel", flat=True)) == {"demo"}
    site_admin = get_user_model().objects.create_superuser("demo-admin", password="Demo-Admin-2026!")
    board = selectors.program_dashboard(prog, user=site_admin)  # every indicator, unscoped
    year_statuses = {v.assessment.year_status for v in board.verdicts}
    outlooks = {v.assessment.outlook for v in board.verdicts}
    assert {"met", "near", "behind", "no_data", "no_target"} <= year_statuses
    assert {"on_track", "needs_acceleration", "off_track", "regressing", "no_target", "insufficient_data"} <= outlooks
    # Linked by the catalogue's exact names: the twin across the two cities, and nothing by resemblance.
    assert set(IndicatorLink.objects.filter(standard__code="HVIP_PER_10K").values_list("indicator__program", flat=True)) \
        == {prog.pk, other.pk}
    assert not IndicatorLink.objects.filter(indicator__name="专利转化率").exists()
    count = IndicatorActual.objects.count()
    load_demo(stdout=io.StringIO())
    assert IndicatorActual.objects.count() == count

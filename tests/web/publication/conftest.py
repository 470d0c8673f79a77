from __future__ import annotations

import pytest

from ipcity.core.models import Role
from ipcity.monitoring.models import IndicatorActual
from tests.web.monitoring import factories as f


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db):
    """A programme with three indicators and values; nothing published yet."""
    reg = f.region()
    msj = f.department("市市场监管局", reg)
    prog = f.program(reg=reg)
    high_value = f.indicator(prog, "每万人口高价值发明专利拥有量", baseline=(2021, 9.54),
                             targets={2024: 10.5, 2026: 14}, owner=msj, order=1)
    pledge = f.indicator(prog, "知识产权质押融资额", unit="亿元", baseline=(2021, 5), targets={2026: 10}, owner=msj, order=2)
    formula = f.indicator(prog, "=HYPERLINK(\"http://x\")", unit="件", baseline=(2021, 1), targets={2026: 3}, order=3)
    for year, value in ((2022, 10.1), (2023, 10.87), (2024, 11.23)):
        IndicatorActual.objects.create(indicator=high_value, year=year, value=value, source="市统计局")
    IndicatorActual.objects.create(indicator=pledge, year=2024, value=6.481, source="人民银行")
    IndicatorActual.objects.create(indicator=formula, year=2024, value=2.0)

    class World:
        region, program = reg, prog
        indicators = {"high_value": high_value, "pledge": pledge, "formula": formula}
        office = f.user(Role.OFFICE, reg=reg, username="office")
        leader = f.user(Role.LEADER, reg=reg, username="leader")

    return World

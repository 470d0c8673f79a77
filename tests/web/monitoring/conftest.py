from __future__ import annotations

import pytest

from ipcity.core.models import Role
from tests.web.monitoring import factories as f


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db):
    """A city programme with two departments, their reporters, the office and a leader."""
    reg = f.region()
    msj = f.department("市市场监管局", reg)
    kjj = f.department("市科技局", reg)
    prog = f.program(reg=reg)
    high_value = f.indicator(prog, "每万人口高价值发明专利拥有量", baseline=(2023, 9.54),
                             targets={2024: 10.5, 2025: 12, 2026: 14}, owner=msj, order=1)
    pledge = f.indicator(prog, "知识产权质押融资额", unit="亿元", baseline=(2021, 5),
                         targets={2026: 10}, owner=kjj, order=2)
    share = f.indicator(prog, "专利密集型产业增加值占GDP比重", unit="%", qualitative="达到或接近全省平均水平",
                        owner=msj, order=3)

    class World:
        region, program = reg, prog
        departments = {"msj": msj, "kjj": kjj}
        indicators = {"high_value": high_value, "pledge": pledge, "share": share}
        office = f.user(Role.OFFICE, reg=reg, username="office")
        leader = f.user(Role.LEADER, reg=reg, username="leader")
        reporter = f.user(Role.REPORTER, dept=msj, username="msj")
        other_reporter = f.user(Role.REPORTER, dept=kjj, username="kjj")

    return World


@pytest.fixture
def catalogue(db):
    """The catalogue of standard indicators as migrations 0003 and 0004 seed it.

    Seeded again here because a transactional test elsewhere in the run flushes migration data.
    """
    import importlib

    from django.apps import apps

    from ipcity.monitoring.models import StandardIndicator

    migration = importlib.import_module("ipcity.monitoring.migrations.0003_standard_indicator_catalogue")
    migration.seed_catalogue(apps, None)
    importlib.import_module("ipcity.monitoring.migrations.0004_catalogue_record_formulas").extend_catalogue(apps, None)
    return {s.code: s for s in StandardIndicator.objects.all()}

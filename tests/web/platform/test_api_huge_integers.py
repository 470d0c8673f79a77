"""An integer no float can hold, written out in digits (api34, 2026-12): ``"value": 1000…0`` (401
digits) passed the parser, which refused only 1e309 and NaN, and the monitoring service's
``float()`` raised OverflowError, a 500. Refused like 1e309 now, before any schema or service; the
service refuses one from another caller too."""

from __future__ import annotations

import pytest

from ipcity.monitoring import services
from ipcity.monitoring.models import IndicatorActual

pytestmark = pytest.mark.django_db

HUGE = "1" + "0" * 400


@pytest.mark.parametrize("number", [HUGE, "-" + HUGE])
def test_an_integer_beyond_any_float_is_refused_and_nothing_is_recorded(client, world, number):
    client.force_login(world.office)
    indicator = world.tl_prog.indicators.first()
    response = client.post(f"/api/monitoring/indicators/{indicator.pk}/actuals",
                           data='{"year": 2024, "value": %s}' % number, content_type="application/json")
    assert response.status_code == 400, response.content
    assert response.json() == {"detail": "请求体中的数字应为有限值（JSON 不接受 NaN、Infinity）"}
    assert not IndicatorActual.objects.filter(indicator=indicator, year=2024).exists()


def test_an_integer_a_float_holds_is_still_a_number(client, world):
    """10^300 written out is a number the parser keeps: the service records it as a float."""
    client.force_login(world.office)
    indicator = world.tl_prog.indicators.first()
    response = client.post(f"/api/monitoring/indicators/{indicator.pk}/actuals",
                           data='{"year": 2024, "value": %d}' % (10 ** 300), content_type="application/json")
    assert response.status_code == 201, response.content
    assert IndicatorActual.objects.get(indicator=indicator, year=2024, is_current=True).value == 1e300


def test_the_service_refuses_an_integer_beyond_any_float(world):
    indicator = world.tl_prog.indicators.first()
    with pytest.raises(services.MonitoringInputError) as caught:
        services.actual_value_record(indicator=indicator, year=2024, value=10 ** 400, user=world.office)
    assert caught.value.field == "value"
    assert not IndicatorActual.objects.filter(indicator=indicator, year=2024).exists()

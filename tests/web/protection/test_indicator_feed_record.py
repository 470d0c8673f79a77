"""A case KPI recorded as a programme indicator's actual value, with its lineage; the catalogue's suggestion."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from ipcity.audit.models import AuditEvent
from ipcity.monitoring.models import IndicatorActual, StandardIndicator
from ipcity.protection.selectors.statistics import feed_suggestions
from ipcity.protection.services.indicator_feed import FeedError, kpi_actual_record
from tests.web.monitoring import factories as f
from tests.web.protection import kpi_cases


@pytest.fixture
def programme(ledger_world):
    importlib.import_module("ipcity.protection.migrations.0003_case_indicator_catalogue").extend_catalogue(apps, None)
    kpi_cases.build(ledger_world)
    prog = f.program(reg=ledger_world.region)
    return {
        "program": prog,
        "disputes": f.indicator(prog, "知识产权纠纷调处结案率", unit="%", targets={2024: 100}, comparator="="),
        "on_time": f.indicator(prog, "行政和司法保护各类案件法定期限内结案率", unit="%", targets={2024: 100}),
        "enterprises": f.indicator(prog, "知识产权维权援助服务企业", unit="家", targets={2024: 60}),
        "growth": f.indicator(prog, "专利商标行政执法办案量增幅", unit="%", targets={2024: 10}),
        "other": f.indicator(prog, "每万人口高价值发明专利拥有量"),
    }


def test_the_catalogue_carries_the_four_indicators_and_suggests_them(ledger_world, programme):
    codes = set(StandardIndicator.objects.filter(code__startswith="IP_").values_list("code", flat=True))
    assert {"IP_DISPUTE_CLOSURE_RATE", "IP_CASES_ON_TIME_RATE", "IP_ENFORCEMENT_GROWTH", "IP_ASSISTED_ENTERPRISES"} <= codes
    suggestions = {s.indicator.name: (s.kpi_key, s.scope) for s in feed_suggestions(ledger_world.office)}
    assert suggestions == {
        "知识产权纠纷调处结案率": ("closure_rate", "disputes"),
        "行政和司法保护各类案件法定期限内结案率": ("on_time_rate", ""),
        "知识产权维权援助服务企业": ("enterprises_assisted", ""),
        "专利商标行政执法办案量增幅": ("enforcement_growth", ""),
    }


def test_recorded_with_lineage_and_once(ledger_world, programme):
    indicator = programme["on_time"]
    actual = kpi_actual_record(user=ledger_world.office, indicator=indicator, kpi_key="on_time_rate", year=2024)
    assert actual.value == 75.0 and actual.computed and actual.channel == "cases"
    lineage = actual.lineage
    assert (lineage["kpi"], lineage["numerator"], lineage["denominator"], lineage["case_count"]) == ("on_time_rate", 3, 4, 9)
    assert lineage["period"]["start"] == "2024-01-01" and lineage["period"]["end"] == "2024-12-31"
    assert lineage["region_code"] == "340700" and "computed_at" in lineage and "法定期限" in lineage["definition"]
    assert AuditEvent.objects.filter(action="monitoring.actual.create", object_id=str(actual.pk)).exists()
    again = kpi_actual_record(user=ledger_world.office, indicator=indicator, kpi_key="on_time_rate", year=2024)
    assert again.pk == actual.pk and IndicatorActual.objects.filter(indicator=indicator).count() == 1
    disputes = kpi_actual_record(user=ledger_world.office, indicator=programme["disputes"], kpi_key="closure_rate",
                                 year=2024, scope="disputes")
    assert (disputes.value, disputes.lineage["case_types"]) == (100.0, ["mediation", "ruling"])


def test_refusals_change_nothing(ledger_world, programme):
    with pytest.raises(PermissionDenied):
        kpi_actual_record(user=ledger_world.leader, indicator=programme["on_time"], kpi_key="on_time_rate", year=2024)
    with pytest.raises(FeedError, match="分母为 0"):
        kpi_actual_record(user=ledger_world.office, indicator=programme["on_time"], kpi_key="on_time_rate", year=2022)
    with pytest.raises(FeedError, match="未知的统计指标"):
        kpi_actual_record(user=ledger_world.office, indicator=programme["on_time"], kpi_key="nope", year=2024)
    assert IndicatorActual.objects.count() == 0


def test_the_button_on_the_kpi_page(client, ledger_world, programme):
    client.force_login(ledger_world.office)
    page = client.get(reverse("protection:kpis") + "?year=2024").content.decode()
    assert 'id="feed-suggestions"' in page and "记为 2024 年实际值" in page
    indicator = programme["enterprises"]
    response = client.post(reverse("protection:kpi_record"), {"indicator": indicator.pk, "kpi": "enterprises_assisted",
                                                              "scope": "", "year": 2024})
    assert response.status_code == 302
    assert IndicatorActual.objects.get(indicator=indicator).value == 2
    page = client.get(response.url)  # the indicator's page shows the value and where it came from
    assert page.status_code == 200 and "维权案件统计" in page.content.decode()
    client.force_login(ledger_world.leader)
    assert client.post(reverse("protection:kpi_record"), {"indicator": indicator.pk, "kpi": "enterprises_assisted",
                                                          "year": 2024}).status_code == 403

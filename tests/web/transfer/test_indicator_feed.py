"""Contracts by year and region become an indicator's actual value (hand-counted)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from ipcity.monitoring.models import IndicatorActual, StandardIndicator
from ipcity.programs.models import Indicator, Program
from ipcity.transfer import services
from ipcity.transfer.services import indicator_feed
from tests.web.transfer.transfer_fixtures import need_input


def _contract(w, need, pub: str, kind: str, day: dt.date, filing: str):
    match = services.match_add_manual(user=w.office_a, need_id=need.pk, pub_number=pub)
    for stage in ("contacted", "negotiating"):
        services.match_stage_step(user=w.office_a, match_id=match.pk, stage=stage)
    services.match_stage_step(user=w.office_a, match_id=match.pk, stage="contract", contract_kind=kind,
                              filing_number=filing, contract_date=day)


@pytest.fixture
def contracts(transfer_world):
    w = transfer_world
    need = services.need_create(user=w.office_a, data=need_input())
    district_need = services.need_create(user=w.office_a, data=need_input(region_code="340705"))
    # 2025 licences in city A: two (one of them a district's need); one 2024 licence; one 2025 transfer.
    _contract(w, need, "CN99000021A", "licence", dt.date(2025, 3, 1), "L-2025-1")
    _contract(w, district_need, "CN99000022A", "licence", dt.date(2025, 11, 30), "L-2025-2")
    _contract(w, need, "CN99000023A", "licence", dt.date(2024, 12, 31), "L-2024-1")
    _contract(w, need, "CN99000024A", "transfer", dt.date(2025, 5, 5), "T-2025-1")
    return w


def test_the_catalogue_knows_the_two_indicators(db):
    names = dict(StandardIndicator.objects.filter(code__in=indicator_feed.FEEDS).values_list("code", "name"))
    assert names == {"TRANSFER_MATCH_LICENCES": "供需对接促成专利许可数", "TRANSFER_MATCH_TRANSFERS": "供需对接促成专利转让数"}


def test_count_by_kind_year_and_region(contracts):
    value, lineage = indicator_feed.contract_lineage(kind="licence", year=2025, region_code="340700")
    assert (value, lineage["filing_numbers"]) == (2.0, ["L-2025-1", "L-2025-2"])
    assert indicator_feed.contract_lineage(kind="transfer", year=2025, region_code="340700")[0] == 1.0
    assert indicator_feed.contract_lineage(kind="licence", year=2024, region_code="340700")[0] == 1.0
    assert indicator_feed.contract_lineage(kind="licence", year=2025, region_code="341700")[0] == 0.0


def test_recording_through_the_page(contracts):
    w = contracts
    program = Program.objects.create(title="铜陵市知识产权强市建设方案", region=w.city_a, region_name="铜陵市",
                                     start_year=2023, end_year=2026)
    indicator = Indicator.objects.create(program=program, order=0, name="供需对接促成专利许可数", unit="件")
    client = Client()
    client.force_login(w.office_a)
    page = client.get(reverse("transfer:contracts")).content.decode()
    assert 'id="contract-feed"' in page
    response = client.post(reverse("transfer:contract_record"), {"indicator": indicator.pk, "kind": "licence",
                                                                 "year": 2025})
    assert response.status_code == 302
    actual = IndicatorActual.objects.get(indicator=indicator, year=2025, is_current=True)
    assert (actual.value, actual.channel, actual.computed) == (2.0, "transfer", True)
    client.post(reverse("transfer:contract_record"), {"indicator": indicator.pk, "kind": "licence", "year": 2025})
    assert IndicatorActual.objects.filter(indicator=indicator, year=2025).count() == 1  # unchanged: no history row

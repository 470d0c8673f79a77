"""The statistics page names its period in the page's language (field test 2026-12-06: the
English heading read “Rights-protection case statistics: 2026年 · All cases”)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.web.protection import kpi_cases
from tests.web.test_i18n import english_catalogue, english_client  # noqa: F401  (fixtures)


def _heading(client, query: str) -> str:
    page = client.get(reverse("protection:kpis") + query).content.decode()
    return re.sub(r"<[^>]+>", "", re.search(r"<h1>(.*?)</h1>", page, re.S).group(1))


@pytest.mark.parametrize(("query", "shown"), [("?year=2024", "2024"), ("?year=2024&month=6", "6/2024"),
                                               ("?year=2024&quarter=2", "Q2 2024")])
def test_the_english_heading_has_no_chinese_date_words(english_client, ledger_world, query, shown):  # noqa: F811
    kpi_cases.build(ledger_world)
    english_client.force_login(ledger_world.office)
    heading = _heading(english_client, query)
    assert not re.search(r"[年月季度第]", heading), heading
    assert shown in heading


def test_the_chinese_heading_keeps_its_words(client, ledger_world):
    kpi_cases.build(ledger_world)
    client.force_login(ledger_world.office)
    assert "2024年6月" in _heading(client, "?year=2024&month=6")
    assert "2024年第2季度" in _heading(client, "?year=2024&quarter=2")

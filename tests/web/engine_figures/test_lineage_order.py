"""A computed value's lineage reads in the order its parts mean, whatever order the database kept.

PostgreSQL's jsonb gives an object's keys back shortest first, then bytewise; SQLite keeps them as
written. Each test stores the lineage with its keys in jsonb's order (and reversed), then reads the
indicator page, as an installation on PostgreSQL would.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from ipcity.monitoring.models import IndicatorActual
from tests.jsonb_order import jsonb_order, reversed_order
from tests.web.engine_figures.conftest import REGION, YEAR

pytestmark = pytest.mark.django_db


def _lineage() -> dict:
    """A two-term figure over two kinds of record, as ``engine_figures._lineage`` writes it: the terms
    in the formula's order, the years ascending, the kinds in the spec's order (ALL_KINDS) and a
    licence's parties as ``PARTIES`` lists them (from, then to)."""
    return {
        "key": "tm_valid + licences", "key_label": "有效注册商标量与许可合同备案数", "value": 9.0, "unit": "件",
        "engine_value": 9.0, "engine_unit": "件",
        "formula": {"text": "tm_valid + licences", "growth": False,
                    "terms": {str(YEAR - 1): {"tm_valid": 4.0, "licences": 3.0},
                              str(YEAR): {"tm_valid": 5.0, "licences": 4.0}}},
        "kinds": ["trademark", "licence"], "region": REGION, "region_name": "杭州市", "year": YEAR,
        "as_of": f"{YEAR}-12-31", "dataset": {"name": "hz-test", "rows": 10},
        "dataset_kinds": {"trademark": {"source": "商标导出.xlsx", "rows": 20},
                          "licence": {"source": "许可备案.xlsx", "rows": 7}},
        "reference": {}, "sei": {}, "figures": {"tm_valid": 5, "licences": 4}, "warnings": [],
        "attribution": {"trademark": {"holder": {"by_address": 11, "by_name": 9}},
                        "licence": {"from": {"by_address": 3, "by_name": 1}, "to": {"by_address": 2, "by_name": 0}}},
        "engine": "duckdb", "ipcity_version": "0.1.0", "computed_at": "2026-12-06T07:17:00+00:00",
    }


def _page_with_lineage_stored_as(client, world, written: dict, stored: dict) -> str:
    """The indicator page of a computed value recorded with ``written``, its row then holding ``stored``."""
    indicator = world.indicators["valid"]
    actual = IndicatorActual.objects.create(indicator=indicator, year=YEAR, value=9.0, computed=True, lineage=written)
    IndicatorActual.objects.filter(pk=actual.pk).update(lineage=stored)
    client.force_login(world.office)
    page = client.get(reverse("monitoring:indicator", args=[world.program.pk, indicator.pk]))
    assert page.status_code == 200
    return re.sub(r"<[^>]+>", "", page.content.decode())  # the words, without the lang="zh" spans


@pytest.mark.parametrize("reorder", [jsonb_order, reversed_order], ids=["jsonb", "reversed"])
def test_the_lineage_keeps_the_formulas_terms_the_kinds_and_the_parties_in_their_order(client, world, reorder):
    stored = reorder(_lineage())
    # The stored order is not the written one: the page's order comes from the reader.
    assert list(stored["formula"]["terms"][str(YEAR)]) == ["licences", "tm_valid"]
    assert list(stored["attribution"]["licence"]) == ["to", "from"]
    assert list(stored["dataset_kinds"]) == ["licence", "trademark"]
    text = _page_with_lineage_stored_as(client, world, _lineage(), stored)
    terms = text.index("有效注册商标量 = 5"), text.index("专利商标实施许可合同备案数 = 4")
    assert terms[0] < terms[1]  # as the formula writes them: tm_valid + licences
    assert text.index(f"{YEAR - 1}：") < text.index(f"{YEAR}：")  # years ascending
    assert text.index("商标：商标导出.xlsx") < text.index("许可与转让：许可备案.xlsx")  # the spec's kinds order
    assert text.index("让与方：按地址 3 条") < text.index("受让方：按地址 2 条")  # from, then to
    assert text.index("商标：注册人") < text.index("许可与转让：让与方")


@pytest.mark.parametrize("reorder", [jsonb_order, reversed_order], ids=["jsonb", "reversed"])
def test_a_lineage_from_another_channel_reads_alike_whatever_order_the_database_kept(client, world, reorder):
    """A lineage the API or a script wrote (no ``key_label``) is shown key by key: in code-point
    order, as neither database keeps the order it was written in for both."""
    from ipcity.monitoring.templatetags.monitoring_engine_figures import lineage_rows

    written = {"统计口径": "年末数", "source": "统计局年报", "by_district": {"西湖区": 3, "上城区": 2}, "method": "汇总"}
    stored = reorder(written)
    assert list(stored) != sorted(written)
    text = _page_with_lineage_stored_as(client, world, written, stored)
    rows = lineage_rows(IndicatorActual.objects.get().lineage)
    assert [label for label, _text in rows] == sorted(written)
    assert dict(rows)["by_district"] == '{"上城区": 2, "西湖区": 3}'
    assert text.index("by_district") < text.index("method") < text.index("source") < text.index("统计口径")

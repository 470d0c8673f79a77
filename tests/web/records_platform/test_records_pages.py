"""The indicator page opens the records behind a figure and, for high value, what the office can act on."""

from __future__ import annotations

import csv
import io
import re

import openpyxl
import pytest
from django.urls import reverse

from ipcity.monitoring import engine_figures, figure_records, services
from tests.web.records_platform.conftest import DATASET, HYPERLINK, POPULATION, REGION, YEAR, write_all

pytestmark = pytest.mark.django_db


def _record(world, name, key, **extra):
    return engine_figures.actual_value_from_patents(indicator=world.indicators[name], user=world.office,
                                                    dataset=DATASET, region_code=REGION, year=YEAR, key=key, **extra)


def _urls(world, actual):
    args = [world.program.pk, actual.pk]
    return (reverse("monitoring:figure_records", args=args), reverse("monitoring:figure_records_xlsx", args=args),
            reverse("monitoring:figure_records_csv", args=args))


def test_a_computed_value_opens_to_its_records_with_downloads(client, world, data_dir):
    actual = _record(world, "licence_transfer", "licences + transfers")
    page_url, xlsx_url, csv_url = _urls(world, actual)
    client.force_login(world.leader)  # a reader of the programme may open the records
    indicator_page = client.get(reverse("monitoring:indicator", args=[world.program.pk, actual.indicator_id]))
    assert page_url in indicator_page.content.decode()
    body = client.get(page_url).content.decode()
    assert 'data-records-count="3"' in body and xlsx_url in body and csv_url in body
    assert '<tbody lang="zh">' in body
    # The records table itself: the page's random CSRF token may contain "X2" (it once did).
    table = body.split('<tbody lang="zh">', 1)[1].split("</tbody>", 1)[0]
    assert "L1" in table and "X1" in table and "X2" not in table  # X2 given by 上海

    rows = list(csv.reader(io.StringIO(client.get(csv_url).content.decode("utf-8-sig"))))
    header, lines = rows[0], rows[1:]
    # walk 25: the columns are headed in words, not the engine's names (record_id, to_party)
    assert header[0] == "指标项" and "备案号/登记号" in header and len(lines) == 3
    assert not [name for name in ("record_id", "to_party", "figure") if name in header]
    assert sorted((line[0], line[header.index("备案号/登记号")]) for line in lines) == [
        ("专利商标实施许可合同备案数", "L1"), ("专利商标实施许可合同备案数", "L2"), ("专利商标转让登记数", "X1")]
    assert "'" + HYPERLINK in [line[header.index("受让人/被许可人")] for line in lines]  # neutralised, not a formula
    assert "<th>备案号/登记号</th>" in body and "<th>record_id</th>" not in body

    book = openpyxl.load_workbook(io.BytesIO(client.get(xlsx_url).content))
    values = [row for row in book.active.iter_rows(values_only=True)]
    header_row = values.index(tuple(header))
    assert len(values) - header_row - 1 == 3
    assert any(cell == "'" + HYPERLINK for row in values for cell in row)
    assert not any(isinstance(cell, str) and cell.startswith("=") for row in values for cell in row)


def test_growth_and_per_entity_figures_open_to_the_records_of_their_counts(world, data_dir):
    growth = figure_records.records_behind(_record(world, "works_growth", "growth(copyright_works)"))
    assert sorted(zip(growth.frame["year"], growth.frame["reg_number"], strict=True)) == [
        (2023, "W4"), (2023, "W5"), (2024, "W1"), (2024, "W2"), (2024, "W3")]
    patent_pledges = figure_records.records_behind(_record(world, "patent_pledge", "pledge_amount_by_kind.patent"))
    assert list(patent_pledges.frame["pledge_id"]) == ["Z1"]
    high_value = figure_records.records_behind(_record(world, "high_value", "high_value_per_10k", population=POPULATION))
    assert len(high_value) == 1 and high_value.frame["criteria"].tolist() == ["overseas_family"]


def test_paging_keeps_the_page_in_range(world, data_dir):
    records = figure_records.records_behind(_record(world, "licence_transfer", "licences + transfers"))
    rows, page, pages = records.page(2, size=2)
    assert (len(rows), page, pages) == (1, 2, 2)
    assert records.page(99, size=2)[1] == 2 and records.page(0, size=2)[1] == 1


def test_a_value_entered_by_hand_has_no_records_and_says_so(client, world, data_dir):
    actual = services.actual_value_record(indicator=world.indicators["pledge"], year=YEAR, value=3, user=world.office,
                                          source="市金融办")
    page_url, _xlsx, csv_url = _urls(world, actual)
    client.force_login(world.office)
    body = client.get(page_url).content.decode()
    assert "data-records-note" in body and "不是从数据计算的" in body and "data-records-table" not in body
    assert "不是从数据计算的" in client.get(csv_url).content.decode("utf-8-sig")


def test_a_reimported_dataset_is_said_to_differ_from_the_figure(client, world, data_dir):
    actual = _record(world, "licence_filings", "licences")
    write_all(data_dir)  # a new import of every kind after the figure was computed
    client.force_login(world.office)
    body = client.get(_urls(world, actual)[0]).content.decode()
    assert "data-records-note" in body and "重新导入" in body and 'data-records-count="2"' in body


@pytest.mark.parametrize("who,status", [("other_office", 404), ("reporter", 200), ("leader", 200)])
def test_records_follow_the_indicators_visibility(client, world, data_dir, who, status):
    actual = _record(world, "licence_filings", "licences")
    client.force_login(getattr(world, who))
    for url in _urls(world, actual):
        assert client.get(url).status_code == status
    actions = reverse("monitoring:actions", args=[world.program.pk, actual.indicator_id])
    assert client.get(actions).status_code == status


def test_the_high_value_page_shows_the_actions_and_exports_them(client, world, data_dir):
    ind = world.indicators["high_value"]
    page_url = reverse("monitoring:indicator", args=[world.program.pk, ind.pk])
    actions_url = reverse("monitoring:actions", args=[world.program.pk, ind.pk])
    xlsx_url = reverse("monitoring:actions_xlsx", args=[world.program.pk, ind.pk])
    client.force_login(world.office)
    # The catalogue names it a high-value figure: the section is there, asking for a computed value first.
    page = client.get(page_url).content.decode()
    assert "data-actions-section" in page and f'hx-get="{actions_url}"' in page
    assert "data-no-high-value-figure" in client.get(actions_url, HTTP_HX_REQUEST="true").content.decode()

    _record(world, "high_value", "high_value_per_10k", population=POPULATION)
    fragment = client.get(actions_url, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in fragment
    # P1 (filed 2015-03-01) passes the 10-year line in 2025 and meets no other criterion; P2 (a US
    # family member) is high value with a lapse recorded on 2025-04-01; its holder leads.
    assert 'data-count-crossing>1<' in fragment and 'data-count-at-risk>1<' in fragment
    assert "杭州乙科技有限公司" in fragment
    # walk 25: the risk is said in words, not as the engine's code, and a date has no time of day
    assert "已记录失效" in fragment and "lapse_recorded" not in fragment
    assert "2015-03-01" in fragment and "00:00:00" not in fragment
    whole = client.get(actions_url).content.decode()
    assert "<html" in whole and xlsx_url in whole

    book = openpyxl.load_workbook(io.BytesIO(client.get(xlsx_url).content))
    assert len(book.sheetnames) == 3
    crossing, at_risk, holders = (list(book[name].iter_rows(values_only=True)) for name in book.sheetnames)
    assert len(crossing) == 3 and crossing[1][:3] == ("公开（公告）号", "新增高价值", "已记录失效")  # title, header, P1
    assert "'" + HYPERLINK in crossing[2]  # P1's title stays text in Excel
    assert len(at_risk) == 3 and "已记录失效" in at_risk[2] and "lapse_recorded" not in at_risk[2]
    assert not any("00:00:00" in str(cell) for row in crossing + at_risk for cell in row)
    assert holders[2][:2] == (1, "杭州乙科技有限公司")


def test_no_actions_on_an_indicator_that_is_not_high_value(client, world, data_dir):
    client.force_login(world.office)
    page = client.get(reverse("monitoring:indicator", args=[world.program.pk, world.indicators["pledge"].pk]))
    assert "data-actions-section" not in page.content.decode()


def test_a_listing_is_read_once_per_dataset_version_then_served_from_the_cache(world, data_dir, monkeypatch):
    actual = _record(world, "licence_transfer", "licences + transfers")
    first = figure_records.records_behind(actual)
    cached = list((data_dir / "cache" / "figure-records").glob(f"records-{actual.pk}-*.parquet"))
    assert len(cached) == 1

    def no_engine(*args, **kwargs):
        raise AssertionError("the dataset was read again")

    reader = figure_records._explain
    monkeypatch.setattr(figure_records, "_explain", no_engine)
    again = figure_records.records_behind(actual)  # paging: no second read of the dataset
    assert again.frame.to_dict("records") == first.frame.to_dict("records") and not again.stale

    monkeypatch.setattr(figure_records, "_explain", reader)
    write_all(data_dir)  # a new dataset version: read again, marked as newer than the figure
    newer = figure_records.records_behind(actual)
    assert newer.stale and len(newer) == 3
    assert len(list((data_dir / "cache" / "figure-records").glob(f"records-{actual.pk}-*.parquet"))) == 1


def test_importing_one_kind_again_marks_only_the_figures_that_read_it(world, data_dir):
    import pyarrow as pa

    from ipcity.analytics import datasets
    from ipcity.analytics.record_kinds import canonical_schema
    from tests.web.records_platform.conftest import copyrights

    licence_figure = _record(world, "licence_filings", "licences")
    patent_figure = _record(world, "high_value", "high_value_per_10k", population=POPULATION)
    table = pa.Table.from_pylist(copyrights()[:1], schema=canonical_schema("copyright"))
    datasets.write_kind(DATASET, "copyright", table, {"source": "hz-copyright-2.csv", "format": "canonical"}, data_dir)
    assert not figure_records.records_behind(licence_figure).stale
    assert not figure_records.records_behind(patent_figure).stale
    copyright_figure = _record(world, "copyright", "copyright_works + copyright_software")
    assert copyright_figure.value == 1 / 10_000  # W1 only now
    table = pa.Table.from_pylist(copyrights(), schema=canonical_schema("copyright"))
    datasets.write_kind(DATASET, "copyright", table, {"source": "hz-copyright-3.csv", "format": "canonical"}, data_dir)
    assert figure_records.records_behind(copyright_figure).stale


def test_the_value_table_shows_formula_terms_conversion_and_sources(client, world, data_dir):
    _record(world, "pledge", "pledge_amount")
    _record(world, "licence_transfer", "licences + transfers")
    client.force_login(world.leader)
    page = client.get(reverse("monitoring:indicator", args=[world.program.pk, world.indicators["pledge"].pk]))
    body = _text(page.content.decode())  # units and file names are marked lang="zh" (data)
    # the formula and its terms named as the catalogue names them, not by the engine's keys
    assert "知识产权质押融资额 · 2024：知识产权质押融资额 = 1,720,000,000 · 1,720,000,000 元 → 17.2 亿元" in body
    assert "质押登记：hz-pledge.csv（3）" in body  # the kind in words, not its code
    other = client.get(reverse("monitoring:indicator", args=[world.program.pk, world.indicators["licence_transfer"].pk]))
    assert "licences + transfers · 2024：专利商标实施许可合同备案数 = 2，专利商标转让登记数 = 1 · 3 件" in _text(other.content.decode())


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)

"""The cells of the records behind a figure and of the action lists say their values in words
(walk 25: the page, its CSV and its Excel showed valid, registered, True, ordinary, sei;award,
licences, 330106, CN1|CN2…): one row per record and the same columns still; dates stay ISO,
numbers stay numbers, a code without words is shown as itself."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils.functional import Promise

from ipcity.analytics import actions, formulas, record_kinds, schema
from ipcity.analytics.indicators import CRITERIA
from ipcity.monitoring import engine_figures
from tests.web.records_platform.conftest import DATASET, POPULATION, REGION, YEAR
from tests.web.records_platform.test_column_labels import _listing_columns


def _record(world, name, key, **extra):
    return engine_figures.actual_value_from_patents(indicator=world.indicators[name], user=world.office,
                                                    dataset=DATASET, region_code=REGION, year=YEAR, key=key, **extra)


def _shown(client, world, actual):
    """(the page's table body, the CSV's lines as dicts by header, the Excel's lines likewise)."""
    args = [world.program.pk, actual.pk]
    body = client.get(reverse("monitoring:figure_records", args=args)).content.decode()
    table = body.split('<tbody lang="zh">', 1)[1].split("</tbody>", 1)[0]
    rows = list(csv.reader(io.StringIO(
        client.get(reverse("monitoring:figure_records_csv", args=args)).content.decode("utf-8-sig"))))
    csv_lines = [dict(zip(rows[0], line, strict=True)) for line in rows[1:]]
    book = openpyxl.load_workbook(io.BytesIO(client.get(reverse("monitoring:figure_records_xlsx", args=args)).content))
    cells = list(book.active.iter_rows(values_only=True))
    header = cells.index(tuple(rows[0]))
    xlsx_lines = [dict(zip(cells[header], line, strict=True)) for line in cells[header + 1:]]
    return table, csv_lines, xlsx_lines


@pytest.mark.django_db
def test_trademark_records_show_status_type_and_flags_in_words(client, world, data_dir):
    client.force_login(world.office)
    table, lines, book = _shown(client, world, _record(world, "tm_valid", "tm_valid"))
    assert len(lines) == len(book) == 3  # T1, T2, T5: one row per record still
    for shown in (lines, book):
        by_number = {line["注册号/登记号"]: line for line in shown}
        assert {line["状态"] for line in shown} == {"已注册"}
        assert by_number["T5"]["商标类型"] == "证明商标" and by_number["T1"]["商标类型"] == "普通商标"
        assert by_number["T5"]["地理标志"] == "是" and by_number["T1"]["地理标志"] == "否"
        assert by_number["T1"]["马德里国际注册"] == "否" and by_number["T1"]["受理局"] == "国家知识产权局"
        assert by_number["T1"]["地区代码"] == "330106 西湖区"
        assert by_number["T1"]["申请日"] == "2014-01-01"  # dates stay ISO
    for code in ("registered", "certification", "ordinary", "True", "False"):
        assert f"<td>{code}</td>" not in table and all(code not in line.values() for line in lines)
    assert "<td>已注册</td>" in table and "<td>证明商标</td>" in table and "<td>是</td>" in table
    assert {line["国际分类"] for line in book} == {35}  # a number stays a number in Excel
    assert {line["年份"] for line in book} == {YEAR}


@pytest.mark.django_db
def test_patent_records_show_status_criteria_and_flags_in_words(client, world, data_dir):
    client.force_login(world.office)
    actual = _record(world, "high_value", "high_value_per_10k", population=POPULATION)
    table, lines, book = _shown(client, world, actual)
    for shown in (lines, book):
        (p2,) = shown  # P2: a granted US family member
        assert p2["状态"] == "有效" and p2["符合的高价值标准"] == "海外同族授权"
        assert p2["海外同族授权"] == "是" and p2["战略性新兴产业"] == "否"
        assert p2["地区"] == "330106 西湖区"
    assert "<td>有效</td>" in table and "<td>valid</td>" not in table and "<td>True</td>" not in table
    assert "overseas_family" not in table


@pytest.mark.django_db
def test_licence_records_show_the_figure_and_the_filing_in_words(client, world, data_dir):
    client.force_login(world.office)
    table, lines, book = _shown(client, world, _record(world, "licence_transfer", "licences + transfers"))
    for shown in (lines, book):
        by_id = {line["备案号/登记号"]: line for line in shown}
        assert by_id["L1"]["指标项"] == "专利商标实施许可合同备案数" and by_id["X1"]["指标项"] == "专利商标转让登记数"
        assert by_id["L1"]["备案类型"] == "实施许可合同备案" and by_id["X1"]["备案类型"] == "权利转让登记"
        assert by_id["L1"]["许可类型"] == "普通许可" and by_id["X1"]["许可类型"] in ("", None)
        assert by_id["L1"]["权利类型"] == "专利"
        assert by_id["L1"]["受让人/被许可人地区代码"] == "310101 黄浦区"
    assert "<td>licences</td>" not in table and "<td>licence</td>" not in table and "<td>ordinary</td>" not in table


@pytest.mark.django_db
def test_pledge_records_join_their_rights_in_words(client, world, data_dir):
    client.force_login(world.office)
    _table, lines, book = _shown(client, world, _record(world, "pledge", "pledge_amount"))
    assert {line["所涉专利/商标号"] for line in lines} == {"CN1、CN2"}
    assert {line["权利类型"] for line in lines} == {"专利", "商标"}
    assert {line["担保债权数额（元）"] for line in book} == {1_200_000_000, 520_000_000}  # numbers in Excel


@pytest.mark.django_db
def test_the_action_lists_show_flags_and_holder_kinds_in_words(client, world, data_dir):
    ind = world.indicators["high_value"]
    _record(world, "high_value", "high_value_per_10k", population=POPULATION)
    client.force_login(world.office)
    fragment = client.get(reverse("monitoring:actions", args=[world.program.pk, ind.pk]),
                          HTTP_HX_REQUEST="true").content.decode()
    crossing_table = fragment.split("data-count-crossing", 1)[1].split("</table>", 1)[0]
    assert "<td>是</td>" in crossing_table  # P1 joins high value by the 10-year line alone
    book = openpyxl.load_workbook(io.BytesIO(
        client.get(reverse("monitoring:actions_xlsx", args=[world.program.pk, ind.pk])).content))
    crossing, _at_risk, holders = (list(book[name].iter_rows(values_only=True)) for name in book.sheetnames)
    p1 = dict(zip(crossing[1], crossing[2], strict=True))
    assert p1["新增高价值"] == "是" and p1["已记录失效"] == "否" and p1["状态"] == "有效"
    leader = dict(zip(holders[1], holders[2], strict=True))
    assert leader["权利人类型"] == "企业" and leader["排名"] == 1 and leader["高价值发明专利"] == 1
    assert not any(cell in (True, False, "enterprise", "valid") for row in crossing + holders for cell in row
                   if not isinstance(cell, int) or isinstance(cell, bool))


def test_a_cell_keeps_what_has_no_words():
    from ipcity.monitoring import record_cells

    assert record_cells.cell("kind", "invention") == "发明" and record_cells.cell("kind", "plant") == "plant"
    assert record_cells.cell("amount", 12.5) == 12.5 and record_cells.cell("nice_class", 35) == 35
    assert record_cells.cell("applicants", "甲公司|乙大学") == "甲公司、乙大学"
    assert record_cells.cell("criteria", "sei;award") == "战略性新兴产业、专利奖"
    assert record_cells.cell("region_code", "999999") == "999999"  # no such region: the code alone
    assert record_cells.cell("title", "A|B") == "A|B"  # a title is text, not a list
    assert record_cells.cell("figure", "unheard_of") == "unheard_of"


# ------------------------------------------------------------------ completeness


def _vocabularies() -> dict[str, set[str]]:
    """Every code a listing's column can hold, from the vocabularies the engine checks its records against."""
    codes: dict[str, set[str]] = {"kind": set(schema.KINDS), "status": set(schema.STATUSES),
                                  "holder_kind": set(actions.HOLDER_KINDS), "criteria": set(CRITERIA)}
    for enums in record_kinds.ENUMS.values():
        for column, words in enums.items():
            codes.setdefault(column, set()).update(words)
    return codes


def test_every_code_of_a_vocabulary_has_words():
    from ipcity.monitoring import record_cells

    missing = sorted(f"{column}={code}" for column, codes in _vocabularies().items() for code in codes
                     if record_cells.cell(column, code) == code)
    assert not missing, f"codes without words: {missing}"


def test_every_figure_a_formula_can_list_has_words():
    from ipcity.monitoring import record_cells

    terms = [key for key in (*formulas.PATENT_KEYS, *formulas.RECORD_KEYS) if key not in formulas.PARTS]
    terms += [f"{key}.{part}" for key, parts in formulas.PARTS.items() for part in parts]
    missing = [term for term in terms if record_cells.cell("figure", term) == term]
    assert not missing, f"figures without words: {missing}"


def test_the_valued_columns_are_columns_a_listing_shows_and_their_words_are_translatable():
    from ipcity.monitoring.labels import RECORD_VALUES

    assert set(RECORD_VALUES) <= _listing_columns() | {"kind"}  # kind: the patent's type, in RECORD_COLUMNS
    assert all(isinstance(word, Promise) for words in RECORD_VALUES.values() for word in words.values())

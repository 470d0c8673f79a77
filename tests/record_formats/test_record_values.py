"""The record registers' own words and forms, one parser at a time (hand-worked cases)."""

from __future__ import annotations

import datetime as dt

import pytest

from ipcity.analytics import record_values as rv

D = dt.date


@pytest.mark.parametrize(("cell", "expected"), [
    ("第35类", 35), ("35", 35), ("35类", 35), ("第09类", 9), ("第9类 科学仪器", 9), ("35-广告销售", 35),
    ("第３５类", 35), (35, 35), (35.0, 35), ("45", 45), ("1", 1), ("", None), (None, None),
])
def test_nice_class_forms(cell, expected):
    assert rv.parse_nice_class(cell) == expected


@pytest.mark.parametrize(("cell", "reason"), [
    ("第0类", "not between 1 and 45"), ("46", "not between 1 and 45"), (46, "not between 1 and 45"),
    ("第35类;第41类", "several Nice classes"), ("9,35", "several Nice classes"), ("服装", "unreadable"),
    (35.5, "unreadable"),
])
def test_nice_class_refused(cell, reason):
    with pytest.raises(ValueError, match=reason):
        rv.parse_nice_class(cell)


@pytest.mark.parametrize(("cell", "expected"), [
    ("普通商标", ("ordinary", False)), ("集体商标", ("collective", False)), ("证明商标", ("certification", False)),
    ("地理标志集体商标", ("collective", True)), ("地理标志证明商标", ("certification", True)),
    ("地理标志", ("certification", True)), ("特殊商标", ("ordinary", False)), ("立体商标", ("ordinary", False)),
])
def test_mark_types(cell, expected):
    assert rv.parse_mark_type(cell) == expected


@pytest.mark.parametrize(("cell", "expected"), [
    ("商标已注册", ("registered", False)), ("注册商标", ("registered", False)), ("已注册", ("registered", False)),
    ("LIVE/REGISTERED", ("registered", False)), ("商标续展完成", ("registered", False)),
    ("撤销三年不使用审查中", ("registered", False)), ("撤销/无效宣告申请审查中", ("registered", False)),
    ("商标注册申请中", ("pending", False)), ("等待实质审查", ("pending", False)), ("初审公告", ("pending", False)),
    ("驳回复审中", ("pending", False)), ("异议申请中", ("pending", False)),
    ("商标无效", ("invalid", False)), ("已注销", ("invalid", False)), ("已驳回", ("invalid", False)),
    ("期满未续展", ("invalid", True)), ("已过期", ("invalid", True)), ("DEAD", ("invalid", False)),
])
def test_trademark_status_words(cell, expected):
    assert rv.parse_trademark_status(cell) == expected


def test_unknown_trademark_status_is_refused():
    with pytest.raises(ValueError, match="unknown trademark status '待定'"):
        rv.parse_trademark_status("待定")


@pytest.mark.parametrize(("cell", "expected"), [
    ("2013年05月21日至2023年05月20日", (D(2013, 5, 21), D(2023, 5, 20))),
    ("2013年5月21日 至 2023年5月20日", (D(2013, 5, 21), D(2023, 5, 20))),
    ("2013-05-21至2023-05-20", (D(2013, 5, 21), D(2023, 5, 20))),
    ("2013-05-21 ~ 2023-05-20", (D(2013, 5, 21), D(2023, 5, 20))),
    ("2013-05-21-2023-05-20", (D(2013, 5, 21), D(2023, 5, 20))),
    ("2013.05.21—2023.05.20", (D(2013, 5, 21), D(2023, 5, 20))),
    ("", None),
])
def test_term_ranges(cell, expected):
    assert rv.parse_term(cell) == expected


@pytest.mark.parametrize(("cell", "reason"), [
    ("2013年05月21日", "two dates"), ("2023-05-21至2013-05-20", "ends before it starts"),
    ("2013-02-30至2023-02-28", "impossible date"),
])
def test_bad_terms(cell, reason):
    with pytest.raises(ValueError, match=reason):
        rv.parse_term(cell)


@pytest.mark.parametrize(("term_start", "app_date", "expected"), [
    (D(2013, 5, 21), D(2012, 3, 1), D(2013, 5, 21)),  # the first term
    (D(2023, 5, 21), D(2012, 3, 1), D(2013, 5, 21)),  # renewed once
    (D(2033, 5, 21), D(2012, 3, 1), D(2013, 5, 21)),  # renewed twice
    (D(2016, 1, 28), D(2004, 5, 10), D(2006, 1, 28)),
    (D(2024, 2, 29), D(2012, 1, 1), D(2014, 2, 28)),  # 29 February ten years back is the 28th
    (D(2023, 5, 21), None, D(2023, 5, 21)),  # no application date: as written
])
def test_original_registration_behind_a_renewed_term(term_start, app_date, expected):
    assert rv.original_registration(term_start, app_date) == expected


@pytest.mark.parametrize(("cell", "factor", "expected"), [
    ("500万元", 1.0, 5_000_000), ("1.5亿元", 1.0, 150_000_000), ("3,000,000", 1.0, 3_000_000),
    ("人民币300万元", 1.0, 3_000_000), ("1500", 1e4, 15_000_000), (80.5, 1e4, 805_000), ("300元", 1e4, 300),
    ("", 1.0, None),
])
def test_money_in_yuan(cell, factor, expected):
    assert rv.parse_money(cell, factor) == expected


def test_negative_money_is_refused():
    with pytest.raises(ValueError, match="negative"):
        rv.parse_money("-5", 1e4)


@pytest.mark.parametrize(("cell", "expected"), [
    ("独占许可", "exclusive"), ("排他许可", "sole"), ("普通许可", "ordinary"), ("开放许可", "open"),
    ("分许可", "ordinary"), ("交叉许可", "ordinary"), ("独占", "exclusive"),
])
def test_licence_types(cell, expected):
    assert rv.parse_licence_type(cell) == expected


def test_unknown_licence_type_is_refused():
    with pytest.raises(ValueError, match="unknown licence type"):
        rv.parse_licence_type("试用许可")


def test_rights_numbers():
    assert rv.parse_patent_numbers("ZL 2021 1 0123456.7; 201920654321X") == [
        ("CN202110123456.7", "patent"), ("CN201920654321X", "patent")]
    assert rv.parse_mark_numbers("10000002;10000003") == [("10000002", "trademark"), ("10000003", "trademark")]
    assert rv.parse_any_numbers("ZL202110123456.7、12345678") == [
        ("CN202110123456.7", "patent"), ("12345678", "trademark")]
    assert rv.combined_kind({"patent", "trademark"}) == "mixed"
    with pytest.raises(ValueError, match="unreadable patent number"):
        rv.parse_patent_numbers("ABC")


@pytest.mark.parametrize(("number", "expected"), [
    ("2023SR0100001", "software"), ("国作登字-2023-F-00100001", "work"), ("粤作登字-2023-F-00000001", "work"),
    ("12345", None),
])
def test_copyright_register_told_by_number(number, expected):
    assert rv.work_type_of_number(number) == expected


def test_work_types_and_categories():
    assert rv.parse_work_type("计算机软件著作权") == "software"
    assert rv.parse_work_type("作品著作权") == "work"
    assert rv.parse_category("美术作品") == "美术"
    assert rv.parse_category("摄影") == "摄影"


@pytest.mark.parametrize("cell", ["注册", " 注册 ", "有效"])
def test_bare_registered_words_of_the_word_table(cell):
    """商标状态 '注册' (the CNIPA register's word) was refused as unknown by the trademark register's
    reader while the word table (record_registry.WORDS) reads it as registered."""
    assert rv.parse_trademark_status(cell) == ("registered", False)

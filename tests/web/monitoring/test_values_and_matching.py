"""Reading typed values with unit sense."""

from __future__ import annotations

import re

import pytest

from ipcity.monitoring.values import ValueProblem, parse_value


@pytest.mark.parametrize(("raw", "unit", "name", "expected"), [
    (10.6, "件", "", 10.6), ("10.6", "件", "", 10.6), (" 1,234.5 ", "件", "", 1234.5), ("12件", "件", "", 12.0),
    ("", "件", "", None), ("１２．５％", "%", "专利转化率", 12.5), (None, "件", "", None), ("-3.5", "%", "专利授权量增长率", -3.5), (130, "%", "作品登记量增幅", 130.0),
])
def test_values_accepted(raw, unit, name, expected):
    assert parse_value(raw, unit=unit, name=name) == expected


@pytest.mark.parametrize(("raw", "unit", "name", "message"), [
    ("很多", "件", "", "不是数字"), ("12万件", "件", "", "单位“万件”与指标单位“件”不符"), (-1, "家", "", "不能为负数"),
    (120, "%", "专利密集型产业增加值占GDP比重", "0 到 100"), (True, "件", "", "不是数字"), ("5%", None, "", "没有单位"),
])
def test_values_refused_with_a_reason(raw, unit, name, message):
    with pytest.raises(ValueProblem, match=message):
        parse_value(raw, unit=unit, name=name)


@pytest.mark.parametrize(("raw", "unit", "message"), [
    ("1e309", "亿元", "“1e309”不是数字"), ("-1E+400", "件", "“-1E+400”不是数字"), ("1e309亿元", "亿元", "“1e309亿元”不是数字"),
    ("1.23457E+13", "元", "科学计数法"), ("1e3", "件", "科学计数法"), ("2E-2", None, "科学计数法"),
])
def test_a_number_in_exponent_notation_is_refused_as_a_number_not_read_as_a_unit(raw, unit, message):
    """Field test 27, item 14: 1e309 was refused as the unit “e309”. Beyond a float it is not a
    number; a finite one (1.23457E+13 is what Excel's CSV writes for a wide number) is refused
    too, its digits possibly rounded, with a message that says so rather than naming a unit."""
    with pytest.raises(ValueProblem, match=re.escape(message)) as caught:
        parse_value(raw, unit=unit)
    assert "单位" not in str(caught.value)

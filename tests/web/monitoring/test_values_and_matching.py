"""Reading typed values with unit sense."""

from __future__ import annotations

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

"""GB/T 2260 prefixes and levels: a district counts for its city, a city for its province."""

from __future__ import annotations

import pytest

from ipcity.analytics.attribution import (
    RegionError,
    level_key,
    region_level,
    region_name,
    region_prefix,
    regions_of_level,
)


@pytest.mark.parametrize(
    ("code", "prefix", "level"),
    [("330000", "33", "province"), ("330100", "3301", "city"), ("330106", "330106", "district"),
     ("110100", "1101", "city"), ("429004", "429004", "district")],
)
def test_prefix_and_level(code, prefix, level):
    assert region_prefix(code) == prefix
    assert region_level(code) == level


@pytest.mark.parametrize(
    ("code", "level", "key"),
    [("330106", "city", "330100"), ("330106", "province", "330000"), ("330106", "district", "330106"),
     ("330100", "district", None), ("330000", "city", None), ("429004", "city", "429000")],
)
def test_level_key(code, level, key):
    assert level_key(code, level) == key


@pytest.mark.parametrize("bad", ["3301", "33010A", "", "3301000"])
def test_bad_codes_are_refused(bad):
    with pytest.raises(RegionError):
        region_prefix(bad)


def test_names_and_the_city_list():
    assert region_name("330100") == "杭州市"
    assert region_name("110100") == "北京市"  # a municipality's 市辖区 takes the province's name
    cities = regions_of_level("city")
    assert 330 <= len(cities) <= 350 and "330100" in cities

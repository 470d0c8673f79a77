"""GB/T 2260 codes by their digits: normalisation, levels, parents, the prefix that scopes a region."""

from __future__ import annotations

import pytest

from ipcity import divisions as dv


@pytest.mark.parametrize(("raw", "code"), [("440305000000", "440305"), ("44", "440000"), ("4403", "440300"),
                                           (440305.0, "440305"), (" 440305 ", "440305"), ("JP", None),
                                           ("000000", None), ("44030", None), (None, None)])
def test_normalise_code(raw, code):
    assert dv.normalise_code(raw) == code


@pytest.mark.parametrize(
    ("code", "prefix", "level"),
    [("330000", "33", "province"), ("330100", "3301", "city"), ("330106", "330106", "district"),
     ("110100", "1101", "city"), ("429004", "429004", "district"), ("990100", "9901", "city")],
)
def test_prefix_and_level(code, prefix, level):
    assert dv.region_prefix(code) == prefix
    assert dv.level(code) == level


@pytest.mark.parametrize(
    ("code", "level", "key"),
    [("330106", "city", "330100"), ("330106", "province", "330000"), ("330106", "district", "330106"),
     ("330100", "district", None), ("330000", "city", None), ("429004", "city", "429000")],
)
def test_level_key(code, level, key):
    assert dv.level_key(code, level) == key


@pytest.mark.parametrize("bad", ["3301", "33010A", "", "3301000"])
def test_bad_codes_are_refused(bad):
    with pytest.raises(dv.DivisionCodeError, match="6-digit"):
        dv.region_prefix(bad)
    with pytest.raises(dv.DivisionCodeError):
        dv.is_within(bad, "330000")


def test_unknown_level_is_refused():
    with pytest.raises(dv.DivisionCodeError, match="unknown level"):
        dv.level_key("330106", "county")


def test_parents_and_within():
    assert dv.parents("440305") == ["440305", "440300", "440000"]
    assert dv.parents("440300") == ["440300", "440000"] and dv.parents("440000") == ["440000"]
    assert dv.parent_of("440305") == "440300" and dv.parent_of("440000") is None
    assert dv.province_of("440305") == "440000" and dv.city_of("440305") == "440300" and dv.city_of("440000") is None
    assert dv.is_within("440305", "440300") and dv.is_within("440305", "440000") and dv.is_within("440305", "440305")
    assert not dv.is_within("440305", "440100") and not dv.is_within("440300", "440305")


def test_within_agrees_with_parents_for_every_code_of_the_table():
    """The prefix rule (used for database scoping) and the parent chain say the same thing."""
    table = dv.table()
    for code in table.divisions:
        for region in dv.parents(code):
            assert dv.is_within(code, region)
        assert dv.level(code) == table.divisions[code].level


def test_the_country_holds_every_code_and_is_no_division():
    # 000000 is never a record's code (a leading 00 is refused), its prefix is empty
    assert dv.normalise_code("000000") is None
    assert dv.region_prefix(dv.COUNTRY) == "" and dv.level(dv.COUNTRY) == "country"
    assert dv.parents(dv.COUNTRY) == [dv.COUNTRY] and dv.parent_of(dv.COUNTRY) is None
    assert dv.parents("330106") == ["330106", "330100", "330000"]  # the country is no level above a province
    assert all(dv.is_within(code, dv.COUNTRY) for code in ("110000", "330106", "429004", "659001"))
    assert "country" not in dv.LEVELS

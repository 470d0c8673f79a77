"""SEI pattern semantics (spec: 'the five criteria', 1) on single symbols, and the file loader."""

from __future__ import annotations

import json

import pytest

from ipcity.analytics.sei import SeiTableError, load_sei_table, normalise_symbol, pattern_key, split_keywords


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("G06F11*", ("main_group", "G06F11")),
        ("B41J*", ("subclass", "B41J")),
        ("G16*", ("class", "G16")),
        ("H03M13", ("main_group", "H03M13")),  # neither * nor /: read like H03M13*
        ("G16H", ("subclass", "G16H")),
        ("G06F9/44", ("symbol", "G06F9/44")),
        ("G06F 16/36", ("symbol", "G06F16/36")),
    ],
)
def test_pattern_levels(pattern, expected):
    assert pattern_key(pattern) == expected


@pytest.mark.parametrize("bad", ["G06F3/01*", "XYZ", "G06F11/*", "06F11"])
def test_unsupported_or_malformed_patterns_are_refused(bad):
    with pytest.raises(SeiTableError):
        pattern_key(bad)


@pytest.mark.parametrize(
    ("symbol", "rules"),
    [
        ("G06F11/30", [0]),  # main group 11 of G06F
        ("G06F11/00", [0]),
        ("G06F 11/3409", [0]),  # spaces ignored; a deeper subgroup is still under main group 11
        ("G06F110/00", []),  # main group 110 is not under G06F11*
        ("G06F1/00", []),
        ("G06F11/14", []),  # excluded from rule 1
        ("H03M13/05", [0]),  # bare main-group pattern
        ("H03M130/00", []),
        ("G16H10/60", [0]),  # bare subclass pattern
        ("H01L21/02", [1]),  # exact symbol
        ("H01L21/027", []),  # exact means exact: not its subgroups
        ("B41J3/00", [1]),
        ("B41J2/01", []),  # B41J2* excluded
        ("B41J29/00", [1]),  # ... but not B41J29, a different main group
        ("C12N15/10", [2]),
    ],
)
def test_symbol_matching_ipc_only(tiny_sei, symbol, rules):
    assert tiny_sei.matching_rules(symbol) == rules


def test_keyword_mode_needs_a_term_in_the_text(tiny_sei):
    assert tiny_sei.matching_rules("C12N15/10", "一种CRISPR载体", mode="ipc_and_keyword") == [2]
    assert tiny_sei.matching_rules("C12N15/10", "一种合成生物方法", mode="ipc_and_keyword") == [2]
    assert tiny_sei.matching_rules("C12N15/10", "一种发酵罐", mode="ipc_and_keyword") == []
    # a rule without keywords is unaffected by the mode
    assert tiny_sei.matching_rules("G06F11/30", "无关文字", mode="ipc_and_keyword") == [0]


def test_keyword_phrases_split_at_the_spec_separators():
    assert split_keywords(["基因编辑、CRISPR；合成生物;细胞，疫苗,抗体"]) == [
        "基因编辑", "CRISPR", "合成生物", "细胞", "疫苗", "抗体"]


def test_normalise_symbol():
    assert normalise_symbol(" g06f 16/36 ") == "G06F16/36"


def test_shared_concordance_loads_with_its_documented_size(sei_2021, shared_dir):
    assert len(sei_2021.rules) == 303
    assert sei_2021.pattern_count == 1689
    assert len({r.sei_code for r in sei_2021.rules}) == 40
    as_json = load_sei_table(shared_dir / "data" / "sei_ipc_2021" / "sei_ipc_2021.json")
    assert [r.patterns for r in as_json.rules] == [r.patterns for r in sei_2021.rules]
    assert [r.exclusions for r in as_json.rules] == [r.exclusions for r in sei_2021.rules]
    assert sei_2021.version.startswith("sei_ipc_2021@") and len(sei_2021.sha256) == 64


def test_shared_concordance_on_known_symbols(sei_2021):
    def codes(symbol):
        return sorted({sei_2021.rules[i].sei_code for i in sei_2021.matching_rules(symbol)})

    assert codes("G06F11/30") == ["1.1"]  # rule 1.1#1: G06F11* minus 11/14, 11/36
    assert "1.1" not in codes("G06F11/14")  # excluded there, but 1.2#5 lists it exactly
    assert codes("G06F11/14") == ["1.2"]
    assert codes("A45D1/00") == []


def test_bad_files_give_a_clear_error(tmp_path):
    with pytest.raises(SeiTableError, match="not found"):
        load_sei_table(tmp_path / "missing.csv")
    bad = tmp_path / "bad.csv"
    bad.write_text("sei_code,ipc_patterns\n1.1,NOT-IPC\n", encoding="utf-8")
    with pytest.raises(SeiTableError, match="line 2"):
        load_sei_table(bad)
    empty = tmp_path / "empty.json"
    empty.write_text(json.dumps([]), encoding="utf-8")
    with pytest.raises(SeiTableError, match="no rules"):
        load_sei_table(empty)

"""The IPC ↔ industry concordance: reading, checks, storing versions, class → group → division."""

from __future__ import annotations

import pytest

from ipcity.matching.concordance import (
    ConcordanceError,
    current_concordance,
    ipc_matches,
    load_concordance,
    read_concordance,
)

from .conftest import FIXTURES


def test_a_class_takes_its_group_and_division_rows(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("行业代码,行业名称,IPC分类号\nC3041,平板玻璃制造,C03B18*\n304,玻璃制造,C03C17*；C03B18*\n30,非金属,C04B*\n",
                    encoding="utf-8")
    concordance = read_concordance(path)
    assert concordance.ipc_patterns_for("3041") == ["C03B18*", "C03C17*", "C04B*"]
    assert concordance.ipc_patterns_for("3042") == ["C03C17*", "C03B18*", "C04B*"]
    assert concordance.ipc_patterns_for("2669") == []
    assert concordance.names["3041"] == "平板玻璃制造"


def test_ipc_matches_follow_the_sei_pattern_syntax():
    patterns = ["C03C17*", "H01M", "B05C1/08"]
    assert ipc_matches(["C03C17/34", "C03C170/1", "h01m 10/0525", "B05C1/08", "B05C1/09"], patterns) == [
        "C03C17/34", "H01M10/0525", "B05C1/08"]


def test_bad_rows_are_all_named_and_nothing_is_stored(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("industry_code,ipc_patterns\n3041,C03C17*\n9899,C03C*\n3042,\n3043,C03C17/3*\n", encoding="utf-8")
    with pytest.raises(ConcordanceError) as caught:
        load_concordance(path, tmp_path)
    message = str(caught.value)
    assert "第 3 行：未知的行业代码：9899" in message and "第 4 行" in message and "第 5 行" in message
    assert current_concordance(tmp_path) is None


def test_loading_keeps_a_version_that_becomes_current(tmp_path):
    version = load_concordance(FIXTURES / "concordance.csv", tmp_path)
    stored = current_concordance(tmp_path)
    assert stored is not None and stored.version == version
    assert stored.ipc_patterns_for("C3841") == ["H01M*"]
    assert stored.rows == read_concordance(FIXTURES / "concordance.csv").rows


def test_missing_columns_are_refused(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("code,name\n3041,x\n", encoding="utf-8")
    with pytest.raises(ConcordanceError, match="industry_code"):
        read_concordance(path)

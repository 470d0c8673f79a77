"""The region table as versioned reference data: the packaged edition, names ↔ codes, and a newer
edition loaded into the data directory (``ipcity regions load``)."""

from __future__ import annotations

import csv

import pytest
from click.testing import CliRunner

from ipcity import divisions as dv
from ipcity.cli.groups import EXIT_BAD_INPUT
from ipcity.cli.main import cli
from ipcity.divisions.table import PACKAGE_DATA, clear_cache, read_rows


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """An empty data directory of our own, and no pinned edition."""
    monkeypatch.setenv("IPCITY_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("IPCITY_GBT2260_EDITION", raising=False)
    clear_cache()
    yield tmp_path
    clear_cache()


def test_the_packaged_edition_records_where_it_came_from(data_dir):
    (edition,) = dv.editions()
    assert edition.packaged and edition.path.parent == PACKAGE_DATA
    header = edition.header()
    assert header["edition"] == edition.edition == "2016"
    assert "cpca" in header["source"] and header["generated_by"] == "scripts/gbt2260_from_cpca.py"
    table = dv.table()
    assert table.edition == "2016"
    assert sum(d.level == "province" for d in table.divisions.values()) == 34


def test_names_and_codes(data_dir):
    assert dv.name_of("440300") == "深圳市" and dv.name_of("110100") == "市辖区"
    assert dv.display_name("110100") == "北京市" and dv.display_name("330100") == "杭州市"
    assert dv.display_name("999999") == ""
    assert dv.code_for_name("铜陵") == "340700" == dv.code_for_name("安徽省铜陵市")
    assert dv.code_for_name("重庆市南岸区") == "500108"
    assert dv.codes_for_name("朝阳区") == ["110105", "220104"] and dv.code_for_name("朝阳区") is None
    assert dv.code_for_name("吉林") == "220000"  # the province over the city of the same name
    assert dv.code_for_name("示例市") is None and dv.codes_for_name("  ") == []
    cities = dv.codes_of_level("city")
    assert 330 <= len(cities) <= 350 and "330100" in cities


def test_placeholder_rows_are_kept_but_are_no_parent(data_dir):
    table = dv.table()
    assert table.get("500100").placeholder and not table.get("500000").placeholder
    assert table.get("500101").parent_code == "500000"  # 万州区 hangs under 重庆市, not its 市辖区
    assert table.get("340705").parent_code == "340700"


def _newer_edition(path, *, drop=(), add=()):
    names = read_rows(dv.editions()[0].path.read_text(encoding="utf-8"))
    for code in drop:
        names.pop(code)
    names.update(dict(add))
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["行政区划代码", "名称"])
        for code, name in names.items():
            writer.writerow([code + "000000", name])  # the statistics bureau's 12 digits
    return path


def test_a_newer_edition_is_loaded_and_used(data_dir):
    source = _newer_edition(data_dir / "2025.csv", drop=["371200", "371202"], add=[("330113", "临平区")])
    result = CliRunner().invoke(cli, ["regions", "load", str(source), "--edition", "2025", "--source", "民政部 2025"])
    assert result.exit_code == 0, result.output
    assert "edition 2025" in result.output
    assert [e.edition for e in dv.editions()] == ["2016", "2025"]
    assert dv.current_edition().edition == "2025" and dv.table().edition == "2025"
    assert dv.name_of("330113") == "临平区" and dv.name_of("371200") is None
    assert dv.current_edition().header()["source"] == "民政部 2025"
    listed = CliRunner().invoke(cli, ["regions", "editions"])
    assert listed.exit_code == 0 and "* 2025" in listed.output and "  2016" in listed.output
    shown = CliRunner().invoke(cli, ["regions", "show", "临平区"])
    assert shown.exit_code == 0 and "330113" in shown.output and "浙江省 / 杭州市 / 临平区" in shown.output


def test_an_edition_can_be_pinned(data_dir, monkeypatch):
    source = _newer_edition(data_dir / "2025.csv", add=[("330113", "临平区")])
    assert CliRunner().invoke(cli, ["regions", "load", str(source), "--edition", "2025"]).exit_code == 0
    monkeypatch.setenv("IPCITY_GBT2260_EDITION", "2016")
    assert dv.table().edition == "2016" and dv.name_of("330113") is None
    monkeypatch.setenv("IPCITY_GBT2260_EDITION", "1999")
    with pytest.raises(dv.DivisionTableError, match="no such edition"):
        dv.table()


@pytest.mark.parametrize(("content", "message"), [
    ("code,name\n110000,北京市\n", "only 1 provinces"),
    ("编号,地方\n110000,北京市\n", "must name a code column"),
    ("code,name\n11000,北京市\n", "row 2"),
    ("code,name\n110000,北京市\n110000,天津市\n", "two names"),
    ("code,name\n110000,=HYPERLINK(1)\n", "no region name"),
])
def test_a_bad_table_is_refused_and_nothing_is_stored(data_dir, content, message):
    source = data_dir / "bad.csv"
    source.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(cli, ["regions", "load", str(source), "--edition", "2025"])
    assert result.exit_code == EXIT_BAD_INPUT and message in result.output
    assert [e.edition for e in dv.editions()] == ["2016"]


def test_an_orphan_code_and_a_second_load_are_refused(data_dir):
    orphan = _newer_edition(data_dir / "orphan.csv", add=[("980101", "无省区")])
    result = CliRunner().invoke(cli, ["regions", "load", str(orphan), "--edition", "2025"])
    assert result.exit_code == EXIT_BAD_INPUT and "980101" in result.output
    good = _newer_edition(data_dir / "good.csv")
    assert CliRunner().invoke(cli, ["regions", "load", str(good), "--edition", "2025"]).exit_code == 0
    again = CliRunner().invoke(cli, ["regions", "load", str(good), "--edition", "2025"])
    assert again.exit_code == EXIT_BAD_INPUT and "--replace" in again.output
    assert CliRunner().invoke(cli, ["regions", "load", str(good), "--edition", "2025", "--replace"]).exit_code == 0
    bad_name = CliRunner().invoke(cli, ["regions", "load", str(good), "--edition", "../x"])
    assert bad_name.exit_code == EXIT_BAD_INPUT

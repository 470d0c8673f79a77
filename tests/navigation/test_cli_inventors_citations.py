"""Inventors and citations end to end: an authored incoPat-style CSV (发明人, 被引证次数, 引证专利
with the separators and widths exports use) imported with ``ipcity patents import``, then
``ipcity navigate landscape`` equals the pandas reference; an unreadable count rejects its row.

The CSV is authored here (invented names and numbers, written row by row from a seeded generator):
A and B publications of one application with different counts, inventors written with ；/;/，/
line breaks, traditional characters and full-width letters."""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from ipcity.analytics import datasets
from ipcity.analytics.navigation.definition import Definition
from ipcity.cli.main import cli
from tests.navigation.landscape_reference import assert_matches, reference

HEADERS = ["公开(公告)号", "申请号", "申请日", "公开(公告)日", "授权公告日", "专利类型", "专利有效性", "标题", "摘要",
           "申请人", "申请人地址", "IPC主分类", "IPC", "发明人", "被引证次数", "引证专利", "合享价值度"]
HOLDERS = [("苏州星河新能源科技有限公司", "江苏省苏州市工业园区星湖街1号"), ("苏州大学", "江苏省苏州市姑苏区十梓街1号"),
           ("合肥国轩电池有限公司", "安徽省合肥市包河区花园大道1号")]
INVENTORS = ["陈明", "陳明", "李华", "王 芳", "王芳", "ＺＨＡＯ　ＬＥＩ", "ZHAO LEI", "刘洋", "周杰"]
SEPARATORS = ["；", ";", "，", "\n", "; "]
IPCS = ["H01M10/0525", "H01M4/131", "B60L58/12", "G06F16/36"]


def _rows(seed: int = 15) -> list[dict]:
    rng = random.Random(seed)
    rows = []
    for i in range(120):
        year = 2012 + i % 12
        holder, address = rng.choice(HOLDERS)
        inventors = rng.choice(SEPARATORS).join(rng.sample(INVENTORS, k=rng.randint(1, 3)))
        main = rng.choice(IPCS)
        base = {"申请号": f"CN{year}1{i:07d}.{i % 10}", "申请日": f"{year}-03-0{1 + i % 9}", "专利类型": "发明",
                "标题": f"一种电池{i}", "摘要": "本发明公开了一种电池。", "申请人": holder, "申请人地址": address,
                "IPC主分类": main, "IPC": main, "发明人": inventors, "合享价值度": "8",
                "引证专利": rng.choice(["", "CN101234567A; US2005/0123456A1", "CN102000001-A"])}
        pub = f"CN{20_000_000 + i}"
        cited = rng.choice(["", "0", "3", "12", "5次", "1,024"])
        rows.append({**base, "公开(公告)号": pub + "A", "公开(公告)日": f"{year + 1}-06-01", "授权公告日": "",
                     "专利有效性": "审中", "被引证次数": cited})
        if i % 3 == 0:  # granted: the B publication, another count, the inventors written another way
            rows.append({**base, "公开(公告)号": pub + "B", "公开(公告)日": f"{year + 2}-06-01",
                         "授权公告日": f"{year + 2}-06-01", "专利有效性": "有效",
                         "被引证次数": rng.choice(["", "7", "20"]), "发明人": inventors.replace("陈", "陳")})
    return rows


def _write(path: Path, rows: list[dict]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, HEADERS)
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture
def imported(tmp_path, monkeypatch) -> tuple[CliRunner, Path]:
    monkeypatch.setenv("IPCITY_DATA_DIR", str(tmp_path / "data"))
    runner = CliRunner()
    path = _write(tmp_path / "incopat.csv", _rows())
    result = runner.invoke(cli, ["patents", "import", str(path), "--dataset", "inc", "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["format"] == "incopat" and report["rejected_count"] == 0
    assert {report["columns"][c] for c in ("inventors", "cited_by_count", "citations")} == {"发明人", "被引证次数", "引证专利"}
    return runner, tmp_path / "data" / "datasets" / "inc" / "records.parquet"


def _landscape(runner: CliRunner, *args: str) -> dict:
    result = runner.invoke(cli, ["navigate", "landscape", "--dataset", "inc", *args, "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_import_splits_and_folds_the_optional_columns(imported):
    _, records = imported
    frame = pd.read_parquet(records).set_index("pub_number")
    source = {r["公开(公告)号"]: r for r in _rows()}
    for pub in ("CN20000000A", "CN20000000B", "CN20000001A", "CN20000004A"):
        written = source[pub]["发明人"]
        for separator in SEPARATORS:
            written = written.replace(separator, "|")
        expected = [n.replace("\u3000", " ").replace("ＺＨＡＯ", "ZHAO").replace("ＬＥＩ", "LEI").strip()
                    for n in written.split("|")]
        assert frame.loc[pub, "inventors"] == ";".join(dict.fromkeys(expected))
    counts = {"": None, "0": 0, "3": 3, "12": 12, "5次": 5, "1,024": 1024, "7": 7, "20": 20}
    for pub, row in source.items():
        value = frame.loc[pub, "cited_by_count"]
        assert (None if pd.isna(value) else int(value)) == counts[row["被引证次数"]]
        cited = frame.loc[pub, "citations"]
        assert (None if pd.isna(cited) else cited) == {
            "": None, "CN101234567A; US2005/0123456A1": "CN101234567A|US20050123456A1",
            "CN102000001-A": "CN102000001A"}[row["引证专利"]]


def test_landscape_of_the_export_equals_the_reference(imported):
    runner, records = imported
    frame = pd.read_parquet(records)
    everything = _landscape(runner)
    assert_matches(everything, reference(frame))
    leaders = {i["name"]: i["patents"] for i in everything["top_inventors"]}
    # 陈明 and 陳明 are one key (traditional → simplified), as are 王 芳 / 王芳 and the two ZHAO LEIs
    assert not {"陈明", "陳明"} <= set(leaders) and not {"王 芳", "王芳"} <= set(leaders)
    assert everything["citations"]["patents_with_data"] > 40
    battery = _landscape(runner, "--ipc", "H01M*", "--top", "5")
    definition = Definition.from_dict({"name": "q", "root": {"key": "query", "name": "query", "ipc": ["H01M*"]}})
    assert_matches(battery, reference(frame, definition.root, top=5))
    assert len(battery["top_inventors"]) == 5


def test_an_unreadable_count_rejects_its_row_naming_it(imported, tmp_path):
    runner, _ = imported
    before = datasets.read_manifest("inc")
    rows = _rows()
    rows[2]["被引证次数"] = "很多"
    path = _write(tmp_path / "bad.csv", rows)
    result = runner.invoke(cli, ["patents", "import", str(path), "--dataset", "inc2", "--json"])
    assert result.exit_code == 0
    report = json.loads(result.output)
    assert report["rejected_count"] == 1
    line = 2 + sum(1 + sum(str(v).count("\n") for v in row.values()) for row in rows[:2])  # multi-line cells
    assert report["rejected"][0] == {"line": line, "reason": "被引证次数: unreadable count '很多'"}
    assert datasets.read_manifest("inc") == before

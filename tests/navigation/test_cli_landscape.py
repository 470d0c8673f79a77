"""``ipcity navigate landscape`` on a real-format export: an authored CNIPA-style CSV (the headers
of CNIPA's patent search exports: 申请（专利）号, 申请（专利权）人, 国省代码, 主分类号…), imported
with ``ipcity patents import``, equals the pandas reference; bad patterns exit 2 naming them.

The CSV is authored here (invented applicants and numbers, written row by row from a seeded
generator): A and B publications of one application, traditional characters, full-width letters
and a place in brackets in applicant names, co-applicants, addresses without a region code."""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from ipcity.analytics.navigation.definition import Definition
from ipcity.cli.main import cli
from tests.navigation.landscape_reference import assert_matches, reference

HEADERS = ["申请（专利）号", "申请日", "公开（公告）号", "公开（公告）日", "授权公告日", "发明名称", "摘要",
           "申请（专利权）人", "地址", "国省代码", "主分类号", "分类号", "文件类型", "最新法律状态"]
HOLDERS = [
    ("苏州星河新能源科技有限公司", "江苏省苏州市工业园区星湖街1号"),
    ("蘇州星河新能源科技有限公司", "江苏省苏州市工业园区星湖街1号"),  # traditional form of the same firm
    ("苏州星河新能源科技股份有限公司", "江苏省苏州市工业园区星湖街1号"),
    ("ＢＹＤ电池（深圳）有限公司", "广东省深圳市坪山区比亚迪路1号"),
    ("BYD电池有限公司", "广东省深圳市坪山区比亚迪路1号"),
    ("苏州大学", "江苏省苏州市姑苏区十梓街1号"),
    ("中国科学院宁波材料技术与工程研究所", "浙江省宁波市镇海区中官西路1219号"),
    ("李明", "江苏省南京市玄武区中山路1号"),
    ("合肥国轩电池有限公司", "安徽省合肥市包河区花园大道1号"),
]
IPCS = ["H01M10/0525", "H01M4/131", "H01M10/44", "B60L58/12", "H02J7/00", "G06F16/36", "H01M50/20", "B60L53/80"]
STATUS = {"B": "授权", "A": "实质审查", "U": "未缴年费"}


def _rows(seed: int = 15) -> list[dict]:
    rng = random.Random(seed)
    rows = []
    for i in range(160):
        year = 2010 + i % 14
        kind = rng.choice(["A", "B", "U"])
        app = f"CN{year}1{i:07d}.{i % 10}"
        holder, address = rng.choice(HOLDERS)
        applicants = holder + (f"；{rng.choice(HOLDERS)[0]}" if rng.random() < 0.25 else "")
        main = rng.choice(IPCS)
        symbols = [main] + rng.sample(IPCS, k=rng.randint(0, 2))
        title = rng.choice(["一种锂离子电池及其制备方法", "一种电池管理系统", "一种充电桩", "一种数据检索方法"])
        base = {
            "申请（专利）号": app, "申请日": f"{year}-0{1 + i % 9}-1{i % 10}", "发明名称": title,
            "摘要": f"本发明公开了{title}。", "申请（专利权）人": applicants, "地址": address,
            "国省代码": {"广": "44", "安": "34", "浙": "33"}.get(address[0], "32"),
            "主分类号": main, "分类号": ";".join(dict.fromkeys(symbols)),
            "文件类型": "实用新型" if kind == "U" else "发明", "最新法律状态": STATUS[kind],
        }
        pub = f"CN{10_000_000 + i}"
        if kind == "B":  # the application's A publication, then its grant
            rows.append({**base, "公开（公告）号": pub + "A", "公开（公告）日": f"{year + 1}-06-01",
                         "授权公告日": "", "最新法律状态": "授权"})
            rows.append({**base, "公开（公告）号": pub + "B", "公开（公告）日": f"{year + 3}-03-01",
                         "授权公告日": f"{year + 3}-03-01"})
        elif kind == "U":
            rows.append({**base, "公开（公告）号": pub + "U", "公开（公告）日": f"{year}-12-01",
                         "授权公告日": f"{year}-12-01"})
        else:
            rows.append({**base, "公开（公告）号": pub + "A", "公开（公告）日": f"{year + 1}-06-01", "授权公告日": ""})
    return rows


@pytest.fixture
def imported(tmp_path, monkeypatch) -> tuple[CliRunner, Path]:
    monkeypatch.setenv("IPCITY_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "cnipa_export.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, HEADERS)
        writer.writeheader()
        writer.writerows(_rows())
    runner = CliRunner()
    result = runner.invoke(cli, ["patents", "import", str(path), "--dataset", "cnipa", "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["format"] == "cnipa" and report["rejected_count"] == 0
    return runner, tmp_path / "data" / "datasets" / "cnipa" / "records.parquet"


def _landscape(runner: CliRunner, *args: str) -> dict:
    result = runner.invoke(cli, ["navigate", "landscape", "--dataset", "cnipa", *args, "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_battery_landscape_of_a_cnipa_export(imported):
    runner, records = imported
    frame = pd.read_parquet(records)
    out = _landscape(runner, "--ipc", "H01M*,-H01M4/131", "--keywords", "电池管理")
    definition = Definition.from_dict({"name": "q", "root": {"key": "query", "name": "query", "ipc": ["H01M*"],
                                                           "exclude": ["H01M4/131"], "keywords": ["电池管理"]}})
    assert_matches(out, reference(frame, definition.root))
    assert out["patents"] > 50
    leader = out["top_applicants"][0]
    assert leader["key"] == "苏州星河新能源科技" and leader["type"] == "enterprise"
    merge = next(m for m in out["applicant_merges"] if m["key"] == "苏州星河新能源科技")
    assert {"蘇州星河新能源科技有限公司", "苏州星河新能源科技股份有限公司"} <= set(merge["variants"])
    byd = next(m for m in out["applicant_merges"] if m["key"] == "BYD电池")
    assert len(byd["variants"]) == 2  # full width and a place in brackets
    types = {a["key"]: a["type"] for a in out["top_applicants"]}
    assert types.get("苏州大学") == "university" and types.get("李明") == "individual"


def test_whole_export_and_a_city(imported):
    runner, records = imported
    frame = pd.read_parquet(records)
    everything = _landscape(runner)
    assert_matches(everything, reference(frame))
    # one application, two publications: counted once
    assert everything["patents"] == frame["app_number"].nunique() < len(frame)
    suzhou = _landscape(runner, "--region", "320500")
    assert_matches(suzhou, reference(frame, region="320500"))
    assert suzhou["regions"]["cities"][0]["code"] == "320500"


def test_bad_pattern_exits_2_naming_it(imported):
    runner, _ = imported
    result = runner.invoke(cli, ["navigate", "landscape", "--dataset", "cnipa", "--ipc", "H01M*,H0IM10", "--json"])
    assert result.exit_code == 2
    assert "'H0IM10'" in result.output


def test_definition_file_and_no_match(imported, tmp_path):
    runner, _ = imported
    path = tmp_path / "def.json"
    path.write_text(json.dumps({"name": "燃料电池", "root": {"key": "fc", "name": "燃料电池", "ipc": ["H01M8*"]}},
                               ensure_ascii=False), encoding="utf-8")
    out = _landscape(runner, "--definition", str(path))
    assert out["patents"] == 0 and "matches no patent" in out["message"]
    assert out["nearest_ipc_groups"][0]["code"].startswith("H01M")
    assert out["definition"]["name"] == "燃料电池" and len(out["definition"]["version"]) == 12


def test_sei_codes_without_a_concordance_say_how_to_load_one(imported, shared_dir, monkeypatch):
    """README's ``navigate landscape --sei 5``: refused naming every way to give the concordance
    (the loaded version included), then answered once ``patents reference sei FILE`` has run."""
    monkeypatch.delenv("IPCITY_SEI_RULES", raising=False)
    runner, _ = imported
    refused = runner.invoke(cli, ["navigate", "landscape", "--dataset", "cnipa", "--sei", "5", "--json"])
    assert refused.exit_code == 2
    assert "--sei-rules FILE" in refused.output and "ipcity patents reference sei FILE" in refused.output
    concordance = shared_dir / "data" / "sei_ipc_2021" / "sei_ipc_2021.csv"
    loaded = runner.invoke(cli, ["patents", "reference", "sei", str(concordance)], catch_exceptions=False)
    assert loaded.exit_code == 0, loaded.output
    out = _landscape(runner, "--sei", "5")
    assert 0 < out["patents"] < _landscape(runner)["patents"]

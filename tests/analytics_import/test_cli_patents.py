"""``ipcity patents``: import, summary, datasets, reference; exit codes and messages."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from ipcity.analytics import datasets, reference
from ipcity.cli.main import cli
from tests.analytics_import.exports import write_csv, write_xlsx

HEADERS = ["公开(公告)号", "申请日", "公开(公告)日", "专利类型", "法律状态", "受理局", "申请人", "申请人地址"]
ROWS = [
    ["CN114000001B", "2021-03-04", "2022-05-06", "发明", "有效", "中国", "深圳市甲公司", "广东省深圳市南山区"],
    ["CN214000002U", "2019-01-02", "2019-09-01", "实用新型", "未缴年费", "中国", "深圳市乙公司", "广东省深圳市福田区"],
    ["CN306000003S", "2020-05-05", "2020-12-01", "外观设计", "有效", "中国", "杭州市丙公司", "浙江省杭州市西湖区"],
    ["RU2700000C1", "2018-07-07", "2019-10-10", "发明", "有效", "俄罗斯", "OOO Test", "Moscow"],
    ["CN114000005A", "2022-02-02", "2022-08-08", "发明申请", "实质审查", "中国", "深圳市甲公司", "广东省深圳市南山区"],
    ["CN114000006A", "2022-13-02", "2022-08-08", "发明申请", "实质审查", "中国", "深圳市甲公司", "广东省深圳市南山区"],
]


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.setenv("IPCITY_DATA_DIR", str(tmp_path / "data"))

    def invoke(*args: str):
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)

    return invoke


def test_import_then_summary_json(run, tmp_path):
    path = write_csv(tmp_path / "export.csv", HEADERS, ROWS)
    result = run("patents", "import", str(path), "--dataset", "city")
    assert result.exit_code == 0, result.output
    assert "5 rows imported from 6" in result.stdout and "1 rejected" in result.stdout
    assert "rejected: line 7: 申请日: impossible date '2022-13-02'" in result.stderr

    result = run("patents", "summary", "--dataset", "city", "--json")
    assert result.exit_code == 0
    summary = json.loads(result.stdout)
    assert summary["rows"] == 5
    assert summary["by_office"] == {"CN": 4, "RU": 1}
    assert summary["by_kind"] == {"invention": 3, "utility": 1, "design": 1}
    assert summary["by_status"] == {"valid": 3, "invalid": 1, "pending": 1}
    assert summary["date_range"] == {"min": "2018-07-07", "max": "2022-02-02"}
    assert summary["rejected"] == 1


def test_import_json_report_and_xlsx(run, tmp_path):
    path = write_xlsx(tmp_path / "export.xlsx", HEADERS, ROWS)
    result = run("patents", "import", str(path), "--dataset", "x", "--json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["rows_imported"] == 5 and report["rejected"][0]["line"] == 7
    assert report["columns"]["pub_number"] == "公开(公告)号"


def test_datasets_listing(run, tmp_path):
    assert "no datasets" in run("patents", "datasets").stdout
    run("patents", "import", str(write_csv(tmp_path / "a.csv", HEADERS, ROWS)), "--dataset", "a")
    listing = json.loads(run("patents", "datasets", "--json").stdout)
    assert [(d["name"], d["rows"], d["source"]) for d in listing] == [("a", 5, "a.csv")]
    assert run("patents", "datasets").stdout.startswith("a\t5 rows")


@pytest.mark.parametrize(("content", "message"), [
    (b"", "the file is empty"),
    (b"%PDF-1.4 binary", "not a CSV, XLSX or XLS file"),
    ("姓名,电话\n张三,1\n".encode(), "unknown export format: headers found: 姓名, 电话; formats known: patsnap"),
])
def test_bad_input_one_line_exit_2_and_old_dataset_kept(run, tmp_path, content, message):
    run("patents", "import", str(write_csv(tmp_path / "good.csv", HEADERS, ROWS)), "--dataset", "city")
    bad = tmp_path / "bad.csv"
    bad.write_bytes(content)
    result = run("patents", "import", str(bad), "--dataset", "city")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and message in result.stderr
    assert datasets.read_manifest("city", tmp_path / "data")["rows"] == 5


def test_max_bytes_option(run, tmp_path):
    result = run("patents", "import", str(write_csv(tmp_path / "a.csv", HEADERS, ROWS)), "--dataset", "a",
                 "--max-bytes", "100")
    assert result.exit_code == 2 and "over the limit of 100 bytes" in result.stderr


def test_bad_dataset_name_and_missing_dataset(run, tmp_path):
    result = run("patents", "import", str(write_csv(tmp_path / "a.csv", HEADERS, ROWS)), "--dataset", "../up")
    assert result.exit_code == 2 and "invalid dataset name" in result.stderr
    result = run("patents", "summary", "--dataset", "nope", "--json")
    assert result.exit_code == 2 and "no dataset named 'nope'" in result.stderr


def test_reference_population_in_wan_and_persons(run, tmp_path):
    wan = tmp_path / "pop.csv"
    wan.write_text("地区,年份,年末常住人口（万人）\n深圳市,2023,1779.01\n南山区,2023,182.3\n", encoding="utf-8")
    result = run("patents", "reference", "population", str(wan))
    assert result.exit_code == 0 and "2 rows" in result.stdout and "万人" in result.stdout
    data = tmp_path / "data"
    assert reference.population("440300", 2023, data) == 17_790_100
    assert reference.population("440305", 2023, data) == 1_823_000

    persons = tmp_path / "pop2.xlsx"
    write_xlsx(persons, ["行政区划代码", "年份", "年末常住人口"], [["440300", 2024, 17_990_000], [330100, "2024年", 12_620_000]])
    assert run("patents", "reference", "population", str(persons)).exit_code == 0
    assert reference.population("330100", 2024, data) == 12_620_000
    assert reference.population("440300", 2023, data) is None  # the new version is current
    versions = reference.versions(reference.POPULATION, data)
    assert len(versions) == 2 and versions[-1]["current"] and versions[0]["unit_in_file"] == "万人"
    assert reference.population("440300", 2023, data, version=versions[0]["version"]) == 17_790_100


def test_reference_population_bad_rows_change_nothing(run, tmp_path):
    bad = tmp_path / "pop.csv"
    bad.write_text("地区,年份,年末常住人口\n深圳市,2023,1779\n火星市,2023,5\n", encoding="utf-8")
    result = run("patents", "reference", "population", str(bad))
    assert result.exit_code == 2 and "line 3: region not recognised" in result.stderr
    assert reference.current_version(reference.POPULATION, tmp_path / "data") is None


def test_reference_population_keeps_its_note_and_the_files_hash(run, tmp_path):
    import hashlib

    table = tmp_path / "pop.csv"
    table.write_text("代码,年份,年末常住人口（人）\n990100,2025,81700\n", encoding="utf-8")
    assert run("patents", "reference", "population", str(table), "--note", "2025年统计公报").exit_code == 0
    (meta,) = json.loads(run("patents", "reference", "list", "--json").stdout)["population"]
    assert meta["note"] == "2025年统计公报" and meta["sha256"] == hashlib.sha256(table.read_bytes()).hexdigest()
    assert reference.population("990100", 2025, tmp_path / "data") == 81_700


def test_pledge_threshold_versions(run, tmp_path):
    data = tmp_path / "data"
    assert reference.pledge_threshold(data) == (None, None)  # no default: CNIPA publishes none
    assert run("patents", "reference", "pledge-threshold", "1000000", "--note", "局务会").exit_code == 0
    value, version = reference.pledge_threshold(data)
    assert value == 1_000_000 and version.startswith("pledge_threshold-")
    assert run("patents", "reference", "pledge-threshold", "0").exit_code == 2
    listing = json.loads(run("patents", "reference", "list", "--json").stdout)
    assert listing["pledge_threshold"][0]["yuan"] == 1_000_000


def test_help_lists_the_commands(run):
    result = run("patents", "--help")
    for command in ("import", "summary", "datasets", "reference"):
        assert command in result.stdout
    assert "--format" in run("patents", "import", "--help").stdout


def test_datasets_written_by_other_writers_are_listed_and_summarised(run, tmp_path):
    """``write_dataset`` callers (the synthesiser) may store ``source`` as plain text."""
    import datetime as dt

    import pyarrow as pa

    from ipcity.analytics.schema import CANONICAL_SCHEMA

    table = pa.Table.from_pylist([{"pub_number": "CN1B", "office": "CN", "kind": "design",
                                   "app_date": dt.date(2020, 1, 1), "status": "valid", "pct": False}],
                                 schema=CANONICAL_SCHEMA)
    datasets.write_dataset("synth", table, {"source": "/tmp/out/records.parquet", "format": "synth"},
                           data_dir=tmp_path / "data")
    assert "synth\t1 rows\tsynth\trecords.parquet" in run("patents", "datasets").stdout
    summary = json.loads(run("patents", "summary", "--dataset", "synth", "--json").stdout)
    assert summary["by_kind"]["design"] == 1 and summary["source"] == "records.parquet" and summary["rejected"] == 0

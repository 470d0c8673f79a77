"""The commands end to end: ``ipcity patents synth`` and ``ipcity indicators compute|panel|explain|actions``."""

from __future__ import annotations

import json

import pandas as pd
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from ipcity.analytics.schema import CANONICAL_SCHEMA
from ipcity.cli.main import cli
from ipcity.divisions import table as division_table

from .builders import write_records
from .conftest import TINY_SEI
from .test_indicators import CASES


@pytest.fixture
def env(tmp_path, monkeypatch):
    """An empty data directory (no loaded pledge threshold or population), the tiny SEI file,
    and the hand-built records as a Parquet path."""
    monkeypatch.setenv("IPCITY_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("IPCITY_SEI_RULES", raising=False)
    sei = tmp_path / "sei.csv"
    sei.write_text(TINY_SEI, encoding="utf-8")
    records = write_records(tmp_path / "hand" / "records.parquet", list(CASES.values()))
    return {"sei": str(sei), "records": str(records), "tmp": tmp_path}


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_compute_prints_the_spec_object(env):
    result = invoke("indicators", "compute", "--dataset", env["records"], "--region", "330100", "--year", "2020",
                    "--population", "1000000", "--sei-rules", env["sei"], "--pledge-threshold", "1000000", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {"invention_valid", "invention_valid_per_10k", "high_value", "high_value_per_10k",
            "high_value_by_criterion", "invention_grants", "invention_applications", "pct_applications",
            "unattributed", "warnings", "parameters"} <= set(data)
    assert (data["invention_valid"], data["high_value"], data["high_value_per_10k"]) == (15, 7, 0.07)
    assert data["parameters"]["sei_version"].startswith("sei@")
    assert data["parameters"]["pledge_threshold"] == 1_000_000


def test_compute_without_threshold_or_rules_says_what_was_not_applied(env):
    result = invoke("indicators", "compute", "--dataset", env["records"], "--region", "330100", "--year", "2020")
    data = json.loads(result.output)
    assert data["high_value_by_criterion"]["pledge"] is None and data["high_value_by_criterion"]["sei"] is None
    assert {"no_population", "pledge_not_applied", "sei_not_applied"} <= {w["code"] for w in data["warnings"]}


def test_panel_to_csv_and_parquet(env):
    out_csv = env["tmp"] / "panel.csv"
    result = invoke("indicators", "panel", "--dataset", env["records"], "--level", "city", "--years", "2019-2021",
                    "--sei-rules", env["sei"], "--out", str(out_csv))
    assert result.exit_code == 0, result.output
    panel = pd.read_csv(out_csv, dtype={"region": str}, encoding="utf-8-sig")
    assert len(panel) == 9
    hangzhou = panel[(panel["region"] == "330100") & (panel["year"] == 2020)].iloc[0]
    assert hangzhou["invention_valid"] == 15 and hangzhou["region_name"] == "杭州市"
    out_parquet = env["tmp"] / "panel.parquet"
    invoke("indicators", "panel", "--dataset", env["records"], "--years", "2020", "--sei-rules", env["sei"],
           "--out", str(out_parquet))
    table = pq.read_table(out_parquet)
    assert table.num_rows == 3
    assert json.loads(table.schema.metadata[b"ipcity.parameters"])["sei_mode"] == "ipc_only"


def test_explain_and_actions(env):
    out = env["tmp"] / "hv.json"
    result = invoke("indicators", "explain", "--dataset", env["records"], "--region", "330100", "--year", "2020",
                    "--indicator", "high_value", "--sei-rules", env["sei"], "--format", "json", "--out", str(out))
    assert result.exit_code == 0, result.output
    rows = json.loads(out.read_text(encoding="utf-8"))
    assert len(rows) == 6  # no pledge threshold here: pledged_high is not high-value
    assert all(row["criteria"] for row in rows)
    csv = invoke("indicators", "explain", "--dataset", env["records"], "--region", "330100", "--year", "2020",
                 "--indicator", "invention_grants")
    assert csv.output.splitlines()[0].startswith("pub_number,") and len(csv.output.splitlines()) == 2
    actions = invoke("indicators", "actions", "--dataset", env["records"], "--region", "330100", "--year", "2020",
                     "--sei-rules", env["sei"])
    data = json.loads(actions.output)
    assert set(data) >= {"crossing", "at_risk", "top_holders", "parameters"}
    # filed_dec31 (2010-12-31) passes the line in 2021
    assert [r["pub_number"] for r in data["crossing"]["rows"]] == [CASES["filed_dec31"]["pub_number"]]
    assert data["top_holders"]["rows"][0]["first_applicant"] == "杭州测试科技有限公司"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--dataset", "no-such-dataset", "--region", "330100", "--year", "2020"], "no dataset"),
        (["--dataset", "{records}", "--region", "3301", "--year", "2020"], "6-digit"),
        (["--dataset", "{records}", "--region", "330100", "--year", "2020", "--sei-rules", "/nope.csv"], "not found"),
        (["--dataset", "{records}", "--region", "330100", "--year", "2020", "--pledge-threshold", "-5"], "positive"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(env, args, message):
    result = CliRunner().invoke(cli, ["indicators", "compute", *[a.format(**env) for a in args]])
    assert result.exit_code == 2
    assert message in result.output


def test_panel_bad_years_and_output(env):
    bad_years = CliRunner().invoke(cli, ["indicators", "panel", "--dataset", env["records"], "--years", "2025-2016",
                                         "--out", str(env["tmp"] / "p.csv")])
    assert bad_years.exit_code == 2
    bad_out = CliRunner().invoke(cli, ["indicators", "panel", "--dataset", env["records"], "--years", "2020",
                                       "--out", str(env["tmp"] / "p.xlsx")])
    assert bad_out.exit_code == 2


def test_synth_is_seeded_believable_and_canonical(env, shared_dir):
    sei = str(shared_dir / "data" / "sei_ipc_2021" / "sei_ipc_2021.csv")
    outs = []
    for name, seed in (("a", "7"), ("b", "7"), ("c", "8")):
        result = invoke("patents", "synth", "--records", "4000", "--out", str(env["tmp"] / name), "--seed", seed,
                        "--sei-rules", sei)
        assert result.exit_code == 0, result.output
        outs.append(pq.read_table(env["tmp"] / name / "records.parquet"))
    assert outs[0].schema.equals(CANONICAL_SCHEMA)
    assert outs[0].equals(outs[1])
    assert not outs[0].equals(outs[2])
    df = outs[0].to_pandas()
    assert df["pub_number"].is_unique
    years = pd.to_datetime(df["app_date"]).dt.year
    assert years.min() >= 1995 and years.max() <= 2025
    granted = df.dropna(subset=["grant_date"])
    assert (granted["grant_date"] > granted["app_date"]).all()
    lapsed = df.dropna(subset=["lapse_date"])
    assert (lapsed["lapse_date"] > lapsed["grant_date"]).all()
    known = division_table().divisions
    codes = df["region_code"].dropna()
    assert codes.isin(list(known)).all() and codes.str[:4].nunique() > 150
    from ipcity.analytics.actions import holder_kind

    kinds = df["applicants"].str.split("|").str[0].map(holder_kind).value_counts()
    assert {"enterprise", "university", "institute", "individual"} <= set(kinds.index)
    assert set(df["kind"]) == {"invention", "utility", "design"} and set(df["status"]) == {"valid", "invalid", "pending"}
    assert df["family_granted_offices"].notna().any() and df["pledge_amount"].notna().any()
    assert df["pct"].any() and df["region_code"].isna().any()


def test_synth_into_the_dataset_store_then_compute_by_name(env):
    result = invoke("patents", "synth", "--records", "3000", "--out", str(env["tmp"] / "s"), "--dataset", "synthetic")
    assert result.exit_code == 0, result.output
    computed = invoke("indicators", "compute", "--dataset", "synthetic", "--region", "110000", "--year", "2024")
    assert computed.exit_code == 0, computed.output
    assert json.loads(computed.output)["dataset"] == "synthetic"


def test_compute_uses_the_loaded_concordance_when_none_is_given(env):
    """`ipcity patents reference sei FILE` once; later computations name that version."""
    from ipcity.analytics import reference

    version = reference.load_sei(env["sei"])
    args = ("indicators", "compute", "--dataset", env["records"], "--region", "330100", "--year", "2020", "--json")
    stored = json.loads(invoke(*args).output)
    given = json.loads(invoke(*args, "--sei-rules", env["sei"]).output)
    assert version in stored["parameters"]["sei_rules"]
    assert stored["parameters"]["sei_sha256"] == given["parameters"]["sei_sha256"]
    assert stored["high_value_by_criterion"]["sei"] == given["high_value_by_criterion"]["sei"] > 0

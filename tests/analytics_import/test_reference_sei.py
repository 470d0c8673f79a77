"""The SEI concordance is versioned reference data, like the population table and pledge threshold."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from ipcity.analytics import reference
from ipcity.cli.main import cli


@pytest.fixture
def sei_csv(shared_dir):
    return shared_dir / "data" / "sei_ipc_2021" / "sei_ipc_2021.csv"


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("IPCITY_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("IPCITY_SEI_RULES", raising=False)
    return tmp_path


def test_loading_makes_a_current_version_under_the_files_own_name(sei_csv, data_dir):
    version = reference.load_sei(sei_csv, note="2021 edition")
    path, current = reference.sei_rules_file()
    assert current == version
    assert path.name == "sei_ipc_2021.csv" and path.read_bytes() == sei_csv.read_bytes()
    (meta,) = reference.versions(reference.SEI)
    assert meta["current"] and meta["rules"] == 303 and meta["patterns"] >= 1689 and meta["note"] == "2021 edition"
    assert reference.version_info(reference.SEI, version) == meta  # one version read on its own
    assert reference.version_info(reference.SEI, "sei-nope") is None and reference.version_info(reference.SEI, None) is None


def test_a_file_that_is_no_concordance_is_refused_and_nothing_changes(tmp_path, data_dir, sei_csv):
    first = reference.load_sei(sei_csv)
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(reference.ReferenceDataError):
        reference.load_sei(bad)
    assert reference.current_version(reference.SEI) == first
    assert len(reference.versions(reference.SEI)) == 1


def test_resolution_order_is_run_then_environment_then_stored(sei_csv, data_dir, tmp_path, monkeypatch):
    assert reference.resolve_sei_rules() == (None, None)
    version = reference.load_sei(sei_csv)
    path, used = reference.resolve_sei_rules()
    assert used == version and path.endswith("sei_ipc_2021.csv")
    monkeypatch.setenv("IPCITY_SEI_RULES", "/elsewhere/env.csv")
    assert reference.resolve_sei_rules() == ("/elsewhere/env.csv", None)
    assert reference.resolve_sei_rules("/given/run.csv") == ("/given/run.csv", None)


def test_cli_loads_lists_and_refuses(sei_csv, data_dir, tmp_path):
    runner = CliRunner()
    loaded = runner.invoke(cli, ["patents", "reference", "sei", str(sei_csv), "--note", "2021"])
    assert loaded.exit_code == 0, loaded.output
    assert "303 rules" in loaded.output
    listed = runner.invoke(cli, ["patents", "reference", "list"])
    assert "sei_concordance" in listed.output and "sei_ipc_2021.csv" in listed.output
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    refused = runner.invoke(cli, ["patents", "reference", "sei", str(empty)])
    assert refused.exit_code == 2
    assert len(refused.stderr.strip().splitlines()) == 1

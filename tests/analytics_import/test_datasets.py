"""The dataset store: atomic writes and replaces, manifests, listing, name checks."""

from __future__ import annotations

import datetime as dt
import os

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from ipcity.analytics import datasets
from ipcity.analytics.schema import CANONICAL_SCHEMA


def _table(*pub_numbers: str) -> pa.Table:
    rows = [{"pub_number": p, "office": "CN", "kind": "invention", "app_date": dt.date(2020, 1, 1),
             "status": "valid", "pct": False} for p in pub_numbers]
    return pa.Table.from_pylist(rows, schema=CANONICAL_SCHEMA)


def test_write_then_read_back(tmp_path):
    path = datasets.write_dataset("city", _table("CN1B", "CN2B"), {"format": "canonical"}, data_dir=tmp_path)
    assert path == tmp_path / "datasets" / "city"
    assert datasets.records_path("city", tmp_path) == path / "records.parquet"
    table = pq.read_table(datasets.records_path("city", tmp_path))
    assert table.schema.equals(CANONICAL_SCHEMA)
    assert table.column("pub_number").to_pylist() == ["CN1B", "CN2B"]
    manifest = datasets.read_manifest("city", tmp_path)
    assert manifest["rows"] == 2 and manifest["format"] == "canonical"


def test_data_dir_defaults_to_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("IPCITY_DATA_DIR", str(tmp_path))
    datasets.write_dataset("env", _table("CN1B"), {})
    assert datasets.dataset_dir("env") == tmp_path / "datasets" / "env"
    assert [m["name"] for m in datasets.list_datasets()] == ["env"]


def test_batches_are_streamed_from_a_generator(tmp_path):
    def batches():
        for i in range(5):
            yield _table(f"CN{i}A", f"CN{i}B").to_batches()[0]

    datasets.write_dataset("gen", batches(), {}, data_dir=tmp_path)
    assert datasets.read_manifest("gen", tmp_path)["rows"] == 10
    assert pq.ParquetFile(datasets.records_path("gen", tmp_path)).metadata.num_row_groups == 5


def test_reimport_replaces_whole_and_leaves_no_old_version(tmp_path):
    datasets.write_dataset("city", _table("CN1B", "CN2B"), {"n": 1}, data_dir=tmp_path)
    datasets.write_dataset("city", _table("CN3B"), {"n": 2}, data_dir=tmp_path)
    assert datasets.read_records("city", tmp_path).column("pub_number").to_pylist() == ["CN3B"]
    assert datasets.read_manifest("city", tmp_path)["n"] == 2
    versions = [p for p in (tmp_path / "datasets" / ".versions").iterdir() if p.is_dir()]
    assert len(versions) == 1


def test_failing_write_leaves_the_old_dataset_intact(tmp_path):
    datasets.write_dataset("city", _table("CN1B"), {"n": 1}, data_dir=tmp_path)

    def broken():
        yield _table("CN9B")
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        datasets.write_dataset("city", broken(), {"n": 2}, data_dir=tmp_path)
    assert datasets.read_records("city", tmp_path).column("pub_number").to_pylist() == ["CN1B"]
    assert datasets.read_manifest("city", tmp_path)["n"] == 1
    versions = [p for p in (tmp_path / "datasets" / ".versions").iterdir() if p.is_dir()]
    assert len(versions) == 1


def test_first_failing_write_creates_nothing(tmp_path):
    def broken():
        raise ValueError("bad")
        yield  # pragma: no cover

    with pytest.raises(ValueError):
        datasets.write_dataset("new", broken(), {}, data_dir=tmp_path)
    assert not datasets.exists("new", tmp_path)
    assert datasets.list_datasets(tmp_path) == []


def test_records_missing_a_canonical_column_are_refused(tmp_path):
    with pytest.raises(datasets.DatasetError, match="award"):
        datasets.write_dataset("bad", _table("CN1B").drop(["award"]), {}, data_dir=tmp_path)
    assert not datasets.exists("bad", tmp_path)


@pytest.mark.parametrize("name", ["", "../x", "a/b", ".hidden", "x" * 101])
def test_unsafe_names_are_refused(tmp_path, name):
    with pytest.raises(datasets.DatasetError):
        datasets.dataset_dir(name, tmp_path)


def test_missing_dataset(tmp_path):
    with pytest.raises(datasets.DatasetNotFound):
        datasets.read_manifest("nope", tmp_path)


def test_delete(tmp_path):
    datasets.write_dataset("gone", _table("CN1B"), {}, data_dir=tmp_path)
    datasets.delete_dataset("gone", tmp_path)
    assert not datasets.exists("gone", tmp_path)
    assert not os.path.lexists(tmp_path / "datasets" / "gone")

"""A dataset holds every kind of record: replacing one kind leaves the others (issue 14)."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from ipcity.analytics import datasets, record_kinds
from ipcity.analytics.schema import CANONICAL_SCHEMA


def _patents(*pub_numbers: str) -> pa.Table:
    rows = [{"pub_number": p, "office": "CN", "kind": "invention", "app_date": dt.date(2020, 1, 1),
             "status": "valid", "pct": False} for p in pub_numbers]
    return pa.Table.from_pylist(rows, schema=CANONICAL_SCHEMA)


def _marks(*numbers: str) -> pa.Table:
    rows = [{"reg_number": n, "nice_class": 9, "mark_type": "ordinary", "gi": False, "madrid": False,
             "office": "CN", "app_date": dt.date(2019, 3, 1), "reg_date": dt.date(2020, 1, 1),
             "status": "registered", "holders": "甲公司", "first_holder_country": "CN"} for n in numbers]
    return pa.Table.from_pylist(rows, schema=record_kinds.CANONICAL["trademark"])


def _pledges(*ids: str) -> pa.Table:
    rows = [{"pledge_id": i, "right_kind": "patent", "reg_date": dt.date(2021, 5, 1), "amount": 1e6} for i in ids]
    return pa.Table.from_pylist(rows, schema=record_kinds.CANONICAL["pledge"])


def test_schemas_are_exactly_the_canonical_columns():
    assert record_kinds.KINDS == ("trademark", "pledge", "licence", "copyright")
    for kind in record_kinds.KINDS:
        assert record_kinds.CANONICAL[kind].names == record_kinds.COLUMNS[kind]
        assert set(record_kinds.KEYS[kind]) <= set(record_kinds.COLUMNS[kind])
        for party in record_kinds.PARTIES[kind]:
            assert {party.name, party.country, party.address, party.region_code} <= set(record_kinds.COLUMNS[kind])
    assert record_kinds.COLUMNS["licence"][:5] == ["record_id", "record_type", "right_kind", "rights", "date"]
    with pytest.raises(ValueError, match="unknown record kind"):
        record_kinds.check_kind("patent")


def test_write_kind_creates_a_dataset_and_keeps_patents(tmp_path):
    datasets.write_kind("city", "trademark", _marks("1", "2"), {"format": "canonical"}, data_dir=tmp_path)
    assert datasets.kinds_present("city", tmp_path) == ["trademark"]
    assert datasets.kind_path("city", "patent", tmp_path) is None
    path = datasets.kind_path("city", "trademark", tmp_path)
    assert path == (tmp_path / "datasets" / "city").resolve() / "trademark.parquet"
    datasets.write_dataset("city", _patents("CN1B"), {"format": "canonical"}, data_dir=tmp_path)
    assert datasets.kinds_present("city", tmp_path) == ["patent", "trademark"]
    manifest = datasets.read_manifest("city", tmp_path)
    assert manifest["rows"] == 1 and manifest["kinds"]["trademark"]["rows"] == 2
    datasets.write_kind("city", "pledge", _pledges("P1"), {"format": "canonical", "rejected_count": 0},
                        data_dir=tmp_path)
    manifest = datasets.read_manifest("city", tmp_path)
    assert manifest["rows"] == 1 and manifest["format"] == "canonical"  # the patents' part, carried over
    assert manifest["kinds"]["pledge"]["rows"] == 1 and manifest["kinds"]["trademark"]["rows"] == 2
    assert datasets.kinds_present("city", tmp_path) == ["patent", "trademark", "pledge"]
    assert datasets.read_records("city", tmp_path).column("pub_number").to_pylist() == ["CN1B"]
    table = datasets.read_kind("city", "trademark", tmp_path)
    assert table.schema.equals(record_kinds.CANONICAL["trademark"])
    assert table.column("reg_number").to_pylist() == ["1", "2"]


def test_replacing_one_kind_leaves_the_others_and_links_not_copies(tmp_path):
    datasets.write_dataset("city", _patents("CN1B", "CN2B"), {}, data_dir=tmp_path)
    datasets.write_kind("city", "trademark", _marks("1"), {}, data_dir=tmp_path)
    before = os.stat(datasets.kind_path("city", "patent", tmp_path))
    datasets.write_kind("city", "trademark", _marks("7", "8", "9"), {}, data_dir=tmp_path)
    after = os.stat(datasets.kind_path("city", "patent", tmp_path))
    assert after.st_ino == before.st_ino  # a hard link of the same file
    assert datasets.read_kind("city", "trademark", tmp_path).column("reg_number").to_pylist() == ["7", "8", "9"]
    assert datasets.read_records("city", tmp_path).num_rows == 2
    versions = [p for p in (tmp_path / "datasets" / ".versions").iterdir() if p.is_dir()]
    assert len(versions) == 1


def test_a_failing_import_leaves_the_dataset_unchanged(tmp_path):
    datasets.write_dataset("city", _patents("CN1B"), {}, data_dir=tmp_path)
    datasets.write_kind("city", "trademark", _marks("1"), {"n": 1}, data_dir=tmp_path)
    current = (tmp_path / "datasets" / "city").resolve()

    def failing():
        yield _pledges("P1")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        datasets.write_kind("city", "pledge", failing(), {}, data_dir=tmp_path)
    with pytest.raises(datasets.DatasetError, match="lack canonical columns: amount"):
        datasets.write_kind("city", "pledge", _pledges("P2").drop(["amount"]), {}, data_dir=tmp_path)
    def failing_patents():
        yield _patents("CN9B")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        datasets.write_dataset("city", failing_patents(), {}, data_dir=tmp_path)
    assert (tmp_path / "datasets" / "city").resolve() == current
    assert datasets.kinds_present("city", tmp_path) == ["patent", "trademark"]
    assert datasets.read_manifest("city", tmp_path)["kinds"]["trademark"]["n"] == 1
    versions = [p for p in (tmp_path / "datasets" / ".versions").iterdir() if p.is_dir()]
    assert versions == [current]


def _reader(root: str, rounds: int, queue) -> None:  # pragma: no cover - runs in a child process
    seen = set()
    for _ in range(rounds):
        try:
            path = datasets.kind_path("city", "trademark", root)
            assert path is not None
            seen.add(pq.read_table(path).num_rows)
            patents = datasets.kind_path("city", "patent", root)
            assert patents is not None and pq.read_table(patents).num_rows == 1
        except FileNotFoundError:
            # A later import removed the version this reader had resolved: it asks again; it
            # never reads a partial or mixed file.
            seen.add(-1)
    queue.put(sorted(seen))


def test_concurrent_readers_see_the_old_or_the_new_kind(tmp_path):
    datasets.write_dataset("city", _patents("CN1B"), {}, data_dir=tmp_path)
    datasets.write_kind("city", "trademark", _marks("1", "2"), {}, data_dir=tmp_path)
    queue: multiprocessing.Queue = multiprocessing.get_context("fork").Queue()
    reader = multiprocessing.get_context("fork").Process(target=_reader, args=(str(tmp_path), 300, queue))
    reader.start()
    for i in range(30):
        datasets.write_kind("city", "trademark", _marks(*[str(n) for n in range(2 if i % 2 else 3)]), {},
                            data_dir=tmp_path)
    reader.join(60)
    seen = set(queue.get(timeout=10))
    assert seen <= {2, 3, -1} and seen & {2, 3}
    assert datasets.read_records("city", tmp_path).num_rows == 1


def test_concurrent_imports_of_two_kinds_keep_both(tmp_path):
    datasets.write_dataset("city", _patents("CN1B"), {}, data_dir=tmp_path)
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=datasets.write_kind, args=("city", "trademark", _marks("1"), {}, tmp_path)),
             ctx.Process(target=datasets.write_kind, args=("city", "pledge", _pledges("P1"), {}, tmp_path))]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    assert datasets.kinds_present("city", tmp_path) == ["patent", "trademark", "pledge"]
    assert set(datasets.read_manifest("city", tmp_path)["kinds"]) == {"trademark", "pledge"}

"""Fixtures of the matching tests: the authored corpus (fixtures/), its index, a data directory
with it as a dataset, and the SEI table read from ../shared."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pyarrow as pa
import pytest

from ipcity.analytics.schema import CANONICAL_SCHEMA

FIXTURES = Path(__file__).parent / "fixtures"
PATENT_COLUMNS = ("pub_number", "title", "abstract", "ipc", "region_code", "applicants", "kind", "status")


def fixture_patents() -> list[dict]:
    return [json.loads(line) for line in (FIXTURES / "patents.jsonl").read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture(scope="session")
def patents() -> list[dict]:
    return fixture_patents()


@pytest.fixture(scope="session")
def patent_table(patents) -> pa.Table:
    return pa.table({c: pa.array([p.get(c) for p in patents], pa.string()) for c in PATENT_COLUMNS})


@pytest.fixture(scope="session")
def built_index(patent_table, tmp_path_factory):
    from ipcity.matching.index import build_index_from_table, load_index_at

    directory = tmp_path_factory.mktemp("matching") / "fixture"
    build_index_from_table(patent_table, directory)
    return load_index_at(directory)


@pytest.fixture(scope="session")
def concordance():
    from ipcity.matching.concordance import read_concordance

    return read_concordance(FIXTURES / "concordance.csv")


@pytest.fixture(scope="session")
def sei_table(shared_dir):
    from ipcity.analytics.sei import load_sei_table

    return load_sei_table(shared_dir / "data" / "sei_ipc_2021" / "sei_ipc_2021.csv")


def canonical_records(patents: list[dict]) -> pa.Table:
    """The fixture patents as canonical records (what a dataset holds)."""
    rows = []
    for p in patents:
        rows.append({name: None for name in CANONICAL_SCHEMA.names}
                    | {c: p.get(c) for c in PATENT_COLUMNS}
                    | {"office": "CN", "app_number": p["pub_number"][:-1], "app_date": dt.date(2012, 3, 1),
                       "ipc": p["ipc"].replace(";", "|"), "pct": False})
    return pa.Table.from_pylist(rows, schema=CANONICAL_SCHEMA)


@pytest.fixture
def data_dir(tmp_path, monkeypatch, patents) -> Path:
    """A data directory holding the fixture corpus as dataset ``fx`` (IPCITY_DATA_DIR points at it)."""
    from ipcity.analytics import datasets

    monkeypatch.setenv("IPCITY_DATA_DIR", str(tmp_path))
    datasets.write_dataset("fx", canonical_records(patents), {"source": "authored fixture"}, tmp_path)
    return tmp_path


def as_built_by_the_older_cut(directory: Path) -> None:
    """Make the index in ``directory`` look built before the search cut: its summary without
    ``cut``, as every index of an older release has it."""
    from ipcity.matching.index import SUMMARY_FILE

    path = Path(directory) / SUMMARY_FILE
    older = {k: v for k, v in json.loads(path.read_text(encoding="utf-8")).items() if k != "cut"}
    path.write_text(json.dumps(older), encoding="utf-8")

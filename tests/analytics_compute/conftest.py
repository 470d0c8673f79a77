"""Fixtures: a tiny hand-written SEI concordance, the shared 2021 one, and a DuckDB engine."""

from __future__ import annotations

from pathlib import Path

import pytest

from ipcity.analytics import engine as eng
from ipcity.analytics.sei import SeiTable, load_sei_table

# Three rules whose effect on each test symbol can be read off by eye.
TINY_SEI = """sei_code,sei_name,pdf_page,rule_no,ipc_patterns,ipc_exclusions,keywords
1.1,下一代信息网络产业,1,1,G06F11*;H03M13;G16H,G06F11/14,
1.2,电子核心产业,1,2,H01L21/02;B41J*,B41J2*,
4.1,生物产业,2,1,C12N15*,,基因编辑、CRISPR|合成生物
"""


@pytest.fixture(scope="session")
def tiny_sei(tmp_path_factory) -> SeiTable:
    path = tmp_path_factory.mktemp("sei") / "tiny_sei.csv"
    path.write_text(TINY_SEI, encoding="utf-8")
    return load_sei_table(path)


@pytest.fixture(scope="session")
def sei_2021(shared_dir: Path) -> SeiTable:
    return load_sei_table(shared_dir / "data" / "sei_ipc_2021" / "sei_ipc_2021.csv")


@pytest.fixture
def duckdb_engine():
    engine = eng.connect("duckdb")
    yield engine
    engine.close()

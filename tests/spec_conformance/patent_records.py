"""Canonical patent records written by hand, and ``ipcity indicators compute`` run on them.

``patent()`` is a dull domestic CN invention of 杭州市西湖区 (330106), filed 2014-03-01, granted
2015-06-01, in force, meeting no high-value criterion; a test names only what its case is about.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from click.testing import CliRunner

from ipcity.analytics.schema import CANONICAL_SCHEMA
from ipcity.cli.main import cli

_serial = itertools.count(1)

# Columns in the format of shared/data/sei_ipc_2021 (the concordance the office supplies).
SEI_HEADER = "sei_code,sei_name,pdf_page,rule_no,ipc_patterns,ipc_exclusions,keywords\n"


def patent(**fields: Any) -> dict[str, Any]:
    n = next(_serial)
    row: dict[str, Any] = {
        "pub_number": f"CN{200000000 + n}B",
        "office": "CN",
        "app_number": f"CN2014{n:07d}.X",
        "kind": "invention",
        "app_date": "2014-03-01",
        "grant_date": "2015-06-01",
        "lapse_date": None,
        "status": "valid",
        "applicants": "杭州样例科技有限公司",
        "first_applicant_country": "CN",
        "first_applicant_address": "浙江省杭州市西湖区文三路1号",
        "region_code": "330106",
        "ipc": "A01B1/00",
        "title": "一种农具",
        "abstract": "本发明涉及一种农具。",
        "family_granted_offices": None,
        "pct": False,
        "pledge_amount": None,
        "award": None,
    }
    row.update(fields)
    for key in ("app_date", "grant_date", "lapse_date"):
        if isinstance(row[key], str):
            row[key] = dt.date.fromisoformat(row[key])
    return row


def write_parquet(tmp_path: Path, rows: list[dict[str, Any]]) -> str:
    path = tmp_path / f"records{next(_serial)}.parquet"
    pq.write_table(pa.Table.from_pylist(rows, schema=CANONICAL_SCHEMA), path)
    return str(path)


def write_sei(tmp_path: Path, rules: list[tuple[str, str, str]]) -> str:
    """Rules as (patterns, exclusions, keywords), each ``;``-joined (keywords ``|``-joined)."""
    lines = [f'1.{i},产业{i},1,{i},{patterns},{exclusions},"{keywords}"'
             for i, (patterns, exclusions, keywords) in enumerate(rules, 1)]
    path = tmp_path / f"sei{next(_serial)}.csv"
    path.write_text(SEI_HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def compute(tmp_path: Path, rows: list[dict[str, Any]] | str, region: str = "330100", year: int = 2020,
            *options: str) -> dict[str, Any]:
    """``ipcity indicators compute --json`` on the rows (or a dataset name) → the JSON object."""
    dataset = rows if isinstance(rows, str) else write_parquet(tmp_path, rows)
    result = CliRunner().invoke(cli, ["indicators", "compute", "--dataset", dataset, "--region", region,
                                      "--year", str(year), *options, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def explain(tmp_path: Path, rows: list[dict[str, Any]], indicator: str, region: str = "330100",
            year: int = 2020, *options: str) -> list[dict[str, Any]]:
    """``ipcity indicators explain --format json``: the patents behind one figure."""
    dataset = write_parquet(tmp_path, rows)
    result = CliRunner().invoke(cli, ["indicators", "explain", "--dataset", dataset, "--region", region,
                                      "--year", str(year), "--indicator", indicator, *options,
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)

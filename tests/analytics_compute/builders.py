"""Hand-built canonical records for the indicator tests: every field has a dull default, and a
test names only the fields its case is about, so each expected count can be checked by eye."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ipcity.analytics.schema import CANONICAL_SCHEMA

_serial = itertools.count(1)


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def record(**fields: Any) -> dict[str, Any]:
    """A domestic CN granted invention of 杭州市西湖区, in force since 2015, meeting no criterion."""
    n = next(_serial)
    row = {
        "pub_number": f"CN{100000000 + n}B",
        "office": "CN",
        "app_number": f"CN2014{n:07d}.X",
        "kind": "invention",
        "app_date": "2014-03-01",
        "grant_date": "2015-06-01",
        "lapse_date": None,
        "status": "valid",
        "applicants": "杭州测试科技有限公司",
        "first_applicant_country": "CN",
        "first_applicant_address": "浙江省杭州市西湖区文三路1号",
        "region_code": "330106",
        "ipc": "A45D1/00",  # in no rule of the 2021 concordance
        "title": "一种农具",
        "abstract": "本发明涉及一种农具。",
        "family_granted_offices": None,
        "pct": False,
        "pledge_amount": None,
        "award": None,
    }
    row.update(fields)
    for key in ("app_date", "grant_date", "lapse_date"):
        row[key] = _date(row[key])
    return row


def write_records(path: Path, rows: list[dict[str, Any]]) -> Path:
    table = pa.Table.from_pylist(rows, schema=CANONICAL_SCHEMA)
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, path)
    return path

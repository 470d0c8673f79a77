"""The canonical patent record (shared/spec/ip-indicators.md), as stored in a dataset's Parquet.

Every importer maps its rows to these columns; the indicator engine reads only the spec's
(``CANONICAL_FIELDS``). ``OPTIONAL_FIELDS`` extend the record (docs/patent-import.md): filled
when an export carries them, null otherwise, never read by the indicators; a dataset written
before they existed lacks them and still reads (readers check its columns).
A dataset lives at ``<IPCITY_DATA_DIR>/datasets/<name>/`` as ``records.parquet`` plus
``manifest.json`` (source file, format, row counts, rejected rows, import time).
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

# The longest dataset name (``datasets.check_name``). A name is a path component and is stored in
# the apps' columns (datasets, transfer), whose ``max_length`` PostgreSQL enforces, so they all take
# it from here: a light module, unlike ``datasets``, which imports pyarrow.
DATASET_NAME_MAX_LENGTH = 100

# (name, Arrow type) in the canonical CSV's column order. Kept as plain data so that reading the
# column names (the CLI's option lists, header detection) does not import pyarrow.
CANONICAL_FIELDS: list[tuple[str, str]] = [
    ("pub_number", "string"),
    ("office", "string"),
    ("app_number", "string"),
    ("kind", "string"),  # invention | utility | design
    ("app_date", "date32"),
    ("grant_date", "date32"),
    ("lapse_date", "date32"),
    ("status", "string"),  # valid | invalid | pending
    ("applicants", "string"),  # '|'-separated, first patentee first
    ("first_applicant_country", "string"),
    ("first_applicant_address", "string"),
    ("region_code", "string"),  # 6 digits (GB/T 2260) or null
    ("ipc", "string"),  # '|'-separated, main first, no spaces
    ("title", "string"),
    ("abstract", "string"),
    ("family_granted_offices", "string"),  # '|'-separated, '' or null when none
    ("pct", "bool_"),
    ("pledge_amount", "float64"),  # 元
    ("award", "string"),
]
CANONICAL_COLUMNS = [name for name, _ in CANONICAL_FIELDS]  # the spec's: required in a canonical CSV
# The extension (not in the spec; every figure of the spec is the same with or without them).
OPTIONAL_FIELDS: list[tuple[str, str]] = [
    ("inventors", "string"),  # ';'-separated, in the order of the document
    ("cited_by_count", "int64"),  # times cited (forward citations), as the export counts them
    ("citations", "string"),  # publication numbers it cites, '|'-separated
]
OPTIONAL_COLUMNS = [name for name, _ in OPTIONAL_FIELDS]
RECORD_FIELDS = CANONICAL_FIELDS + OPTIONAL_FIELDS  # a dataset's Parquet, in this order
RECORD_COLUMNS = [name for name, _ in RECORD_FIELDS]
KINDS = ("invention", "utility", "design")
# Terms from the filing date (专利法第四十二条): invention 20 years, utility model 10, design 10, or
# 15 for designs filed from 2021-06-01 (the 2020 amendment). The importer dates a lapse by them, the
# actions and the indicators' warnings read the invention's.
TERM_YEARS = {"invention": 20, "utility": 10, "design": 10}
DESIGN_15Y_FROM = dt.date(2021, 6, 1)
STATUSES = ("valid", "invalid", "pending")


@cache
def canonical_schema() -> Any:
    """A dataset's Parquet schema: the canonical record, then its optional columns."""
    import pyarrow as pa

    return pa.schema([(name, getattr(pa, type_name)()) for name, type_name in RECORD_FIELDS])


def __getattr__(name: str) -> Any:
    # ``from ipcity.analytics.schema import CANONICAL_SCHEMA`` still works, built on first use.
    if name == "CANONICAL_SCHEMA":
        return canonical_schema()
    raise AttributeError(name)

"""The canonical patent record (shared/spec/ip-indicators.md), as stored in a dataset's Parquet.

Every importer maps its rows to these columns; the indicator engine reads only these.
A dataset lives at ``<IPCITY_DATA_DIR>/datasets/<name>/`` as ``records.parquet`` plus
``manifest.json`` (source file, format, row counts, rejected rows, import time).
"""

from __future__ import annotations

import pyarrow as pa

# Column order is the canonical CSV's order.
CANONICAL_SCHEMA = pa.schema(
    [
        ("pub_number", pa.string()),
        ("office", pa.string()),
        ("app_number", pa.string()),
        ("kind", pa.string()),  # invention | utility | design
        ("app_date", pa.date32()),
        ("grant_date", pa.date32()),
        ("lapse_date", pa.date32()),
        ("status", pa.string()),  # valid | invalid | pending
        ("applicants", pa.string()),  # '|'-separated, first patentee first
        ("first_applicant_country", pa.string()),
        ("first_applicant_address", pa.string()),
        ("region_code", pa.string()),  # 6 digits (GB/T 2260) or null
        ("ipc", pa.string()),  # '|'-separated, main first, no spaces
        ("title", pa.string()),
        ("abstract", pa.string()),
        ("family_granted_offices", pa.string()),  # '|'-separated, '' or null when none
        ("pct", pa.bool_()),
        ("pledge_amount", pa.float64()),  # 元
        ("award", pa.string()),
    ]
)
CANONICAL_COLUMNS = [f.name for f in CANONICAL_SCHEMA]
KINDS = ("invention", "utility", "design")
STATUSES = ("valid", "invalid", "pending")

"""The canonical records beyond patents (shared/spec/ip-records.md), as stored in a dataset.

A dataset (see :mod:`ipcity.analytics.datasets`) holds one Parquet file per kind of record:
``records.parquet`` for patents (:mod:`ipcity.analytics.schema`, unchanged) and
``<kind>.parquet`` for each kind here, with exactly that kind's canonical columns, in this order.

Kept as plain data (names, Arrow type names, enum words) so that the CLI's option lists and
header detection can read it without importing pyarrow; the Arrow schemas are built on first use
(``CANONICAL[kind]`` or :func:`canonical_schema`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

#: The kinds ``ipcity records import`` accepts, in the order the spec lists them.
KINDS: tuple[str, ...] = ("trademark", "pledge", "licence", "copyright")
#: Every kind a dataset can hold; ``patent`` lives in ``records.parquet``.
ALL_KINDS: tuple[str, ...] = ("patent", *KINDS)

# (name, Arrow type name) per kind, in the canonical CSV's column order.
FIELDS: dict[str, list[tuple[str, str]]] = {
    "trademark": [
        ("reg_number", "string"),  # 申请/注册号
        ("nice_class", "int16"),  # 国际分类 1–45
        ("mark_type", "string"),  # ordinary | collective | certification
        ("gi", "bool_"),  # geographical indication
        ("madrid", "bool_"),  # Madrid international registration
        ("office", "string"),  # CN | WIPO
        ("app_date", "date32"),
        ("reg_date", "date32"),
        ("expiry_date", "date32"),
        ("lapse_date", "date32"),
        ("status", "string"),  # registered | pending | invalid
        ("holders", "string"),  # '|'-separated, first holder first
        ("first_holder_country", "string"),
        ("first_holder_address", "string"),
        ("region_code", "string"),
    ],
    "pledge": [
        ("pledge_id", "string"),  # 质押登记号
        ("right_kind", "string"),  # patent | trademark | mixed
        ("rights", "string"),  # '|'-separated numbers
        ("reg_date", "date32"),
        ("amount", "float64"),  # 元
        ("pledgor", "string"),
        ("pledgor_country", "string"),
        ("pledgor_address", "string"),
        ("region_code", "string"),
        ("pledgee", "string"),
        ("cancel_date", "date32"),
    ],
    "licence": [
        ("record_id", "string"),  # 备案号 / 变更登记号
        ("record_type", "string"),  # licence | transfer
        ("right_kind", "string"),  # patent | trademark
        ("rights", "string"),
        ("date", "date32"),
        ("licence_type", "string"),  # exclusive | sole | ordinary | open | null
        ("from_party", "string"),
        ("from_country", "string"),
        ("from_address", "string"),
        ("from_region_code", "string"),
        ("to_party", "string"),
        ("to_country", "string"),
        ("to_address", "string"),
        ("to_region_code", "string"),
    ],
    "copyright": [
        ("reg_number", "string"),  # 登记号
        ("work_type", "string"),  # work | software
        ("category", "string"),  # 文字, 美术, 摄影… (works)
        ("reg_date", "date32"),
        ("owners", "string"),
        ("first_owner_country", "string"),
        ("first_owner_address", "string"),
        ("region_code", "string"),
    ],
}
COLUMNS: dict[str, list[str]] = {kind: [name for name, _ in fields] for kind, fields in FIELDS.items()}

#: The words an enum column may hold (null allowed only where listed in NULLABLE_ENUMS).
ENUMS: dict[str, dict[str, tuple[str, ...]]] = {
    "trademark": {
        "mark_type": ("ordinary", "collective", "certification"),
        "office": ("CN", "WIPO"),
        "status": ("registered", "pending", "invalid"),
    },
    "pledge": {"right_kind": ("patent", "trademark", "mixed")},
    "licence": {
        "record_type": ("licence", "transfer"),
        "right_kind": ("patent", "trademark"),
        "licence_type": ("exclusive", "sole", "ordinary", "open"),
    },
    "copyright": {"work_type": ("work", "software")},
}
NULLABLE_ENUMS: dict[str, frozenset[str]] = {
    "trademark": frozenset(),
    "pledge": frozenset(),
    "licence": frozenset({"licence_type"}),
    "copyright": frozenset(),
}

#: The columns that identify one record in a dataset (spec: "unique in a dataset").
KEYS: dict[str, tuple[str, ...]] = {
    "trademark": ("reg_number", "nice_class"),
    "pledge": ("pledge_id",),
    "licence": ("record_id",),
    "copyright": ("reg_number",),
}

#: Columns a row cannot do without (beyond the keys): the indicators' dates and enum words.
REQUIRED: dict[str, tuple[str, ...]] = {
    "trademark": ("reg_number", "nice_class", "mark_type", "gi", "madrid", "office", "app_date", "status"),
    "pledge": ("pledge_id", "right_kind", "reg_date"),
    "licence": ("record_id", "record_type", "right_kind", "date"),
    "copyright": ("reg_number", "work_type", "reg_date"),
}

#: Date columns per kind (parsed in bulk by the importer).
DATE_COLUMNS: dict[str, tuple[str, ...]] = {
    kind: tuple(name for name, type_name in fields if type_name == "date32") for kind, fields in FIELDS.items()
}


@dataclass(frozen=True)
class Party:
    """One side of a record that indicators attribute to a region (as a patent's first patentee)."""

    role: str  # holder | pledgor | licensor | licensee | owner
    name: str  # the column with the party's name ('|'-separated lists: the first one counts)
    country: str
    address: str
    region_code: str


PARTIES: dict[str, tuple[Party, ...]] = {
    "trademark": (Party("holder", "holders", "first_holder_country", "first_holder_address", "region_code"),),
    "pledge": (Party("pledgor", "pledgor", "pledgor_country", "pledgor_address", "region_code"),),
    "licence": (
        Party("from", "from_party", "from_country", "from_address", "from_region_code"),
        Party("to", "to_party", "to_country", "to_address", "to_region_code"),
    ),
    "copyright": (Party("owner", "owners", "first_owner_country", "first_owner_address", "region_code"),),
}

#: The Parquet file of each kind inside a dataset version directory.
FILES: dict[str, str] = {"patent": "records.parquet", **{kind: f"{kind}.parquet" for kind in KINDS}}


def check_kind(kind: str, *, allow_patent: bool = False) -> str:
    allowed = ALL_KINDS if allow_patent else KINDS
    if kind not in allowed:
        raise ValueError(f"unknown record kind {kind!r}; known: {', '.join(allowed)}")
    return kind


@cache
def canonical_schema(kind: str) -> Any:
    """The Arrow schema of ``kind`` (``patent``: the patent schema of ``schema.py``)."""
    import pyarrow as pa

    if kind == "patent":
        from ipcity.analytics.schema import canonical_schema as patent_schema

        return patent_schema()
    check_kind(kind)
    return pa.schema([(name, getattr(pa, type_name)()) for name, type_name in FIELDS[kind]])


def __getattr__(name: str) -> Any:
    # ``CANONICAL[kind]`` -> pyarrow schema, built on first use (keeps pyarrow out of CLI start-up).
    if name == "CANONICAL":
        return {kind: canonical_schema(kind) for kind in KINDS}
    raise AttributeError(name)

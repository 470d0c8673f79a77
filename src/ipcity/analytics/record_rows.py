"""Row-wise mapping of pledge and licence registers: each distinct cell parsed once per column,
the fields of a row combined (rights from several columns, the record number a transfer register
lacks), and :func:`collapse` joining the rows of one registration (a patent-level export repeats
the contract on every patent).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ipcity.analytics import cell_values as cv
from ipcity.analytics import record_values as rv
from ipcity.analytics.record_columns import (
    EMPTY,
    BadCell,
    ColumnChoice,
    Mapped,
    joined_names,
    parse_cell,
    party_names,
)
from ipcity.analytics.record_kinds import COLUMNS


def _column(choice: ColumnChoice, cells: Sequence[Sequence[object]], name: str, parse: Callable[[Any], Any],
            errors: list[str | None]) -> list[Any]:
    """A field's values, each distinct cell parsed once; a bad cell marks its row with the reason.

    With several columns for the field, an empty cell falls back on the next column.
    """
    values: list[Any] | None = None
    for index in choice.fields.get(name, []):
        raw = [row[index] if index < len(row) else None for row in cells]
        parsed = {cell: parse_cell(choice, index, cell, parse) for cell in set(raw)}
        column = [parsed[cell] for cell in raw]
        if any(isinstance(v, BadCell) for v in parsed.values()):
            for row, value in enumerate(column):
                if isinstance(value, BadCell):
                    if errors[row] is None:
                        errors[row] = value.reason
                    column[row] = None  # set aside: no fallback on another column
        values = column if values is None else [w if v is EMPTY else v for v, w in zip(values, column, strict=True)]
    if values is None:
        return [None] * len(cells)
    return [None if v is EMPTY else v for v in values]



def _columns(choice: ColumnChoice, cells: Sequence[Sequence[object]], errors: list[str | None],
             parsers: Mapping[str, Callable[[Any], Any]]) -> dict[str, list[Any]]:
    return {name: _column(choice, cells, name, parse, errors) for name, parse in parsers.items()}


def _require(values: list[Any], errors: list[str | None], reason: str) -> None:
    for i, value in enumerate(values):
        if value is None and errors[i] is None:
            errors[i] = reason



# -------------------------------------------------------------- pledges

def _rights_of(c: dict[str, list[Any]], i: int) -> tuple[list[str], set[str | None]]:
    rights: list[str] = []
    kinds: set[str | None] = set()
    for name in ("patent_rights", "trademark_rights", "rights"):
        for number, kind in c[name][i] or []:
            if number not in rights:
                rights.append(number)
            kinds.add(kind)
    return rights, kinds


def _map_pledges(choice: ColumnChoice, cells: Sequence[Sequence[object]],
                 errors: list[str | None]) -> tuple[dict[str, list[Any]], Counter]:
    notes: Counter = Counter()
    factor = cv.unit_factor_of_header(choice.header_of("amount")) if "amount" in choice.fields else 1.0
    c = _columns(choice, cells, errors, {
        "pledge_id": rv.parse_id, "right_kind": rv.parse_right_kind, "patent_rights": rv.parse_patent_numbers,
        "trademark_rights": rv.parse_mark_numbers, "rights": rv.parse_any_numbers, "reg_date": cv.parse_date,
        "amount": lambda value: rv.parse_money(value, factor), "pledgor": party_names,
        "pledgor_country": cv.country_code, "pledgor_address": cv.clean, "region_code": rv.parse_region_code,
        "pledgee": party_names, "cancel_date": cv.parse_date,
    })
    n = len(cells)
    out: dict[str, list[Any]] = {name: [None] * n for name in COLUMNS["pledge"]}
    _require(c["pledge_id"], errors, "no pledge registration number (质押登记号)")
    _require(c["reg_date"], errors, "no registration date (登记日)")
    for i in range(n):
        if errors[i] is not None:
            continue
        rights, kinds = _rights_of(c, i)
        right_kind = c["right_kind"][i] or choice.constants.get("right_kind") or rv.combined_kind(kinds)
        if right_kind is None:
            errors[i] = "what was pledged is unknown (no 专利号/商标注册号 and no 质押类型)"
            continue
        row = {
            "pledge_id": c["pledge_id"][i], "right_kind": right_kind, "rights": joined_names(rights),
            "reg_date": c["reg_date"][i], "amount": c["amount"][i], "pledgor": c["pledgor"][i],
            "pledgor_country": c["pledgor_country"][i], "pledgor_address": c["pledgor_address"][i],
            "region_code": c["region_code"][i], "pledgee": c["pledgee"][i],
            "cancel_date": c["cancel_date"][i],
        }
        for name, value in row.items():
            out[name][i] = value
    return out, notes


# -------------------------------------------------------------- licences and transfers

def _map_licences(choice: ColumnChoice, cells: Sequence[Sequence[object]],
                  errors: list[str | None]) -> tuple[dict[str, list[Any]], Counter]:
    notes: Counter = Counter()
    c = _columns(choice, cells, errors, {
        "record_id": rv.parse_id, "record_type": rv.parse_record_type, "right_kind": rv.parse_right_kind,
        "patent_rights": rv.parse_patent_numbers, "trademark_rights": rv.parse_mark_numbers,
        "rights": rv.parse_any_numbers, "date": cv.parse_date, "licence_type": rv.parse_licence_type,
        "from_party": party_names, "from_country": cv.country_code, "from_address": cv.clean,
        "from_region_code": rv.parse_region_code, "to_party": party_names, "to_country": cv.country_code,
        "to_address": cv.clean, "to_region_code": rv.parse_region_code,
    })
    n = len(cells)
    out: dict[str, list[Any]] = {name: [None] * n for name in COLUMNS["licence"]}
    _require(c["date"], errors, "no date (备案日/生效日)")
    for i in range(n):
        if errors[i] is not None:
            continue
        rights, kinds = _rights_of(c, i)
        record_type = c["record_type"][i] or choice.constants.get("record_type")
        right_kind = c["right_kind"][i] or choice.constants.get("right_kind") or rv.combined_kind(kinds)
        if record_type is None:
            errors[i] = "licence or transfer? (no 备案类型 column and the format does not say)"
            continue
        if right_kind not in ("patent", "trademark"):
            errors[i] = ("what the record concerns is unknown (no 专利号/商标注册号)" if right_kind is None
                         else "patents and trademarks in one record: the canonical record holds one kind")
            continue
        record_id = c["record_id"][i]
        if record_id is None:
            if not rights:
                errors[i] = "no record number (备案号/登记号) and no right number to name the record by"
                continue
            # Transfer registers publish no number of their own: the right and the day name the record.
            record_id = f"{'L' if record_type == 'licence' else 'T'}:{rights[0]}:{c['date'][i].isoformat()}"
            notes["record_id made from the right's number and the date"] += 1
        row = {
            "record_id": record_id, "record_type": record_type, "right_kind": right_kind,
            "rights": joined_names(rights), "date": c["date"][i],
            "licence_type": c["licence_type"][i] if record_type == "licence" else None,
            "from_party": c["from_party"][i], "from_country": c["from_country"][i],
            "from_address": c["from_address"][i], "from_region_code": c["from_region_code"][i],
            "to_party": c["to_party"][i], "to_country": c["to_country"][i],
            "to_address": c["to_address"][i], "to_region_code": c["to_region_code"][i],
        }
        for name, value in row.items():
            out[name][i] = value
    return out, notes


ROW_MAPPERS: dict[str, Callable[..., tuple[dict[str, list[Any]], Counter]]] = {
    "pledge": _map_pledges, "licence": _map_licences}


# -------------------------------------------------------------- collapse

_COLLAPSE_KEY = {"pledge": "pledge_id", "licence": "record_id"}
# Values that must agree across the rows of one registration (else it is rejected, naming them).
_MUST_AGREE = {"pledge": ("amount", "reg_date", "cancel_date", "pledgee"),
               "licence": ("record_type", "right_kind", "date", "licence_type")}
# Lists joined across the rows (distinct, first appearance first).
_JOINED = {"pledge": ("rights", "pledgor"), "licence": ("rights", "from_party", "to_party")}


def collapse(mapped: Mapped) -> None:
    """One row per registration: a patent-level export repeats the contract on every patent.

    The rights are joined with ``|``; the amount, the dates and the pledgee must agree across
    the rows and are taken once (an empty cell agrees with anything). A registration whose rows
    disagree is rejected whole, every row naming the conflict and the lines.
    """
    kind = mapped.kind
    key = _COLLAPSE_KEY[kind]
    groups: dict[Any, list[int]] = {}
    for i, value in enumerate(mapped.columns[key]):
        groups.setdefault(value, []).append(i)
    if all(len(rows) == 1 for rows in groups.values()):
        return
    columns = mapped.columns
    keep: list[int] = []
    rejected: list[tuple[int, str]] = []
    for value, rows in groups.items():
        if len(rows) == 1:
            keep.append(rows[0])
            continue
        conflict = _conflict(kind, columns, rows)
        if conflict:
            lines = ", ".join(str(mapped.lines[i]) for i in rows)
            rejected.extend((mapped.lines[i], f"{key} {value}: {conflict} on lines {lines}") for i in rows)
            continue
        first = rows[0]
        for name in columns:
            if name in _JOINED[kind]:
                parts: list[str] = []
                for i in rows:
                    parts += [p for p in (columns[name][i] or "").split("|") if p and p not in parts]
                columns[name][first] = "|".join(parts) or None
            elif columns[name][first] is None:
                columns[name][first] = next((columns[name][i] for i in rows if columns[name][i] is not None), None)
        if kind == "pledge":
            columns["right_kind"][first] = rv.combined_kind({columns["right_kind"][i] for i in rows})
        keep.append(first)
        mapped.notes[f"rows joined into one {key}"] += len(rows) - 1
    keep.sort()
    mapped.rejected = sorted(mapped.rejected + rejected)
    mapped.columns = {name: [values[i] for i in keep] for name, values in columns.items()}
    mapped.lines = [mapped.lines[i] for i in keep]


def _conflict(kind: str, columns: dict[str, list[Any]], rows: list[int]) -> str | None:
    for name in _MUST_AGREE[kind]:
        values = list(dict.fromkeys(columns[name][i] for i in rows if columns[name][i] is not None))
        if len(values) > 1:
            return f"conflicting {name} (" + ", ".join(_show(v) for v in values) + ")"
    return None


def _show(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"
    return str(value)

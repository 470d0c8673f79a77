"""The real export formats of the record kinds (trademark, pledge, licence, copyright).

Each format is a :class:`~ipcity.analytics.record_registry.RecordFormat` registered here (the
registry imports this module on first use): its headers (one alias table per kind, shared by the
formats of that kind, as the patent importer's ``formats.py`` does, so that any column
selection of a known register imports), the headers that must all be present for ``--format
auto`` to pick it (``detect``), the constants the register implies (a licence register's rows
are licences, a software register's rows are software), and ``mapper``: these formats map their
rows themselves, because their cells need more than word maps (status words inside longer
phrases, ``第35类``, the 专用权期限 range and renewals, amounts with units, several rights in one
cell, conflicting amounts rejected when a registration's rows are joined).

Cells become canonical values through the parsers of :mod:`ipcity.analytics.record_values`, each
applied once per *distinct* cell of a column (dates, classes, status words and addresses repeat),
so a column costs one dictionary look-up per row. :func:`map_rows` then combines the fields of a
row (the term range, the renewal rule, the lapse rule), sets bad rows aside with their line and
reason, and :func:`collapse` joins the rows of one pledge registration or one licence contract.

Parties' countries and regions are left to the importer (region code, else address, else the
enterprise name, as for patents) unless the export has a column for them.

The commercial-database variants (企查查-, 天眼查-, 标库-style) are authored from the field lists
those services show, not read from real export files; docs/records.md says so.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from ipcity.analytics import cell_values as cv
from ipcity.analytics import record_values as rv
from ipcity.analytics.formats import normalise_header
from ipcity.analytics.record_kinds import COLUMNS
from ipcity.analytics.record_registry import RecordFormat, register

# Fields → headers that carry them, best first, per kind (canonical columns and the registry's
# source fields: a trademark's ``term``/``intl_reg_date``/``co_holders``; the ``patent_rights``
# and ``trademark_rights`` columns of pledge and licence registers).
FIELD_ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "trademark": {
        "reg_number": ("申请/注册号", "注册号/申请号", "注册号", "申请号", "商标注册号", "reg_number"),
        "nice_class": ("国际分类", "国际分类号", "类别", "商标类别", "类号", "nice_class"),
        "mark_type": ("商标类型", "商标种类", "mark_type"),
        "gi": ("是否地理标志", "地理标志", "gi"),
        "madrid": ("是否马德里", "马德里", "madrid"),
        "office": ("office",),
        "app_date": ("商标申请日期", "申请日期", "申请日", "app_date"),
        "intl_reg_date": ("国际注册日期", "国际注册日"),
        "reg_date": ("注册公告日期", "注册公告日", "注册日期", "注册日", "reg_date"),
        "term": ("专用权期限", "专用期限", "商标专用权期限", "有效期限"),
        "expiry_date": ("到期日期", "专用权到期日", "截止日期", "expiry_date"),
        "lapse_date": ("无效日期", "注销日期", "撤销日期", "失效日期", "商标无效日期", "lapse_date"),
        "status": ("商标状态", "状态", "法律状态", "商标流程状态", "status"),
        "holders": ("申请人名称(中文)", "注册人", "申请人", "申请人名称", "商标注册人", "权利人", "holders"),
        "co_holders": ("共有申请人", "共有人", "共同申请人"),
        "first_holder_country": ("申请人国籍", "注册人国籍", "申请人国家/地区", "国籍", "first_holder_country"),
        "first_holder_address": ("申请人地址(中文)", "注册人地址", "申请人地址", "地址", "first_holder_address"),
        "region_code": ("行政区划代码", "区划代码", "region_code"),
    },
    "pledge": {
        "pledge_id": ("质押登记号", "质权登记号", "登记号", "质押登记编号", "pledge_id"),
        "right_kind": ("质押类型", "权利类型", "出质权利类型", "right_kind"),
        "patent_rights": ("专利号", "质押专利号", "专利申请号", "申请号"),
        "trademark_rights": ("商标注册号", "质押商标注册号", "注册号"),
        "rights": ("rights", "权利号", "出质权利"),
        "reg_date": ("质押登记日", "登记日", "质押登记日期", "登记日期", "登记生效日", "生效日", "reg_date"),
        "amount": ("担保金额", "担保债权数额", "担保金额(万元)", "担保金额(元)", "担保债权数额(万元)",
                   "担保债权数额(元)", "质押金额", "质押金额(万元)", "融资金额(万元)", "融资金额", "amount"),
        "pledgor": ("出质人", "出质人名称", "pledgor"),
        "pledgor_country": ("出质人国籍", "出质人国别", "pledgor_country"),
        "pledgor_address": ("出质人地址", "出质人住所", "pledgor_address"),
        "region_code": ("出质人行政区划代码", "行政区划代码", "region_code"),
        "pledgee": ("质权人", "质权人名称", "pledgee"),
        "cancel_date": ("注销日", "注销日期", "质押注销日", "解除日期", "注销登记日", "cancel_date"),
    },
    "licence": {
        "record_id": ("备案号", "合同备案号", "许可备案号", "变更登记号", "转让登记号", "登记号", "record_id"),
        "record_type": ("备案类型", "记录类型", "record_type"),
        "right_kind": ("权利类型", "right_kind"),
        "patent_rights": ("专利号", "专利申请号", "申请号"),
        "trademark_rights": ("商标注册号", "注册号"),
        "rights": ("rights",),
        "date": ("备案日期", "备案日", "合同备案日期", "变更生效日", "生效日", "转让生效日", "核准转让日期",
                 "转让公告日期", "登记日", "date"),
        "licence_type": ("许可种类", "许可类型", "许可方式", "licence_type"),
        "from_party": ("让与人", "许可人", "转让人", "变更前权利人", "原权利人", "from_party"),
        "from_country": ("让与人国籍", "许可人国籍", "转让人国籍", "from_country"),
        "from_address": ("让与人地址", "许可人地址", "转让人地址", "变更前地址", "变更前权利人地址", "from_address"),
        "from_region_code": ("from_region_code",),
        "to_party": ("受让人", "被许可人", "变更后权利人", "新权利人", "to_party"),
        "to_country": ("受让人国籍", "被许可人国籍", "to_country"),
        "to_address": ("受让人地址", "被许可人地址", "变更后地址", "变更后权利人地址", "to_address"),
        "to_region_code": ("to_region_code",),
    },
    "copyright": {
        "reg_number": ("登记号", "登记编号", "作品登记号", "软件登记号", "reg_number"),
        "work_type": ("登记类型", "著作权类型", "work_type"),
        "category": ("作品类别", "作品类型", "category"),
        "reg_date": ("登记日期", "登记日", "批准日期", "reg_date"),
        "owners": ("著作权人", "著作权人名称", "owners"),
        "first_owner_country": ("著作权人国籍", "国籍", "first_owner_country"),
        "first_owner_address": ("著作权人地址", "地址", "first_owner_address"),
        "region_code": ("行政区划代码", "region_code"),
    },
}
# The field that must have a column, per kind (the record's key; licences may make theirs).
KEY_FIELD = {"trademark": "reg_number", "pledge": "pledge_id", "licence": "date", "copyright": "reg_number"}


class RecordFormatError(ValueError):
    """The file lacks the column its kind needs."""


@dataclass
class ColumnChoice:
    """Which columns carry each field (best first, then fallbacks used when a cell is empty)."""

    kind: str
    format: str
    headers: list[str]
    fields: dict[str, list[int]] = field(default_factory=dict)
    constants: Mapping[str, str] = field(default_factory=dict)
    collapse: bool = False

    def header_of(self, name: str) -> str:
        return self.headers[self.fields[name][0]]

    def used(self) -> dict[str, str]:
        return {name: self.header_of(name) for name in self.fields}


def choose_columns(kind: str, headers: Sequence[object], format_name: str = "",
                   constants: Mapping[str, str] | None = None, collapse: bool = False) -> ColumnChoice:
    normalised = [normalise_header(h) for h in headers]
    index: dict[str, int] = {}
    for i, header in enumerate(normalised):
        if header:
            index.setdefault(header, i)
    choice = ColumnChoice(kind, format_name, [str(h or "") for h in headers], constants=dict(constants or {}),
                          collapse=collapse)
    taken: set[int] = set()
    for name, aliases in FIELD_ALIASES[kind].items():
        present = [index[a] for a in map(normalise_header, aliases) if a in index]
        present = [i for i in present if i not in taken]
        if present:
            choice.fields[name] = present
            taken.update(present)  # one column serves one field (the first field that claims it)
    key = KEY_FIELD[kind]
    if key not in choice.fields:
        raise RecordFormatError(
            f"the {kind} file has no {key} column (one of: {', '.join(FIELD_ALIASES[kind][key])}); headers found: "
            + ", ".join(h for h in choice.headers if h))
    return choice


# ---------------------------------------------------------------- mapping


@dataclass
class Mapped:
    """Canonical columns of the rows that mapped, their lines, and the rows set aside."""

    kind: str
    columns: dict[str, list[Any]]
    lines: list[int]
    rejected: list[tuple[int, str]] = field(default_factory=list)
    notes: Counter = field(default_factory=Counter)

    def rows(self) -> list[dict[str, Any]]:
        names = list(self.columns)
        return [dict(zip(names, values, strict=True)) for values in zip(*self.columns.values(), strict=True)]


class _Bad:
    __slots__ = ("reason",)

    def __init__(self, reason: str) -> None:
        self.reason = reason


_EMPTY = object()  # a cell that is blank or a placeholder (-, 无…)


def _parsed(choice: ColumnChoice, index: int, raw: Any, parse: Callable[[Any], Any]) -> Any:
    if raw is None or cv.clean(raw) is None:
        return _EMPTY
    try:
        value = parse(raw)
    except ValueError as exc:
        return _Bad(f"{choice.headers[index]} {str(raw)!r}: {exc}")
    return _EMPTY if value is None else value


def _column(choice: ColumnChoice, cells: Sequence[Sequence[object]], name: str, parse: Callable[[Any], Any],
            errors: list[str | None]) -> list[Any]:
    """A field's values, each distinct cell parsed once; a bad cell marks its row with the reason.

    With several columns for the field, an empty cell falls back on the next column.
    """
    values: list[Any] | None = None
    for index in choice.fields.get(name, []):
        raw = [row[index] if index < len(row) else None for row in cells]
        parsed = {cell: _parsed(choice, index, cell, parse) for cell in set(raw)}
        column = [parsed[cell] for cell in raw]
        if any(isinstance(v, _Bad) for v in parsed.values()):
            for row, value in enumerate(column):
                if isinstance(value, _Bad):
                    if errors[row] is None:
                        errors[row] = value.reason
                    column[row] = None  # set aside: no fallback on another column
        values = column if values is None else [w if v is _EMPTY else v for v, w in zip(values, column, strict=True)]
    if values is None:
        return [None] * len(cells)
    return [None if v is _EMPTY else v for v in values]


def map_rows(choice: ColumnChoice, rows: Iterable[tuple[int, Sequence[object]]]) -> Mapped:
    """Map data rows (line, cells) of a file whose columns ``choice`` names; blank rows are skipped."""
    if choice.kind in TABLE_MAPPERS:
        return _mapped_from_table(choice.kind, *TABLE_MAPPERS[choice.kind](choice, rows_to_table(choice.headers, rows)))
    lines: list[int] = []
    cells: list[Sequence[object]] = []
    for line, row in rows:
        if any(c is not None and (type(c) is not str or c.strip()) for c in row):
            lines.append(line)
            cells.append(row)
    errors: list[str | None] = [None] * len(cells)
    columns, notes = _MAPPERS[choice.kind](choice, cells, errors)
    keep = [i for i, error in enumerate(errors) if error is None]
    if len(keep) == len(cells):
        kept = {name: columns[name] for name in COLUMNS[choice.kind]}
    else:
        kept = {name: [columns[name][i] for i in keep] for name in COLUMNS[choice.kind]}
    mapped = Mapped(choice.kind, kept, [lines[i] for i in keep],
                    [(lines[i], error) for i, error in enumerate(errors) if error is not None], notes)
    if choice.collapse:
        collapse(mapped)
    return mapped


def _mapped_from_table(kind: str, table: pa.Table, notes: Counter) -> Mapped:
    kept = table.filter(pc.is_null(table.column("_reason")))
    failed = table.filter(pc.is_valid(table.column("_reason")))
    return Mapped(kind, {name: kept.column(name).to_pylist() for name in COLUMNS[kind]},
                  kept.column("_line").to_pylist(),
                  list(zip(failed.column("_line").to_pylist(), failed.column("_reason").to_pylist(), strict=True)),
                  Counter({k: v for k, v in notes.items() if v}))


def _columns(choice: ColumnChoice, cells: Sequence[Sequence[object]], errors: list[str | None],
             parsers: Mapping[str, Callable[[Any], Any]]) -> dict[str, list[Any]]:
    return {name: _column(choice, cells, name, parse, errors) for name, parse in parsers.items()}


def _require(values: list[Any], errors: list[str | None], reason: str) -> None:
    for i, value in enumerate(values):
        if value is None and errors[i] is None:
            errors[i] = reason


def _joined(names: list[str] | None) -> str | None:
    return "|".join(names or []) or None


def _names(value: Any) -> str | None:
    """A list of parties (``;``, ``、``, ``|``… separated) as the canonical ``|``-joined text."""
    return _joined(cv.split_names(value))


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
        "amount": lambda value: rv.parse_money(value, factor), "pledgor": _names,
        "pledgor_country": cv.country_code, "pledgor_address": cv.clean, "region_code": rv.parse_region_code,
        "pledgee": _names, "cancel_date": cv.parse_date,
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
            "pledge_id": c["pledge_id"][i], "right_kind": right_kind, "rights": _joined(rights),
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
        "from_party": _names, "from_country": cv.country_code, "from_address": cv.clean,
        "from_region_code": rv.parse_region_code, "to_party": _names, "to_country": cv.country_code,
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
            "rights": _joined(rights), "date": c["date"][i],
            "licence_type": c["licence_type"][i] if record_type == "licence" else None,
            "from_party": c["from_party"][i], "from_country": c["from_country"][i],
            "from_address": c["from_address"][i], "from_region_code": c["from_region_code"][i],
            "to_party": c["to_party"][i], "to_country": c["to_country"][i],
            "to_address": c["to_address"][i], "to_region_code": c["to_region_code"][i],
        }
        for name, value in row.items():
            out[name][i] = value
    return out, notes


# -------------------------------------------------------------- copyright

_MAPPERS: dict[str, Callable[..., tuple[dict[str, list[Any]], Counter]]] = {
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


# -------------------------------------------------------------- trademarks, column-wise in Arrow

_DAY = pa.scalar(1, pa.int32())


def _as_text(value: object) -> str | None:
    """A spreadsheet cell as the text a CSV would hold (dates ISO, whole numbers without '.0')."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()[:10]
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def rows_to_table(header: Sequence[object], rows: Iterable[tuple[int, Sequence[object]]]) -> pa.Table:
    """Data rows → a table of text columns ``c0``…``cN`` (one per header cell) and ``_line``; blank rows dropped."""
    width = len(header)
    lines: list[int] = []
    columns: list[list[str | None]] = [[] for _ in range(width)]
    for line, row in rows:
        if not any(c is not None and (type(c) is not str or c.strip()) for c in row):
            continue
        lines.append(line)
        for i in range(width):
            columns[i].append(_as_text(row[i]) if i < len(row) else None)
    return pa.table({**{f"c{i}": pa.array(columns[i], pa.string()) for i in range(width)},
                     "_line": pa.array(lines, pa.int64())})


_CACHE_SIZE = 200_000  # distinct cells remembered per field across batches; beyond, it starts afresh


def _distinct(choice: ColumnChoice, table: pa.Table, name: str, parse: Callable[[Any], Any],
              types: Sequence[pa.DataType], fast: str | None = None,
              cache: dict[Any, Any] | None = None) -> tuple[list[pa.Array], pa.Array]:
    """A field's values as Arrow arrays (one per part of the parsed value) and each row's reason
    (null when fine): every distinct cell parsed once, spread over the rows with ``take``.

    ``fast``: a pattern of cells already in canonical form (taken as they are, unparsed): the
    numbers of a register never repeat, so parsing each distinct one would be parsing them all.
    """
    n = table.num_rows
    values: list[pa.Array] = [pa.nulls(n, t) for t in types]
    reasons: pa.Array = pa.nulls(n, pa.string())
    filled: pa.Array | None = None
    for index in choice.fields.get(name, []):
        if f"c{index}" not in table.column_names:
            continue  # a column the importer did not stage (a fallback it does not know)
        cells = table.column(f"c{index}").combine_chunks()
        if parse is cv.clean:  # text as written: trimmed, placeholders empty, in bulk
            text = _text(cells)
            values, reasons = _fallback(values, reasons, filled, [text], pa.nulls(n, pa.string()))
            filled = pc.is_valid(values[0]) if filled is None else pc.or_(filled, pc.is_valid(text))
            continue
        as_is = None
        if fast is not None:
            as_is = pc.fill_null(pc.match_substring_regex(cells, fast), False)
            cells = pc.if_else(as_is, pa.scalar(None, pa.string()), cells)
        encoded = pc.dictionary_encode(cells)
        dictionary = encoded.dictionary.to_pylist()
        if cache is None:
            parsed = [_parsed(choice, index, cell, parse) for cell in dictionary]
        else:  # the batches of one file repeat their words, dates and names
            if len(cache) > _CACHE_SIZE:
                cache.clear()
            column_name = choice.headers[index]
            parsed = []
            for cell in dictionary:
                key = (column_name, cell)
                value = cache.get(key, cache)
                if value is cache:
                    value = cache[key] = _parsed(choice, index, cell, parse)
                parsed.append(value)
        parts: list[list[Any]] = [[] for _ in types]
        bad: list[str | None] = []
        for value in parsed:
            good = value if value is not _EMPTY and not isinstance(value, _Bad) else None
            bad.append(value.reason if isinstance(value, _Bad) else None)
            if len(types) == 1:
                parts[0].append(good)
            else:
                for k in range(len(types)):
                    parts[k].append(None if good is None else good[k])
        indices = encoded.indices
        column_values = [pa.array(part, t).take(indices) for part, t in zip(parts, types, strict=True)]
        if as_is is not None:
            column_values[0] = pc.if_else(as_is, table.column(f"c{index}").combine_chunks(), column_values[0])
        column_reasons = pa.array(bad, pa.string()).take(indices)
        has = pc.or_kleene(pc.is_valid(column_values[0]), pc.is_valid(column_reasons))
        values, reasons = _fallback(values, reasons, filled, column_values, column_reasons)
        filled = has if filled is None else pc.or_(filled, has)
    return values, reasons


def _fallback(values: list[pa.Array], reasons: pa.Array, filled: pa.Array | None, new_values: list[pa.Array],
              new_reasons: pa.Array) -> tuple[list[pa.Array], pa.Array]:
    """The first column of a field, or a later one where the earlier ones were empty."""
    if filled is None:
        return new_values, new_reasons
    use = pc.invert(filled)
    return ([pc.if_else(use, new, old) for new, old in zip(new_values, values, strict=True)],
            pc.if_else(use, new_reasons, reasons))


_PLACEHOLDERS = pa.array(["", "-", "--", "—", "无", "null", "none", "nan", "n/a", "na"])


def _text(cells: pa.Array) -> pa.Array:
    """``cell_values.clean`` in bulk: trimmed (ideographic and no-break spaces too), placeholders null."""
    trimmed = pc.utf8_trim_whitespace(pc.replace_substring_regex(cells, "[\u3000\xa0]", " "))
    return pc.if_else(pc.is_in(pc.utf8_lower(trimmed), value_set=_PLACEHOLDERS), pa.scalar(None, pa.string()),
                      trimmed)


def _first(reason: pa.Array, condition: pa.Array, text: str) -> pa.Array:
    """Set ``text`` as the reason of rows that meet ``condition`` and have no reason yet."""
    return pc.if_else(pc.and_(pc.is_null(reason), pc.fill_null(condition, False)), pa.scalar(text), reason)


def map_trademark_table(choice: ColumnChoice, table: pa.Table,
                        caches: dict[str, dict[Any, Any]] | None = None) -> tuple[pa.Table, Counter]:
    """Trademark rows (text columns ``c0``… and ``_line``) → the canonical columns, ``_line`` and
    ``_reason`` (null for a row kept), column by column in Arrow; the rules of ``_map_trademarks``."""
    notes: Counter = Counter()
    fields: dict[str, tuple[Callable[[Any], Any], tuple[pa.DataType, ...]]] = {
        "reg_number": (rv.parse_reg_number, (pa.string(),)), "nice_class": (rv.parse_nice_class, (pa.int16(),)),
        "mark_type": (rv.parse_mark_type, (pa.string(), pa.bool_())), "gi": (cv.parse_bool, (pa.bool_(),)),
        "madrid": (cv.parse_bool, (pa.bool_(),)), "office": (rv.parse_office, (pa.string(),)),
        "app_date": (cv.parse_date, (pa.date32(),)), "intl_reg_date": (cv.parse_date, (pa.date32(),)),
        "reg_date": (cv.parse_date, (pa.date32(),)), "term": (rv.parse_term, (pa.date32(), pa.date32())),
        "expiry_date": (cv.parse_date, (pa.date32(),)), "lapse_date": (cv.parse_date, (pa.date32(),)),
        "status": (rv.parse_trademark_status, (pa.string(), pa.bool_())), "holders": (_names, (pa.string(),)),
        "co_holders": (_names, (pa.string(),)), "first_holder_country": (cv.country_code, (pa.string(),)),
        "first_holder_address": (cv.clean, (pa.string(),)), "region_code": (rv.parse_region_code, (pa.string(),)),
    }
    c: dict[str, list[pa.Array]] = {}
    reason: pa.Array = pa.nulls(table.num_rows, pa.string())
    for name, (parse, types) in fields.items():
        fast = r"^G?\d{1,10}$" if name == "reg_number" else None
        cache = None if caches is None else caches.setdefault(name, {})
        c[name], field_reasons = _distinct(choice, table, name, parse, types, fast, cache)
        reason = pc.coalesce(reason, field_reasons)
    number = c["reg_number"][0]
    reason = _first(reason, pc.is_null(number), "no registration number (申请/注册号)")
    reason = _first(reason, pc.is_null(c["nice_class"][0]), "no Nice class (国际分类)")
    mark_type = pc.coalesce(c["mark_type"][0], pa.scalar("ordinary"))
    notes["mark_type empty: ordinary"] += pc.sum(pc.is_null(c["mark_type"][0])).as_py() or 0
    gi = pc.coalesce(c["gi"][0], c["mark_type"][1], pa.scalar(False))
    intl = c["intl_reg_date"][0]
    madrid = pc.coalesce(c["madrid"][0], pc.or_kleene(pc.is_valid(intl),
                                                      pc.fill_null(pc.starts_with(number, "G"), False)))
    office = pc.coalesce(c["office"][0], pc.if_else(madrid, pa.scalar("WIPO"), pa.scalar("CN")))
    app = pc.if_else(pc.and_(madrid, pc.is_valid(intl)), intl, c["app_date"][0])
    reason = _first(reason, pc.and_(pc.is_null(app), madrid), "no application date (商标申请日期/国际注册日期)")
    reason = _first(reason, pc.is_null(app), "no application date (商标申请日期)")
    term_start, term_end = c["term"]
    reg = c["reg_date"][0]
    from_term = pc.and_(pc.is_null(reg), pc.is_valid(term_start))
    if pc.any(from_term).as_py():
        where = pc.indices_nonzero(from_term)
        pairs = zip(term_start.take(where).to_pylist(), app.take(where).to_pylist(), strict=True)
        known: dict[tuple[Any, Any], dt.date] = {}
        derived = [known.get(pair) or known.setdefault(pair, rv.original_registration(*pair)) for pair in pairs]
        reg = pc.replace_with_mask(reg, from_term, pa.array(derived, pa.date32()))
        notes["reg_date from 专用权期限 (renewals taken back)"] += len(derived)
    expiry = pc.coalesce(c["expiry_date"][0], term_end)
    status = pc.coalesce(c["status"][0], pc.if_else(pc.is_valid(reg), pa.scalar("registered"), pa.scalar("pending")))
    notes["status empty: from the dates"] += pc.sum(pc.is_null(c["status"][0])).as_py() or 0
    expired = pc.and_(pc.and_(pc.equal(status, "invalid"), pc.fill_null(c["status"][1], False)), pc.is_valid(expiry))
    day_after = pc.cast(pc.add(pc.cast(expiry, pa.int32()), _DAY), pa.date32())
    lapse = pc.coalesce(c["lapse_date"][0], pc.if_else(expired, day_after, pa.scalar(None, pa.date32())))
    reason = _first(reason, pc.less(expiry, reg), "the term ends before the registration")
    holders = c["holders"][0]
    co_holders = c["co_holders"][0]
    if pc.any(pc.is_valid(co_holders)).as_py():
        merged = []
        for first, others in zip(holders.to_pylist(), co_holders.to_pylist(), strict=True):
            names = first.split("|") if first else []
            merged.append("|".join(names + [h for h in (others or "").split("|") if h and h not in names]) or None)
        holders = pa.array(merged, pa.string())
    columns = {
        "reg_number": number, "nice_class": c["nice_class"][0], "mark_type": mark_type, "gi": gi, "madrid": madrid,
        "office": office, "app_date": app, "reg_date": reg, "expiry_date": expiry, "lapse_date": lapse,
        "status": status, "holders": holders, "first_holder_country": c["first_holder_country"][0],
        "first_holder_address": c["first_holder_address"][0], "region_code": c["region_code"][0],
    }
    out = pa.table({**columns, "_line": table.column("_line"), "_reason": reason})
    return out, notes


# -------------------------------------------------------------- copyright, column-wise in Arrow

# The same rules as ``record_values.work_type_of_number``, as patterns over a whole column.
_SOFTWARE_NUMBER = r"^\d{4}SR\d+$"
_WORK_NUMBER = "^[一-鿿]{0,2}作登字"


def map_copyright_table(choice: ColumnChoice, table: pa.Table,
                        caches: dict[str, dict[Any, Any]] | None = None) -> tuple[pa.Table, Counter]:
    """Copyright rows (text columns ``c0``… and ``_line``) → the canonical columns, ``_line`` and
    ``_reason``: 登记类型 if given, else the register's type, else the number's (SR → software,
    作登字 → work)."""
    fields: dict[str, tuple[Callable[[Any], Any], tuple[pa.DataType, ...]]] = {
        "reg_number": (rv.parse_id, (pa.string(),)), "work_type": (rv.parse_work_type, (pa.string(),)),
        "category": (rv.parse_category, (pa.string(),)), "reg_date": (cv.parse_date, (pa.date32(),)),
        "owners": (_names, (pa.string(),)), "first_owner_country": (cv.country_code, (pa.string(),)),
        "first_owner_address": (cv.clean, (pa.string(),)), "region_code": (rv.parse_region_code, (pa.string(),)),
    }
    c: dict[str, pa.Array] = {}
    reason: pa.Array = pa.nulls(table.num_rows, pa.string())
    for name, (parse, types) in fields.items():
        fast = r"^[0-9A-Z\-]+$" if name == "reg_number" else None
        cache = None if caches is None else caches.setdefault(name, {})
        values, field_reasons = _distinct(choice, table, name, parse, types, fast, cache)
        c[name] = values[0]
        reason = pc.coalesce(reason, field_reasons)
    number = c["reg_number"]
    reason = _first(reason, pc.is_null(number), "no registration number (登记号)")
    reason = _first(reason, pc.is_null(c["reg_date"]), "no registration date (登记日期)")
    none = pa.scalar(None, pa.string())
    by_number = pc.if_else(pc.fill_null(pc.match_substring_regex(number, _SOFTWARE_NUMBER), False),
                           pa.scalar("software"),
                           pc.if_else(pc.fill_null(pc.match_substring_regex(number, _WORK_NUMBER), False),
                                      pa.scalar("work"), none))
    constant = choice.constants.get("work_type")
    work_type = pc.coalesce(c["work_type"], pa.scalar(constant, pa.string()), by_number)
    reason = _first(reason, pc.is_null(work_type), "work or software? (no 登记类型 column and an unfamiliar number)")
    columns = {
        "reg_number": number, "work_type": work_type,
        "category": pc.if_else(pc.equal(work_type, "work"), c["category"], none), "reg_date": c["reg_date"],
        "owners": c["owners"], "first_owner_country": c["first_owner_country"],
        "first_owner_address": c["first_owner_address"], "region_code": c["region_code"],
    }
    return pa.table({**columns, "_line": table.column("_line"), "_reason": reason}), Counter()


TABLE_MAPPERS: dict[str, Callable[..., tuple[pa.Table, Counter]]] = {
    "trademark": map_trademark_table, "copyright": map_copyright_table}


# -------------------------------------------------------------- the formats

@dataclass(frozen=True)
class _Spec:
    kind: str
    name: str
    label: str
    detect: tuple[str, ...]  # headers that must all be present for --format auto
    headers: tuple[str, ...]  # the header row as authored (docs/records.md, the fixtures)
    source: str
    constants: Mapping[str, str] = field(default_factory=dict)
    collapse: bool = False


_CNIPA = "CNIPA's register as the spec lists its fields (ip-records.md); the header row is authored"
_AUTHORED = "authored from the fields the service shows; not read from a real export file"
SPECS: tuple[_Spec, ...] = (
    _Spec("trademark", "cnipa_trademark", "CNIPA 商标注册簿 / 中国商标网", ("申请/注册号", "国际分类"),
          ("申请/注册号", "国际分类", "商标类型", "商标申请日期", "初审公告日期", "注册公告日期", "专用权期限", "商标状态",
           "国际注册日期", "后期指定日期", "优先权日期", "是否共有商标", "申请人名称(中文)", "申请人地址(中文)",
           "申请人名称(英文)", "共有申请人", "代理/办理机构"), _CNIPA),
    _Spec("trademark", "qcc_trademark", "企查查-style 商标列表", ("注册号", "商标图片"),
          ("序号", "商标图片", "商标名称", "注册号", "国际分类", "商标状态", "申请日期", "注册公告日期", "专用权期限",
           "申请人", "申请人地址", "代理机构"), _AUTHORED),
    _Spec("trademark", "tyc_trademark", "天眼查-style 商标信息", ("注册号", "专用期限", "注册人"),
          ("序号", "商标", "商标名称", "注册号", "类别", "状态", "申请日期", "注册公告日期", "专用期限", "注册人",
           "注册人地址"), _AUTHORED),
    _Spec("trademark", "biaoku_trademark", "标库-style 商标数据", ("注册号", "到期日期"),
          ("商标名称", "注册号", "类别", "商标种类", "申请日期", "注册日期", "到期日期", "商标状态", "是否地理标志",
           "是否马德里", "申请人", "申请人国籍", "申请人地址"), _AUTHORED),
    _Spec("pledge", "cnipa_pledge", "CNIPA 专利权/商标专用权质押登记", ("质押登记号", "出质人", "质权人"),
          ("质押登记号", "出质人", "出质人地址", "质权人", "质押登记日", "担保债权数额", "专利号", "商标注册号", "注销日"),
          _CNIPA, collapse=True),
    _Spec("pledge", "pledge_by_patent", "质押专利清单 (one row per pledged patent, the contract's amount repeated)",
          ("登记号", "专利号", "出质人"),
          ("登记号", "专利号", "发明名称", "出质人", "质权人", "登记日", "担保金额(万元)", "注销日期"), _AUTHORED,
          collapse=True),
    _Spec("licence", "cnipa_patent_licence", "CNIPA 专利实施许可合同备案", ("合同备案号", "让与人", "受让人"),
          ("合同备案号", "专利号", "发明名称", "让与人", "受让人", "许可种类", "备案日期"), _CNIPA,
          {"record_type": "licence"}, collapse=True),
    _Spec("licence", "cnipa_trademark_licence", "CNIPA 商标使用许可备案", ("备案号", "许可人", "被许可人"),
          ("备案号", "商标注册号", "许可人", "许可人地址", "被许可人", "被许可人地址", "许可类型", "许可期限", "备案日期"),
          _CNIPA, {"record_type": "licence", "right_kind": "trademark"}, collapse=True),
    _Spec("licence", "cnipa_patent_transfer", "CNIPA 专利权转移登记 (著录项目变更)", ("变更前权利人", "变更后权利人"),
          ("专利号", "发明名称", "变更事项", "变更前权利人", "变更前地址", "变更后权利人", "变更后地址", "变更生效日"),
          _CNIPA, {"record_type": "transfer"}, collapse=True),
    _Spec("licence", "cnipa_trademark_transfer", "CNIPA 商标转让", ("商标注册号", "转让人", "受让人"),
          ("商标注册号", "转让人", "转让人地址", "受让人", "受让人地址", "核准转让日期"), _CNIPA,
          {"record_type": "transfer", "right_kind": "trademark"}, collapse=True),
    _Spec("copyright", "ccpc_software", "中国版权保护中心 计算机软件著作权登记公告", ("登记号", "软件全称"),
          ("登记号", "分类号", "软件全称", "软件简称", "版本号", "著作权人", "首次发表日期", "登记日期"),
          "the announcement's columns as published by CCPC; the file is authored", {"work_type": "software"}),
    _Spec("copyright", "ccpc_work", "中国版权保护中心 作品登记公告", ("登记号", "作品名称"),
          ("登记号", "作品名称", "作品类别", "著作权人", "创作完成日期", "首次发表日期", "登记日期"),
          "the announcement's columns as published by CCPC; the file is authored", {"work_type": "work"}),
    _Spec("copyright", "copyright_list", "著作权登记清单 (works and software together; 登记类型 tells them apart)",
          ("登记类型", "登记号"), ("登记类型", "登记号", "名称", "作品类别", "著作权人", "登记日期"), _AUTHORED),
)


def mapper_of(spec: _Spec) -> Callable[[Sequence[object], Iterable[tuple[int, Sequence[object]]]], Mapped]:
    def mapper(header: Sequence[object], rows: Iterable[tuple[int, Sequence[object]]]) -> Mapped:
        choice = choose_columns(spec.kind, header, spec.name, spec.constants, spec.collapse)
        return map_rows(choice, rows)

    mapper.__name__ = f"map_{spec.name}"
    return mapper


def table_mapper_of(spec: _Spec) -> Callable[[Sequence[object], pa.Table], tuple[pa.Table, Counter]]:
    caches: dict[str, dict[Any, Any]] = {}  # parsed cells, kept across the batches of one file
    seen: list[int] = [0]

    def table_mapper(header: Sequence[object], table: pa.Table) -> tuple[pa.Table, Counter]:
        if seen[0] != id(header):  # a new file (the importer passes one header list per file)
            caches.clear()
            seen[0] = id(header)
        choice = choose_columns(spec.kind, header, spec.name, spec.constants)
        return TABLE_MAPPERS[spec.kind](choice, table, caches)

    table_mapper.__name__ = f"map_{spec.name}_table"
    return table_mapper


FORMATS: dict[tuple[str, str], RecordFormat] = {}
for _spec in SPECS:
    FORMATS[(_spec.kind, _spec.name)] = register(RecordFormat(
        name=_spec.name, kind=_spec.kind, label=_spec.label, headers=FIELD_ALIASES[_spec.kind],
        constants=dict(_spec.constants), detect=_spec.detect, source=_spec.source, mapper=mapper_of(_spec),
        table_mapper=table_mapper_of(_spec) if _spec.kind in TABLE_MAPPERS else None))

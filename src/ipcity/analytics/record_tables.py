"""Column-wise mapping in Arrow of the big registers (trademarks, copyright): each distinct cell
parsed once (and remembered across the batches of a file), spread over the rows with ``take``;
the rules that combine fields (the term range, renewals, the lapse rule, the work type from the
number) run as Arrow compute over whole columns.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from ipcity.analytics import cell_values as cv
from ipcity.analytics import record_values as rv
from ipcity.analytics.record_columns import EMPTY, BadCell, ColumnChoice, parse_cell, party_names

# -------------------------------------------------------------- trademarks, column-wise in Arrow

_DAY = pa.scalar(1, pa.int32())


def cell_text(value: object) -> str | None:
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
            columns[i].append(cell_text(row[i]) if i < len(row) else None)
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
            parsed = [parse_cell(choice, index, cell, parse) for cell in dictionary]
        else:  # the batches of one file repeat their words, dates and names
            if len(cache) > _CACHE_SIZE:
                cache.clear()
            column_name = choice.headers[index]
            parsed = []
            for cell in dictionary:
                key = (column_name, cell)
                value = cache.get(key, cache)
                if value is cache:
                    value = cache[key] = parse_cell(choice, index, cell, parse)
                parsed.append(value)
        parts: list[list[Any]] = [[] for _ in types]
        bad: list[str | None] = []
        for value in parsed:
            good = value if value is not EMPTY and not isinstance(value, BadCell) else None
            bad.append(value.reason if isinstance(value, BadCell) else None)
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
        "term_start": (cv.parse_date, (pa.date32(),)),
        "expiry_date": (cv.parse_date, (pa.date32(),)), "lapse_date": (cv.parse_date, (pa.date32(),)),
        "status": (rv.parse_trademark_status, (pa.string(), pa.bool_())), "holders": (party_names, (pa.string(),)),
        "co_holders": (party_names, (pa.string(),)), "first_holder_country": (cv.country_code, (pa.string(),)),
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
    term_start = pc.coalesce(term_start, c["term_start"][0])  # the start in a column of its own
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
        "owners": (party_names, (pa.string(),)), "first_owner_country": (cv.country_code, (pa.string(),)),
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

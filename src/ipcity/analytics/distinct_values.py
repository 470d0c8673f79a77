"""Parse each distinct value of a column once: the mapping tables of an import.

An export repeats itself: a million patents carry a few thousand distinct dates, a dozen
status words, a handful of kinds and offices. ``DistinctMap`` parses every distinct value once
per import (a mapping table filled as new words appear) and spreads the result back over the
rows; values that never repeat (publication numbers) go through ``map_each`` with a fast path
for values already in canonical form. Parse errors are kept per row (``Parsed.errors``) so that
an importer can reject a row with its line and the reason of the first check it fails
(``first_errors``), exactly as a row-by-row mapper would.

Kept apart from the shapes of a batch (``columnar``: rows → columns, Arrow) because this is how a
column is *parsed*, whatever shape it came in.

    dates = distinct_values.DistinctMap(cell_values.parse_date)     # one per import: a mapping table
    app = dates(cols[3])                       # app.values[i]; app.errors {row: reason}
    pub = distinct_values.map_each(cols[0], parse_number, fast=CANONICAL)  # values that never repeat
    failed = distinct_values.first_errors([pub.errors, app.errors])  # {row: (check number, reason)}
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ipcity.analytics.columnar import Merged

DEFAULT_CACHE_SIZE = 50_000  # distinct values remembered per column; beyond, the table starts afresh
# (50,000: a 200,000-row import stays under its 500 MB bound with 16 such tables; the values that
# repeat, words, dates, applicants, mostly recur within that many)

class _Failed:
    """A value that does not parse, remembered with its reason like any other result."""

    __slots__ = ("reason",)

    def __init__(self, reason: str) -> None:
        self.reason = reason


@dataclass
class Parsed:
    """One parsed column: ``values[i]`` for row ``i`` (None where it failed), ``errors[i]`` its reason."""

    values: list[Any]
    errors: dict[int, str] = field(default_factory=dict)


def _key_types_plain(values: Sequence[Any]) -> bool:
    """True when the values can be dict keys as they are (text and empty cells).

    Mixed cells from a spreadsheet are keyed with their type: ``True == 1 == 1.0`` as keys,
    but a date parser reads the number 1 and the boolean differently.
    """
    types = set(map(type, values))
    if types == {tuple}:  # several cells parsed together: plain if each of them is
        types = set(map(type, chain.from_iterable(values)))
    return types <= _PLAIN_TYPES


_PLAIN_TYPES = {str, type(None)}


def _typed(value: Any) -> Any:
    if type(value) is str or value is None:
        return value
    if type(value) is tuple:  # several cells parsed together
        return (tuple, tuple(_typed(v) for v in value))
    return (type(value), value)


class DistinctMap:
    """``parse`` applied to each distinct value once, remembered across batches (a mapping table).

    ``parse`` raises ``ValueError`` for a value it cannot read: that value's rows get the
    error's text in ``Parsed.errors`` and None in ``Parsed.values``. The table holds at most
    ``max_size`` values; when full it is emptied (memory stays bounded on a column whose
    values never repeat, which then costs one parse per row, like a row-wise mapper).
    """

    def __init__(self, parse: Callable[[Any], Any], max_size: int = DEFAULT_CACHE_SIZE) -> None:
        self.parse = parse
        self.max_size = max_size
        self._table: dict[Any, Any] = {}

    def __call__(self, values: Sequence[Any] | Merged) -> Parsed:
        """Parse ``values``. A field's column read into Arrow (``Merged.arrow``) is parsed through
        its dictionary: the distinct values are found in Arrow, and no cell becomes a Python object."""
        if isinstance(values, Merged):
            if values.arrow is not None and values.arrow.null_count == 0:
                return self._of_arrow(values.arrow)
            values = values.values
        plain = _key_types_plain(values)
        keys: Sequence[Any] = values if plain else [_typed(v) for v in values]
        table = self._table
        distinct = dict.fromkeys(keys)
        new = [k for k in distinct if k not in table]
        if len(table) + len(new) > self.max_size:
            table.clear()
            new = list(distinct)
        originals = None if plain or not new else dict(zip(keys, values, strict=True))
        for key in new:
            value = key if originals is None else originals[key]
            try:
                table[key] = self.parse(value)
            except ValueError as exc:
                table[key] = _Failed(str(exc))
        out = [table[k] for k in keys]
        if not any(type(table[k]) is _Failed for k in distinct):
            return Parsed(out)
        errors: dict[int, str] = {}
        for i, result in enumerate(out):
            if type(result) is _Failed:
                errors[i] = result.reason
                out[i] = None
        return Parsed(out, errors)


    def of_columns(self, columns: Sequence[Merged], rows: int) -> Parsed:
        """``parse`` of each row's tuple of cells from several columns (absent ones: None). Read
        into Arrow, the distinct tuples are found from each column's dictionary indices."""
        present = [c for c in columns if c.best is not None]
        if not all(c.arrow is not None and c.arrow.null_count == 0 for c in present):
            return self(list(zip(*(c.values for c in columns), strict=True)))
        codes = np.zeros(rows, dtype=np.int64)
        dictionaries = []
        for column in present:
            assert column.arrow is not None
            encoded = column.arrow.dictionary_encode()
            dictionary = encoded.dictionary.to_pylist()
            codes = codes * max(len(dictionary), 1) + encoded.indices.to_numpy(zero_copy_only=False)
            dictionaries.append(dictionary)
        distinct, indices = np.unique(codes, return_inverse=True)
        keys = []
        for code in distinct.tolist():
            parts = []
            for dictionary in reversed(dictionaries):
                code, position = divmod(code, max(len(dictionary), 1))
                parts.append(dictionary[position] if dictionary else None)
            found = iter(reversed(parts))
            keys.append(tuple(next(found) if c.best is not None else None for c in columns))
        return self._spread(keys, indices.reshape(-1))

    def _of_arrow(self, array: pa.Array) -> Parsed:
        encoded = array.dictionary_encode()
        return self._spread(encoded.dictionary.to_pylist(), encoded.indices.to_numpy(zero_copy_only=False))

    def _spread(self, keys: list[Any], indices: Any) -> Parsed:
        """Each distinct key parsed (once per import), spread over the rows by ``indices``."""
        table = self._table
        new = [k for k in keys if k not in table]
        if len(table) + len(new) > self.max_size:
            table.clear()
            new = keys
        for key in new:
            try:
                table[key] = self.parse(key)
            except ValueError as exc:
                table[key] = _Failed(str(exc))
        results = np.empty(len(keys), dtype=object)
        failed = []
        for position, key in enumerate(keys):
            results[position] = value = table[key]
            if type(value) is _Failed:
                failed.append(position)
        out = results[indices].tolist()
        if not failed:
            return Parsed(out)
        errors: dict[int, str] = {}
        for i in np.flatnonzero(np.isin(indices, failed)).tolist():
            errors[i] = out[i].reason
            out[i] = None
        return Parsed(out, errors)


def map_each(values: Iterable[Any] | Merged, parse: Callable[[Any], Any], fast: re.Pattern[str] | None = None) -> Parsed:
    """``parse`` on every value, for columns whose values do not repeat (no table kept).

    ``fast``: a pattern that a text value already in canonical form matches in full; such
    values are taken as they are (the caller guarantees ``parse`` would return them unchanged).
    """
    if isinstance(values, Merged) and values.arrow is not None and fast is not None and values.arrow.null_count == 0:
        return _map_each_arrow(values.arrow, parse, fast)
    if isinstance(values, Merged):
        values = values.values
    out: list[Any] = []
    errors: dict[int, str] = {}
    match = fast.fullmatch if fast is not None else None
    for i, value in enumerate(values):
        if match is not None and type(value) is str and match(value):
            out.append(value)
            continue
        try:
            out.append(parse(value))
        except ValueError as exc:
            errors[i] = str(exc)
            out.append(None)
    return Parsed(out, errors)


def _map_each_arrow(array: pa.Array, parse: Callable[[Any], Any], fast: re.Pattern[str]) -> Parsed:
    """``map_each`` on an Arrow column: the canonical values are recognised in Arrow (RE2),
    and only the others are parsed in Python."""
    values = array.to_pylist()
    try:
        canonical = pc.match_substring_regex(array, f"^(?:{fast.pattern})$")
    except pa.ArrowInvalid:  # a pattern RE2 cannot run (look-ahead): Python's regex, value by value
        return map_each(values, parse, fast)
    if pc.all(canonical).as_py():
        return Parsed(values)
    errors: dict[int, str] = {}
    for i in pc.indices_nonzero(pc.invert(canonical)).to_pylist():
        try:
            values[i] = parse(values[i])
        except ValueError as exc:
            errors[i] = str(exc)
            values[i] = None
    return Parsed(values, errors)


def first_errors(checks: Sequence[dict[int, str]]) -> dict[int, tuple[int, str]]:
    """Row → (index of the first check it fails, that check's reason), checks in the given order."""
    found: dict[int, tuple[int, str]] = {}
    for position, errors in enumerate(checks):
        for row, reason in errors.items():
            if row not in found:
                found[row] = (position, reason)
    return found


def passing(rows: int, failed: dict[int, tuple[int, str]], before: int) -> list[bool]:
    """Per row: True unless it failed a check earlier than check number ``before``."""
    ok = [True] * rows
    for row, (position, _reason) in failed.items():
        if position < before:
            ok[row] = False
    return ok

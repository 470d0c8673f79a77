"""Columnar building blocks for importers: a batch of export rows → columns → Arrow.

An export repeats itself: a million patents carry a few thousand distinct dates, a dozen
status words, a handful of kinds and offices, and addresses that differ only after the
street. So an importer turns a batch of rows into columns once and parses each column
*by distinct value*: every value is parsed once per import (``DistinctMap``, a mapping table
filled as new words appear), the result spread back over the rows with one dict lookup each.
Values that never repeat (publication numbers) go through ``map_each`` with a fast path for
values already in canonical form. Parse errors are kept per row (``Parsed.errors``) so that an
importer can reject a row with its line and the reason of the first check it fails
(``first_errors``), exactly as a row-by-row mapper would.

Used by the patent importer (``rowmap``) and the other record kinds' importers.

    rows = [cells for line, cells in batch if not columnar.is_blank(cells)]
    cols = columnar.transpose(columnar.pad(rows, width), width)    # one list per column
    dates = columnar.DistinctMap(cell_values.parse_date)           # one per import: a mapping table
    app = dates(cols[3])                       # app.values[i]; app.errors {row: reason}
    pub = columnar.map_each(cols[0], parse_number, fast=CANONICAL)  # values that never repeat
    failed = columnar.first_errors([pub.errors, app.errors])        # {row: (check number, reason)}
    keep = [i not in failed for i in range(len(rows))]
    title = columnar.clean_texts(cols[5], cell_values.clean)        # kept as written, in Arrow
    table = columnar.to_table({"app_date": app.values, "title": title, ...}, schema, keep)
    regions = addresses.PrefixRegions()(texts)                     # cpca once per address prefix
"""

from __future__ import annotations

import queue
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import chain, compress
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

DEFAULT_CACHE_SIZE = 50_000  # distinct values remembered per column; beyond, the table starts afresh
# (50,000: a 200,000-row import stays under its 500 MB bound with 16 such tables; the values that
# repeat, words, dates, applicants, mostly recur within that many)

_NO_ARG = object()


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


# ---------------------------------------------------------------- rows → columns


@dataclass
class ColumnBatch:
    """Rows read straight into Arrow text columns (``readers.csv_column_batches``): ``lines[i]``
    is the physical line row ``i`` starts on. Importers take it where they take a list of rows."""

    lines: Any  # numpy int64 array
    arrays: list[pa.Array]

    def __len__(self) -> int:
        return len(self.lines)

    def without_blank_rows(self) -> ColumnBatch:
        """The batch minus its rows with no cell that has text (``is_blank``: not rows at all)."""
        blank = None
        for array in self.arrays:
            empty = pc.fill_null(pc.match_substring_regex(array, _BLANK_TEXT), True)
            blank = empty if blank is None else pc.and_(blank, empty)
            if not pc.any(blank).as_py():
                return self
        if blank is None:
            return self
        keep = pc.invert(blank)
        return ColumnBatch(self.lines[keep.to_numpy(zero_copy_only=False)], [a.filter(keep) for a in self.arrays])


    def without_summary_rows(self) -> tuple[ColumnBatch, int]:
        """The batch minus its summary lines (``is_summary_row``), and how many there were. Only
        the first column is searched in Arrow (a closing line starts at the left; a record's row
        starts with its number or name), and only the rows found there are looked at whole."""
        if not self.arrays or not len(self.lines):
            return self, 0
        found = pc.fill_null(pc.match_substring_regex(self.arrays[0], _SUMMARY), False)
        if not pc.any(found).as_py():
            return self, 0
        summary = [i for i in pc.indices_nonzero(found).to_pylist()
                   if is_summary_row([array[i].as_py() for array in self.arrays])]
        if not summary:
            return self, 0
        keep = np.ones(len(self.lines), dtype=bool)
        keep[summary] = False
        mask = pa.array(keep)
        return ColumnBatch(self.lines[keep], [a.filter(mask) for a in self.arrays]), len(summary)


class ArrowColumns(Sequence[list[Any]]):
    """A batch's columns as Python lists, each converted from Arrow only when a field reads it;
    ``arrow(i)`` gives the column as it came (text kept as written never becomes Python objects)."""

    def __init__(self, arrays: list[pa.Array]) -> None:
        self._arrays = arrays
        self._lists: dict[int, list[Any]] = {}

    def __len__(self) -> int:
        return len(self._arrays)

    def __getitem__(self, index):  # type: ignore[no-untyped-def, override]
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        found = self._lists.get(index)
        if found is None:
            found = self._lists[index] = self._arrays[index].to_pylist()
        return found

    def arrow(self, index: int) -> pa.Array:
        return self._arrays[index]


def is_blank(cells: Sequence[Any]) -> bool:
    """A row with no cell that has text (a blank line or ``,,,``): not a row at all."""
    try:
        return not "".join(cells).strip()  # type: ignore[arg-type]
    except TypeError:  # spreadsheet cells: numbers, dates, None
        return not any(c is not None and str(c).strip() for c in cells)


# A table's closing line, which many exports add under the data: 合计 / 总计 / 共计 / 小计, or
# 共 N 条 (件, 项…). It is no record, and refusing it would report a bad row in every clean export.
# A row is one when its first cell with text starts so and it has at most three cells with text
# (the word, a count, a sum): a record has more, and starts with its number or its name.
_SUMMARY = r"^\s*(?:合\s*计|总\s*计|共\s*计|小\s*计|共\s*[0-9０-９,，]+\s*(?:条|件|项|个|笔|行|家|部))"
_SUMMARY_RE = re.compile(_SUMMARY)
_SUMMARY_STARTS = ("合", "总", "共", "小")
_SUMMARY_CELLS = 3
SUMMARY_NOTE = "summary lines skipped (合计, 共 N 条)"


def is_summary_row(cells: Sequence[Any]) -> bool:
    """Whether a row is a table's closing line (``合计：5 条``, ``共 4 件``, ``总计 | 3 | 1200000``)."""
    first: str | None = None
    texts = 0
    for cell in cells:
        if cell is None:
            continue
        text = (cell if type(cell) is str else str(cell)).strip()
        if not text:
            continue
        if first is None:
            if not text.startswith(_SUMMARY_STARTS):
                return False  # the common case: one cell looked at
            first = text
        texts += 1
        if texts > _SUMMARY_CELLS:
            return False
    return first is not None and _SUMMARY_RE.match(first) is not None


def pad(rows: Sequence[list[Any]], width: int) -> list[list[Any]]:
    """Every row cut or padded with None to ``width`` cells (a short row's missing cells are empty)."""
    if all(len(r) == width for r in rows):
        return list(rows)
    return [r if len(r) == width else (r + [None] * (width - len(r)))[:width] for r in rows]


def transpose(rows: Sequence[Sequence[Any]], width: int) -> list[list[Any]]:
    """Rows of equal ``width`` → one list per column."""
    if not rows:
        return [[] for _ in range(width)]
    return [list(column) for column in zip(*rows, strict=True)]


class Merged:
    """A field's column: its best column's value, else the first fallback column with one.

    ``fallback_source[i]`` is the column a row's value came from, kept only for rows that used
    a fallback, so that an error can name the header the bad value was in. ``arrow``: the same
    values as an Arrow array when the batch was read into Arrow (``values`` is then made from
    it only when asked for).
    """

    def __init__(self, values: list[Any] | None, best: int | None, fallback_source: dict[int, int] | None = None,
                 arrow: pa.Array | None = None) -> None:
        self._values = values
        self.best = best
        self.fallback_source = fallback_source or {}
        self.arrow = arrow

    @property
    def values(self) -> list[Any]:
        if self._values is None:
            self._values = self.arrow.to_pylist() if self.arrow is not None else []
        return self._values

    def column_of(self, row: int) -> int | None:
        return self.fallback_source.get(row, self.best)


def merged(columns: Sequence[list[Any]], best: int | None, fallbacks: Sequence[int], rows: int) -> Merged:
    """The values of a field with a best column and fallback columns (read when the best is empty)."""
    if best is None:
        return Merged([None] * rows, None)
    if isinstance(columns, ArrowColumns):
        return _merged_arrow(columns, best, fallbacks)
    values = columns[best]
    if not fallbacks:
        return Merged(values, best)
    values = list(values)
    source: dict[int, int] = {}
    for i, value in enumerate(values):
        if value is None or value == "":
            for other in fallbacks:
                candidate = columns[other][i]
                if candidate is not None and candidate != "":
                    values[i] = candidate
                    source[i] = other
                    break
    return Merged(values, best, source)


def _merged_arrow(columns: ArrowColumns, best: int, fallbacks: Sequence[int]) -> Merged:
    """``merged`` in Arrow: an empty cell takes the first fallback column's non-empty one."""
    array = columns.arrow(best)
    source: dict[int, int] = {}
    for other in fallbacks:
        empty = pc.fill_null(pc.equal(array, ""), True)
        if not pc.any(empty).as_py():
            break
        candidate = columns.arrow(other)
        take = pc.and_(empty, pc.fill_null(pc.not_equal(candidate, ""), False))
        if pc.any(take).as_py():
            array = pc.if_else(take, candidate, array)
            source.update(dict.fromkeys(pc.indices_nonzero(take).to_pylist(), other))
    return Merged(None, best, source, arrow=array)


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


def to_table(columns: dict[str, Any], schema: pa.Schema, keep: Sequence[bool] | None = None) -> pa.Table:
    """Columns (one Python list each, in any order) → an Arrow table of ``schema``, rows where ``keep``."""
    arrays = []
    mask = None if keep is None or all(keep) else pa.array(keep, type=pa.bool_())
    for spec in schema:
        values = columns[spec.name]
        if isinstance(values, pa.Array):
            array = values if values.type == spec.type else values.cast(spec.type)
            arrays.append(array if mask is None else array.filter(mask))
            continue
        if mask is not None:
            values = list(compress(values, keep))  # type: ignore[arg-type]
        arrays.append(pa.array(values, type=spec.type))
    return pa.Table.from_arrays(arrays, schema=schema)


class StagingWriter:
    """An import's staging Parquet file, each table written on a thread while the next batch is
    mapped (Arrow's writer releases the GIL, so the import uses the machine's second core). At
    most one table waits, so memory stays bounded. The file is read back once, soon: LZ4 and no
    dictionaries, cheap to write and to read. ``with StagingWriter(path, schema) as w: w.write_table(t)``."""

    def __init__(self, path: Any, schema: pa.Schema) -> None:
        import pyarrow.parquet as pq

        self._writer = pq.ParquetWriter(path, schema, compression="lz4", use_dictionary=False)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ipcity-staging")
        self._pending: Future[None] | None = None

    def write_table(self, table: pa.Table) -> None:
        self._wait()
        self._pending = self._pool.submit(self._writer.write_table, table)

    def _wait(self) -> None:
        if self._pending is not None:
            pending, self._pending = self._pending, None
            pending.result()  # a failed write fails the import here

    def __enter__(self) -> StagingWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self._wait()
        finally:
            self._pool.shutdown(wait=True)
            self._writer.close()


def prefetched(items: Iterator[Any], depth: int = 2) -> Iterator[Any]:
    """``items``, made on a thread up to ``depth`` ahead of the consumer: reading and filtering
    the staged Parquet (Arrow, GIL released) overlaps the writing of the dataset. An error in
    the producer is raised in the consumer."""
    done = object()
    ready: queue.Queue[Any] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def produce() -> None:
        try:
            for item in items:
                while not stop.is_set():
                    try:
                        ready.put((item, None), timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            ready.put((done, None))
        except BaseException as exc:  # handed over to the consumer, raised there
            ready.put((done, exc))

    thread = threading.Thread(target=produce, name="ipcity-prefetch", daemon=True)
    thread.start()
    try:
        while True:
            item, error = ready.get()
            if item is done:
                if error is not None:
                    raise error
                return
            yield item
    finally:
        stop.set()
        while thread.is_alive():  # let a blocked producer see the stop
            try:
                ready.get_nowait()
            except queue.Empty:
                thread.join(0.05)


# ---------------------------------------------------------------- text kept as written

# Every character ``str.isspace`` (so ``str.strip``) treats as white space, for RE2.
_SPACE_CLASS = (r"\t\n\x0b\x0c\r\x1c-\x1f \x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}"
                r"\x{202f}\x{205f}\x{3000}")
_BLANK_TEXT = rf"^[{_SPACE_CLASS}]*$"
# A value that ``cell_values.clean`` returns unchanged: more than four characters (no
# placeholder word), no space at either end, no ideographic or no-break space inside.
_CLEAN_TEXT = rf"^[^{_SPACE_CLASS}][^\x{{a0}}\x{{3000}}]{{3,}}[^{_SPACE_CLASS}]$"


def clean_texts(values: Sequence[Any] | pa.Array, clean: Callable[[Any], str | None]) -> pa.Array:
    """A text column as written, through ``clean`` (trim, placeholders → null), as an Arrow array.

    For columns that are stored as they are (titles, abstracts): the values are checked in
    Arrow, and only those that ``clean`` would change go through it in Python.
    """
    if isinstance(values, pa.Array):  # read straight into Arrow
        array = values
    else:
        try:
            array = pa.array(values, type=pa.string())
        except (pa.ArrowInvalid, pa.ArrowTypeError):  # spreadsheet numbers or dates in a text column
            return pa.array([clean(v) for v in values], type=pa.string())
    ok = pc.match_substring_regex(array, _CLEAN_TEXT)
    if ok.null_count == 0 and pc.all(ok).as_py():
        return array
    todo = pc.invert(pc.fill_null(ok, False))
    fix = array.filter(todo).dictionary_encode()  # short values (a title like 一种方法) repeat: each cleaned once
    cleaned = pa.array([clean(v) for v in fix.dictionary.to_pylist()], type=pa.string())
    return pc.replace_with_mask(array, todo, cleaned.take(fix.indices))



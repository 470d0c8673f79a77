"""Columnar building blocks for importers: a batch of export rows → columns → Arrow.

The shapes a batch takes on its way: rows read straight into Arrow (``ColumnBatch``) or as Python
lists (``pad``, ``transpose``), blank and summary (合计, 共 N 条) rows dropped, a field merged
from its best column and its fallbacks (``merged``), text kept as written cleaned in Arrow
(``clean_texts``), and the records' columns → an Arrow table (``to_table``). How a column is
parsed, once per distinct value, is in ``distinct_values``; the threads that overlap reading,
mapping and writing are in ``import_threads``.

Used by the patent importer (``rowmap``) and the other record kinds' importers.

    rows = [cells for line, cells in batch if not columnar.is_blank(cells)]
    cols = columnar.transpose(columnar.pad(rows, width), width)    # one list per column
    app = distinct_values.DistinctMap(cell_values.parse_date)(cols[3])  # app.values, app.errors
    failed = distinct_values.first_errors([app.errors])            # {row: (check number, reason)}
    keep = [i not in failed for i in range(len(rows))]
    title = columnar.clean_texts(cols[5], cell_values.clean)        # kept as written, in Arrow
    table = columnar.to_table({"app_date": app.values, "title": title, ...}, schema, keep)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import compress
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

# ---------------------------------------------------------------- rows → columns


@dataclass
class ColumnBatch:
    """Rows read straight into Arrow text columns (``csv_reading.csv_column_batches``): ``lines[i]``
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



"""Reading a record export (record_import's step 1): the header row, the rows as Arrow text
columns with their physical lines (CSV by Arrow's reader, XLSX through openpyxl), and the staging
of the formats that map their own rows (``RecordFormat.table_mapper`` column-wise,
``RecordFormat.mapper`` row-wise) into the typed Parquet file the later steps read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from ipcity.analytics import (
    columnar,
    csv_reading,
    file_rows,
    header_rows,
    import_threads,
    readers,
    record_kinds,
    record_registry,
)
from ipcity.analytics.formats import normalise_header
from ipcity.analytics.import_report import MAX_REJECTS_KEPT, ImportReport
from ipcity.analytics.readers import InputError
from ipcity.analytics.record_registry import RecordFormat
from ipcity.analytics.record_tables import cell_text
from ipcity.analytics.record_typing import typed_sql


def find_header(source: readers.Source, kind: str) -> tuple[int, list[object]]:
    """The row among the first ones with the most known headers of the kind (≥ 2), else the
    first non-empty row."""
    head: list[tuple[int, list[object]]] = []
    for item in file_rows.iter_rows(source):
        head.append(item)
        if len(head) >= readers.HEADER_SEARCH_ROWS:
            break
    if not head:
        raise InputError(f"{source.path}: the file has no rows")
    # (a two-row header is read as one: header_rows.pick_header)
    best, header = header_rows.pick_header(head, [record_registry.header_score(cells, kind) for _, cells in head])
    return head[best][0], [("" if h is None else str(h)) for h in header]


def _csv_batches(source: readers.Source, header_line: int, header: list[object], mapping: dict[str, int],
                 report: ImportReport) -> Iterator[pa.Table]:
    width = len(header)
    names = [f"c{i}" for i in range(width)]

    def on_invalid(row: Any) -> str:
        # A row of another width than the header. Arrow cannot say on which line it was (cells
        # may span lines), and dropping it put every later row a line too high: the row reader
        # reads on instead, from the first row not yet handed on (below).
        return "error"

    encoding = source.encoding or "utf-8"
    read_options = pacsv.ReadOptions(column_names=names, skip_rows=header_line, block_size=_CSV_BLOCK_BYTES,
                                     encoding="utf8" if encoding in ("utf-8", "utf-8-sig") else encoding)
    parse_options = pacsv.ParseOptions(delimiter=source.delimiter or ",", newlines_in_values=True,
                                       ignore_empty_lines=False,  # a blank line is a line: the count stays right
                                       invalid_row_handler=on_invalid)
    convert_options = pacsv.ConvertOptions(column_types={n: pa.string() for n in names}, strings_can_be_null=False)
    handed_on = [header_line]  # the last line of the rows handed on
    try:
        reader = pacsv.open_csv(source.path, read_options=read_options, parse_options=parse_options,
                                convert_options=convert_options)
        yield from _csv_tables(reader, header_line, mapping, report, handed_on)
        return
    except pa.ArrowInvalid as exc:
        if "straddl" in str(exc):  # Arrow's words for a row longer than its block
            raise InputError(f"a row is longer than {_CSV_BLOCK_BYTES >> 20} MB: no export of records has "
                             "cells that long (is it the right file?)") from None
    # A row of another width, or bytes not in the encoding: the row reader knows every row's line
    # (and names the line of bad bytes); it reads on after the rows already handed on.
    yield from _row_batches(source, handed_on[0], mapping, _ROW_BATCH, report, width=width)


def _csv_tables(reader: Any, header_line: int, mapping: dict[str, int], report: ImportReport,
                handed_on: list[int]) -> Iterator[pa.Table]:
    """Arrow's CSV blocks as tables of the mapped columns, each row with its line in the file;
    ``handed_on[0]``: the last line of the rows yielded so far."""
    next_line = header_line + 1
    # Arrow parses the next blocks on a thread (GIL released) while this one is mapped.
    for table in import_threads.prefetched(_joined(reader)):
        # A cell with line breaks moves every later row down: count them per row, in bulk (only
        # in the columns whose text has one at all: a byte search of the column's buffer).
        breaks = None
        for column in table.columns:
            if not any(_has_newline(chunk) for chunk in column.chunks):
                continue
            counted = pc.count_substring(column, "\n")
            breaks = counted if breaks is None else pc.add(breaks, counted)
        steps = pc.add(breaks, 1) if breaks is not None else pa.array([1] * table.num_rows, pa.int32())
        ends = pc.cumulative_sum(pc.cast(steps, pa.int64()))
        starts = pc.add(pc.subtract(ends, steps), next_line)
        next_line += int(ends[-1].as_py()) if table.num_rows else 0
        arrays = {f: csv_reading.formula_texts(table.column(mapping[f])) for f in mapping}  # ="0123" → 0123
        out = pa.table({**arrays, "_line": pc.cast(starts, pa.int64())})
        # Rows with no text in any mapped cell are not rows (a blank line, ",,,"). Such a row has
        # an empty first column: only when some row does are the other columns looked at.
        columns = sorted(set(mapping.values()))
        if columns:
            blank = pc.equal(pc.binary_length(table.column(columns[0])), 0)
            if pc.any(blank).as_py():
                for i in columns[1:]:
                    blank = pc.and_(blank, pc.equal(pc.binary_length(table.column(i)), 0))
                if pc.any(blank).as_py():
                    out = out.filter(pc.invert(blank))
        # A closing 合计 / 共 N 条 line (columnar.is_summary_row). When the file's first column is
        # not mapped, such a line's text is in none of the mapped cells and it went as blank above.
        first = next((f for f, i in mapping.items() if i == 0), None)
        if first is not None and out.num_rows:
            fields = [first, *(f for f in mapping if f != first)]
            kept, summaries = columnar.ColumnBatch(
                out.column("_line").to_numpy(), [out.column(f).combine_chunks() for f in fields]).without_summary_rows()
            if summaries:
                report.notes[columnar.SUMMARY_NOTE] += summaries
                out = out.filter(pc.is_in(out.column("_line"), value_set=pa.array(kept.lines)))
        handed_on[0] = next_line - 1
        yield out


# Small blocks, joined into tables of about 16 MB: Arrow's streaming reader keeps dozens of
# blocks in flight, about 50 times the block size in RSS (16 MB blocks: ~800 MB; 1 MB: ~120 MB).
_CSV_BLOCK_BYTES = 1 << 20
_TABLE_BYTES = 16 << 20


def _joined(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.Table]:
    """Consecutive record batches as tables of about ``_TABLE_BYTES`` (one chunk per column)."""
    held: list[pa.RecordBatch] = []
    size = 0
    for batch in batches:
        held.append(batch)
        size += batch.nbytes
        if size >= _TABLE_BYTES:
            yield pa.Table.from_batches(held).combine_chunks()
            held, size = [], 0
    if held:
        yield pa.Table.from_batches(held).combine_chunks()


def _has_newline(chunk: pa.Array) -> bool:
    """Whether a string array's text holds a line break (a byte search of its data buffer)."""
    import numpy as np

    data = chunk.buffers()[2]
    return data is not None and bool((np.frombuffer(data, dtype=np.uint8) == 10).any())


_ROW_BATCH = 50_000


def _row_batches(source: readers.Source, header_line: int, mapping: dict[str, int],
                 batch_rows: int, report: ImportReport, width: int | None = None) -> Iterator[pa.Table]:
    """The rows after ``header_line`` read row by row (XLSX, XLS, a web page's table; a CSV from
    where Arrow's reader stopped), as tables of the mapped columns with their lines. ``width``
    (a CSV): a row of another width than the header is refused, naming its line."""
    fields = list(mapping)
    columns: dict[str, list[str | None]] = {f: [] for f in fields}
    lines: list[int] = []

    def flush() -> pa.Table:
        table = pa.table({**{f: pa.array(columns[f], pa.string()) for f in fields},
                          "_line": pa.array(lines, pa.int64())})
        for values in columns.values():
            values.clear()
        lines.clear()
        return table

    for line, cells in file_rows.iter_rows(source):
        if line <= header_line or not any(c is not None and str(c).strip() for c in cells):
            continue
        if columnar.is_summary_row(cells):  # 合计, 共 N 条 under the data: no record
            report.notes[columnar.SUMMARY_NOTE] += 1
            continue
        if width is not None and len(cells) != width:
            report.reject(line, f"{len(cells)} cells where the header has {width}")
            report.rows_read += 1
            continue
        for f, i in mapping.items():
            columns[f].append(cell_text(cells[i]) if i < len(cells) else None)
        lines.append(line)
        if len(lines) >= batch_rows:
            yield flush()
    if lines:
        yield flush()


def stage_table_mapped(source: readers.Source, header_line: int, header: list[object], fmt: RecordFormat,
                        typed: Path, report: ImportReport, batch_rows: int,
                        progress: Callable[[int], None] | None) -> None:
    """A format with a column-wise mapper (``RecordFormat.table_mapper``, records-formats): the text
    columns it knows, as the CSV reader above gives them, mapped batch by batch straight into
    ``typed`` (no raw staging file)."""
    assert fmt.table_mapper is not None
    known = {alias for aliases in fmt.normalised_headers().values() for alias in aliases}
    used = {f"c{i}": i for i, h in enumerate(header) if normalise_header(h) in known}
    schema = record_kinds.canonical_schema(fmt.kind).append(pa.field("_line", pa.int64())).append(
        pa.field("_reason", pa.string()))
    batches = (_csv_batches(source, header_line, header, used, report) if source.kind == "csv"
               else _row_batches(source, header_line, used, batch_rows, report))
    with import_threads.StagingWriter(typed, schema) as writer:
        for batch in batches:
            if not batch.num_rows:
                continue
            report.rows_read += batch.num_rows
            out, notes = fmt.table_mapper(header, batch)
            report.notes.update({note: count for note, count in notes.items() if count})
            failed = out.filter(pc.is_valid(out.column("_reason")))
            for line, reason in zip(failed.column("_line").to_pylist(), failed.column("_reason").to_pylist(),
                                    strict=True):
                report.reject(int(line), str(reason))
            writer.write_table(out.cast(schema))
            if progress:
                progress(report.rows_read)
    report.rejected.sort(key=lambda r: r["line"])


def stage_mapped(source: readers.Source, header_line: int, header: list[object], fmt: RecordFormat, typed: Path,
                  report: ImportReport, batch_rows: int, progress: Callable[[int], None] | None) -> None:
    """A format that maps its rows itself (``RecordFormat.mapper``): its canonical columns, the
    rows it set aside and its notes, staged as the SQL path stages them. Trademark and copyright
    rows are fed one batch at a time; a pledge or licence format may join the rows of one
    registration (collapse), so its rows are fed in one call."""
    kind = fmt.kind
    schema = record_kinds.canonical_schema(kind).append(pa.field("_line", pa.int64())).append(
        pa.field("_reason", pa.string()))
    assert fmt.mapper is not None
    mapper = fmt.mapper
    def rows_of_file() -> Iterator[tuple[int, list[object]]]:
        for line, cells in file_rows.iter_rows(source):
            if line <= header_line:
                continue
            if columnar.is_summary_row(cells):  # 合计, 共 N 条 under the data: no record
                report.notes[columnar.SUMMARY_NOTE] += 1
                continue
            yield line, cells

    rows = rows_of_file()
    fed = 0

    def counted(batch: Sequence[tuple[int, list[object]]]) -> Iterator[tuple[int, list[object]]]:
        nonlocal fed
        for line, cells in batch:
            if any(c is not None and str(c).strip() for c in cells):
                fed += 1
            yield line, cells

    def batches() -> Iterator[list[tuple[int, list[object]]]]:
        if fmt.collapse is None and kind in ("trademark", "copyright"):
            batch: list[tuple[int, list[object]]] = []
            for item in rows:
                batch.append(item)
                if len(batch) >= batch_rows:
                    yield batch
                    batch = []
            if batch:
                yield batch
        else:
            yield list(rows)

    kept = 0
    with pq.ParquetWriter(typed, schema) as writer:
        for batch in batches():
            mapped = mapper(header, counted(batch))
            for line, reason in mapped.rejected:
                report.reject(int(line), str(reason))
            report.notes.update(mapped.notes)
            columns = {name: mapped.columns[name] for name in record_kinds.COLUMNS[kind]}
            table = pa.table({**columns, "_line": mapped.lines, "_reason": [None] * len(mapped.lines)}, schema=schema)
            if table.num_rows:
                writer.write_table(table)
            kept += table.num_rows
            report.rows_read = fed
            if progress:
                progress(fed)
    report.rows_read = fed
    report.collapsed = max(fed - report.rejected_count - kept, 0)
    report.rejected.sort(key=lambda r: r["line"])


def stage_sql(con: duckdb.DuckDBPyConnection, source: readers.Source, header_line: int, header: list[object],
               fmt: RecordFormat, mapping: dict[str, int], report: ImportReport, batch_rows: int,
               progress: Callable[[int], None] | None) -> None:
    """The declarative path: the file's mapped text columns stream from the reader straight into
    one DuckDB query (``typed_sql``) that types them into the table ``typed_rows``; the rows it
    rejects are listed with their lines. Nothing is staged on disk but what DuckDB spills."""
    fields = list(mapping)
    schema = pa.schema([(f, pa.string()) for f in fields] + [("_line", pa.int64())])
    failure: list[BaseException] = []

    def batches() -> Iterator[pa.RecordBatch]:
        try:
            parts = (_csv_batches(source, header_line, header, mapping, report) if source.kind == "csv"
                     else _row_batches(source, header_line, mapping, batch_rows, report))
            for table in parts:
                if table.num_rows:
                    report.rows_read += table.num_rows
                    if progress:
                        progress(report.rows_read)
                    yield from table.cast(schema).to_batches()
        except (InputError, pa.ArrowInvalid) as exc:  # DuckDB would hide its type: kept for the caller
            failure.append(exc)
            raise

    con.register("raw_rows", pa.RecordBatchReader.from_batches(schema, batches()))
    try:
        con.execute(f"CREATE TEMP TABLE typed_rows AS {typed_sql(fmt, mapping, header, 'raw_rows')}")
    except duckdb.Error:
        if failure:
            raise failure[0] from None
        raise
    finally:
        con.unregister("raw_rows")
    _list_rejects(con, report)


def _list_rejects(con: duckdb.DuckDBPyConnection, report: ImportReport) -> None:
    source = "typed_rows"
    count = con.execute(f"SELECT count(*) FROM {source} WHERE _reason IS NOT NULL").fetchall()[0]
    report.rejected_count += int(count[0]) if count else 0
    room = MAX_REJECTS_KEPT - len(report.rejected)
    if room > 0:
        for line, reason in con.execute(f"SELECT _line, _reason FROM {source} WHERE _reason IS NOT NULL "
                                    f"ORDER BY _line LIMIT {room}").fetchall():
            report.rejected.append({"line": int(line), "reason": reason})
    report.rejected.sort(key=lambda r: r["line"])



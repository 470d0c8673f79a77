"""Import a patent export (CSV/XLSX) into a named dataset of canonical records.

Stages: inspect the file (size, type, encoding) → find the header row → detect the format →
map rows in batches (bad rows are set aside with their line and reason) → stage the batches
in a Parquet file → find the superseded duplicates with DuckDB (three narrow columns, out of
core) → stream the staged rows minus those into ``datasets.write_dataset``, which makes the
dataset visible in one atomic step.

Duplicate rule: of several rows with one publication number, the row whose latest date
(filing, publication, grant or lapse) is latest is kept; on a tie, the row further down the
file. Memory stays flat: rows are held one batch at a time and DuckDB spills to disk.
"""

from __future__ import annotations

import gc
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ipcity.analytics import columnar, csv_reading, datasets, file_rows, header_rows, import_threads, readers
from ipcity.analytics.formats import FORMAT_NAMES, FORMATS, ColumnMap, FormatError, detect_format, map_columns
from ipcity.analytics.import_report import ImportReport
from ipcity.analytics.readers import DEFAULT_MAX_BYTES, InputError
from ipcity.analytics.rowmap import RowMapper
from ipcity.analytics.schema import CANONICAL_SCHEMA, RECORD_COLUMNS

BATCH_ROWS = 20_000
OUTPUT_BATCH_ROWS = 50_000  # rows per slice read back, filtered and written: bounds the peak (test_streaming)
STAGING_SCHEMA = CANONICAL_SCHEMA.append(pa.field("_line", pa.int64())).append(pa.field("_latest", pa.date32()))
DUPLICATE_RULE = ("duplicates by pub_number: keep the row whose latest date (app, publication, grant, lapse) "
                  "is latest; on a tie the later row in the file")


class ImportFailed(ValueError):
    """Nothing was imported (bad file, unknown format, no readable row); the old dataset stands."""


def import_file(
    path: str | Path,
    dataset: str,
    export_format: str = "auto",
    data_dir: str | Path | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    batch_rows: int = BATCH_ROWS,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Import ``path`` as dataset ``dataset`` (replacing it whole); raise ``ImportFailed`` on bad input."""
    datasets.check_name(dataset)
    if export_format not in ("auto", *FORMAT_NAMES):
        raise ImportFailed(f"unknown format {export_format!r}; use auto or one of: {', '.join(FORMAT_NAMES)}")
    try:
        source = readers.inspect(path, max_bytes)
        header_line, header, rows = header_rows.split_header(file_rows.iter_rows(source))
        name = detect_format(header) if export_format == "auto" else export_format
        cmap = map_columns(header, name)
    except (InputError, FormatError) as exc:
        raise ImportFailed(str(exc)) from None
    report = ImportReport(dataset, name, columns={f: cmap.headers[i] for f, i in cmap.fields.items()})
    staging_root = datasets.datasets_root(data_dir) / datasets.VERSIONS_DIR
    staging_root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".staging-{dataset}-", dir=staging_root))
    try:
        staged = staging / "staged.parquet"
        try:
            if not _stage_columns(source, rows, cmap, staged, report, batch_rows, progress):
                rows = header_rows.split_header(file_rows.iter_rows(source))[2]  # read afresh, row by row
                _stage(rows, cmap, staged, report, batch_rows, progress)
        except InputError as exc:
            raise ImportFailed(str(exc)) from None
        if report.rows_read - report.rejected_count == 0:
            raise ImportFailed(f"{source.path}: no row could be read ({report.rejected_count} rejected"
                               + (f"; first: line {report.rejected[0]['line']}: {report.rejected[0]['reason']}"
                                  if report.rejected else "") + ")")
        dropped = _superseded_lines(staged, staging)
        report.duplicates_dropped = len(dropped)
        batches = import_threads.prefetched(_without_lines(staged, dropped, batch_rows))
        datasets.write_dataset(dataset, _counting(batches, report), report.manifest(source, header_line, DUPLICATE_RULE),
                               data_dir=data_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return report


def _stage_columns(source: readers.Source, rows: Iterator[tuple[int, list[object]]], cmap: ColumnMap, staged: Path,
                   report: ImportReport, batch_rows: int, progress: Callable[[int], None] | None) -> bool:
    """Stage a UTF-8 CSV read by Arrow straight into columns (the fast path); False, with nothing
    staged or counted, when only the row-by-row reader can read it (``csv_reading.NotColumnar``)."""
    if not csv_reading.columnar_csv(source) or len(cmap.headers) < 2:
        return False
    first = next(rows, None)
    if first is None:
        return False
    rows.close()  # type: ignore[attr-defined]  # the Arrow reader reads on from the first data line
    try:
        _stage(csv_reading.csv_column_batches(source, first[0], len(cmap.headers), batch_rows), cmap, staged, report,
               batch_rows, progress)
    except csv_reading.NotColumnar:
        report.rows_read = report.rejected_count = 0
        report.rejected.clear()
        report.notes.clear()
        staged.unlink(missing_ok=True)
        return False
    return True


def _stage(rows: Iterator[tuple[int, list[object]]] | Iterator[columnar.ColumnBatch], cmap: ColumnMap, staged: Path,
           report: ImportReport, batch_rows: int, progress: Callable[[int], None] | None) -> None:
    mapper = RowMapper(cmap)
    # Millions of short-lived cells and lists, none in a reference cycle: the cyclic collector
    # would only rescan the long-lived mapping tables (a third of the import's time), so it
    # rests while rows are staged, except for a sweep of the youngest objects after each batch
    # (what a batch left in a cycle, e.g. cpca's DataFrames, is freed there: memory stays flat).
    collecting = gc.isenabled()
    gc.disable()
    try:
        _stage_rows(rows, mapper, staged, report, batch_rows, progress)
    finally:
        if collecting:
            gc.enable()


def _stage_rows(rows: Iterator[tuple[int, list[object]]] | Iterator[columnar.ColumnBatch], mapper: RowMapper,
                staged: Path, report: ImportReport, batch_rows: int, progress: Callable[[int], None] | None) -> None:
    with import_threads.StagingWriter(staged, STAGING_SCHEMA) as writer:
        batch: list[tuple[int, list[object]]] = []
        for item in rows:
            if isinstance(item, columnar.ColumnBatch):  # already a batch of columns
                item, summaries = item.without_summary_rows()
                if summaries:
                    report.notes[columnar.SUMMARY_NOTE] += summaries
                _stage_batch(mapper, item, writer, report)
                gc.collect(0)
                if progress:
                    progress(report.rows_read)
                continue
            if columnar.is_summary_row(item[1]):  # 合计, 共 N 条 under the data: no record
                report.notes[columnar.SUMMARY_NOTE] += 1
                continue
            batch.append(item)
            if len(batch) >= batch_rows:
                _stage_batch(mapper, batch, writer, report)
                batch = []
                gc.collect(0)
                if progress:
                    progress(report.rows_read)
        if batch:
            _stage_batch(mapper, batch, writer, report)


def _stage_batch(mapper: RowMapper, batch: list[tuple[int, list[object]]] | columnar.ColumnBatch,
                 writer: import_threads.StagingWriter,
                 report: ImportReport) -> None:
    result = mapper.map_batch(batch)
    records = result.count
    report.rows_read += records + len(result.rejected)
    for line, reason in result.rejected:
        report.reject(line, reason)
    report.notes.update(result.notes)
    if records:
        writer.write_table(columnar.to_table(result.columns, STAGING_SCHEMA, result.keep))


def _superseded_lines(staged: Path, workdir: Path) -> pa.Array:
    """The lines of rows that a later/newer row with the same publication number replaces.

    Only three narrow columns are read and only duplicated numbers are ranked, so the work is
    small next to the file; DuckDB spills to disk if even that outgrows its memory limit.
    """
    con = duckdb.connect()
    try:
        con.execute("SET memory_limit = '256MB'")
        con.execute(f"SET temp_directory = '{workdir / 'spill'}'")
        con.execute("SET threads = 2")
        con.execute("SET preserve_insertion_order = false")  # the lines are sorted afterwards
        source = f"read_parquet('{staged}')"
        return con.sql(f"""
            SELECT _line FROM (
                SELECT _line, row_number() OVER (
                    PARTITION BY pub_number ORDER BY _latest DESC NULLS LAST, _line DESC) AS _rank
                FROM {source}
                WHERE pub_number IN (SELECT pub_number FROM {source} GROUP BY pub_number HAVING count(*) > 1)
            ) WHERE _rank > 1
        """).to_arrow_table().column("_line").combine_chunks()
    finally:
        con.close()


def _without_lines(staged: Path, dropped: pa.Array, batch_rows: int) -> Iterator[pa.Table]:
    """The staged rows in file order, minus the superseded ones, one batch at a time."""
    # pre_buffer off: Arrow's read cache keeps every row group it pre-buffered until the file is
    # closed, so the read-back grew with the file (+190 MB of Arrow memory at 10M rows).
    staged_file = pq.ParquetFile(staged, pre_buffer=False)
    # The staged rows are in file order: a slice holds a dropped line only if one lies between
    # its first and last line (most slices have none, and are not filtered at all).
    dropped_sorted = np.sort(dropped.to_numpy(zero_copy_only=False))
    # Larger slices than the mapping batches: fewer, larger row groups in the dataset file.
    for batch in staged_file.iter_batches(batch_size=max(batch_rows, OUTPUT_BATCH_ROWS)):
        table = pa.Table.from_batches([batch])
        lines = table.column("_line")
        if len(dropped_sorted) and len(lines):
            first, last = lines[0].as_py(), lines[-1].as_py()
            if np.searchsorted(dropped_sorted, last, side="right") > np.searchsorted(dropped_sorted, first):
                table = table.filter(pc.invert(pc.is_in(lines, value_set=dropped)))
        yield table.select(RECORD_COLUMNS)


def _counting(batches: Iterator[pa.Table], report: ImportReport) -> Iterator[pa.Table]:
    for batch in batches:
        report.rows_imported += batch.num_rows
        yield batch


def known_formats() -> list[tuple[str, str]]:
    return [("canonical", "the canonical record's columns")] + [(f.name, f.label) for f in FORMATS] + [
        ("generic", "any table with a publication-number column")]

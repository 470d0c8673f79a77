"""Import trademark, pledge, licence-and-transfer and copyright records (CSV/XLSX) into a dataset.

Columnar from end to end (shared/spec/ip-records.md; docs/records.md):

1. **Read** (``record_reading``): the file's limits and type are checked by ``readers.inspect``;
   the header row is found among the first rows and the format detected (``record_registry``);
   a CSV is parsed by Arrow's multi-threaded reader into string columns (an XLSX streams through
   openpyxl). Each row keeps its line: the header's line + its position + the line breaks
   inside the cells of the rows above it. A format that maps its own rows stages them typed.
2. **Type** (``record_typing``, for the formats declared by their headers alone): one DuckDB
   query parses every date in bulk (``try_strptime`` with the export's date shapes), maps enum
   words through the format's word tables, checks the classes and amounts and gives each bad
   row the reason of the first check it fails.
3. **Collapse and de-duplicate** (``record_finishing``): a format's row-collapse step (one
   pledge registration per row), then one row per key (the spec's uniqueness rules; the later
   row in the file wins, reported).
4. **Attribute** (``record_finishing``) each party (holder, pledgor, licensor, licensee, owner) as for patents: its
   region code, else the region of its address (each distinct address prefix resolved once by
   ``addresses.PrefixRegions``), else the region its enterprise name starts with (each distinct
   name once); its country, if not given, from the region or the address.
5. **Write** with ``datasets.write_kind``: the kind's file replaced atomically, the other kinds
   untouched; a failure anywhere leaves the dataset as it was.

Memory: DuckDB works out of core (a 512 MB limit, spilling to the staging directory); Arrow
reads the CSV in blocks, which stream into DuckDB without a staging file.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb
import pyarrow as pa

from ipcity.analytics import (
    datasets,
    readers,
    record_formats,  # noqa: F401  (registers the real export formats)
    record_kinds,
    record_registry,
)
from ipcity.analytics.import_report import ImportReport
from ipcity.analytics.readers import DEFAULT_MAX_BYTES, InputError
from ipcity.analytics.record_finishing import attribute, collapse_and_dedupe, quality_notes
from ipcity.analytics.record_reading import find_header, stage_mapped, stage_sql, stage_table_mapped
from ipcity.analytics.record_registry import RecordFormatError
from ipcity.analytics.record_typing import quote_name, sql_path

BATCH_ROWS = 50_000
DUPLICATE_RULE = "one row per {key}: the later row in the file replaces an earlier one"


class RecordImportFailed(ValueError):
    """Nothing was imported (bad file, unknown format, no readable row); the dataset stands."""


def import_records(
    path: str | Path,
    kind: str,
    dataset: str,
    export_format: str = "auto",
    data_dir: str | Path | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    batch_rows: int = BATCH_ROWS,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Import ``path`` as the ``kind`` records of ``dataset`` (that kind replaced whole)."""
    started = dt.datetime.now(dt.UTC)
    datasets.check_name(dataset)
    try:
        record_kinds.check_kind(kind)
    except ValueError as exc:
        raise RecordImportFailed(str(exc)) from None
    names = record_registry.format_names(kind)
    if export_format != "auto" and export_format not in names:
        raise RecordImportFailed(f"unknown {kind} format {export_format!r}; use auto or one of: {', '.join(names)}")
    try:
        source = readers.inspect(path, max_bytes)
        header_line, header = find_header(source, kind)
        fmt = (record_registry.detect(header, kind) if export_format == "auto"
               else record_registry.get_format(kind, export_format))
        mapping = record_registry.map_headers(header, fmt)
    except (InputError, RecordFormatError) as exc:
        raise RecordImportFailed(str(exc)) from None
    missing = [f for f in record_kinds.KEYS[kind] if f not in mapping and f not in fmt.constants]
    if missing:
        raise RecordImportFailed(f"{source.path}: the {fmt.name} format needs a column for {', '.join(missing)}; "
                                 f"headers found: {', '.join(str(h) for h in header if str(h or '').strip())}")
    report = ImportReport(dataset, fmt.name, kind=kind, columns={f: str(header[i]) for f, i in mapping.items()})
    staging_root = datasets.datasets_root(data_dir) / datasets.VERSIONS_DIR
    staging_root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".staging-{dataset}-{kind}-", dir=staging_root))
    con = duckdb.connect()
    try:
        con.execute("SET memory_limit = '512MB'")
        con.execute(f"SET temp_directory = '{sql_path(staging / 'spill')}'")
        con.execute("SET threads = 2")
        con.execute("SET preserve_insertion_order = false")
        typed = staging / "typed.parquet"
        try:
            if fmt.table_mapper is not None:
                stage_table_mapped(source, header_line, header, fmt, typed, report, batch_rows, progress)
            elif fmt.mapper is not None:
                stage_mapped(source, header_line, header, fmt, typed, report, batch_rows, progress)
            else:
                stage_sql(con, source, header_line, header, fmt, mapping, report, batch_rows, progress)
        except (InputError, pa.ArrowInvalid) as exc:
            raise RecordImportFailed(f"{source.path}: {exc}") from None
        if fmt.mapper is not None or fmt.table_mapper is not None:
            con.execute(f"CREATE TEMP VIEW typed_rows AS SELECT * FROM read_parquet('{sql_path(typed)}')")
        if report.rows_read - report.rejected_count == 0:
            first = report.rejected[0] if report.rejected else None
            raise RecordImportFailed(
                f"{source.path}: no row could be read ({report.rejected_count} rejected"
                + (f"; first: line {first['line']}: {first['reason']}" if first else "") + ")")
        final = collapse_and_dedupe(con, fmt, typed, report)
        attributed = attribute(con, kind, final, report)
        quality_notes(con, kind, attributed, report)
        reader = con.sql(f"SELECT {', '.join(quote_name(c) for c in record_kinds.COLUMNS[kind])} FROM {attributed}"
                         " ORDER BY _line").to_arrow_reader(batch_rows)
        report.seconds = (dt.datetime.now(dt.UTC) - started).total_seconds()
        datasets.write_kind(dataset, kind, _counting(reader, report), report.manifest(source, header_line, DUPLICATE_RULE.format(key="+".join(record_kinds.KEYS[kind]))),
                            data_dir=data_dir)
    finally:
        con.close()
        shutil.rmtree(staging, ignore_errors=True)
    report.seconds = (dt.datetime.now(dt.UTC) - started).total_seconds()
    return report


def _counting(reader: pa.RecordBatchReader, report: ImportReport) -> Iterator[pa.RecordBatch]:
    for batch in reader:
        report.rows_imported += batch.num_rows
        yield batch


def known_formats(kind: str) -> list[tuple[str, str]]:
    return [(f.name, f.label) for f in record_registry.formats_of(kind)]

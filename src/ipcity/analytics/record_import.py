"""Import trademark, pledge, licence-and-transfer and copyright records (CSV/XLSX) into a dataset.

Columnar from end to end (shared/spec/ip-records.md; docs/records.md):

1. **Read** (``_raw_batches``): the file's limits and type are checked by ``readers.inspect``;
   the header row is found among the first rows and the format detected (``record_registry``);
   a CSV is parsed by Arrow's multi-threaded reader into string columns (an XLSX streams through
   openpyxl). Each row keeps its line: the header's line + its position + the line breaks
   inside the cells of the rows above it. The text columns stream into DuckDB.
2. **Type** (``_typed_sql``): one DuckDB query parses every date in bulk (``try_strptime`` with
   the export's date shapes), maps enum words through the format's word tables, checks the
   classes and amounts and gives each bad row the reason of the first check it fails.
3. **Collapse and de-duplicate**: a format's row-collapse step (one pledge registration per row),
   then one row per key (the spec's uniqueness rules; the later row in the file wins, reported).
4. **Attribute** each party (holder, pledgor, licensor, licensee, owner) as for patents: its
   region code, else the region of its address (each distinct address prefix resolved once by
   ``columnar.PrefixRegions``), else the region its enterprise name starts with (each distinct
   name once); its country, if not given, from the region or the address.
5. **Write** with ``datasets.write_kind``: the kind's file replaced atomically, the other kinds
   untouched; a failure anywhere leaves the dataset as it was.

Memory: DuckDB works out of core (a 512 MB limit, spilling to the staging directory); Arrow
reads the CSV in blocks, which stream into DuckDB without a staging file.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from ipcity.analytics import (
    datasets,
    readers,
    record_formats,  # noqa: F401  (registers the real export formats)
    record_kinds,
    record_registry,
)
from ipcity.analytics.formats import normalise_header
from ipcity.analytics.readers import DEFAULT_MAX_BYTES, InputError
from ipcity.analytics.record_kinds import Party
from ipcity.analytics.record_registry import RecordFormat, RecordFormatError

BATCH_ROWS = 50_000
MAX_REJECTS_KEPT = 1_000
# The date shapes of the exports: ISO, slashes, dots, 8 digits, Chinese (年月日; 1- or 2-digit parts).
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d", "%Y年%m月%d日", "%Y年%m月%d")
_DATE_IN_TEXT = r"\d{4}\s*[年./-]\s*\d{1,2}\s*[月./-]\s*\d{1,2}\s*日?|\d{8}"
_EMPTY_WORDS = ("", "-", "--", "—", "无", "null", "none", "nan", "n/a", "na")
DUPLICATE_RULE = "one row per {key}: the later row in the file replaces an earlier one"


class RecordImportFailed(ValueError):
    """Nothing was imported (bad file, unknown format, no readable row); the dataset stands."""


@dataclass
class RecordImportReport:
    dataset: str
    kind: str
    format: str
    rows_read: int = 0
    rows_imported: int = 0
    duplicates_dropped: int = 0
    collapsed: int = 0
    rejected_count: int = 0
    rejected: list[dict[str, Any]] = field(default_factory=list)
    notes: Counter = field(default_factory=Counter)
    columns: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0

    def manifest_part(self, source: readers.Source, header_line: int) -> dict[str, Any]:
        return {
            "source": {"file": source.path.name, "path": str(source.path.resolve()), "bytes": source.size,
                       "type": source.kind, "encoding": source.encoding, "delimiter": source.delimiter,
                       "header_line": header_line},
            "format": self.format,
            "columns": self.columns,
            "rows_read": self.rows_read,
            "collapsed": self.collapsed,
            "duplicates_dropped": self.duplicates_dropped,
            "duplicate_rule": DUPLICATE_RULE.format(key="+".join(record_kinds.KEYS[self.kind])),
            "rejected_count": self.rejected_count,
            "rejected": self.rejected,
            "notes": dict(self.notes),
            "imported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        }

    def as_dict(self) -> dict[str, Any]:
        return {"dataset": self.dataset, "kind": self.kind, "format": self.format, "rows_read": self.rows_read,
                "rows_imported": self.rows_imported, "collapsed": self.collapsed,
                "duplicates_dropped": self.duplicates_dropped, "rejected_count": self.rejected_count,
                "rejected": self.rejected, "notes": dict(self.notes), "columns": self.columns}


def import_records(
    path: str | Path,
    kind: str,
    dataset: str,
    export_format: str = "auto",
    data_dir: str | Path | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    batch_rows: int = BATCH_ROWS,
    progress: Callable[[int], None] | None = None,
) -> RecordImportReport:
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
        header_line, header = _find_header(source, kind)
        fmt = (record_registry.detect(header, kind) if export_format == "auto"
               else record_registry.get_format(kind, export_format))
        mapping = record_registry.map_headers(header, fmt)
    except (InputError, RecordFormatError) as exc:
        raise RecordImportFailed(str(exc)) from None
    missing = [f for f in record_kinds.KEYS[kind] if f not in mapping and f not in fmt.constants]
    if missing:
        raise RecordImportFailed(f"{source.path}: the {fmt.name} format needs a column for {', '.join(missing)}; "
                                 f"headers found: {', '.join(str(h) for h in header if str(h or '').strip())}")
    report = RecordImportReport(dataset, kind, fmt.name, columns={f: str(header[i]) for f, i in mapping.items()})
    staging_root = datasets.datasets_root(data_dir) / datasets.VERSIONS_DIR
    staging_root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".staging-{dataset}-{kind}-", dir=staging_root))
    con = duckdb.connect()
    try:
        con.execute("SET memory_limit = '512MB'")
        con.execute(f"SET temp_directory = '{_sql_path(staging / 'spill')}'")
        con.execute("SET threads = 2")
        con.execute("SET preserve_insertion_order = false")
        typed = staging / "typed.parquet"
        try:
            if fmt.table_mapper is not None:
                _stage_table_mapped(source, header_line, header, fmt, typed, report, batch_rows, progress)
            elif fmt.mapper is not None:
                _stage_mapped(source, header_line, header, fmt, typed, report, batch_rows, progress)
            else:
                _stage_sql(con, source, header_line, header, fmt, mapping, report, batch_rows, progress)
        except (InputError, pa.ArrowInvalid) as exc:
            raise RecordImportFailed(f"{source.path}: {exc}") from None
        if fmt.mapper is not None or fmt.table_mapper is not None:
            con.execute(f"CREATE TEMP VIEW typed_rows AS SELECT * FROM read_parquet('{_sql_path(typed)}')")
        if report.rows_read - report.rejected_count == 0:
            first = report.rejected[0] if report.rejected else None
            raise RecordImportFailed(
                f"{source.path}: no row could be read ({report.rejected_count} rejected"
                + (f"; first: line {first['line']}: {first['reason']}" if first else "") + ")")
        final = _collapse_and_dedupe(con, fmt, typed, report)
        attributed = _attribute(con, kind, final, report)
        _quality_notes(con, kind, attributed, report)
        reader = con.sql(f"SELECT {', '.join(_q(c) for c in record_kinds.COLUMNS[kind])} FROM {attributed}"
                         " ORDER BY _line").to_arrow_reader(batch_rows)
        report.seconds = (dt.datetime.now(dt.UTC) - started).total_seconds()
        datasets.write_kind(dataset, kind, _counting(reader, report), report.manifest_part(source, header_line),
                            data_dir=data_dir)
    finally:
        con.close()
        shutil.rmtree(staging, ignore_errors=True)
    report.seconds = (dt.datetime.now(dt.UTC) - started).total_seconds()
    return report


def _counting(reader: pa.RecordBatchReader, report: RecordImportReport) -> Iterator[pa.RecordBatch]:
    for batch in reader:
        report.rows_imported += batch.num_rows
        yield batch


# ---------------------------------------------------------------- 1. read


def _find_header(source: readers.Source, kind: str) -> tuple[int, list[object]]:
    """The row among the first ones with the most known headers of the kind (≥ 2), else the
    first non-empty row."""
    head: list[tuple[int, list[object]]] = []
    for item in readers.iter_rows(source):
        head.append(item)
        if len(head) >= readers.HEADER_SEARCH_ROWS:
            break
    if not head:
        raise InputError(f"{source.path}: the file has no rows")
    scores = [record_registry.header_score(cells, kind) for _, cells in head]
    best = max(range(len(head)), key=lambda i: (scores[i], -i))
    if scores[best] < 2:
        best = next((i for i, (_, cells) in enumerate(head) if any(str(c or "").strip() for c in cells)), 0)
    line, header = head[best]
    return line, [("" if h is None else str(h)) for h in header]


def _csv_batches(source: readers.Source, header_line: int, header: list[object], mapping: dict[str, int],
                 report: RecordImportReport) -> Iterator[pa.Table]:
    width = len(header)
    names = [f"c{i}" for i in range(width)]
    bad_rows: list[tuple[int | None, str]] = []

    def on_invalid(row: Any) -> str:
        bad_rows.append((row.number, f"{row.actual_columns} cells where the header has {row.expected_columns}"))
        return "skip"

    encoding = source.encoding or "utf-8"
    read_options = pacsv.ReadOptions(column_names=names, skip_rows=header_line, block_size=1 << 24,
                                     encoding="utf8" if encoding in ("utf-8", "utf-8-sig") else encoding)
    parse_options = pacsv.ParseOptions(delimiter=source.delimiter or ",", newlines_in_values=True,
                                       ignore_empty_lines=False,  # a blank line is a line: the count stays right
                                       invalid_row_handler=on_invalid)
    convert_options = pacsv.ConvertOptions(column_types={n: pa.string() for n in names}, strings_can_be_null=False)
    reader = pacsv.open_csv(source.path, read_options=read_options, parse_options=parse_options,
                            convert_options=convert_options)
    next_line = header_line + 1
    for batch in reader:
        table = pa.Table.from_batches([batch])
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
        arrays = {f: table.column(mapping[f]) for f in mapping}
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
        yield out
    for number, reason in bad_rows:
        _reject(report, number if number is not None else 0, reason)
        report.rows_read += 1


def _has_newline(chunk: pa.Array) -> bool:
    """Whether a string array's text holds a line break (a byte search of its data buffer)."""
    import numpy as np

    data = chunk.buffers()[2]
    return data is not None and bool((np.frombuffer(data, dtype=np.uint8) == 10).any())


def _cell_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()[:10]
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _xlsx_batches(source: readers.Source, header_line: int, mapping: dict[str, int],
                  batch_rows: int) -> Iterator[pa.Table]:
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

    for line, cells in readers.iter_rows(source):
        if line <= header_line or not any(c is not None and str(c).strip() for c in cells):
            continue
        for f, i in mapping.items():
            columns[f].append(_cell_text(cells[i]) if i < len(cells) else None)
        lines.append(line)
        if len(lines) >= batch_rows:
            yield flush()
    if lines:
        yield flush()


def _stage_table_mapped(source: readers.Source, header_line: int, header: list[object], fmt: RecordFormat,
                        typed: Path, report: RecordImportReport, batch_rows: int,
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
               else _xlsx_batches(source, header_line, used, batch_rows))
    with pq.ParquetWriter(typed, schema) as writer:
        for batch in batches:
            if not batch.num_rows:
                continue
            report.rows_read += batch.num_rows
            out, notes = fmt.table_mapper(header, batch)
            report.notes.update({note: count for note, count in notes.items() if count})
            failed = out.filter(pc.is_valid(out.column("_reason")))
            for line, reason in zip(failed.column("_line").to_pylist(), failed.column("_reason").to_pylist(),
                                    strict=True):
                _reject(report, int(line), str(reason))
            writer.write_table(out.cast(schema))
            if progress:
                progress(report.rows_read)
    report.rejected.sort(key=lambda r: r["line"])


def _stage_mapped(source: readers.Source, header_line: int, header: list[object], fmt: RecordFormat, typed: Path,
                  report: RecordImportReport, batch_rows: int, progress: Callable[[int], None] | None) -> None:
    """A format that maps its rows itself (``RecordFormat.mapper``): its canonical columns, the
    rows it set aside and its notes, staged as the SQL path stages them. Trademark and copyright
    rows are fed one batch at a time; a pledge or licence format may join the rows of one
    registration (collapse), so its rows are fed in one call."""
    kind = fmt.kind
    schema = record_kinds.canonical_schema(kind).append(pa.field("_line", pa.int64())).append(
        pa.field("_reason", pa.string()))
    assert fmt.mapper is not None
    mapper = fmt.mapper
    rows = ((line, cells) for line, cells in readers.iter_rows(source) if line > header_line)
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
                _reject(report, int(line), str(reason))
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


# ---------------------------------------------------------------- 2. type


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _lit(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


class _Columns:
    """SQL for one format's fields: text, dates, words, with a reason for each failing check."""

    def __init__(self, fmt: RecordFormat, mapping: dict[str, int], header: Sequence[object]) -> None:
        self.fmt = fmt
        self.mapping = mapping
        self.header = header
        self.checks: list[tuple[str, str]] = []  # (condition of failure, reason SQL), in order
        # values computed once per row in an inner query (a date parsed, a word mapped), by alias
        self.layer: dict[str, str] = {}

    def derived(self, alias: str, expr: str) -> str:
        """``expr`` computed once per row (in the inner query); returns its column reference."""
        self.layer.setdefault(alias, expr)
        return _q(alias)

    def label(self, fld: str) -> str:
        return str(self.header[self.mapping[fld]]) if fld in self.mapping else fld

    def text(self, fld: str) -> str:
        if fld in self.mapping:
            column = _q(fld)
            if fld in self.fmt.constants:
                return f"coalesce({column}, {_lit(self.fmt.constants[fld])})"
            return column
        if fld in self.fmt.constants:
            return _lit(self.fmt.constants[fld])
        return "NULL::VARCHAR"

    def present(self, fld: str) -> bool:
        return fld in self.mapping or fld in self.fmt.constants

    def date(self, fld: str, text: str | None = None, alias: str | None = None) -> str:
        if not self.present(fld):
            return "NULL::DATE"
        text = text or self.text(fld)
        formats = ", ".join(_lit(f) for f in DATE_FORMATS)
        # '2013-05-21 00:00:00' (a timestamp cell) → its date part
        cleaned = f"CASE WHEN contains({text}, ':') THEN split_part(replace({text}, 'T', ' '), ' ', 1) ELSE {text} END"
        return self.derived(alias or f"_d_{fld}", f"try_strptime({cleaned}, [{formats}])::DATE")

    def check_date(self, fld: str) -> None:
        if self.present(fld):
            self.checks.append((f"{self.text(fld)} IS NOT NULL AND {self.date(fld)} IS NULL",
                                f"{_lit('unreadable date in ' + self.label(fld) + ': ')} || {self.text(fld)}"))

    def word(self, fld: str) -> str:
        table = record_registry.words(self.fmt, fld)
        key = f"lower(replace({self.text(fld)}, ' ', ''))"
        if not table or not self.present(fld):
            return self.text(fld)
        cases = " ".join(f"WHEN {_lit(k)} THEN {_lit(v)}" for k, v in table.items())
        return self.derived(f"_w_{fld}", f"(CASE {key} {cases} END)")

    def check_word(self, fld: str) -> None:
        if self.present(fld) and record_registry.words(self.fmt, fld):
            known = sorted(set(record_registry.words(self.fmt, fld).values()))
            self.checks.append((f"{self.text(fld)} IS NOT NULL AND {self.word(fld)} IS NULL",
                                f"{_lit('unknown word in ' + self.label(fld) + ' (known: ' + ', '.join(known) + '): ')}"
                                f" || {self.text(fld)}"))

    def require(self, fld: str, expr: str) -> None:
        self.checks.append((f"{expr} IS NULL", _lit(f"{self.label(fld)} is empty")))

    def reason(self) -> str:
        if not self.checks:
            return "NULL::VARCHAR"
        return "CASE " + " ".join(f"WHEN {cond} THEN {reason}" for cond, reason in self.checks) + " END"


def _list_text(expr: str) -> str:
    """'|'-separated, whatever the export used between names (; ； |)."""
    return f"nullif(regexp_replace({expr}, '\\s*[;；|]\\s*', '|', 'g'), '')"


def _party_columns(c: _Columns, party: Party, multi: bool) -> dict[str, str]:
    name = _list_text(c.text(party.name)) if multi else c.text(party.name)
    return {party.name: name, party.country: c.text(party.country), party.address: c.text(party.address),
            party.region_code: c.text(party.region_code)}


def _typed_sql(fmt: RecordFormat, mapping: dict[str, int], header: Sequence[object], source: str) -> str:
    """The query turning the raw text columns of ``source`` into the kind's canonical columns,
    ``_line`` and ``_reason`` (null for a good row)."""
    c = _Columns(fmt, mapping, header)
    kind = fmt.kind
    out: dict[str, str] = {}
    for column in record_kinds.KEYS[kind]:
        if column != "nice_class":
            c.require(column, c.text(column))
    if kind == "trademark":
        terms = f"regexp_extract_all({c.text('term')}, {_lit(_DATE_IN_TEXT)})" if c.present("term") else None
        term_start = c.date("term", f"{terms}[1]", alias="_d_term_start") if terms else "NULL::DATE"
        term_end = c.date("term", f"{terms}[2]", alias="_d_term_end") if terms else "NULL::DATE"
        nice = c.derived("_nice", f"try_cast(regexp_extract({c.text('nice_class')}, '(\\d+)', 1) AS INTEGER)")
        c.checks.append((f"{nice} IS NULL OR {nice} NOT BETWEEN 1 AND 45",
                         f"{_lit('not a Nice class 1–45 in ' + c.label('nice_class') + ': ')} || "
                         f"coalesce({c.text('nice_class')}, '(empty)')"))
        for fld in ("app_date", "reg_date", "expiry_date", "lapse_date", "intl_reg_date"):
            c.check_date(fld)
        if terms:
            c.checks.append((f"{c.text('term')} IS NOT NULL AND ({term_start} IS NULL OR {term_end} IS NULL)",
                             f"{_lit('unreadable term in ' + c.label('term') + ': ')} || {c.text('term')}"))
        for fld in ("mark_type", "status", "office", "gi", "madrid"):
            c.check_word(fld)
        mark_words = c.text("mark_type")
        gi_word = f"CASE {c.word('gi')} WHEN 'true' THEN true WHEN 'false' THEN false END"
        madrid_word = f"CASE {c.word('madrid')} WHEN 'true' THEN true WHEN 'false' THEN false END"
        madrid = f"coalesce({madrid_word}, {c.date('intl_reg_date')} IS NOT NULL, {c.word('office')} = 'WIPO', false)"
        app = f"CASE WHEN {madrid} AND {c.date('intl_reg_date')} IS NOT NULL THEN {c.date('intl_reg_date')} ELSE {c.date('app_date')} END"
        reg = f"coalesce({c.date('reg_date')}, {term_start})"
        lapse = c.date("lapse_date")
        c.require("app_date", app)
        out.update({
            "reg_number": f"upper(replace({c.text('reg_number')}, ' ', ''))",
            "nice_class": f"{nice}::SMALLINT",
            "mark_type": f"coalesce({c.word('mark_type')}, 'ordinary')",
            "gi": f"coalesce({gi_word}, {mark_words} LIKE '%地理标志%', false)",
            "madrid": madrid,
            "office": f"coalesce({c.word('office')}, 'CN')",
            "app_date": app,
            "reg_date": reg,
            "expiry_date": f"coalesce({c.date('expiry_date')}, {term_end})",
            "lapse_date": lapse,
            "status": (f"coalesce({c.word('status')}, CASE WHEN {lapse} IS NOT NULL THEN 'invalid' "
                       f"WHEN {reg} IS NOT NULL THEN 'registered' ELSE 'pending' END)"),
        })
        out.update(_party_columns(c, record_kinds.PARTIES[kind][0], multi=True))
    elif kind == "pledge":
        scale = fmt.scale.get("amount") or (10_000.0 if "万" in c.label("amount") else 1.0)
        amount_text = f"replace(replace({c.text('amount')}, ',', ''), '，', '')"
        amount = c.derived("_amount", f"try_cast(regexp_replace({amount_text}, '[元万\\s]', '', 'g') AS DOUBLE)")
        c.check_word("right_kind")
        c.require("right_kind", c.word("right_kind"))
        for fld in ("reg_date", "cancel_date"):
            c.check_date(fld)
        c.require("reg_date", c.date("reg_date"))
        c.checks.append((f"{c.text('amount')} IS NOT NULL AND ({amount} IS NULL OR {amount} < 0)",
                         f"{_lit('not an amount in ' + c.label('amount') + ': ')} || {c.text('amount')}"))
        out.update({
            "pledge_id": f"trim({c.text('pledge_id')})",
            "right_kind": c.word("right_kind"),
            "rights": _list_text(c.text("rights")),
            "reg_date": c.date("reg_date"),
            "amount": f"{amount} * {scale}",
            "pledgee": c.text("pledgee"),
            "cancel_date": c.date("cancel_date"),
        })
        out.update(_party_columns(c, record_kinds.PARTIES[kind][0], multi=False))
    elif kind == "licence":
        for fld in ("record_type", "right_kind", "licence_type"):
            c.check_word(fld)
        c.require("record_type", c.word("record_type"))
        c.require("right_kind", c.word("right_kind"))
        c.check_date("date")
        c.require("date", c.date("date"))
        out.update({
            "record_id": f"trim({c.text('record_id')})",
            "record_type": c.word("record_type"),
            "right_kind": c.word("right_kind"),
            "rights": _list_text(c.text("rights")),
            "date": c.date("date"),
            "licence_type": c.word("licence_type"),
        })
        for party in record_kinds.PARTIES[kind]:
            out.update(_party_columns(c, party, multi=False))
    elif kind == "copyright":
        number = c.text("reg_number")
        by_number = (f"CASE WHEN {number} LIKE '%软著%' OR upper({number}) LIKE '%SR%' THEN 'software' "
                     f"WHEN {number} LIKE '%作登%' THEN 'work' END")
        c.check_word("work_type")
        work_type = f"coalesce({c.word('work_type')}, {by_number})"
        c.require("work_type", work_type)
        c.check_date("reg_date")
        c.require("reg_date", c.date("reg_date"))
        out.update({
            "reg_number": f"trim({number})",
            "work_type": work_type,
            "category": c.text("category"),
            "reg_date": c.date("reg_date"),
        })
        out.update(_party_columns(c, record_kinds.PARTIES[kind][0], multi=True))
    columns = [f"{out[col]} AS {_q(col)}" for col in record_kinds.COLUMNS[kind]]
    empties = ", ".join(_lit(w) for w in _EMPTY_WORDS)
    # three layers: cells trimmed (an empty or placeholder cell is NULL); each date parsed and
    # each word mapped once; the canonical columns and the reason of the first failing check
    spaces = "' \t\r\n' || chr(12288) || chr(160)"  # ideographic and no-break spaces too
    trimmed = ", ".join(f"trim({_q(f)}, {spaces}) AS {_q(f)}" for f in mapping)
    cleaned = ", ".join(f"CASE WHEN lower({_q(f)}) IN ({empties}) THEN NULL ELSE {_q(f)} END AS {_q(f)}"
                        for f in mapping)
    layer = "".join(f", {expr} AS {_q(alias)}" for alias, expr in c.layer.items())
    return (f"SELECT {', '.join(columns)}, _line, {c.reason()} AS _reason FROM ("
            f"SELECT *{layer} FROM (SELECT {cleaned}, _line FROM (SELECT {trimmed}, _line FROM {source})))")


def _stage_sql(con: duckdb.DuckDBPyConnection, source: readers.Source, header_line: int, header: list[object],
               fmt: RecordFormat, mapping: dict[str, int], report: RecordImportReport, batch_rows: int,
               progress: Callable[[int], None] | None) -> None:
    """The declarative path: the file's mapped text columns stream from the reader straight into
    one DuckDB query (``_typed_sql``) that types them into the table ``typed_rows``; the rows it
    rejects are listed with their lines. Nothing is staged on disk but what DuckDB spills."""
    fields = list(mapping)
    schema = pa.schema([(f, pa.string()) for f in fields] + [("_line", pa.int64())])
    failure: list[BaseException] = []

    def batches() -> Iterator[pa.RecordBatch]:
        try:
            parts = (_csv_batches(source, header_line, header, mapping, report) if source.kind == "csv"
                     else _xlsx_batches(source, header_line, mapping, batch_rows))
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
        con.execute(f"CREATE TEMP TABLE typed_rows AS {_typed_sql(fmt, mapping, header, 'raw_rows')}")
    except duckdb.Error:
        if failure:
            raise failure[0] from None
        raise
    finally:
        con.unregister("raw_rows")
    _list_rejects(con, report)


def _list_rejects(con: duckdb.DuckDBPyConnection, report: RecordImportReport) -> None:
    source = "typed_rows"
    count = con.execute(f"SELECT count(*) FROM {source} WHERE _reason IS NOT NULL").fetchall()[0]
    report.rejected_count += int(count[0]) if count else 0
    room = MAX_REJECTS_KEPT - len(report.rejected)
    if room > 0:
        for line, reason in con.execute(f"SELECT _line, _reason FROM {source} WHERE _reason IS NOT NULL "
                                    f"ORDER BY _line LIMIT {room}").fetchall():
            report.rejected.append({"line": int(line), "reason": reason})
    report.rejected.sort(key=lambda r: r["line"])


def _reject(report: RecordImportReport, line: int, reason: str) -> None:
    report.rejected_count += 1
    if len(report.rejected) < MAX_REJECTS_KEPT:
        report.rejected.append({"line": line, "reason": reason})


# ---------------------------------------------------------------- 3. collapse, de-duplicate


def _collapse_and_dedupe(con: duckdb.DuckDBPyConnection, fmt: RecordFormat, typed: Path,
                         report: RecordImportReport) -> str:
    kind = fmt.kind
    columns = record_kinds.COLUMNS[kind]
    valid = "(SELECT * FROM typed_rows WHERE _reason IS NULL)"
    if fmt.collapse is not None:
        rule = fmt.collapse
        key = _q(rule.key)
        conflicts: list[Any] = []
        if rule.same:
            # NULL where a field is empty: an empty amount on one of a registration's rows is no conflict
            same = " || '/' || ".join(f"{_q(s)}::VARCHAR" for s in rule.same)
            conflicts = con.execute(f"SELECT {key}, list(_line ORDER BY _line), list(DISTINCT {same}) FROM {valid} "
                                f"GROUP BY {key} HAVING count(DISTINCT {same}) > 1").fetchall()
        bad_lines = [line for _, lines, _ in conflicts for line in lines]
        for value, lines, values in conflicts:
            for line in lines:
                _reject(report, int(line), f"{rule.key} {value}: conflicting {', '.join(rule.same)} "
                                           f"({' / '.join(sorted(str(v) for v in values))}) on lines "
                                           f"{', '.join(str(x) for x in lines)}")
        report.rejected.sort(key=lambda r: r["line"])
        aggregates = []
        for column in columns:
            if column == rule.key:
                aggregates.append(key)
            elif column in rule.join:
                aggregates.append(
                    f"nullif(array_to_string(list_sort(list_distinct(flatten(list(string_split({_q(column)}, '|')) "
                    f"FILTER (WHERE {_q(column)} IS NOT NULL)))), '|'), '') AS {_q(column)}")
            else:
                aggregates.append(f"arg_min({_q(column)}, _line) AS {_q(column)}")
        con.execute("CREATE TEMP TABLE bad_lines (line BIGINT)")
        if bad_lines:
            con.executemany("INSERT INTO bad_lines VALUES (?)", [[int(x)] for x in bad_lines])
        before = con.execute(f"SELECT count(*) FROM {valid}").fetchall()[0]
        con.execute(f"CREATE TEMP TABLE collapsed AS SELECT {', '.join(aggregates)}, min(_line) AS _line "
                    f"FROM {valid} WHERE _line NOT IN (SELECT line FROM bad_lines) GROUP BY {key}")
        after = con.execute("SELECT count(*) FROM collapsed").fetchall()[0]
        report.collapsed = int(before[0] if before else 0) - len(bad_lines) - int(after[0] if after else 0)
        return "collapsed"
    # Only keys that repeat are ranked (a hash aggregate finds them); the lines they drop are few.
    keys = ", ".join(_q(k) for k in record_kinds.KEYS[kind])
    con.execute(f"CREATE TEMP TABLE dropped AS SELECT _line FROM ("
                f"SELECT v._line, row_number() OVER (PARTITION BY {', '.join('v.' + _q(k) for k in record_kinds.KEYS[kind])} "
                f"ORDER BY v._line DESC) AS _rank FROM {valid} v "
                f"SEMI JOIN (SELECT {keys} FROM {valid} GROUP BY {keys} HAVING count(*) > 1) d USING ({keys})"
                f") WHERE _rank > 1")
    dropped = con.execute("SELECT count(*) FROM dropped").fetchall()[0]
    report.duplicates_dropped = int(dropped[0])
    con.execute(f"CREATE TEMP VIEW deduped AS SELECT v.* EXCLUDE (_reason) FROM {valid} v "
                f"ANTI JOIN dropped d ON v._line = d._line")
    return "deduped"


# ---------------------------------------------------------------- 4. attribute


_HAN = re.compile(r"[\u4e00-\u9fff]")


def _attribute(con: duckdb.DuckDBPyConnection, kind: str, table: str, report: RecordImportReport) -> str:
    """Region code and country of every party, as for a patent's first patentee."""
    from ipcity.analytics import addresses, columnar
    from ipcity.analytics import cell_values as cv
    from ipcity.divisions import normalise_code

    current = table
    for number, party in enumerate(record_kinds.PARTIES[kind]):
        first_name = f"split_part({_q(party.name)}, '|', 1)"
        # given codes and countries: each distinct value once
        codes = [row[0] for row in con.execute(f"SELECT DISTINCT {_q(party.region_code)} FROM {current} "
                                           f"WHERE {_q(party.region_code)} IS NOT NULL").fetchall()]
        countries = [row[0] for row in con.execute(f"SELECT DISTINCT {_q(party.country)} FROM {current} "
                                               f"WHERE {_q(party.country)} IS NOT NULL").fetchall()]
        code_map = pa.table({"given": pa.array(codes, pa.string()),
                             "code": pa.array([normalise_code(c) for c in codes], pa.string())})
        country_map = pa.table({"given": pa.array(countries, pa.string()),
                                "country": pa.array([_country(cv, c) for c in countries], pa.string())})
        con.register(f"code_map_{number}", code_map)
        con.register(f"country_map_{number}", country_map)
        step = f"step_{number}_a"
        con.execute(
            f"CREATE TEMP VIEW {step} AS SELECT t.*, cm.code AS _code, km.country AS _country "
            f"FROM {current} t LEFT JOIN code_map_{number} cm ON t.{_q(party.region_code)} = cm.given "
            f"LEFT JOIN country_map_{number} km ON t.{_q(party.country)} = km.given")
        # addresses: each distinct address (prefix) resolved once
        address_rows = con.execute(
            f"SELECT DISTINCT {_q(party.address)} FROM {step} WHERE _code IS NULL AND {_q(party.address)} IS NOT NULL "
            f"AND (_country IS NULL OR _country IN ('CN', 'HK', 'MO', 'TW'))").fetchall()
        texts = [row[0] for row in address_rows]
        regions = columnar.PrefixRegions()(texts) if texts else []
        address_map = pa.table({"address": pa.array(texts, pa.string()),
                                "region": pa.array(regions, pa.string()),
                                "text_country": pa.array([cv.country_in_text(t) for t in texts], pa.string())})
        con.register(f"address_map_{number}", address_map)
        # names: the region an enterprise name starts with, for parties with neither code nor address
        name_rows = con.execute(
            f"SELECT DISTINCT {first_name} FROM {step} WHERE _code IS NULL AND {_q(party.address)} IS NULL "
            f"AND (_country IS NULL OR _country = 'CN') AND {_q(party.name)} IS NOT NULL").fetchall()
        names = [row[0] for row in name_rows if row[0] and _HAN.search(row[0])]
        name_codes = addresses.regions_of_organisation_names(names) if names else []
        name_map = pa.table({"name": pa.array(names, pa.string()), "region": pa.array(name_codes, pa.string())})
        con.register(f"name_map_{number}", name_map)
        columns = [c for c in record_kinds.COLUMNS[kind] if c not in (party.region_code, party.country)]
        region = "coalesce(s._code, am.region, nm.region)"
        country = (f"coalesce(s._country, CASE WHEN {region} IS NULL THEN NULL "
                   f"WHEN left({region}, 2) = '81' THEN 'HK' WHEN left({region}, 2) = '82' THEN 'MO' "
                   f"WHEN left({region}, 2) = '71' THEN 'TW' ELSE 'CN' END, am.text_country)")
        step_b = f"step_{number}_b"
        con.execute(
            f"CREATE TEMP VIEW {step_b} AS SELECT {', '.join('s.' + _q(c) for c in columns)}, "
            f"{region} AS {_q(party.region_code)}, {country} AS {_q(party.country)}, s._line, "
            f"(s._code IS NULL AND am.region IS NOT NULL) AS _from_address, "
            f"(s._code IS NULL AND am.region IS NULL AND nm.region IS NOT NULL) AS _from_name "
            f"FROM {step} s LEFT JOIN address_map_{number} am ON s.{_q(party.address)} = am.address "
            f"LEFT JOIN name_map_{number} nm ON s._code IS NULL AND s.{_q(party.address)} IS NULL "
            f"AND {first_name.replace(_q(party.name), 's.' + _q(party.name))} = nm.name")
        counts = con.execute(
            f"SELECT count(*) FILTER (WHERE _from_address), count(*) FILTER (WHERE _from_name), "
            f"count(*) FILTER (WHERE {_q(party.country)} IS NULL AND {_q(party.name)} IS NOT NULL), "
            f"count(*) FILTER (WHERE {_q(party.country)} = 'CN' AND {_q(party.region_code)} IS NULL) "
            f"FROM {step_b}").fetchall()[0]
        role = party.role
        for label, value in zip((f"{role}: region from the address", f"{role}: region from the name",
                                 f"{role}: country unknown", f"{role}: domestic without a region"),
                                counts or (), strict=False):
            if value:
                report.notes[label] += int(value)
        current = f"(SELECT * EXCLUDE (_from_address, _from_name) FROM {step_b})"
    con.execute(f"CREATE TEMP VIEW attributed AS SELECT * FROM {current}")
    return "attributed"


def _country(cv: Any, value: str) -> str | None:
    try:
        return cv.country_code(value)
    except ValueError:
        return cv.country_in_text(value)


def _quality_notes(con: duckdb.DuckDBPyConnection, kind: str, table: str, report: RecordImportReport) -> None:
    if kind == "trademark":
        row = con.execute(f"SELECT count(*) FROM {table} WHERE status = 'invalid' AND lapse_date IS NULL").fetchall()[0]
        if row and row[0]:
            report.notes["invalid without lapse_date: in force in no year"] += int(row[0])
    elif kind == "pledge":
        row = con.execute(f"SELECT count(*) FROM {table} WHERE amount IS NULL OR amount = 0").fetchall()[0]
        if row and row[0]:
            report.notes["amount 0 or empty: counted in pledge_count only"] += int(row[0])


def known_formats(kind: str) -> list[tuple[str, str]]:
    return [(f.name, f.label) for f in record_registry.formats_of(kind)]

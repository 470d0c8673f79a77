"""Reading a CSV once ``readers.inspect`` has found its encoding and delimiter: row by row with the
``csv`` module (any encoding, any row width, the line of a fault named), or as Arrow text columns in
batches (UTF-8 files of even width, several times faster); and the text marks that exports put on
codes (``="0123"``, ``'0123``), dropped the same way on both paths.

It exists apart from ``readers`` because the Arrow path is most of the CSV code and none of the
other types': the row-by-row reader and the column batches must give the same lines and cells, so
they sit together. Arrow and numpy load only when a file is read by columns.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ipcity.analytics.readers import InputError, Source

if TYPE_CHECKING:  # Arrow and the columnar helpers load when a CSV is read by columns, not with the CLI
    from pathlib import Path

    import pyarrow as pa

    from ipcity.analytics import columnar


def csv_rows(source: Source) -> Iterator[tuple[int, list[object]]]:
    """(line number, cells) for every row of a CSV, header included; a cell with a text mark
    unwrapped (``formula_text``)."""
    with open(source.path, "rb") as raw:
        text = io.TextIOWrapper(raw, encoding=source.encoding, newline="")
        reader = csv.reader(text, delimiter=source.delimiter or ",")
        line = 1
        try:
            for cells in reader:
                yield line, [formula_text(c) if c.startswith(_TEXT_MARKS) else c for c in cells]
                line = reader.line_num + 1
        except UnicodeDecodeError as exc:
            raise InputError(f"{source.path}: line {line}: bytes that are not {source.encoding} ({exc.reason})") from exc
        except csv.Error as exc:
            raise InputError(f"{source.path}: line {line}: {exc}") from exc


# Exports that want Excel to keep a number's digits (an application number, a code with leading
# zeros) write the cell as a formula giving text: ="202110012345.6". Excel shows the text, and so
# does every importer here; a quote inside is doubled, as in any formula's string. Others put
# Excel's text mark, an apostrophe, in front of the code ('202110012345.6, '0123): in a CSV it
# stays in the cell, so it is dropped where the rest is a code (digits and letters, `.`, `-`,
# `/`, at least one digit): text that merely starts with an apostrophe ('Twas…) is kept.
_FORMULA_TEXT = re.compile(r'^="(.*)"$', re.DOTALL)
_MARKED_CODE = r"^'([0-9A-Za-z./-]*[0-9][0-9A-Za-z./-]*)$"  # for Arrow (RE2: linear whatever the input)
# The same test for Python's backtracking engine, which tried every split of a long run around the
# digit (quadratic: a cell of 32,000 digits and one other character took 4.5 s): the run matched
# once, then a digit looked for in it.
_CODE_RUN = re.compile(r"[0-9A-Za-z./-]+")
_DIGIT = re.compile(r"[0-9]")
_TEXT_MARKS = ('="', "'")


def formula_text(cell: str) -> str:
    """``="0123"`` → ``0123``, ``'0123`` → ``0123``; any other cell as it is."""
    match = _FORMULA_TEXT.match(cell)
    if match:
        return match.group(1).replace('""', '"')
    if cell.startswith("'") and _CODE_RUN.fullmatch(cell, 1) and _DIGIT.search(cell, 1):
        return cell[1:]
    return cell


def formula_texts(array: pa.Array) -> pa.Array:
    """``formula_text`` over an Arrow text column; a column without such a cell (every export
    seen but these) is returned as it is after one scan per mark."""
    import pyarrow as pa
    import pyarrow.compute as pc

    # Prefix tests: no regex over every cell of every column.
    if pc.any(pc.starts_with(array, '="')).as_py():
        marked = pc.match_substring_regex(array, r'(?s)^=".*"$')
        inner = pc.replace_substring(pc.replace_substring_regex(array, r'(?s)^="(.*)"$', r"\1"), '""', '"')
        array = pc.if_else(pc.fill_null(marked, False), inner, array).cast(pa.string())
    if pc.any(pc.starts_with(array, "'")).as_py():
        marked = pc.match_substring_regex(array, _MARKED_CODE)
        inner = pc.replace_substring_regex(array, _MARKED_CODE, r"\1")
        array = pc.if_else(pc.fill_null(marked, False), inner, array).cast(pa.string())
    return array


class NotColumnar(Exception):
    """The CSV needs the row-by-row reader: rows of uneven width, bytes that are not UTF-8, a header
    far down the file. That reader then reads it (and names the line of any real fault)."""


def columnar_csv(source: Source) -> bool:
    """Whether Arrow's CSV reader can read this file: UTF-8 text (with or without BOM)."""
    return source.kind == "csv" and source.encoding in ("utf-8", "utf-8-sig")


def csv_column_batches(source: Source, first_line: int, width: int,
                       batch_rows: int) -> Iterator[columnar.ColumnBatch]:
    """The data rows from physical line ``first_line`` on, as Arrow text columns in batches of
    ``batch_rows`` rows, each row with the physical line it starts on (multi-line cells counted:
    the same numbers as ``iter_rows``). Raises ``NotColumnar`` where only ``iter_rows`` can read on.

    Arrow's reader parses as the ``csv`` module does for the files it accepts (quotes doubled,
    quote characters inside an unquoted cell kept, a blank line a row of empty cells); a row of
    another width than the header stops it, as do bytes that are not UTF-8.
    """
    import pyarrow as pa
    import pyarrow.csv as pacsv

    from ipcity.analytics import columnar, import_threads

    offset = _line_offset(source.path, first_line)
    if offset is None:
        raise NotColumnar("the data start too far down the file")
    names = [f"c{i}" for i in range(width)]
    with open(source.path, "rb") as raw:
        raw.seek(offset)
        try:
            reader = pacsv.open_csv(
                raw,
                read_options=pacsv.ReadOptions(column_names=names, block_size=_ARROW_BLOCK_BYTES),
                parse_options=pacsv.ParseOptions(delimiter=source.delimiter or ",", newlines_in_values=True,
                                                 ignore_empty_lines=False),
                convert_options=pacsv.ConvertOptions(column_types=dict.fromkeys(names, pa.string()),
                                                     strings_can_be_null=False,
                                                     quoted_strings_can_be_null=False))

            def numbered() -> Iterator[columnar.ColumnBatch]:
                line = first_line
                held: list[tuple[Any, list[pa.Array]]] = []  # blocks not yet handed on
                rows = 0
                for block in reader:
                    lines, line = _line_numbers(block.columns, block.num_rows, line)
                    held.append((lines, block.columns))
                    rows += block.num_rows
                    if rows >= batch_rows:
                        joined = _joined_blocks(held)
                        held, rows = [], 0
                        for start in range(0, len(joined.lines), batch_rows):
                            part = joined.lines[start:start + batch_rows]
                            arrays = [array.slice(start, batch_rows) for array in joined.arrays]
                            if len(part) == batch_rows:
                                yield columnar.ColumnBatch(part, arrays)
                            else:  # the tail waits for the next blocks
                                held, rows = [(part, arrays)], len(part)
                if rows:  # (never an empty batch: a file that ends on a batch's last row)
                    yield _joined_blocks(held)

            def unwrapped() -> Iterator[columnar.ColumnBatch]:
                for batch in numbered():
                    yield columnar.ColumnBatch(batch.lines, [formula_texts(a) for a in batch.arrays])

            # Arrow parses the next blocks (and their lines are counted, and they are joined into
            # batches) on a thread, the GIL released, while this batch is mapped.
            yield from import_threads.prefetched(unwrapped(), depth=1)
        except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
            raise NotColumnar(str(exc)) from None


# 1 MB blocks, joined into batches: Arrow's streaming reader keeps dozens of blocks in flight
# (read ahead, parsed, in its memory pool's free pages), about 50 times the block size in RSS:
# 8 MB blocks cost ~450 MB before a row was mapped, 1 MB blocks ~120 MB, and read as fast.
_ARROW_BLOCK_BYTES = 1 << 20
_HEAD_BYTES = 16 << 20  # the header is among the first 20 rows
_LINE_BREAK_BYTES = (ord("\n"), ord("\r"))


def _joined_blocks(blocks: list[tuple[Any, list[pa.Array]]]) -> columnar.ColumnBatch:
    """Consecutive blocks (line numbers, text columns) as one batch."""
    import numpy as np
    import pyarrow as pa

    from ipcity.analytics import columnar

    if len(blocks) == 1:
        return columnar.ColumnBatch(*blocks[0])
    width = len(blocks[0][1])
    return columnar.ColumnBatch(np.concatenate([lines for lines, _ in blocks]),
                                [pa.concat_arrays([arrays[i] for _, arrays in blocks]) for i in range(width)])


def _line_offset(path: Path, line: int) -> int | None:
    """The byte offset at which physical line ``line`` (1-based) starts, lines ending at \\n, \\r
    or \\r\\n as for the ``csv`` module reading through ``open(newline="")``; None if that is not
    within the first few megabytes (the row-by-row reader then reads the file)."""
    with open(path, "rb") as handle:
        head = handle.read(_HEAD_BYTES)
        whole = not handle.read(1)
    lines = head.splitlines(keepends=True)
    if len(lines) < line - 1:
        return None
    offset = sum(map(len, lines[:line - 1]))
    if not whole and offset >= len(head) - 1:
        return None  # the line break may go on past what was read (\r, then \n)
    return offset


def _line_numbers(arrays: list[pa.Array], rows: int, line: int) -> tuple[Any, int]:
    """The line each row starts on, the first on ``line``; and the line after the last row."""
    import numpy as np
    import pyarrow.compute as pc

    breaks = np.zeros(rows, dtype=np.int64)
    for array in arrays:
        data = array.buffers()[2]
        if data is None:
            continue
        raw = np.frombuffer(data, dtype=np.uint8)
        if not (np.any(raw == _LINE_BREAK_BYTES[0]) or np.any(raw == _LINE_BREAK_BYTES[1])):
            continue
        # \r\n is one line break; a lone \r or \n is one too.
        counts = (pc.count_substring(array, "\n").to_numpy(zero_copy_only=False)
                  + pc.count_substring(array, "\r").to_numpy(zero_copy_only=False)
                  - pc.count_substring(array, "\r\n").to_numpy(zero_copy_only=False))
        breaks += counts.astype(np.int64)
    spans = breaks + 1
    ends = np.cumsum(spans)
    return line + ends - spans, line + int(ends[-1]) if rows else line

"""The table files the matching library reads (the needs file, the concordance, the office's GB/T 4754
table): their non-empty rows, their columns found by Chinese or English headers, and every bad row
collected before the file is refused.

Each reader keeps its own limits, messages and error type; what they share lives here:

- ``read_rows``: the rows through the importers' reader (size, type by content, encoding), empty rows
  left out, stopping past a row limit before reading the rest (``TooManyRows``). A file that cannot
  be read, found at ``inspect`` or half-way through the rows (a damaged workbook, bytes that are not
  of the file's encoding), raises ``readers.InputError``; a formula cell without a saved result is
  named by its row and column in Chinese (the readers' own message is the CLI's English), and so is
  a web page's row too large for a sheet (``readers.RowTooLarge``).
- ``from_header``: the rows from the header on, title lines above it dropped.
- ``columns_of``: the header (width-folded, lower-cased) → each field's column, the first of its
  header names found; ``cell`` reads a cell as stripped text.
- ``check_rows``: every data row through the caller's parser; a row's ``BadRow`` messages are kept as
  (row number, message) and the parsing goes on, so the caller can refuse the file with all of them
  (``ipcity.row_problems``; the app names the row in the reader's language); ``summary`` writes them as
  one Chinese line (「第 N 行：…」) for the command line's single-message errors.

The messages are ``ipcity.notices.Notice``: Chinese text that the web pages word again in their
language.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TypeVar

from ipcity.analytics import file_rows, readers, xlsx_reading
from ipcity.notices import Notice, gettext_noop
from ipcity.row_problems import row_message
from ipcity.text import fold_width

Row = tuple[int, list[object]]  # (line number in the file, cells)
T = TypeVar("T")


class TooManyRows(ValueError):
    """More data rows than the reader's limit; the rest of the file was not read."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        super().__init__(f"more than {limit} rows")


class BadRow(ValueError):
    """Raised by a row parser: the row's problems (Chinese messages, ``Notice``s, without the row number)."""

    def __init__(self, *messages: str) -> None:
        self.messages = list(messages)
        super().__init__("；".join(messages))


def _is_empty(cells: list[object]) -> bool:
    return not any(str(c or "").strip() for c in cells)


def read_rows(path: str | Path, *, max_bytes: int, max_rows: int | None = None) -> list[Row]:
    """The file's non-empty rows, header included; ``TooManyRows`` past ``max_rows`` data rows."""
    rows: list[Row] = []
    try:
        for line, cells in file_rows.iter_rows(readers.inspect(path, max_bytes=max_bytes)):
            if _is_empty(cells):
                continue
            rows.append((line, cells))
            if max_rows is not None and len(rows) > max_rows + 1:
                raise TooManyRows(max_rows)
    except readers.RowTooLarge as large:
        raise readers.InputError(Notice(gettext_noop(
            "第 %(row)s 行内容过多，不是导出的表格：请用 Excel 或 WPS 打开后另存为 .xlsx 再上传"), row=large.row)) from None
    except xlsx_reading.UncomputedFormula as formula:
        raise readers.InputError(Notice(gettext_noop(
            "第 %(row)s 行 %(column)s 列是公式，文件中没有保存它的计算结果：请用 Excel 或 WPS 打开并保存后再上传，"
            "或把公式粘贴为数值"), row=formula.row, column=formula.column)) from None
    return rows


# Title lines an office or a platform puts above a table's header (「2024年企业技术需求汇总表」,
# 「填报单位：…」): the header is looked for among this many first rows.
HEADER_SEARCH_ROWS = 10


def from_header(rows: list[Row], is_header: Callable[[list[object]], bool]) -> list[Row]:
    """The rows from the header on: the first of the first ``HEADER_SEARCH_ROWS`` rows that
    ``is_header`` accepts, the title lines above it dropped; all the rows when none is a header
    (the caller then names the columns missing from the first row)."""
    for index, (_line, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if is_header(cells):
            return rows[index:]
    return rows


def _folded(text: object) -> str:
    return fold_width(str(text or "")).strip().lower()


def columns_of(header: list[object], headers: Mapping[str, Iterable[str]]) -> dict[str, int | None]:
    """field → the column of the first of its header names the header row holds (None if none)."""
    found = [_folded(h) for h in header]
    # A header that carries a note in brackets after its name (合作方式（转让/许可/合作）, as the pages
    # list the headers) is that name, once no header is the name exactly.
    bare = [_TRAILING_NOTE.sub("", h) for h in found]
    columns: dict[str, int | None] = {}
    for name, options in headers.items():
        folded = [_folded(option) for option in options]
        columns[name] = next((found.index(option) for option in folded if option in found),
                             next((bare.index(option) for option in folded if option in bare), None))
    return columns


_TRAILING_NOTE = re.compile(r"\s*\([^()]*\)\s*$")


def cell(cells: list[object], index: int | None) -> str:
    """The cell as stripped text; "" for a missing column or a short row."""
    value = cells[index] if index is not None and index < len(cells) else None
    return "" if value is None else str(value).strip()


def check_rows(rows: Iterable[Row], parse: Callable[[int, list[object]], T]) -> tuple[list[T], list[tuple[int, str]]]:
    """``parse(line, cells)`` on every row: the parsed rows, and (line, message) for every message
    of every row whose parser raised ``BadRow`` (such a row gives no parsed value). The message stays
    without its row, the shape of ``ipcity.row_problems.RowProblems``: whoever shows it names the
    row in the reader's language (「第 N 行：…」, "Row N: …")."""
    parsed: list[T] = []
    problems: list[tuple[int, str]] = []
    for line, cells in rows:
        try:
            parsed.append(parse(line, cells))
        except BadRow as bad:
            problems.extend((line, message) for message in bad.messages)
    return parsed, problems


def summary(problems: list[tuple[int, str]], *, shown: int = 10, total: str = "（共 {n} 行有误）") -> str:
    """The first ``shown`` messages, each naming its row (「第 N 行：…」), joined, and the count
    (``total``) when there are more: the command line's one-line message, Chinese."""
    text = "；".join(row_message(line, message) for line, message in problems[:shown])
    return text + (total.format(n=len(problems)) if len(problems) > shown else "")

"""Which of a file's first rows is its header: the row naming the most known columns, title and
query lines above it skipped, a two-row header read as one (its group row completing the field row).

It exists apart from ``readers`` because it is about the columns an export names, not about the
file: the patent importer (``split_header``), the other record kinds (``pick_header`` with their
own scores) and the XLSX and XLS readers (``looks_like_data``, to find the data sheet) use it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from ipcity.analytics.formats import header_score
from ipcity.analytics.readers import HEADER_SEARCH_ROWS, InputError


def looks_like_data(top_rows: Iterable[Sequence[object]]) -> bool:
    """Whether a sheet's top rows hold a header of known columns (the sheet to read)."""
    return any(header_score(cells) >= 2 for cells in top_rows)


def split_header(rows: Iterator[tuple[int, list[object]]]) -> tuple[int, list[object], Iterator[tuple[int, list[object]]]]:
    """Find the header row among the first rows; return it and an iterator over the data rows.

    The header is the first row with the most known headers (at least two); the rows above it
    (an export's title or query lines) are skipped.
    """
    head: list[tuple[int, list[object]]] = []
    for item in rows:
        head.append(item)
        if len(head) >= HEADER_SEARCH_ROWS:
            break
    if not head:
        raise InputError("the file has no rows")
    best, header = pick_header(head, [header_score(cells) for _, cells in head])
    line = head[best][0]

    def data() -> Iterator[tuple[int, list[object]]]:
        yield from head[best + 1:]
        yield from rows

    return line, header, data()


def pick_header(head: Sequence[tuple[int, Sequence[object]]], scores: Sequence[int]) -> tuple[int, list[object]]:
    """Which of the first rows is the header (its index), and its cells: the first row with the
    most known headers (at least two), else the first row with text.

    In a two-row header, the row of field names is the header, completed from the row above
    (``with_group_row``). When the upper row names more known fields (most fields merged down
    over both rows, a few under a group name), it scores best; the row below it is still the
    field row when it names known fields too (two or more: a data row names none).
    """
    best = max(range(len(head)), key=lambda i: (scores[i], -i))
    if scores[best] < 2:
        best = next((i for i, (_, cells) in enumerate(head) if any(str(c or "").strip() for c in cells)), 0)
        return best, list(head[best][1])
    if best + 1 < len(head) and scores[best + 1] >= 2:
        best += 1
    return best, with_group_row(head[best - 1][1], head[best][1]) if best else list(head[best][1])


def with_group_row(above: Sequence[object], header: Sequence[object]) -> list[object]:
    """The header, its empty cells named from the row above it.

    A two-row header puts group names (著录项目, 申请人信息) over the fields they span and merges
    each ungrouped field (申请号, 申请日, 法律状态) down over both rows: a merged cell's value is in
    its top cell, so in the field row those columns are empty and their names are in the row
    above. A named field is never renamed, so a title or group cell over it changes nothing.
    """
    named = list(header)
    named += [None] * (len(above) - len(named))  # a streamed row ends at its last cell with a value
    for i, cell in enumerate(named):
        if (cell is None or not str(cell).strip()) and i < len(above) and above[i] is not None \
                and str(above[i]).strip():
            named[i] = above[i]
    return named

"""Hostile tables for the readers of outside formats: what an office account could upload as an
.xls, or give the CLI. Authored files, each built the way an attacker would, small on disk and
costly to read naively; ``benchmarks/hostile_tables.py`` measures them.
"""

from __future__ import annotations

import io

from tests.ole2_files import directory_bomb, looping_short_stream

__all__ = ["directory_bomb", "looping_short_stream", "xls_corner", "xls_sheets", "page", "colspan_bomb",
           "wide_row", "paragraph_flood", "crowded_cell"]


def xls_corner(sheets: int = 1, rows: list[list[object]] | None = None) -> bytes:
    """An .xls whose every sheet has one cell in BIFF8's last row and column (65,536 × 256), the
    first sheet starting with ``rows``: about 400 bytes a sheet."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    for number in range(sheets):
        sheet = book.add_sheet(f"S{number + 1}")
        for r, row in enumerate(rows if number == 0 and rows else [["x"]]):
            for c, value in enumerate(row):
                sheet.write(r, c, value)
        sheet.write(65535, 255, "z")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xls_sheets(count: int, last: list[list[object]]) -> bytes:
    """An .xls of ``count`` sheets, the last holding ``last`` and the others a note."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    for number in range(count):
        sheet = book.add_sheet(f"S{number + 1}")
        for r, row in enumerate(last if number == count - 1 else [["说明"]]):
            for c, value in enumerate(row):
                sheet.write(r, c, value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def page(body: str, charset: str = "utf-8", doctype: str = "") -> bytes:
    """A web page saved as .xls (a platform's "导出Excel"), the table's rows in ``body``."""
    return (f'{doctype}<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}"></head>'
            f"<body><table>{body}</table></body></html>").encode()


def colspan_bomb(size: int = 5_000_000) -> bytes:
    """One row of ``colspan="256"`` cells: 20 bytes that each became 256 list entries."""
    cell = '<td colspan="256">x</td>'
    return page("<tr><td>申请号</td><td>名称</td></tr><tr>" + cell * (size // len(cell)) + "</tr>")


def wide_row(cells: int) -> bytes:
    return page("<tr>" + "<td>x</td>" * cells + "</tr>")


def paragraph_flood(size: int = 5_000_000) -> bytes:
    """A small table followed by ``size`` bytes of paragraphs, which no row holds."""
    return page("<tr><td>申请号</td><td>名称</td></tr><tr><td>CN1</td><td>装置</td></tr>") \
        .replace(b"</body>", b"<p>x</p>" * (size // 8) + b"</body>")


def crowded_cell(elements: int = 600_000) -> bytes:
    """One cell holding ``elements`` inline elements: the row is kept whole until it ends."""
    return page("<tr><td>申请号</td><td>名称</td></tr><tr><td>" + "<b>x</b>" * elements + "</td><td>y</td></tr>")


def _patched(data: bytes, record: bytes, value_at: int, fmt: str, *values: int) -> bytes:
    """``data`` with the first BIFF record of type ``record`` (its 2 bytes) given ``values``."""
    import struct

    out = bytearray(data)
    start = out.find(record)
    struct.pack_into(fmt, out, start + 4 + value_at, *values)
    return bytes(out)


def xls_lying_dimensions() -> bytes:
    """A sheet of two cells whose DIMENSIONS record declares 65,536 rows × 256 columns."""
    return _patched(xls_sheets(1, [["申请号", "名称"], ["CN1", "装置"]]), b"\x00\x02\x0e\x00", 0, "<iiHH",
                    0, 65536, 0, 256)


def xls_huge_string_count() -> bytes:
    """A workbook whose shared-string table (SST) declares 2^31 - 1 strings."""
    return _patched(xls_sheets(1, [["申请号", "名称"], ["CN1", "装置"]]), b"\xfc\x00", 0, "<ii",
                    0x7FFFFFFF, 0x7FFFFFFF)

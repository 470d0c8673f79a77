"""Arrow's CSV reader (the importer's fast path) gives the rows, cells and physical line numbers
that the row-by-row reader gives; files it cannot read the same way go to the row-by-row reader.

Property test: hypothesis writes CSV files (cells with commas, quotes, line breaks as \\n, \\r\\n
or a lone \\r, blank lines and rows of empty cells between rows, either line ending, a BOM);
``csv_reading.csv_column_batches`` must give the same (line, cells) for every non-blank row as
``readers.iter_rows``. Then whole imports: the fast path and the row-by-row path give the same
dataset and the same rejected lines. The cells are authored for these tests.
"""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ipcity.analytics import columnar, csv_reading, datasets, file_rows, importer, readers

CELLS = ["CN114000001B", "", " ", "a,b", 'say "hi"', "two\nlines", "dos\r\nline", "old\rmac", "\n", "深圳市南山区",
         "trailing \n\n blank", '"', "x\u3000y"]


@st.composite
def csv_files(draw):
    width = draw(st.integers(2, 4))
    ending = draw(st.sampled_from(["\n", "\r\n"]))
    out = io.StringIO()
    quoting = draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]))
    # (csv.writer leaves a lone \r unquoted when the line ending is \n: then no reader reads it back.)
    cells = CELLS if quoting == csv.QUOTE_ALL or ending == "\r\n" else [c for c in CELLS if c != "old\rmac"]
    writer = csv.writer(out, lineterminator=ending, quoting=quoting)
    writer.writerow([f"h{i}" for i in range(width)])
    for _ in range(draw(st.integers(1, 12))):
        extra = draw(st.sampled_from(["", "", ending, "," * (width - 1) + ending]))  # blank line, empty cells
        out.write(extra)
        writer.writerow(draw(st.lists(st.sampled_from(cells), min_size=width, max_size=width)))
    bom = draw(st.sampled_from(["", "\ufeff"]))
    return width, (bom + out.getvalue()).encode("utf-8")


def _rows_by_both(path, width, batch_rows):
    source = readers.inspect(path)
    rows = [(line, cells) for line, cells in file_rows.iter_rows(source) if not columnar.is_blank(cells)][1:]
    fast = []
    for batch in csv_reading.csv_column_batches(source, 2, width, batch_rows):
        batch = batch.without_blank_rows()
        columns = [array.to_pylist() for array in batch.arrays]
        fast += [(line, [column[i] for column in columns]) for i, line in enumerate(batch.lines.tolist())]
    return rows, fast


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(csv_files(), st.integers(1, 5))
def test_arrow_reader_gives_the_rows_and_lines_of_the_row_reader(tmp_path, file, batch_rows):
    width, data = file
    path = tmp_path / "x.csv"
    path.write_bytes(data)
    rows, fast = _rows_by_both(path, width, batch_rows)
    assert fast == rows


def test_line_numbers_count_the_line_breaks_inside_cells(tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes(b'a,b\r\n1,"x\r\ny"\r\n\r\n2,"p\rq\nr"\r\n,\r\n3,z\r\n')
    rows, fast = _rows_by_both(path, 2, 10)
    assert fast == rows == [(2, ["1", "x\r\ny"]), (5, ["2", "p\rq\nr"]), (9, ["3", "z"])]


def test_small_blocks_are_joined_into_batches_of_batch_rows(tmp_path, monkeypatch):
    # Arrow reads 1 MB blocks (its read-ahead holds dozens: big blocks cost hundreds of MB);
    # they are joined into batches of exactly ``batch_rows`` rows, the last one shorter. With
    # 64-byte blocks the 300 rows below (every third cell spanning two lines) take many blocks.
    monkeypatch.setattr(csv_reading, "_ARROW_BLOCK_BYTES", 64)
    path = tmp_path / "x.csv"
    cells = ["two\nlines" if i % 3 == 0 else "one" for i in range(300)]
    body = "".join(f'{i},"{cell}"\n' for i, cell in enumerate(cells))
    path.write_bytes(("a,b\n" + body).encode())
    batches = list(csv_reading.csv_column_batches(readers.inspect(path), 2, 2, 70))
    assert [len(b) for b in batches] == [70, 70, 70, 70, 20]
    rows, fast = _rows_by_both(path, 2, 70)
    assert fast == rows
    # Row i starts on line 2 + i + (rows before it whose cell spans two lines: ceil(i / 3)).
    assert [line for line, _ in fast][:5] == [2, 4, 5, 6, 8]
    assert fast[-1] == (2 + 299 + 100, ["299", "one"])


def test_rows_of_another_width_or_bytes_not_utf8_need_the_row_reader(tmp_path):
    short = tmp_path / "short.csv"
    short.write_bytes(b"a,b\n1,2\n3\n")
    with pytest.raises(csv_reading.NotColumnar):
        list(csv_reading.csv_column_batches(readers.inspect(short), 2, 2, 10))
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"a,b\n1,2\n" * 10 + b"3,\xff\xfe\n")  # (past the part ``inspect`` samples, in a big file)
    with pytest.raises(csv_reading.NotColumnar):
        list(csv_reading.csv_column_batches(readers.Source(bad, "csv", bad.stat().st_size, "utf-8", ","), 2, 2, 10))


HEADERS = ["公开(公告)号", "申请日", "法律状态", "申请人", "申请人地址", "摘要"]


def _import_both_ways(tmp_path, monkeypatch, data: bytes):
    path = tmp_path / "export.csv"
    path.write_bytes(data)
    fast = importer.import_file(path, "fast", data_dir=tmp_path)
    with monkeypatch.context() as patch:
        patch.setattr(csv_reading, "columnar_csv", lambda source: False)
        slow = importer.import_file(path, "slow", data_dir=tmp_path)
    return fast, slow


def test_import_by_either_reader_gives_the_same_dataset_and_rejections(tmp_path, monkeypatch):
    lines = [",".join(HEADERS)]
    for i in range(40):
        date = "2021-02-30" if i % 7 == 3 else f"2021-03-{1 + i % 28:02d}"
        abstract = f'"第{i}段\n第二段\r\n第三段"' if i % 5 == 0 else "一种方法。"
        lines.append(f"CN{114000000 + i % 37}B,{date},有效,深圳市星河科技有限公司,广东省深圳市南山区科技路{i}号,{abstract}")
        if i % 9 == 0:
            lines.append("")  # a blank line: not a row, but a line
    fast, slow = _import_both_ways(tmp_path, monkeypatch, ("\r\n".join(lines) + "\r\n").encode())
    assert fast.rejected == slow.rejected and fast.rejected_count == 6
    # Row i starts on 2 + Σ_{j<i} (3 lines if j % 5 == 0 else 1, + 1 blank line if j % 9 == 0);
    # the rejected rows are i = 3, 10, 17, 24, 31, 38 (2021-02-30).
    assert [r["line"] for r in fast.rejected] == [8, 18, 29, 39, 51, 61]
    assert (fast.rows_read, fast.rows_imported, fast.duplicates_dropped) == (slow.rows_read, slow.rows_imported,
                                                                             slow.duplicates_dropped)
    assert datasets.read_records("fast", tmp_path).equals(datasets.read_records("slow", tmp_path))


def test_a_file_arrow_cannot_read_is_read_row_by_row(tmp_path, monkeypatch):
    data = (",".join(HEADERS) + "\nCN1B,2021-03-04,有效,甲公司,广东省深圳市南山区,摘要文字\nCN2B,2021-03-05\n").encode()
    fast, slow = _import_both_ways(tmp_path, monkeypatch, data)  # the short row stops Arrow's reader
    assert fast.rows_imported == slow.rows_imported == 2
    assert datasets.read_records("fast", tmp_path).equals(datasets.read_records("slow", tmp_path))

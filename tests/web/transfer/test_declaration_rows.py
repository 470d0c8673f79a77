"""The declarations file reader (``transfer.declaration_rows``): its rows come through
``matching.table_file.read_rows``; its limits, messages and header rules are its own."""

from __future__ import annotations

import datetime as dt

import pytest

from ipcity.transfer import declaration_rows
from ipcity.transfer.declaration_rows import DeclarationRowsError, read_declarations_file

HEADER = "专利号,专利名称,专利类型,专利权人,声明日期,许可使用费类型\n"
ROW = "CN99000001A,一种铜排焊接夹具,发明,某某工业大学,2025-06-01,免费\n"


def _problems(path) -> list[tuple[int, str]]:
    with pytest.raises(DeclarationRowsError) as caught:
        read_declarations_file(path)
    return caught.value.problems


def test_empty_rows_are_skipped_and_rows_keep_their_line_numbers(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text(",,,\n" + HEADER + ",,,,,\n" + ROW + " , ,\n" + ROW.replace("01A", "02A"), encoding="utf-8")
    rows = read_declarations_file(path)
    assert [(line, data.pub_number, data.patent_kind, data.fee_type, data.declared_on) for line, data in rows] == [
        (4, "CN99000001A", "invention", "free", dt.date(2025, 6, 1)),
        (6, "CN99000002A", "invention", "free", dt.date(2025, 6, 1))]


def test_the_leftmost_of_two_columns_for_one_field_wins(tmp_path):
    # 公开号 and 专利号 both name pub_number; headers fold width and lose their spaces
    path = tmp_path / "d.csv"
    path.write_text("公开号,专利 名称,专利类型,专利权人,声明日期,许可使用费类型,专利号\n"
                    "CN99000001A,一种铜排焊接夹具,发明,某某工业大学,2025-06-01,免费,ZL2020100000001\n", encoding="utf-8")
    [(_line, data)] = read_declarations_file(path)
    assert (data.pub_number, data.title) == ("CN99000001A", "一种铜排焊接夹具")


def test_a_file_of_blank_rows_is_empty(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text(",,,\n , ,\n", encoding="utf-8")
    assert _problems(path) == [(0, "文件为空")]


def test_missing_columns_are_named_at_the_header_line(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("\n专利号,专利名称,专利类型\n" + ROW, encoding="utf-8")
    assert _problems(path) == [(2, "缺少列：专利权人、声明日期、许可使用费类型")]


def test_every_row_with_an_unreadable_date_or_number_is_listed(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text(HEADER.replace("\n", ",一次性许可费（万元）\n") + ROW.replace("\n", ",\n")
                    + ROW.replace("2025-06-01", "2025-13-01").replace("\n", ",\n")
                    + ROW.replace("\n", ",五十\n"), encoding="utf-8")
    problems = _problems(path)
    assert [line for line, _msg in problems] == [3, 4]
    assert all(msg.startswith("日期或数字无法识别：") for _line, msg in problems)


def test_the_row_limit_counts_data_rows(tmp_path, monkeypatch):
    monkeypatch.setattr(declaration_rows, "MAX_ROWS", 3)
    at_limit = tmp_path / "three.csv"
    at_limit.write_text(HEADER + ROW * 3, encoding="utf-8")
    assert len(read_declarations_file(at_limit)) == 3
    over = tmp_path / "four.csv"
    over.write_text(HEADER + ROW * 4, encoding="utf-8")
    assert _problems(over) == [(0, "行数超过 3")]


def test_a_file_that_breaks_half_way_is_refused_as_unreadable(tmp_path):
    # the encoding is judged on the first MB; a byte that is not UTF-8 past it used to escape as a raw
    # readers.InputError (not a ValidationError, so unhandled by the upload page) instead of the refusal
    path = tmp_path / "d.csv"
    long_title = "长" * 400_000  # 1.2 MB of UTF-8
    path.write_bytes((HEADER + ROW.replace("一种铜排焊接夹具", long_title)).encode() + b"CN9,\xff\xfe,x,x,x,x\n")
    [(line, msg)] = _problems(path)
    assert line == 0 and msg.startswith("文件无法读取：") and "utf-8" in msg

"""XLSX formula cells: their saved result is read; a formula saved without one (a workbook written
by a script, never opened in Excel or WPS) is refused by its cell instead of reading as empty.
The workbooks are authored here with openpyxl, which writes formulas without results."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from ipcity.analytics import file_rows, readers, xlsx_reading
from ipcity.matching.needs import NeedsFileError, read_needs_file


def _workbook(path: Path, rows: list[list[object]]) -> Path:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    return path


def _with_saved_results(path: Path, results: dict[str, str]) -> Path:
    """The workbook as Excel would save it: each formula cell's <v> holds its result."""
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    xml = members["xl/worksheets/sheet1.xml"].decode()
    for cell, value in results.items():
        start = xml.index(f'<c r="{cell}"')
        xml = xml[:start] + xml[start:].replace("<v></v>", f"<v>{value}</v>", 1)
    members["xl/worksheets/sheet1.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _rows(path: Path) -> list[list[object]]:
    return [cells for _line, cells in file_rows.iter_rows(readers.inspect(path))]


def test_a_formula_without_a_saved_result_is_named_by_its_cell(tmp_path):
    path = _workbook(tmp_path / "t.xlsx", [["企业名称", "需求描述"], ["甲公司", "铜箔表面处理"], ["乙公司", '=A3&"的需求"']])
    with pytest.raises(xlsx_reading.UncomputedFormula) as caught:
        _rows(path)
    assert (caught.value.row, caught.value.column) == (3, "B")
    assert "cell B3 is a formula without a saved result" in str(caught.value)


def test_a_formula_with_its_saved_result_reads_as_that_result(tmp_path):
    path = _with_saved_results(_workbook(tmp_path / "t.xlsx", [["a", "b"], [1, "=A2*2"]]), {"B2": "2"})
    assert _rows(path) == [["a", "b"], [1, 2]]


def _rewrite_cell(path: Path, cell: str, xml_of_cell: str) -> Path:
    """The workbook with one cell's XML replaced, as another writer would have saved it."""
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    xml = members["xl/worksheets/sheet1.xml"].decode()
    start = xml.index(f'<c r="{cell}"')
    end = xml.index("</c>", start) + len("</c>")
    members["xl/worksheets/sheet1.xml"] = (xml[:start] + xml_of_cell + xml[end:]).encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_a_formula_whose_result_is_empty_text_is_read_as_empty(tmp_path):
    # Excel and WPS save =IF(A2="","",A2) on an empty A2 as a text cell with an empty result.
    path = _workbook(tmp_path / "t.xlsx", [["a", "b"], [None, "=x"]])
    _rewrite_cell(path, "B2", '<c r="B2" t="str"><f>IF(A2="","",A2)</f><v></v></c>')
    assert _rows(path) == [["a", "b"], [None, None]]


def test_a_sheet_of_plain_values_is_not_read_for_formulas(tmp_path, monkeypatch):
    path = _workbook(tmp_path / "t.xlsx", [["a", "b"], [1, "=x"]])
    _rewrite_cell(path, "B2", '<c r="B2" t="inlineStr"><is><t>=text</t></is></c>')  # text, not a formula
    looked = []
    monkeypatch.setattr(xlsx_reading, "_first_uncomputed", lambda *args: looked.append(args))
    assert _rows(path) == [["a", "b"], [1, "=text"]]
    assert looked == []  # no formula element: the sheet is parsed once, by openpyxl


@pytest.mark.parametrize("xml, found", [
    (b'<c r="B2"><f>A2*2</f><v></v></c>', True),
    (b'<c r="B3"><f t="shared" si="0"/></c>', True),  # a shared formula's later cells
    (b'<x:c r="B2"><x:f>A2*2</x:f></x:c>', True),  # writers that prefix the namespace
    (b'<c r="B2" t="inlineStr"><is><t>f</t></is></c><cols><col min="1"/></cols>', False),
])
def test_formula_elements_are_found_in_the_sheet_xml(xml, found):
    assert bool(xlsx_reading._FORMULA_ELEMENT.search(xml)) is found


def test_the_needs_file_names_the_formula_cell_in_chinese(tmp_path):
    path = _workbook(tmp_path / "needs.xlsx", [["企业名称", "需求描述", "所在地区"],
                                              ["甲公司", "=\"铜箔\"&\"表面处理\"", "340700"]])
    with pytest.raises(NeedsFileError) as caught:
        read_needs_file(path)
    [(row, message)] = caught.value.problems
    assert row == 0 and "第 2 行 B 列是公式，文件中没有保存它的计算结果" in message
    assert "缺少需求描述" not in message


def test_a_cell_without_its_reference_is_placed_by_its_position(tmp_path):
    # Some writers leave out r="B3": the cell is the one after the row's previous cell.
    path = _workbook(tmp_path / "t.xlsx", [["a", "b"], [1, 2], [3, "=A3*2"]])
    _rewrite_cell(path, "B3", "<c><f>A3*2</f></c>")
    with pytest.raises(xlsx_reading.UncomputedFormula) as caught:
        _rows(path)
    assert (caught.value.row, caught.value.column) == (3, "B")


def test_a_sheet_with_formulas_is_checked_once_per_file(tmp_path, monkeypatch):
    # An import reads a workbook more than once (its header, then its rows): the second read must
    # not parse the sheet's XML again. A formula with its saved result passes the check.
    path = _with_saved_results(_workbook(tmp_path / "t.xlsx", [["a", "b"], [1, "=A2*2"]]), {"B2": "2"})
    looked = []
    real = xlsx_reading._first_uncomputed
    monkeypatch.setattr(xlsx_reading, "_first_uncomputed", lambda *args: looked.append(args) or real(*args))
    assert _rows(path) == _rows(path) == [["a", "b"], [1, 2]]
    assert len(looked) == 1

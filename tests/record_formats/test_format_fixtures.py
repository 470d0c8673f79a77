"""Every real export format of the record kinds, on its authored fixture (CSV and XLSX).

Each folder of ``formats/`` is one format: ``input.csv`` (and ``input.xlsx``, the same rows typed
as a spreadsheet holds them), ``expected.csv`` (the canonical rows the mapping gives, worked out
by hand) and ``rejected.json`` ([line, part of the reason] for every row set aside). The format
must be recognised from the headers alone (``--format auto``).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest

from ipcity.analytics import file_rows, readers, record_formats, record_kinds, record_registry  # noqa: F401  (record_formats registers)
from ipcity.analytics.record_columns import Mapped
from tests.xls_files import write_xls

FORMATS_DIR = Path(__file__).parent / "formats"
FOLDERS = sorted(p.name for p in FORMATS_DIR.iterdir() if (p / "expected.csv").is_file())
KIND_OF = {f.name: f.kind for f in record_registry.FORMATS if f.mapper is not None}


def _typed(kind: str, row: dict[str, str]) -> dict[str, object]:
    types = dict(record_kinds.FIELDS[kind])
    out: dict[str, object] = {}
    for name, text in row.items():
        type_name = types[name]
        if text == "":
            out[name] = None
        elif type_name == "date32":
            out[name] = dt.date.fromisoformat(text)
        elif type_name == "int16":
            out[name] = int(text)
        elif type_name == "float64":
            out[name] = float(text)
        elif type_name == "bool_":
            out[name] = {"true": True, "false": False}[text]
        else:
            out[name] = text
    return out


def _expected(folder: str) -> tuple[str, list[dict[str, object]], list[tuple[int, str]]]:
    kind = KIND_OF[folder]
    with open(FORMATS_DIR / folder / "expected.csv", encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == record_kinds.COLUMNS[kind], "expected.csv has the canonical columns in order"
        rows = [_typed(kind, row) for row in reader]
    rejected = [(line, reason) for line, reason in json.loads((FORMATS_DIR / folder / "rejected.json").read_text())]
    return kind, rows, rejected


def _map(path: Path, kind: str) -> tuple[record_registry.RecordFormat, Mapped]:
    source = readers.inspect(path)
    rows = file_rows.iter_rows(source)
    _, header = next(rows)
    fmt = record_registry.detect(header, kind)
    assert fmt.mapper is not None
    return fmt, fmt.mapper(header, rows)


def test_every_format_has_a_fixture_folder():
    assert set(FOLDERS) == set(KIND_OF)


@pytest.mark.parametrize("suffix", ["csv", "xlsx", "xls"])
@pytest.mark.parametrize("folder", FOLDERS)
def test_format_maps_its_fixture(folder: str, suffix: str, tmp_path: Path):
    kind, expected, rejected = _expected(folder)
    path = FORMATS_DIR / folder / f"input.{suffix}"
    if suffix == "xls":  # the same typed cells as input.xlsx, saved as Excel 97-2003
        path = write_xls(tmp_path / "input.xls", openpyxl.load_workbook(path.with_suffix(".xlsx")).active.values)
    fmt, mapped = _map(path, kind)
    assert fmt.name == folder
    assert mapped.rows() == expected
    assert [line for line, _ in mapped.rejected] == [line for line, _ in rejected]
    for (line, reason), (_, part) in zip(mapped.rejected, rejected, strict=True):
        assert part in reason, f"line {line}: {reason!r} does not say {part!r}"


def test_unknown_headers_name_the_headers_found_and_the_formats_known():
    source = readers.inspect(FORMATS_DIR / "unknown_headers" / "input.csv")
    _, header = next(file_rows.iter_rows(source))
    with pytest.raises(record_registry.RecordFormatError) as caught:
        record_registry.detect(header, "trademark")
    message = str(caught.value)
    for found in ("商标名称", "颜色", "备注"):
        assert found in message
    for known in ("cnipa_trademark", "qcc_trademark", "tyc_trademark", "biaoku_trademark", "canonical"):
        assert known in message

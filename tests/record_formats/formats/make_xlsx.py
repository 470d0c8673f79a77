"""Write each folder's input.xlsx from its input.csv, as a spreadsheet export would hold it.

    .venv/bin/python tests/record_formats/formats/make_xlsx.py

Cells are typed the way Excel exports type them: ISO dates become date cells, whole numbers of up
to 8 digits (classes, registration numbers, amounts) integers, short decimals floats; everything else,
and the header, stays text. Run after editing an input.csv; the .xlsx files are committed.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import openpyxl

HERE = Path(__file__).parent


def typed(cell: str) -> object:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", cell):
        try:
            return dt.datetime.fromisoformat(cell)
        except ValueError:
            return cell  # an impossible date stays text, as Excel would keep it
    if re.fullmatch(r"-?\d{1,8}", cell):
        return int(cell)
    if re.fullmatch(r"-?\d{1,6}\.\d+", cell):  # an amount, not a patent number (12 digits + check digit)
        return float(cell)
    return cell


def csv_to_xlsx(source: Path) -> None:
    """``source``'s rows as a sheet 导出数据 beside it (same name, .xlsx), cells typed as above."""
    with open(source, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "导出数据"
    sheet.append(rows[0])
    for row in rows[1:]:
        sheet.append([typed(c) if c else None for c in row])
    book.save(source.with_suffix(".xlsx"))


def main() -> None:
    for source in sorted(HERE.glob("*/input.csv")):
        csv_to_xlsx(source)


if __name__ == "__main__":
    main()

"""Write the .xlsx of each table-export layout from its .csv, typed as a spreadsheet export types
its cells (the rule of ``../formats/make_xlsx.py``: ISO dates become date cells, short whole
numbers integers).

    .venv/bin/python tests/record_formats/real_layouts/make_xlsx.py

The layouts are authored reproductions (see NOTES.md); the .xlsx files are committed.
"""

from __future__ import annotations

import csv
import runpy
from pathlib import Path

import openpyxl

HERE = Path(__file__).parent
typed = runpy.run_path(str(HERE.parent / "formats" / "make_xlsx.py"))["typed"]
# The layouts whose source is a table (a database table or an API's rows exported to a sheet).
TABLES = ("l02_warehouse_trademark", "l03_antchain_trademark", "l07_warehouse_software", "l08_warehouse_work",
          "l09_warehouse_gi_products", "l10_soft_assets_trademark", "l11_soft_assets_work", "l12_soft_assets_software")


def main() -> None:
    for name in TABLES:
        with open(HERE / f"{name}.csv", encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = "导出数据"
        sheet.append(rows[0])
        for row in rows[1:]:
            sheet.append([typed(c) if c else None for c in row])
        book.save(HERE / f"{name}.xlsx")


if __name__ == "__main__":
    main()

"""Write the .xlsx of each table-export layout from its .csv, typed as a spreadsheet export types
its cells (``../formats/make_xlsx.py``'s ``csv_to_xlsx``: ISO dates become date cells, short whole
numbers integers).

    .venv/bin/python tests/record_formats/real_layouts/make_xlsx.py

The layouts are authored reproductions (see NOTES.md); the .xlsx files are committed.
"""

from __future__ import annotations

import runpy
from pathlib import Path

HERE = Path(__file__).parent
csv_to_xlsx = runpy.run_path(str(HERE.parent / "formats" / "make_xlsx.py"))["csv_to_xlsx"]
# The layouts whose source is a table (a database table or an API's rows exported to a sheet).
TABLES = ("l02_warehouse_trademark", "l03_antchain_trademark", "l07_warehouse_software", "l08_warehouse_work",
          "l09_warehouse_gi_products", "l10_soft_assets_trademark", "l11_soft_assets_work", "l12_soft_assets_software")


def main() -> None:
    for name in TABLES:
        csv_to_xlsx(HERE / f"{name}.csv")


if __name__ == "__main__":
    main()

"""Generate the packaged GB/T 2260 edition from the table that cpca ships (run once per cpca update).

    .venv/bin/python scripts/gbt2260_from_cpca.py [--edition 2016]

cpca 0.5.5's ``cpca/resources/adcodes.csv`` has 12-digit codes, names and coordinates, and no
edition. The edition is dated by the changes it does and does not contain: 清江浦区 (320812,
October 2016) and 康巴什区 (150603, 2016) are in it; 鄠邑区 (610118, November 2016) and 长乐区
(350112, 2017) are not, and 莱芜市 (371200, abolished 2019) still is: the divisions of
autumn 2016, hence edition ``2016``. The output is ``src/ipcity/divisions/data/gbt2260-2016.csv``
(``code,name``, six digits, sorted), written through the same writer as ``ipcity regions load``.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import importlib.util
from pathlib import Path

from ipcity.divisions.table import FILE_PREFIX, PACKAGE_DATA, check_table, edition_text, read_rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edition", default="2016")
    args = parser.parse_args()
    spec = importlib.util.find_spec("cpca")
    if spec is None or spec.origin is None:
        raise SystemExit("cpca is not installed")
    source = Path(spec.origin).parent / "resources" / "adcodes.csv"
    names = read_rows(source.read_text(encoding="utf-8"))
    check_table(names)
    version = importlib.metadata.version("cpca")
    target = PACKAGE_DATA / f"{FILE_PREFIX}{args.edition}.csv"
    target.write_text(edition_text(names, args.edition, f"cpca {version}, cpca/resources/adcodes.csv (12-digit "
                                   "codes cut to 6; coordinates dropped)", "scripts/gbt2260_from_cpca.py"),
                      encoding="utf-8")
    print(f"{target}: {len(names)} codes")


if __name__ == "__main__":
    main()

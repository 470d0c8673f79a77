"""Patents on offer from a dataset (供给侧): local owners, in force, universities' and institutes'
idle patents, high-value ones, an SEI class.

High value follows shared/spec/ip-indicators.md: an invention in force meeting at least one of
``sei`` (needs an SEI table), ``overseas_family``, ``maintained_10y`` (application date + 10 years
before the end of ``year``), ``award``; ``pledge`` needs the office's threshold and is not applied
here (the listing says which criteria each patent meets).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from ipcity.analytics import datasets
from ipcity.analytics.actions import holder_kind
from ipcity.analytics.sei import SeiTable
from ipcity.divisions import region_prefix
from ipcity.matching.index import contractable, split_ipc
from ipcity.matching.ranker import office_sei_table, sei_codes_of_symbols

COLUMNS = ("pub_number", "kind", "status", "title", "applicants", "region_code", "ipc", "app_date",
           "family_granted_offices", "award")


def supply(dataset: str, *, region_code: str | None = None, in_force: bool = True, holder_kinds: tuple[str, ...] = (),
           high_value: bool = False, sei_code: str | None = None, year: int | None = None, limit: int = 500,
           data_dir: str | Path | None = None, sei_table: SeiTable | None = None) -> pa.Table:
    """The dataset's patents that pass every filter given (first ``limit``, by publication number).
    Another office's grants (a US or WO number) are never on offer: no licence of them is filed here."""
    table = datasets.read_records(dataset, data_dir, columns=[*COLUMNS, "office"])
    table = table.filter(contractable(table.select(["office"]))).drop_columns(["office"])
    if region_code:
        prefix = region_prefix(region_code)
        if prefix:
            table = table.filter(pc.starts_with(pc.fill_null(table["region_code"], ""), prefix))
    if in_force:
        table = table.filter(pc.equal(table["status"], "valid"))
    table = table.sort_by("pub_number")
    if sei_table is None and (sei_code or high_value):
        sei_table = office_sei_table(data_dir)
    year = year or dt.date.today().year
    rows = []
    for row in table.to_pylist():
        kind_of_holder = holder_kind((row["applicants"] or "").split("|")[0])
        if holder_kinds and kind_of_holder not in holder_kinds:
            continue
        symbols = split_ipc(row["ipc"])
        sei_codes = sorted(sei_codes_of_symbols(symbols, sei_table)) if sei_table is not None and symbols else []
        if sei_code and sei_code not in sei_codes:
            continue
        criteria = _high_value_criteria(row, sei_codes, year)
        if high_value and not criteria:
            continue
        rows.append({**row, "holder_kind": kind_of_holder, "sei_codes": "|".join(sei_codes),
                     "high_value_criteria": "|".join(criteria)})
        if len(rows) >= limit:
            break
    names = [*COLUMNS, "holder_kind", "sei_codes", "high_value_criteria"]
    if not rows:
        return pa.table({name: pa.array([], pa.string()) for name in names})
    return pa.Table.from_pylist(rows).select(names)


def _high_value_criteria(row: dict, sei_codes: list[str], year: int) -> list[str]:
    if row["kind"] != "invention" or row["status"] != "valid":
        return []
    criteria = []
    if sei_codes:
        criteria.append("sei")
    if row["family_granted_offices"]:
        criteria.append("overseas_family")
    app_date = row["app_date"]
    if app_date is not None and _plus_years(app_date, 10) < dt.date(year, 12, 31):
        criteria.append("maintained_10y")
    if row["award"]:
        criteria.append("award")
    return criteria


def _plus_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)

"""Which region a patent row counts for: the code the importer gave it, else the region its first
applicant's address names, and then the region of a level (province, city, district) or the one
region asked for.

Every indicator and the navigation figures count a row for the same region by the same rule;
this module is that rule's one home, apart from what the rows are counted for. The level rule is
``ipcity.divisions.level_key`` written as column expressions, and tested against it.
"""

from __future__ import annotations

from collections.abc import Sequence

import ibis
import ibis.expr.types as ir
import pandas as pd

from ipcity.analytics.engine import Engine
from ipcity.divisions import check_code, region_prefix


def text_present(column: ir.StringValue) -> ir.BooleanValue:
    # Canonical text is already trimmed by the importer ('' or null when absent); no strip()
    # here, because trimming every row costs more than the rest of a figure.
    return column.notnull() & (column.length() > 0)


def attributed_records(engine: Engine, records: ir.Table, columns: Sequence[str] | None = None) -> ir.Table:
    """The attributable ``records`` plus ``region``: the 6-digit code, else the region derived
    from the address. Rows with neither are left out (see :func:`unattributed_count`).

    With ``columns`` (the record columns the caller reads), the few rows without a code (about
    1.5 % of a national file) are read once, with those columns, into a table the engine keeps
    (:meth:`Engine.materialise`); every query over the result then reads the records without
    their long address column and takes these rows from memory. Without ``columns`` nothing is
    materialised and each query reads the address column again."""
    # The canonical region_code is six digits or empty (the importer checks the digits).
    code = records.region_code
    has_code = (code.length() == 6).coalesce(False)
    kept = list(records.columns) if columns is None else list(
        dict.fromkeys([*columns, "region_code", "first_applicant_address", "office"])
    )
    if columns is None:
        uncoded = records.filter(~has_code)
    else:
        uncoded = engine.materialise(
            records.filter(~has_code, text_present(records.first_applicant_address)).select(*kept)
        )
    needs_address = text_present(uncoded.first_applicant_address) & (uncoded.office == "CN")
    addresses = engine.execute(uncoded.filter(needs_address).select("first_applicant_address").distinct())
    from ipcity.analytics.addresses import regions_from_addresses  # cpca's matcher: loaded when needed

    mapping = regions_from_addresses(addresses["first_applicant_address"].tolist())
    coded = records.filter(has_code) if columns is None else records.filter(has_code).select(*kept)
    coded = coded.mutate(region=coded.region_code)
    if not mapping:
        return coded
    # Two branches so that the long address column is read only for the few rows without a
    # code (reading it for every row cost more than the rest of a figure's query).
    table = engine.frame(pd.DataFrame({"address": list(mapping), "derived_region": list(mapping.values())}))
    joined = uncoded.inner_join(table, uncoded.first_applicant_address == table.address)
    derived = joined.select(*[uncoded[c] for c in kept], region=table.derived_region)
    return ibis.union(coded, derived, distinct=False)


def region_key(records: ir.Table, *, region: str | None = None, level: str | None = None) -> ir.Table:
    """Add ``region_key``: the region a row counts for (one given region, or its region of a level).

    Rows under no such region get null and are dropped by the callers' filters.
    """
    code = records.region
    if region is not None:
        prefix = region_prefix(check_code(region))
        key = ibis.ifelse(code.startswith(prefix), ibis.literal(region), ibis.null("string"))
    # The levels in SQL: ipcity.divisions.level_key, written as column expressions.
    elif level == "province":
        key = code.substr(0, 2).concat("0000")
    elif level == "city":
        key = ibis.ifelse(code.substr(2, 2) != "00", code.substr(0, 4).concat("00"), ibis.null("string"))
    elif level == "district":
        key = ibis.ifelse(code.substr(4, 2) != "00", code, ibis.null("string"))
    else:
        raise ValueError("give a region or a level")
    return records.mutate(region_key=key)


#: How many leading digits of a code name its province, city or district (GB/T 2260).
LEVEL_DIGITS = {"province": 2, "city": 4, "district": 6}


def code_prefix(code: ir.StringValue, *, region: str | None, level: str | None) -> ir.StringValue:
    """The digits of a region code that decide its region of ``level`` (2, 4 or 6), padded back
    to six by :func:`keyed_cells`: fewer, shorter groups than whole codes."""
    if region is None and level in LEVEL_DIGITS:
        return code.substr(0, LEVEL_DIGITS[level])
    return code


def keyed_cells(cells: ir.Table, keys: Sequence[str], *, region: str | None = None,
                level: str | None = None) -> ir.Table:
    """Cells grouped by ``region`` (a code or its :func:`code_prefix`) and ``keys``, whose other
    columns are counts → the same cells by ``region_key``, the counts summed: the region rule of
    :func:`region_key` applied to a few thousand codes instead of every row (string slicing
    costs ~100 ns a row)."""
    measures = [c for c in cells.columns if c != "region" and c not in keys]
    cells = cells.mutate(region=cells.region.rpad(6, "0"))
    keyed_rows = region_key(cells, region=region, level=level)
    keyed_rows = keyed_rows.filter(keyed_rows.region_key.notnull())
    return keyed_rows.group_by(["region_key", *keys]).aggregate(**{m: keyed_rows[m].sum() for m in measures})


def unattributed_count(engine: Engine, records: ir.Table) -> int:
    """Domestic CN rows whose region could not be derived: counted nowhere."""
    return address_attribution(engine, records)[0]


def address_attribution(engine: Engine, records: ir.Table) -> tuple[int, int]:
    """Of the domestic CN rows without a region code: (counted nowhere, region from the address
    now). The second are the rows :func:`attributed_records` derives when the figures are
    computed (a canonical file read directly); rows the importer attributed carry a code."""
    r = records
    no_code = ~(r.region_code.length() == 6).coalesce(False)
    candidates = r.filter(r.office == "CN", r.first_applicant_country == "CN", no_code)
    addresses = engine.execute(candidates.group_by("first_applicant_address").aggregate(n=ibis._.count()))
    from ipcity.analytics.addresses import regions_from_addresses  # cpca's matcher: loaded when needed

    resolved = regions_from_addresses([a for a in addresses["first_applicant_address"] if isinstance(a, str) and a])
    derived = addresses["first_applicant_address"].isin([a for a, code in resolved.items() if code])
    return int(addresses.loc[~derived, "n"].sum()), int(addresses.loc[derived, "n"].sum())

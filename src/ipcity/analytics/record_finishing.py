"""The last steps of a record import (record_import's steps 3 and 4): collapse a register's rows
into one per registration and keep one row per key (the later row in the file wins), then
attribute every party to a region and country as for patents, and count the data-quality notes.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from ipcity.analytics import (
    record_kinds,
)
from ipcity.analytics.import_report import ImportReport
from ipcity.analytics.record_registry import RecordFormat
from ipcity.analytics.record_typing import quote_name

# ---------------------------------------------------------------- 3. collapse, de-duplicate


def collapse_and_dedupe(con: duckdb.DuckDBPyConnection, fmt: RecordFormat, typed: Path,
                         report: ImportReport) -> str:
    kind = fmt.kind
    columns = record_kinds.COLUMNS[kind]
    valid = "(SELECT * FROM typed_rows WHERE _reason IS NULL)"
    if fmt.collapse is not None:
        rule = fmt.collapse
        key = quote_name(rule.key)
        conflicts: list[Any] = []
        if rule.same:
            # NULL where a field is empty: an empty amount on one of a registration's rows is no conflict
            same = " || '/' || ".join(f"{quote_name(s)}::VARCHAR" for s in rule.same)
            conflicts = con.execute(f"SELECT {key}, list(_line ORDER BY _line), list(DISTINCT {same}) FROM {valid} "
                                f"GROUP BY {key} HAVING count(DISTINCT {same}) > 1").fetchall()
        bad_lines = [line for _, lines, _ in conflicts for line in lines]
        for value, lines, values in conflicts:
            for line in lines:
                report.reject(int(line), f"{rule.key} {value}: conflicting {', '.join(rule.same)} "
                                           f"({' / '.join(sorted(str(v) for v in values))}) on lines "
                                           f"{', '.join(str(x) for x in lines)}")
        report.rejected.sort(key=lambda r: r["line"])
        aggregates = []
        for column in columns:
            if column == rule.key:
                aggregates.append(key)
            elif column in rule.join:
                aggregates.append(
                    f"nullif(array_to_string(list_sort(list_distinct(flatten(list(string_split({quote_name(column)}, '|')) "
                    f"FILTER (WHERE {quote_name(column)} IS NOT NULL)))), '|'), '') AS {quote_name(column)}")
            else:
                aggregates.append(f"arg_min({quote_name(column)}, _line) AS {quote_name(column)}")
        con.execute("CREATE TEMP TABLE bad_lines (line BIGINT)")
        if bad_lines:
            con.executemany("INSERT INTO bad_lines VALUES (?)", [[int(x)] for x in bad_lines])
        before = con.execute(f"SELECT count(*) FROM {valid}").fetchall()[0]
        con.execute(f"CREATE TEMP TABLE collapsed AS SELECT {', '.join(aggregates)}, min(_line) AS _line "
                    f"FROM {valid} WHERE _line NOT IN (SELECT line FROM bad_lines) GROUP BY {key}")
        after = con.execute("SELECT count(*) FROM collapsed").fetchall()[0]
        report.collapsed = int(before[0] if before else 0) - len(bad_lines) - int(after[0] if after else 0)
        return "collapsed"
    # Only keys that repeat are ranked (a hash aggregate finds them); the lines they drop are few.
    keys = ", ".join(quote_name(k) for k in record_kinds.KEYS[kind])
    con.execute(f"CREATE TEMP TABLE dropped AS SELECT _line FROM ("
                f"SELECT v._line, row_number() OVER (PARTITION BY {', '.join('v.' + quote_name(k) for k in record_kinds.KEYS[kind])} "
                f"ORDER BY v._line DESC) AS _rank FROM {valid} v "
                f"SEMI JOIN (SELECT {keys} FROM {valid} GROUP BY {keys} HAVING count(*) > 1) d USING ({keys})"
                f") WHERE _rank > 1")
    dropped = con.execute("SELECT count(*) FROM dropped").fetchall()[0]
    report.duplicates_dropped = int(dropped[0])
    con.execute(f"CREATE TEMP VIEW deduped AS SELECT v.* EXCLUDE (_reason) FROM {valid} v "
                f"ANTI JOIN dropped d ON v._line = d._line")
    return "deduped"


# ---------------------------------------------------------------- 4. attribute


_HAN = re.compile(r"[\u4e00-\u9fff]")


def attribute(con: duckdb.DuckDBPyConnection, kind: str, table: str, report: ImportReport) -> str:
    """Region code and country of every party, as for a patent's first patentee."""
    from ipcity.analytics import addresses
    from ipcity.analytics import cell_values as cv
    from ipcity.divisions import normalise_code

    current = table
    for number, party in enumerate(record_kinds.PARTIES[kind]):
        first_name = f"split_part({quote_name(party.name)}, '|', 1)"
        # given codes and countries: each distinct value once
        codes = [row[0] for row in con.execute(f"SELECT DISTINCT {quote_name(party.region_code)} FROM {current} "
                                           f"WHERE {quote_name(party.region_code)} IS NOT NULL").fetchall()]
        countries = [row[0] for row in con.execute(f"SELECT DISTINCT {quote_name(party.country)} FROM {current} "
                                               f"WHERE {quote_name(party.country)} IS NOT NULL").fetchall()]
        code_map = pa.table({"given": pa.array(codes, pa.string()),
                             "code": pa.array([normalise_code(c) for c in codes], pa.string())})
        country_map = pa.table({"given": pa.array(countries, pa.string()),
                                "country": pa.array([_country(cv, c) for c in countries], pa.string())})
        con.register(f"code_map_{number}", code_map)
        con.register(f"country_map_{number}", country_map)
        step = f"step_{number}_a"
        con.execute(
            f"CREATE TEMP VIEW {step} AS SELECT t.*, cm.code AS _code, km.country AS _country "
            f"FROM {current} t LEFT JOIN code_map_{number} cm ON t.{quote_name(party.region_code)} = cm.given "
            f"LEFT JOIN country_map_{number} km ON t.{quote_name(party.country)} = km.given")
        # addresses: each distinct address (prefix) resolved once
        address_rows = con.execute(
            f"SELECT DISTINCT {quote_name(party.address)} FROM {step} WHERE _code IS NULL AND {quote_name(party.address)} IS NOT NULL "
            f"AND (_country IS NULL OR _country IN ('CN', 'HK', 'MO', 'TW'))").fetchall()
        texts = [row[0] for row in address_rows]
        regions = addresses.PrefixRegions()(texts) if texts else []
        address_map = pa.table({"address": pa.array(texts, pa.string()),
                                "region": pa.array(regions, pa.string()),
                                "text_country": pa.array([cv.country_in_text(t) for t in texts], pa.string())})
        con.register(f"address_map_{number}", address_map)
        # names: the region an enterprise name starts with, for parties with neither code nor address
        name_rows = con.execute(
            f"SELECT DISTINCT {first_name} FROM {step} WHERE _code IS NULL AND {quote_name(party.address)} IS NULL "
            f"AND (_country IS NULL OR _country = 'CN') AND {quote_name(party.name)} IS NOT NULL").fetchall()
        names = [row[0] for row in name_rows if row[0] and _HAN.search(row[0])]
        name_codes = addresses.regions_of_organisation_names(names) if names else []
        name_map = pa.table({"name": pa.array(names, pa.string()), "region": pa.array(name_codes, pa.string())})
        con.register(f"name_map_{number}", name_map)
        columns = [c for c in record_kinds.COLUMNS[kind] if c not in (party.region_code, party.country)]
        region = "coalesce(s._code, am.region, nm.region)"
        country = (f"coalesce(s._country, CASE WHEN {region} IS NULL THEN NULL "
                   f"WHEN left({region}, 2) = '81' THEN 'HK' WHEN left({region}, 2) = '82' THEN 'MO' "
                   f"WHEN left({region}, 2) = '71' THEN 'TW' ELSE 'CN' END, am.text_country)")
        step_b = f"step_{number}_b"
        con.execute(
            f"CREATE TEMP VIEW {step_b} AS SELECT {', '.join('s.' + quote_name(c) for c in columns)}, "
            f"{region} AS {quote_name(party.region_code)}, {country} AS {quote_name(party.country)}, s._line, "
            f"(s._code IS NULL AND am.region IS NOT NULL) AS _from_address, "
            f"(s._code IS NULL AND am.region IS NULL AND nm.region IS NOT NULL) AS _from_name "
            f"FROM {step} s LEFT JOIN address_map_{number} am ON s.{quote_name(party.address)} = am.address "
            f"LEFT JOIN name_map_{number} nm ON s._code IS NULL AND s.{quote_name(party.address)} IS NULL "
            f"AND {first_name.replace(quote_name(party.name), 's.' + quote_name(party.name))} = nm.name")
        counts = con.execute(
            f"SELECT count(*) FILTER (WHERE _from_address), count(*) FILTER (WHERE _from_name), "
            f"count(*) FILTER (WHERE {quote_name(party.country)} IS NULL AND {quote_name(party.name)} IS NOT NULL), "
            f"count(*) FILTER (WHERE {quote_name(party.country)} = 'CN' AND {quote_name(party.region_code)} IS NULL) "
            f"FROM {step_b}").fetchall()[0]
        role = party.role
        for label, value in zip((f"{role}: region from the address", f"{role}: region from the name",
                                 f"{role}: country unknown", f"{role}: domestic without a region"),
                                counts or (), strict=False):
            if value:
                report.notes[label] += int(value)
        current = f"(SELECT * EXCLUDE (_from_address, _from_name) FROM {step_b})"
    con.execute(f"CREATE TEMP VIEW attributed AS SELECT * FROM {current}")
    return "attributed"


def _country(cv: Any, value: str) -> str | None:
    try:
        return cv.country_code(value)
    except ValueError:
        return cv.country_in_text(value)


def quality_notes(con: duckdb.DuckDBPyConnection, kind: str, table: str, report: ImportReport) -> None:
    if kind == "trademark":
        row = con.execute(f"SELECT count(*) FROM {table} WHERE status = 'invalid' AND lapse_date IS NULL").fetchall()[0]
        if row and row[0]:
            report.notes["invalid without lapse_date: in force in no year"] += int(row[0])
    elif kind == "pledge":
        row = con.execute(f"SELECT count(*) FROM {table} WHERE amount IS NULL OR amount = 0").fetchall()[0]
        if row and row[0]:
            report.notes["amount 0 or empty: counted in pledge_count only"] += int(row[0])



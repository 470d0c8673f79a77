"""A batch of export rows → canonical records (shared/spec/ip-indicators.md), column by column.

The batch is turned into columns once; each field is then parsed per *distinct* value
(``distinct_values.DistinctMap``: the status, kind and office words, dates, applicant lists, IPC
cells each parsed once per import; what a cell means is in ``cell_values`` and ``patent_cells``)
and each distinct address prefix is resolved to a region once (``patent_regions``, on
``addresses.PrefixRegions``). A row that fails a check is rejected with the reason of the
first check it fails, in the order a row-by-row reading would meet them, so the records, the
rejections and the notes are exactly those of the row-wise mapper this replaced
(``tests/analytics_import/rowmap_reference.py``, the reference the property tests compare with).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ipcity.analytics import cell_values as cv
from ipcity.analytics import columnar, distinct_values, patent_cells
from ipcity.analytics import extension_values as ev
from ipcity.analytics.columnar import Merged
from ipcity.analytics.distinct_values import DistinctMap, Parsed
from ipcity.analytics.formats import ColumnMap, list_separator_of
from ipcity.analytics.patent_regions import RegionResolver
from ipcity.analytics.schema import CANONICAL_COLUMNS
from ipcity.divisions import normalise_code

# Values already canonical, returned unchanged by their parsers (so not parsed one by one).
# A publication number: its office, a digit, at most PUB_NUMBER_MAX_LENGTH in all (a longer one or
# one with a letter after the office, USRE45000E, goes through the parser, which decides).
_CANONICAL_PUB = re.compile(rf"[A-Z]{{2}}[0-9][0-9A-Z./]{{0,{cv.PUB_NUMBER_MAX_LENGTH - 3}}}", re.ASCII)
# (Written without look-ahead, so that Arrow's RE2 runs it too: a digit somewhere, not ZL first.)
_CANONICAL_APP = re.compile(r"[0-9][0-9A-Z]*|Z[0-9][0-9A-Z.]*|(?:[A-Y.]|Z[A-KM-Z.])[0-9A-Z.]*[0-9][0-9A-Z.]*",
                            re.ASCII)  # (a bare 202110012345.6 is not: cv.parse_app_number writes CN before it)
# The bare CN application numbers of CNIPA's lists, given their office in Arrow (an anchored
# pattern that fails at the first letter of the CN… numbers other exports write).
_BARE_CN_APP = r"^(?:\d{8}|\d{12})\.[\dX]$"


class RowError(ValueError):
    pass


@dataclass
class BatchResult:
    """The records of one batch as columns (``keep``: the rows that are records), and the rest."""

    columns: dict[str, list[Any]] = field(default_factory=dict)
    keep: list[bool] = field(default_factory=list)
    rejected: list[tuple[int, str]] = field(default_factory=list)
    notes: Counter = field(default_factory=Counter)  # data-quality notes, counted

    @property
    def count(self) -> int:
        return sum(self.keep)


class RowMapper:
    """Maps the batches of one file, given the column map of its detected format.

    The mapping tables live as long as the mapper (one import), so a word or a date met in the
    first batch is not parsed again in the last.
    """

    def __init__(self, cmap: ColumnMap) -> None:
        self.cmap = cmap
        self.has = set(cmap.fields)
        self.width = len(cmap.headers)
        self.pledge_factor = cv.unit_factor_of_header(cmap.header_of("pledge_amount")) if "pledge_amount" in self.has else 1.0
        self._dates = DistinctMap(cv.parse_date)
        self._kinds = DistinctMap(cv.parse_kind)
        self._statuses = DistinctMap(cv.parse_status)
        self._offices = DistinctMap(patent_cells.office_or_none)
        self._term_ended = DistinctMap(patent_cells.term_ended)
        self._history_lapses = DistinctMap(patent_cells.history_lapse)
        separator = list_separator_of(cmap.format)  # Lens's ;; (a single ; is inside a name)
        self._applicants = DistinctMap(lambda value: "|".join(cv.split_names(value, separator)) or None)
        self._addresses = DistinctMap(patent_cells.first_address)
        self._country_province = DistinctMap(patent_cells.country_and_province)
        self._region_codes = DistinctMap(lambda value: normalise_code(cv.clean(value)))
        self._region_names = DistinctMap(patent_cells.region_of_name_cells)
        self._ipc = DistinctMap(lambda pair: cv.parse_ipc(pair[0], pair[1]))
        self._family = DistinctMap(patent_cells.family_offices)
        self._pledges = DistinctMap(lambda value: cv.parse_amount(value, self.pledge_factor))
        self._amounts = DistinctMap(cv.parse_amount)
        self._bools = DistinctMap(cv.parse_bool)
        self._inventors = DistinctMap(lambda value: ev.split_inventors(value, separator))
        self._counts = DistinctMap(ev.parse_count)
        self._citations = DistinctMap(ev.parse_citations)
        self._pub_tails: dict[tuple[str, str], tuple[str, str | None, bool]] = {}
        self._regions = RegionResolver()

    # -------------------------------------------------------------- batch

    def map_batch(self, rows: Sequence[tuple[int, list[object]]] | columnar.ColumnBatch) -> BatchResult:
        """(line, cells) rows, or a batch read straight into Arrow columns, → the batch's records."""
        result = BatchResult()
        cols: Sequence[list[Any]]
        if isinstance(rows, columnar.ColumnBatch):
            batch = rows.without_blank_rows()
            line_numbers: Any = batch.lines
            lines = batch.lines.tolist()
            n = len(lines)
            cols = columnar.ArrowColumns(batch.arrays)
        else:
            rows = [(line, cells) for line, cells in rows if not columnar.is_blank(cells)]  # blank lines are not rows
            line_numbers = lines = [line for line, _ in rows]
            n = len(rows)
            cols = columnar.transpose(columnar.pad([cells for _, cells in rows], self.width), self.width)
        if self.cmap.format == "canonical":
            record, failed = self._canonical(cols, n)
        else:
            record, failed = self._export(cols, n, result.notes)
        record["_line"] = pa.array(line_numbers, type=pa.int64())
        result.keep = [i not in failed for i in range(n)] if failed else [True] * n
        result.rejected = [(lines[i], reason) for i, (_check, reason) in sorted(failed.items())]
        record.setdefault("_province_code", [None] * n)
        self._regions.resolve(record, result.keep, result.notes)
        del record["_province_code"]
        result.columns = record
        return result

    # -------------------------------------------------------------- columns

    def _field(self, cols: Sequence[list[Any]], name: str, n: int) -> Merged:
        return columnar.merged(cols, self.cmap.fields.get(name), self.cmap.fallbacks.get(name, ()), n)

    def _named(self, column: Merged, parsed: Parsed, name: str) -> dict[int, str]:
        """A field's errors, each naming the header of the column its bad value was in."""
        errors = {}
        for row, reason in parsed.errors.items():
            index = column.column_of(row)
            errors[row] = f"{self.cmap.headers[index] if index is not None else name}: {reason}"
        return errors

    def _parsed(self, cols: Sequence[list[Any]], name: str, n: int, parse: DistinctMap) -> tuple[list[Any], dict[int, str]]:
        column = self._field(cols, name, n)
        parsed = parse(column)
        return parsed.values, self._named(column, parsed, name)

    def _tails(self, pubs: list[str | None]) -> list[tuple[str, str | None, bool]]:
        """Per publication number: its kind code, the patent type it implies, whether it is a grant.

        All three depend only on the office prefix and the number's last three characters, so
        they are worked out once per distinct prefix and tail (found in Arrow).
        """
        table = self._pub_tails
        array = pa.array(pubs, type=pa.string())
        tail = pc.if_else(pc.greater_equal(pc.utf8_length(array), 5), pc.utf8_slice_codeunits(array, -3),
                          pc.utf8_slice_codeunits(array, 2))
        encoded = pc.binary_join_element_wise(pc.utf8_slice_codeunits(array, 0, 2), tail, "").dictionary_encode()
        found: list[tuple[str, str | None, bool]] = []
        for sample in encoded.dictionary.to_pylist():
            if not sample:
                found.append(("", None, False))
                continue
            key = (sample[:2], sample[2:])
            if key not in table:
                table[key] = (cv.pub_parts(sample)[1], cv.kind_from_pub_number(sample), cv.is_grant_publication(sample))
            found.append(table[key])
        found.append(("", None, False))  # no number
        results = np.empty(len(found), dtype=object)
        for position, value in enumerate(found):
            results[position] = value
        indices = pc.fill_null(encoded.indices, len(found) - 1).to_numpy(zero_copy_only=False)
        return results[indices].tolist()  # type: ignore[no-any-return]

    def _export(self, cols: Sequence[list[Any]], n: int, notes: Counter) -> tuple[dict[str, list[Any]], dict[int, tuple[int, str]]]:
        # Checks in the order the row-wise mapper met them; a row's reason is its first failed check.
        parts = self.cmap.multi.get("pub_parts")
        if parts:
            raw = ["".join(str(cols[i][r] or "") for i in parts) for r in range(n)]
            pub = distinct_values.map_each(raw, cv.parse_pub_number)
            pub_errors = dict(pub.errors)  # the row-wise mapper named no column here
        else:
            column = self._field(cols, "pub_number", n)
            pub = distinct_values.map_each(column, cv.parse_pub_number, fast=_CANONICAL_PUB)
            pub_errors = self._named(column, pub, "pub_number")
        pubs: list[str | None] = pub.values
        for i, value in enumerate(pubs):
            if value is None and i not in pub_errors:
                pub_errors[i] = "no publication number"
        tails = self._tails(pubs)

        if "office" in self.has:
            named_offices = self._offices(self._field(cols, "office", n)).values
            offices = [o or (p or "")[:2] for o, p in zip(named_offices, pubs, strict=True)]
        else:
            offices = [(p or "")[:2] for p in pubs]

        kinds, kind_errors = self._parsed(cols, "kind", n, self._kinds)
        for i, kind in enumerate(kinds):
            if kind is None and i not in kind_errors:
                kinds[i] = tails[i][1]
                if kinds[i] is None:
                    kind_errors[i] = f"no patent type, and the publication number {pubs[i]} has no kind code"

        if "app_date" in self.has:
            app_dates, app_errors = self._parsed(cols, "app_date", n, self._dates)
            empty = f"{self.cmap.header_of('app_date')}: empty"
            for i, value in enumerate(app_dates):
                if value is None and i not in app_errors:
                    app_errors[i] = empty
            priority_note = False
        else:
            # The format has no filing date (Derwent's, CNIPR's short CSV): the earliest priority
            # date is the closest date they carry; without it app_date stays empty.
            app_dates, app_errors = self._parsed(cols, "priority_date", n, self._dates)
            priority_note = True
        pub_dates, pub_date_errors = self._parsed(cols, "pub_date", n, self._dates)
        grants, grant_errors = self._parsed(cols, "grant_date", n, self._dates)
        lapses, lapse_errors = self._parsed(cols, "lapse_date", n, self._dates)
        status_column = self._field(cols, "status", n)
        status_parsed = self._statuses(status_column)
        statuses, status_errors = status_parsed.values, self._named(status_column, status_parsed, "status")
        pledges, pledge_errors = self._parsed(cols, "pledge_amount", n, self._pledges)
        cited_by, cited_by_errors = self._parsed(cols, "cited_by_count", n, self._counts)

        failed = distinct_values.first_errors([pub_errors, kind_errors, app_errors, pub_date_errors, grant_errors,
                                        lapse_errors, status_errors, pledge_errors, cited_by_errors])
        reached_status = distinct_values.passing(n, failed, 7) if failed else [True] * n
        if priority_note:
            reached_app = distinct_values.passing(n, failed, 3) if failed else [True] * n
            for value, ok in zip(app_dates, reached_app, strict=True):
                if ok:
                    notes["app_date from priority date" if value else "app_date unknown (no filing-date column)"] += 1

        for i in range(n):
            if grants[i] is None and (tails[i][2] or (offices[i] == "CN" and kinds[i] != "invention")):
                grants[i] = pub_dates[i]  # the document is the grant: its publication day is the grant day
        inferred = 0
        for i, status in enumerate(statuses):
            if status is None and i not in status_errors:
                # No status given: the dates say it (lapsed → invalid, granted → valid, else pending).
                statuses[i] = "invalid" if lapses[i] is not None else ("valid" if grants[i] is not None else "pending")
                inferred += reached_status[i]
        if inferred:
            notes["status inferred from dates"] += inferred
        # A dated legal-event history says the day the right ended: that is the lapse date read
        # from the file, before the statutory term's end is worked out for 期限届满.
        history_lapses = self._history_lapses(status_column).values
        for i in range(n):
            if (history_lapses[i] and lapses[i] is None and statuses[i] == "invalid" and grants[i]
                    and reached_status[i]):
                lapses[i] = history_lapses[i]
                notes[patent_cells.HISTORY_LAPSE_NOTE] += 1
        term_ended = self._term_ended(status_column).values
        for i in range(n):
            if (term_ended[i] and lapses[i] is None and statuses[i] == "invalid" and grants[i] and app_dates[i]
                    and reached_status[i]):
                lapses[i] = patent_cells.expiry(kinds[i], app_dates[i])
                notes["lapse_date from the end of the statutory term (期限届满)"] += 1

        country_province: list[tuple[str | None, str | None]]
        if "country" in self.has or "province_code" in self.has:
            country_province = self._country_province.of_columns(
                [self._field(cols, "country", n), self._field(cols, "province_code", n)], n).values
        else:
            country_province = [(None, None)] * n
        regions = self._region_codes(self._field(cols, "region_code", n)).values
        name_columns = self.cmap.multi.get("region_names")
        if name_columns:
            by_names = self._region_names(list(zip(*(cols[i] for i in name_columns), strict=True))).values
            regions = [code or by_name for code, by_name in zip(regions, by_names, strict=True)]
        family = self._family.of_columns(
            [self._field(cols, "family_members", n), self._field(cols, "family_countries", n)], n).values
        if "app_number" in self.has:
            app_column = self._field(cols, "app_number", n)
            if app_column.arrow is not None:
                bare = pc.fill_null(pc.match_substring_regex(app_column.arrow, _BARE_CN_APP), False)
                if pc.any(bare).as_py():
                    prefixed = pc.binary_join_element_wise("CN", app_column.arrow, "")
                    app_column = columnar.Merged(None, app_column.best, app_column.fallback_source,
                                                 pc.if_else(bare, prefixed, app_column.arrow))
            app_numbers = distinct_values.map_each(app_column, cv.parse_app_number, fast=_CANONICAL_APP).values
        else:
            app_numbers = [None] * n
        date_arrays = [pa.array(d, type=pa.date32()) for d in (app_dates, grants, lapses, pub_dates)]
        latest = pc.max_element_wise(*date_arrays, skip_nulls=True)
        record = {
            "pub_number": pubs,
            "office": offices,
            "app_number": app_numbers,
            "kind": kinds,
            "app_date": date_arrays[0],
            "grant_date": date_arrays[1],
            "lapse_date": date_arrays[2],
            "status": statuses,
            "applicants": self._applicants(self._field(cols, "applicants", n)).values,
            "first_applicant_country": [c for c, _ in country_province],
            "first_applicant_address": self._addresses(self._field(cols, "address", n)).values,
            "region_code": regions,
            "ipc": self._ipc.of_columns([self._field(cols, "ipc", n), self._field(cols, "ipc_main", n)], n).values,
            "title": self._kept_text(cols, "title", n),
            "abstract": self._kept_text(cols, "abstract", n),
            "family_granted_offices": family,
            "pct": ([cv.clean(v) is not None for v in self._field(cols, "pct_number", n).values]
                    if "pct_number" in self.has else [False] * n),
            "pledge_amount": pledges,
            "award": self._kept_text(cols, "award", n),
            **self._optional_lists(cols, n),
            "cited_by_count": cited_by,
            "_province_code": [p for _, p in country_province],
            "_latest": latest,
        }
        return record, failed

    def _optional_lists(self, cols: Sequence[list[Any]], n: int) -> dict[str, list[Any]]:
        """The optional inventors and cited-publications columns (empty when the file has none)."""
        return {name: parse(self._field(cols, name, n).values).values if name in self.has else [None] * n
                for name, parse in (("inventors", self._inventors), ("citations", self._citations))}

    def _text(self, cols: Sequence[list[Any]], name: str, n: int) -> list[str | None]:
        if name not in self.has:
            return [None] * n
        return list(map(cv.clean, self._field(cols, name, n).values))

    def _kept_text(self, cols: Sequence[list[Any]], name: str, n: int) -> Any:
        """A column stored as written (title, abstract, award): cleaned in Arrow."""
        if name not in self.has:
            return [None] * n
        if isinstance(cols, columnar.ArrowColumns) and not self.cmap.fallbacks.get(name):
            return columnar.clean_texts(cols.arrow(self.cmap.fields[name]), cv.clean)
        return columnar.clean_texts(self._field(cols, name, n).values, cv.clean)

    def _canonical(self, cols: Sequence[list[Any]], n: int) -> tuple[dict[str, list[Any]], dict[int, tuple[int, str]]]:
        """The canonical CSV: values are already canonical; still parsed, so bad ones are caught."""
        record: dict[str, list[Any]] = {name: self._text(cols, name, n) for name in CANONICAL_COLUMNS}
        column = self._field(cols, "pub_number", n)
        pub = distinct_values.map_each(column.values, cv.parse_pub_number, fast=_CANONICAL_PUB)
        pub_errors = self._named(column, pub, "pub_number")
        pub_empty = {i: "pub_number: empty" for i, v in enumerate(pub.values) if v is None and i not in pub_errors}
        record["pub_number"] = pub.values
        date_errors = []
        for name in ("app_date", "grant_date", "lapse_date"):
            record[name], errors = self._parsed(cols, name, n, self._dates)
            date_errors.append(errors)
        app_empty = {i: "app_date: empty" for i, v in enumerate(record["app_date"]) if v is None
                     and i not in date_errors[0]}
        record["kind"], kind_errors = self._parsed(cols, "kind", n, self._kinds)
        record["status"], status_errors = self._parsed(cols, "status", n, self._statuses)
        required = {i: "kind and status are required" for i in range(n)
                    if (record["kind"][i] is None and i not in kind_errors)
                    or (record["status"][i] is None and i not in status_errors)}
        pct, pct_errors = self._parsed(cols, "pct", n, self._bools)
        record["pledge_amount"], pledge_errors = self._parsed(cols, "pledge_amount", n, self._amounts)
        record.update(self._optional_lists(cols, n))
        record["cited_by_count"], cited_by_errors = self._parsed(cols, "cited_by_count", n, self._counts)
        failed = distinct_values.first_errors([pub_errors, pub_empty, *date_errors, app_empty, kind_errors, status_errors,
                                        required, pct_errors, pledge_errors, cited_by_errors])
        record["office"] = [(o or (p or "")[:2]).upper() for o, p in zip(record["office"], record["pub_number"],
                                                                         strict=True)]
        # Codes, compared as such by the indicators (domestic ⟺ "CN"): "cn" in a hand-made file is CN.
        record["first_applicant_country"] = [c.upper() if c else c for c in record["first_applicant_country"]]
        record["pct"] = [bool(v) for v in pct]
        record["region_code"] = list(map(normalise_code, record["region_code"]))
        record["ipc"] = self._ipc([(v, None) for v in record["ipc"]]).values
        record["_latest"] = [patent_cells.latest_of(a, g, la, None) for a, g, la in zip(
            record["app_date"], record["grant_date"], record["lapse_date"], strict=True)]
        return record, failed

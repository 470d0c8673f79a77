"""The row-by-row mapper the importer used before it went columnar: the reference for its tests.

One export row → one canonical record, or a rejection reason. Kept here, unchanged in what it
computes, so that ``test_columnar_import`` can check that ``ipcity.analytics.rowmap`` (the
columnar mapper) gives the same records, rejections and notes on generated exports.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ipcity.analytics import addresses
from ipcity.analytics import cell_values as cv
from ipcity.analytics import extension_values as ev
from ipcity.analytics.formats import ColumnMap
from ipcity.analytics.schema import CANONICAL_COLUMNS
from ipcity.divisions import normalise_code

_ADDRESS_CACHE_SIZE = 200_000
_HAN = re.compile(r"[\u4e00-\u9fff]")


class RowError(ValueError):
    pass


@dataclass
class BatchResult:
    records: list[dict[str, Any]] = field(default_factory=list)
    rejected: list[tuple[int, str]] = field(default_factory=list)
    notes: Counter = field(default_factory=Counter)  # data-quality notes, counted


class RowMapper:
    """Maps the rows of one file, given the column map of its detected format."""

    def __init__(self, cmap: ColumnMap) -> None:
        self.cmap = cmap
        self.has = set(cmap.fields)
        self.pledge_factor = cv.unit_factor_of_header(cmap.header_of("pledge_amount")) if "pledge_amount" in self.has else 1.0
        # One patentee files many patents from one address: resolve each address once.
        self._address_regions: dict[str, str | None] = {}

    # -------------------------------------------------------------- batch

    def map_batch(self, rows: Sequence[tuple[int, list[object]]]) -> BatchResult:
        result = BatchResult()
        for line, cells in rows:
            if not any(c is not None and str(c).strip() for c in cells):
                continue  # blank lines are not rows
            try:
                record = self.map_row(cells, result.notes)
            except (RowError, ValueError) as exc:
                result.rejected.append((line, str(exc)))
                continue
            record["_line"] = line
            result.records.append(record)
        self._resolve_regions(result)
        for record in result.records:
            record.pop("_region_names", None)
        return result

    def _resolve_regions(self, result: BatchResult) -> None:
        """Region from the first patentee's address for rows that have no better source."""
        todo = [r for r in result.records if r["region_code"] is None and r["first_applicant_address"]
                and r["first_applicant_country"] in (None, "CN", "HK", "MO", "TW")]
        for record, code in zip(todo, self._regions_of(r["first_applicant_address"] for r in todo), strict=True):
            record["region_code"] = code or record.pop("_province_code", None)
            if code:
                result.notes["region from the first patentee's address"] += 1
        for record in result.records:
            if record["region_code"] is None and record.get("_province_code"):
                record["region_code"] = record["_province_code"]
            record.pop("_province_code", None)
        self._regions_from_names(result)
        for record in result.records:
            if record["first_applicant_country"] is None:
                record["first_applicant_country"] = (
                    addresses.country_of_region(record["region_code"])
                    or cv.country_in_text(record["first_applicant_address"])
                )
                if record["first_applicant_country"] is None:
                    result.notes["first_applicant_country unknown"] += 1
            if record["region_code"] is None and record["first_applicant_country"] == "CN":
                result.notes["domestic row without a region"] += 1

    def _regions_of(self, texts) -> list[str | None]:
        texts = list(texts)
        cache = self._address_regions
        if len(cache) > _ADDRESS_CACHE_SIZE:
            cache.clear()  # bounded memory on files with millions of distinct addresses
        new = list(dict.fromkeys(a for a in texts if a not in cache))
        if new:
            cache.update(zip(new, addresses.regions_of_addresses(new), strict=True))
        return [cache[a] for a in texts]

    @staticmethod
    def _regions_from_names(result: BatchResult) -> None:
        """Last resort for rows with no address or region: the first patentee's name.

        Many exports (PatSnap's, CNIPR's) carry no address; a Chinese organisation's name
        starts with its region, which also tells that the patentee is domestic.
        """
        todo = [r for r in result.records if r["region_code"] is None and not r["first_applicant_address"]
                and r["first_applicant_country"] in (None, "CN") and r["applicants"]
                and _HAN.search(r["applicants"].split("|")[0])]
        if not todo:
            return
        codes = addresses.regions_of_organisation_names([r["applicants"].split("|")[0] for r in todo])
        for record, code in zip(todo, codes, strict=True):
            if code:
                record["region_code"] = code
                result.notes["region from the first patentee's name"] += 1

    # -------------------------------------------------------------- one row

    def cell(self, cells: list[object], name: str) -> object:
        return self.cell_at(cells, name)[1]

    def cell_at(self, cells: list[object], name: str) -> tuple[int | None, object]:
        """(column, value) of the field in this row: its best column, else the next one that has a value."""
        index = self.cmap.fields.get(name)
        value = cells[index] if index is not None and index < len(cells) else None
        if (value is None or value == "") and name in self.cmap.fallbacks:
            for other in self.cmap.fallbacks[name]:
                if other < len(cells) and cells[other] is not None and cells[other] != "":
                    return other, cells[other]
        return index, value

    def parsed(self, cells: list[object], name: str, parser) -> Any:
        """Parse one field; a parse error names the column it came from."""
        index, value = self.cell_at(cells, name)
        try:
            return parser(value)
        except ValueError as exc:
            raise RowError(f"{self.cmap.headers[index] if index is not None else name}: {exc}") from None

    def map_row(self, cells: list[object], notes: Counter) -> dict[str, Any]:
        if self.cmap.format == "canonical":
            return self._canonical(cells)
        pub = self._pub_number(cells)
        office = self._office(cells, pub)
        kind = self.parsed(cells, "kind", cv.parse_kind) or cv.kind_from_pub_number(pub)
        if kind is None:
            raise RowError(f"no patent type, and the publication number {pub} has no kind code")
        app_date = self._app_date(cells, notes)
        pub_date = self.parsed(cells, "pub_date", cv.parse_date)
        grant_date = self.parsed(cells, "grant_date", cv.parse_date)
        if grant_date is None and (cv.is_grant_publication(pub) or (office == "CN" and kind != "invention")):
            grant_date = pub_date  # the document is the grant: its publication day is the grant day
        lapse_date = self.parsed(cells, "lapse_date", cv.parse_date)
        status = self._status(cells, grant_date, lapse_date, notes)
        if lapse_date is None and status == "invalid" and grant_date:
            status_text = cv.clean(self.cell(cells, "status"))
            lapse_date = cv.lapse_in_history(status_text) if status_text else None
            if lapse_date:
                notes["lapse_date from the dated legal-event history"] += 1
        if lapse_date is None and status == "invalid" and grant_date and app_date:
            lapse_date = _expiry_if_term_ended(self.cell(cells, "status"), kind, app_date)
            if lapse_date:
                notes["lapse_date from the end of the statutory term (期限届满)"] += 1
        applicants = cv.split_names(self.cell(cells, "applicants"))
        address = self._first_address(cells)
        country, province_code = self._country_and_province(cells)
        record = {
            "pub_number": pub,
            "office": office,
            "app_number": self.parsed(cells, "app_number", cv.parse_app_number),
            "kind": kind,
            "app_date": app_date,
            "grant_date": grant_date,
            "lapse_date": lapse_date,
            "status": status,
            "applicants": "|".join(applicants) or None,
            "first_applicant_country": country,
            "first_applicant_address": address,
            "region_code": self._region_code(cells),
            "ipc": cv.parse_ipc(self.cell(cells, "ipc"), self.cell(cells, "ipc_main")),
            "title": cv.clean(self.cell(cells, "title")),
            "abstract": cv.clean(self.cell(cells, "abstract")),
            "family_granted_offices": self._family_offices(cells),
            "pct": self._pct(cells),
            "pledge_amount": self.parsed(cells, "pledge_amount", lambda v: cv.parse_amount(v, self.pledge_factor)),
            "award": cv.clean(self.cell(cells, "award")),
            "inventors": ev.split_inventors(self.cell(cells, "inventors")),
            "citations": ev.parse_citations(self.cell(cells, "citations")),
            "cited_by_count": self.parsed(cells, "cited_by_count", ev.parse_count),
            "_province_code": province_code,
        }
        record["_latest"] = _latest_date(record, pub_date)
        return record

    def _canonical(self, cells: list[object]) -> dict[str, Any]:
        """The canonical CSV: values are already canonical; still parsed, so bad ones are caught."""
        value = {name: self.cell(cells, name) for name in CANONICAL_COLUMNS}
        pub = self.parsed(cells, "pub_number", cv.parse_pub_number)
        if pub is None:
            raise RowError("pub_number: empty")
        record: dict[str, Any] = {name: cv.clean(value[name]) for name in CANONICAL_COLUMNS}
        record["pub_number"] = pub
        for name in ("app_date", "grant_date", "lapse_date"):
            record[name] = self.parsed(cells, name, cv.parse_date)
        if record["app_date"] is None:
            raise RowError("app_date: empty")
        record["kind"] = self.parsed(cells, "kind", cv.parse_kind)
        record["status"] = self.parsed(cells, "status", cv.parse_status)
        if record["kind"] is None or record["status"] is None:
            raise RowError("kind and status are required")
        record["office"] = (record["office"] or pub[:2]).upper()
        # Codes, compared as such by the indicators (domestic ⟺ "CN"): "cn" in a hand-made file is CN.
        if record["first_applicant_country"]:
            record["first_applicant_country"] = record["first_applicant_country"].upper()
        record["pct"] = bool(self.parsed(cells, "pct", cv.parse_bool))
        record["pledge_amount"] = self.parsed(cells, "pledge_amount", cv.parse_amount)
        record["inventors"] = ev.split_inventors(self.cell(cells, "inventors"))
        record["citations"] = ev.parse_citations(self.cell(cells, "citations"))
        record["cited_by_count"] = self.parsed(cells, "cited_by_count", ev.parse_count)
        record["region_code"] = normalise_code(record["region_code"])
        record["ipc"] = cv.parse_ipc(record["ipc"])
        record["_latest"] = _latest_date(record, None)
        return record

    def _pub_number(self, cells: list[object]) -> str:
        parts = self.cmap.multi.get("pub_parts")
        if parts:
            raw = "".join(str(cells[i] or "") if i < len(cells) else "" for i in parts)
            pub = cv.parse_pub_number(raw)
        else:
            pub = self.parsed(cells, "pub_number", cv.parse_pub_number)
        if pub is None:
            raise RowError("no publication number")
        return pub

    def _office(self, cells: list[object], pub: str) -> str:
        try:
            office = cv.country_code(self.cell(cells, "office"))
        except ValueError:
            office = None  # an office word we do not know: the number's prefix says it too
        return office or cv.pub_parts(pub)[0]

    def _app_date(self, cells: list[object], notes: Counter) -> dt.date | None:
        if "app_date" in self.has:
            app_date = self.parsed(cells, "app_date", cv.parse_date)
            if app_date is None:
                raise RowError(f"{self.cmap.header_of('app_date')}: empty")
            return app_date
        # The format has no filing date (Derwent's, CNIPR's short CSV): the earliest priority
        # date is the closest date they carry; without it app_date stays empty.
        priority = self.parsed(cells, "priority_date", cv.parse_date)
        notes["app_date from priority date" if priority else "app_date unknown (no filing-date column)"] += 1
        return priority

    def _status(self, cells: list[object], grant: dt.date | None, lapse: dt.date | None, notes: Counter) -> str:
        status = self.parsed(cells, "status", cv.parse_status)
        if status is not None:
            return status
        # No status given: the dates say it (lapsed → invalid, granted → valid, else pending).
        notes["status inferred from dates"] += 1
        if lapse is not None:
            return "invalid"
        return "valid" if grant is not None else "pending"

    def _first_address(self, cells: list[object]) -> str | None:
        text = cv.clean(self.cell(cells, "address"))
        if text is None:
            return None
        return re.split(r"\s*[;；|\n]\s*", text)[0] or None

    def _country_and_province(self, cells: list[object]) -> tuple[str | None, str | None]:
        """The first patentee's country (a country column, or a letter 国省代码) and a province code."""
        country = None
        raw_country = cv.clean(self.cell(cells, "country"))
        if raw_country:
            try:
                country = cv.country_code(raw_country)
            except ValueError:
                country = cv.country_in_text(raw_country)
        province = None
        raw = cv.clean(self.cell(cells, "province_code"))
        if raw:
            first = re.split(r"[;；|,，\s]+", raw)
            digits = next((p for p in first if p.isdigit()), None)
            letters = next((p for p in first if re.fullmatch(r"[A-Za-z]{2}", p)), None)
            if digits:
                province = normalise_code(digits)
                country = country or "CN"
            elif letters:
                country = country or letters.upper()
            else:
                province = addresses.region_of_names(first[0])
        return country, province

    def _region_code(self, cells: list[object]) -> str | None:
        code = normalise_code(cv.clean(self.cell(cells, "region_code")))
        if code:
            return code
        names = [cv.clean(cells[i]) for i in self.cmap.multi.get("region_names", []) if i < len(cells)]
        joined = "".join(n for n in names if n)
        return addresses.region_of_names(joined) if joined else None

    def _family_offices(self, cells: list[object]) -> str | None:
        offices: list[str] = []
        members = cv.clean(self.cell(cells, "family_members"))
        if members:
            for member in re.split(r"[;；|,，\n]+", members):
                if cv.status_means_lapse(member):
                    continue
                match = re.search(r"\b([A-Z]{2})\s*\d[\d/]*\s*([A-Z]\d?)\b", member.upper())
                if match and match.group(1) != "CN" and cv.is_grant_publication(match.group(1) + "1" + match.group(2)):
                    offices.append(match.group(1))
        elif cv.clean(self.cell(cells, "family_countries")):
            # Only the family's countries are known: an approximation (documented) that counts
            # every office other than CN and WO (a WO publication is never a grant).
            for part in re.split(r"[;；|,，、\s]+", str(self.cell(cells, "family_countries"))):
                try:
                    code = cv.country_code(part)
                except ValueError:
                    continue
                if code:
                    offices.append(code)
        unique = [o for o in dict.fromkeys(offices) if o not in ("CN", "WO")]
        return "|".join(unique) or None

    def _pct(self, cells: list[object]) -> bool:
        return cv.clean(self.cell(cells, "pct_number")) is not None


# Terms from the filing date (专利法 第42条): invention 20 years, utility model 10, design 10, or
# 15 for designs filed from 2021-06-01 (the 2020 amendment).
_TERM_YEARS = {"invention": 20, "utility": 10, "design": 10}
_DESIGN_15Y_FROM = dt.date(2021, 6, 1)
_TERM_ENDED_WORDS = ("期限届满", "届满", "expired")


def _expiry_if_term_ended(status_cell: object, kind: str, app_date: dt.date) -> dt.date | None:
    """The last day of the term when the status says the term ran out; other lapses have no date."""
    text = (cv.clean(status_cell) or "").lower()
    if not any(word in text for word in _TERM_ENDED_WORDS):
        return None
    years = 15 if kind == "design" and app_date >= _DESIGN_15Y_FROM else _TERM_YEARS[kind]
    try:
        anniversary = app_date.replace(year=app_date.year + years)
    except ValueError:  # 29 February
        anniversary = dt.date(app_date.year + years, 3, 1)
    return anniversary - dt.timedelta(days=1)


def _latest_date(record: dict[str, Any], pub_date: dt.date | None) -> dt.date | None:
    """The latest date a row carries: which of two rows for one publication is newer."""
    dates = [d for d in (record["app_date"], record["grant_date"], record["lapse_date"], pub_date) if d]
    return max(dates) if dates else None

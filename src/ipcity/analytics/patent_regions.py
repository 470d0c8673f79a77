"""The region and country of a patent record's first patentee, when the export gives no region
code: from the address (each distinct address prefix resolved once), else the province code,
else the organisation's name; and the country from the region or the address text.

The rows attributed by address and by name are counted in the import's notes (``ADDRESS_NOTE``,
``NAME_NOTE``), which the figures show (ip-indicators.md: "how many rows were attributed by
address and by name"). Kept apart from the batch mapping (``rowmap``) because it is the one step
that looks at several fields of a record together and keeps its caches for the whole import.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from ipcity.analytics import addresses
from ipcity.analytics import cell_values as cv
from ipcity.analytics.distinct_values import DEFAULT_CACHE_SIZE, DistinctMap

_HAN = re.compile(r"[\u4e00-\u9fff]")
_DOMESTIC_OR_UNKNOWN = (None, "CN", "HK", "MO", "TW")
# The manifest notes that count the rows attributed by address and by name at import; the
# figures show them (ip-indicators.md: "how many rows were attributed by address and by name").
ADDRESS_NOTE = "region from the first patentee's address"
NAME_NOTE = "region from the first patentee's name"


class RegionResolver:
    """Fills ``region_code`` and ``first_applicant_country`` of a batch's records; one per import,
    so an address prefix or a name met in the first batch is not resolved again in the last."""

    def __init__(self) -> None:
        self._prefixes = addresses.PrefixRegions()
        self._org_names: dict[str, str | None] = {}
        self._countries_in_text = DistinctMap(cv.country_in_text)

    def resolve(self, record: dict[str, list[Any]], keep: list[bool], notes: Counter) -> None:
        """Region from the first patentee's address for rows that have no better source, then from
        the first patentee's name; then the country from the region or the address."""
        region, address = record["region_code"], record["first_applicant_address"]
        country, province = record["first_applicant_country"], record["_province_code"]
        rows = [i for i, ok in enumerate(keep) if ok]
        todo = [i for i in rows if region[i] is None and address[i] and country[i] in _DOMESTIC_OR_UNKNOWN]
        if todo:
            for i, code in zip(todo, self._prefixes([address[i] for i in todo]), strict=True):
                region[i] = code or province[i]
                if code:  # shown with the figures (ip-indicators.md, "Attribution and time")
                    notes[ADDRESS_NOTE] += 1
        for i in rows:
            if region[i] is None and province[i]:
                region[i] = province[i]
        self._from_names(record, rows, notes)
        unknown = [i for i in rows if country[i] is None]
        of_region = {code: addresses.country_of_region(code) for code in {region[i] for i in unknown}}
        for i in unknown:
            country[i] = of_region[region[i]]
        unknown = [i for i in unknown if country[i] is None]
        if unknown:
            in_text = self._countries_in_text([address[i] for i in unknown]).values
            for i, from_text in zip(unknown, in_text, strict=True):
                country[i] = from_text
                if from_text is None:
                    notes["first_applicant_country unknown"] += 1
        missing = sum(1 for i in rows if region[i] is None and country[i] == "CN")
        if missing:
            notes["domestic row without a region"] += missing

    def _from_names(self, record: dict[str, list[Any]], rows: list[int], notes: Counter) -> None:
        """Last resort for rows with no address or region: the first patentee's name.

        Many exports (PatSnap's, CNIPR's) carry no address; a Chinese organisation's name
        starts with its region, which also tells that the patentee is domestic.
        """
        region, address, country = record["region_code"], record["first_applicant_address"], record["first_applicant_country"]
        applicants = record["applicants"]
        todo: list[tuple[int, str]] = []
        for i in rows:
            if region[i] is None and not address[i] and country[i] in (None, "CN") and applicants[i]:
                first = applicants[i].split("|")[0]
                if _HAN.search(first):
                    todo.append((i, first))
        if not todo:
            return
        cache = self._org_names
        if len(cache) > DEFAULT_CACHE_SIZE:
            cache.clear()
        new = [name for name in dict.fromkeys(name for _, name in todo) if name not in cache]
        if new:
            cache.update(zip(new, addresses.regions_of_organisation_names(new), strict=True))
        for i, name in todo:
            code = cache[name]
            if code:
                region[i] = code
                notes[NAME_NOTE] += 1

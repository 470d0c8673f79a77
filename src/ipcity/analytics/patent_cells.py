"""The cells of a patent export that one value parser of ``cell_values`` does not settle alone:
the office word, the first address of a list, the first patentee's country and province from a
country or 国省代码 column, a region from name columns, the granted offices of a family, and a
lapse date from a legal-status text (a dated history, or 期限届满 and the statutory term).

Each is a function of one cell (or a tuple of cells), so the patent mapper (``rowmap``) runs it
once per distinct value through ``distinct_values.DistinctMap``; kept apart from the batch mapping so that
what a cell means is in one place and how a batch is walked in another.
"""

from __future__ import annotations

import datetime as dt
import re

from ipcity.analytics import addresses
from ipcity.analytics import cell_values as cv
from ipcity.analytics.schema import DESIGN_15Y_FROM, TERM_YEARS
from ipcity.divisions import normalise_code


def office_or_none(value: object) -> str | None:
    try:
        return cv.country_code(value)
    except ValueError:
        return None  # an office word we do not know: the number's prefix says it too


def first_address(value: object) -> str | None:
    text = cv.clean(value)
    if text is None:
        return None
    return re.split(r"\s*[;；|\n]\s*", text)[0] or None


def country_and_province(cells: tuple[object, object]) -> tuple[str | None, str | None]:
    """The first patentee's country (a country column, or a letter 国省代码) and a province code."""
    country = None
    raw_country = cv.clean(cells[0])
    if raw_country:
        try:
            country = cv.country_code(raw_country)
        except ValueError:
            country = cv.country_in_text(raw_country)
    province = None
    raw = cv.clean(cells[1])
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


def region_of_name_cells(cells: tuple[object, ...]) -> str | None:
    names = [cv.clean(c) for c in cells]
    joined = "".join(n for n in names if n)
    return addresses.region_of_names(joined) if joined else None


def family_offices(cells: tuple[object, object]) -> str | None:
    members_cell, countries_cell = cells
    offices: list[str] = []
    members = cv.clean(members_cell)
    if members:
        for member in re.split(r"[;；|,，\n]+", members):
            if cv.status_means_lapse(member):
                continue
            match = re.search(r"\b([A-Z]{2})\s*\d[\d/]*\s*([A-Z]\d?)\b", member.upper())
            if match and match.group(1) != "CN" and cv.is_grant_publication(match.group(1) + "1" + match.group(2)):
                offices.append(match.group(1))
    elif cv.clean(countries_cell):
        # Only the family's countries are known: an approximation (documented) that counts
        # every office other than CN and WO (a WO publication is never a grant).
        for part in re.split(r"[;；|,，、\s]+", str(countries_cell)):
            try:
                code = cv.country_code(part)
            except ValueError:
                continue
            if code:
                offices.append(code)
    unique = [o for o in dict.fromkeys(offices) if o not in ("CN", "WO")]
    return "|".join(unique) or None


def latest_of(*dates: dt.date | None) -> dt.date | None:
    """The latest date a row carries: which of two rows for one publication is newer."""
    present = [d for d in dates if d]
    return max(present) if present else None


_TERM_ENDED_WORDS = ("期限届满", "届满", "expired")


HISTORY_LAPSE_NOTE = "lapse_date from the dated legal-event history"


def history_lapse(status_cell: object) -> dt.date | None:
    text = cv.clean(status_cell)
    return cv.lapse_in_history(text) if text else None


def term_ended(status_cell: object) -> bool:
    """The status says the term ran out (so the lapse day is the term's last day)."""
    text = (cv.clean(status_cell) or "").lower()
    return any(word in text for word in _TERM_ENDED_WORDS)


def expiry(kind: str, app_date: dt.date) -> dt.date:
    """The last day of the statutory term of a patent of ``kind`` filed on ``app_date``."""
    years = 15 if kind == "design" and app_date >= DESIGN_15Y_FROM else TERM_YEARS[kind]
    try:
        anniversary = app_date.replace(year=app_date.year + years)
    except ValueError:  # 29 February
        anniversary = dt.date(app_date.year + years, 3, 1)
    return anniversary - dt.timedelta(days=1)

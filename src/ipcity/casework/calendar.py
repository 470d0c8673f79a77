"""Working days under China's official holiday calendar (国务院办公厅 notices, ``chinese_calendar``).

A working day is a Monday–Friday that is not a public holiday, or a weekend day the State
Council's notice turns into a make-up working day (调休上班). The *known* years are those for which
a notice is at hand: the years ``chinese_calendar`` publishes, extended by the notices the office
loads itself (``ipcity cases calendar load``, stored one year per JSON file in the directory given
to ``set_notice_dir``; see ``ipcity.casework.holiday_notices``). ``supported_range()`` is the known
range (whole years, contiguous from the package's first year).

Provisional counting (docs/protection.md, "Deadlines"): the package lags the State Council (it is
released after each year's notice, published in Oct–Nov), and a 90-working-day limit accepted in
December runs into a year without a notice. Days after the known range, up to the end of the year
FOLLOWING its last year (``provisional_until()``), count Monday–Friday as working days;
``is_provisional(day)`` says whether a day (a due date) lies there. Dates before the first known
year or after ``provisional_until()`` raise ``CalendarRangeError`` naming the date and the range.
Loading the year's notice makes its dates exact (the app then recomputes its stored due dates).

Counting rule: the N-th working day is counted from the day AFTER ``start``; every day inside a
suspension ``(first, last)`` (inclusive both ends) is skipped even when it is a working day.
Suspensions may overlap; an open suspension (no end yet) is the app's business: it passes a
closed range (for instance up to today).

``add_working_days(start, 0)`` is ``start`` itself (zero working days after a day is that day),
which keeps ``working_days_between(start, add_working_days(start, n)) == n`` true for n = 0;
a negative count is refused. ``working_days_between(start, end)`` is 0 when ``end`` is not after
``start``.

The days of the counting range are classified once into a prefix count of working days, so a
count or a due date costs a few look-ups rather than a walk day by day (the KPIs compute one per
case over 100,000 cases). The table is rebuilt when the notice directory changes (its mtime is
looked at no more than every ``RECHECK_SECONDS``, so a web worker sees a load without restart).
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from chinese_calendar import constants as _calendar_data

Suspension = tuple[dt.date, dt.date]

# How often (seconds) the notice directory's mtime is looked at; a load is seen within this time.
RECHECK_SECONDS = 3.0


class CalendarRangeError(ValueError):
    """A date outside the range in which working days can be counted (before the first known
    year, or after ``provisional_until()``)."""

    def __init__(self, day: dt.date, first: dt.date, last: dt.date) -> None:
        self.day, self.first, self.last = day, first, last
        super().__init__(
            f"日期 {day.isoformat()} 超出节假日历的范围（{first.isoformat()} 至 {last.isoformat()}），"
            "无法计算工作日"
        )


@dataclass(frozen=True)
class YearNotice:
    """One year's holiday arrangement: its public holidays and its make-up working weekends."""

    year: int
    holidays: frozenset[dt.date]
    workdays: frozenset[dt.date]
    source: str = ""


@dataclass(frozen=True)
class _Table:
    known_first: dt.date
    known_last: dt.date
    provisional_until: dt.date
    base: int  # ordinal of known_first
    counts: list[int]  # counts[i]: working days among the first i + 1 days of the counting range
    loaded: dict[int, YearNotice]  # every notice file read (also those not in effect, after a gap)
    package_years: frozenset[int]


_lock = threading.Lock()
_notice_dir: Path | None = None
_dir_stamp: int | None = None
_checked_at = 0.0
_table: _Table | None = None
# A table in effect for one thread/context only (``notice_in_effect``: a preview of a load).
_override: ContextVar[_Table | None] = ContextVar("ipcity_holiday_table_override", default=None)


def _package_years() -> frozenset[int]:
    return frozenset(day.year for day in _calendar_data.holidays)


def read_notice_dir(directory: Path | None) -> dict[int, YearNotice]:
    """The notices stored in ``directory`` (``<year>.json``); an unreadable file is skipped
    (the loader checks every file it writes, so this only guards against hand edits)."""
    notices: dict[int, YearNotice] = {}
    if directory is None or not directory.is_dir():
        return notices
    for path in sorted(directory.glob("[0-9][0-9][0-9][0-9].json")):
        try:
            payload = json.loads(path.read_text(encoding="utf-8"))
            year = int(payload["year"])
            holidays = frozenset(dt.date.fromisoformat(text) for text in payload["holidays"])
            workdays = frozenset(dt.date.fromisoformat(text) for text in payload["workdays"])
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if year != int(path.stem) or any(day.year != year for day in holidays | workdays):
            continue
        notices[year] = YearNotice(year, holidays, workdays, str(payload.get("source", "")))
    return notices


def _build(loaded: dict[int, YearNotice]) -> _Table:
    package_years = _package_years()
    first_year = min(package_years)
    last_year = max(package_years)
    # The known range runs without a gap: a loaded year counts once every year before it is known.
    while last_year + 1 in loaded:
        last_year += 1
    known_first, known_last = dt.date(first_year, 1, 1), dt.date(last_year, 12, 31)
    until = dt.date(last_year + 1, 12, 31)
    # chinese_calendar.is_workday's own rule, read from its tables directly: asking it day by day
    # costs ~40 µs a day (it re-validates the range each call), a third of a second for the range.
    holidays, workdays = _calendar_data.holidays, _calendar_data.workdays
    counts: list[int] = []
    total = 0
    day = known_first
    while day <= until:
        notice = loaded.get(day.year) if day <= known_last else None
        if notice is not None:  # an office-loaded notice wins over the package for its year
            working = day in notice.workdays or (day.weekday() < 5 and day not in notice.holidays)
        elif day <= known_last:
            working = day in workdays or (day.weekday() < 5 and day not in holidays)
        else:  # provisional: Monday–Friday
            working = day.weekday() < 5
        total += working
        counts.append(total)
        day += dt.timedelta(days=1)
    return _Table(known_first, known_last, until, known_first.toordinal(), counts, loaded, package_years)


def _stamp(directory: Path | None) -> int | None:
    if directory is None:
        return None
    try:
        return directory.stat().st_mtime_ns
    except OSError:
        return None


def set_notice_dir(path: Path | str | None) -> None:
    """Where the office-loaded notices live (``$IPCITY_DATA_DIR/reference/holidays``); read now."""
    global _notice_dir
    with _lock:
        _notice_dir = Path(path) if path is not None else None
    reload_notices()


def notice_dir() -> Path | None:
    return _notice_dir


def reload_notices() -> None:
    """Re-read the notice directory now and rebuild the table (after a load in this process)."""
    global _table, _dir_stamp, _checked_at
    with _lock:
        _dir_stamp = _stamp(_notice_dir)
        _table = _build(read_notice_dir(_notice_dir))
        _checked_at = time.monotonic()


def _current() -> _Table:
    """The table, rebuilt when the notice directory changed (looked at every RECHECK_SECONDS)."""
    global _checked_at
    override = _override.get()
    if override is not None:
        return override
    table = _table
    if table is None:
        reload_notices()
        table = _table
        assert table is not None
        return table
    if _notice_dir is not None and time.monotonic() - _checked_at >= RECHECK_SECONDS:
        _checked_at = time.monotonic()
        if _stamp(_notice_dir) != _dir_stamp:
            reload_notices()
            table = _table
            assert table is not None
    return table


@contextmanager
def notice_in_effect(notice: YearNotice) -> Iterator[None]:
    """Count as if ``notice`` were loaded, inside the ``with`` and in this context only (other
    threads and requests keep the stored notices): what a load would change, with nothing written.
    The caller checks the notice first (``holiday_notices.check_notice``)."""
    loaded = dict(_current().loaded)
    loaded[notice.year] = notice
    token = _override.set(_build(loaded))
    try:
        yield
    finally:
        _override.reset(token)


def supported_range() -> tuple[dt.date, dt.date]:
    """The first and last day of the known years (package and loaded notices; whole years)."""
    table = _current()
    return table.known_first, table.known_last


def provisional_until() -> dt.date:
    """The last day that can be counted: 31 December of the year after the last known year."""
    return _current().provisional_until


def counting_range() -> tuple[dt.date, dt.date]:
    """The days working days can be counted over: the known years and the provisional year."""
    table = _current()
    return table.known_first, table.provisional_until


def is_provisional(day: dt.date) -> bool:
    """True for a day after the known range: its working days are counted Monday–Friday until
    that year's notice is loaded (a due date there may still move)."""
    return _as_date(day) > _current().known_last


def known_years() -> dict[int, str]:
    """Every known year and where its notice comes from: "package", "loaded" (a loaded notice
    replacing the package's, or extending it)."""
    table = _current()
    years = {year: "package" for year in table.package_years}
    for year in table.loaded:
        if year <= table.known_last.year:
            years[year] = "loaded"
    return dict(sorted(years.items()))


def loaded_notices() -> dict[int, YearNotice]:
    """The notices read from the notice directory (including any not in effect after a gap)."""
    return dict(_current().loaded)


@dataclass(frozen=True)
class CalendarOverview:
    """What the calendar knows, as ``ipcity cases calendar show`` and the 节假日安排 page list it."""

    first: dt.date  # the known range
    last: dt.date
    provisional_from: dt.date  # counted Monday–Friday from here to provisional_until
    provisional_until: dt.date
    years: dict[int, str]  # known_years(): year → "package" or "loaded"
    loaded: dict[int, YearNotice]  # every notice read, in effect or not
    waiting: list[int]  # loaded years not in effect: a year before them is missing

    @property
    def package_years(self) -> list[int]:
        return [year for year, source in self.years.items() if source == "package"]

    @property
    def loaded_in_effect(self) -> list[tuple[int, YearNotice]]:
        return [(year, self.loaded[year]) for year, source in self.years.items() if source == "loaded"]


def calendar_overview() -> CalendarOverview:
    first, last = supported_range()
    loaded = loaded_notices()
    return CalendarOverview(first=first, last=last, provisional_from=dt.date(last.year + 1, 1, 1),
                            provisional_until=provisional_until(), years=known_years(), loaded=loaded,
                            waiting=sorted(year for year in loaded if year > last.year))


def _check(day: dt.date, table: _Table) -> None:
    if not table.known_first <= _as_date(day) <= table.provisional_until:
        raise CalendarRangeError(_as_date(day), table.known_first, table.provisional_until)


def _as_date(day: dt.date) -> dt.date:
    # A datetime is a date too; compare and report the calendar day.
    return day.date() if isinstance(day, dt.datetime) else day


def _cumulative(ordinal: int, table: _Table) -> int:
    """Working days from the range's first day up to and including ``ordinal``."""
    return table.counts[ordinal - table.base] if ordinal >= table.base else 0


def is_working_day(day: dt.date) -> bool:
    """True for a working day (调休 weekends included, public holidays excluded; Monday–Friday
    in the provisional year)."""
    table = _current()
    _check(day, table)
    ordinal = _as_date(day).toordinal()
    return _cumulative(ordinal, table) - _cumulative(ordinal - 1, table) == 1


def _merged(suspensions: Iterable[Suspension]) -> list[tuple[int, int]]:
    """The suspensions as sorted, disjoint ordinal ranges (overlapping ones merged)."""
    ranges = []
    for first, last in suspensions:
        if last < first:
            raise ValueError(
                f"中止期间的结束日 {_as_date(last).isoformat()} 早于开始日 {_as_date(first).isoformat()}"
            )
        ranges.append((_as_date(first).toordinal(), _as_date(last).toordinal()))
    ranges.sort()
    merged: list[tuple[int, int]] = []
    for first_ord, last_ord in ranges:
        if merged and first_ord <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last_ord))
        else:
            merged.append((first_ord, last_ord))
    return merged


def _count(start_ord: int, end_ord: int, merged: list[tuple[int, int]], table: _Table) -> int:
    """Working, unsuspended days in (start_ord, end_ord]; both ends inside the range."""
    if end_ord <= start_ord:
        return 0
    total = _cumulative(end_ord, table) - _cumulative(start_ord, table)
    for first_ord, last_ord in merged:
        low, high = max(first_ord, start_ord + 1), min(last_ord, end_ord)
        if low <= high:
            total -= _cumulative(high, table) - _cumulative(low - 1, table)
    return total


def working_days_between(
    start: dt.date, end: dt.date, suspensions: Iterable[Suspension] = ()
) -> int:
    """Working days after ``start`` up to and including ``end``, suspended days excluded
    (0 when ``end`` is not after ``start``)."""
    merged = _merged(suspensions)
    table = _current()  # one table for the whole call, even if a load swaps it meanwhile
    _check(start, table)
    _check(end, table)
    return _count(_as_date(start).toordinal(), _as_date(end).toordinal(), merged, table)


def add_working_days(start: dt.date, n: int, suspensions: Iterable[Suspension] = ()) -> dt.date:
    """The day on which the ``n``-th working day after ``start`` falls, skipping non-working days
    and every day inside a suspension; ``start`` itself when ``n`` is 0."""
    if n < 0:
        raise ValueError(f"工作日数不能为负数：{n}")
    merged = _merged(suspensions)
    table = _current()  # one table for the whole call, even if a load swaps it meanwhile
    _check(start, table)
    start_day = _as_date(start)
    if n == 0:
        return start_day
    first, last = table.known_first, table.provisional_until
    start_ord, last_ord = start_day.toordinal(), last.toordinal()
    if _count(start_ord, last_ord, merged, table) < n:
        # The n-th working day lies beyond the countable range: name its first uncountable day.
        beyond = last + dt.timedelta(days=1)
        raise CalendarRangeError(beyond, first, last)
    if not merged:  # the first day whose cumulative count reaches the start's plus n
        index = bisect_left(table.counts, _cumulative(start_ord, table) + n, lo=start_ord - table.base + 1)
        return dt.date.fromordinal(table.base + index)
    # The count is non-decreasing in the end day and steps up exactly on a working,
    # unsuspended day, so the first day reaching n is the answer.
    offsets = range(start_ord + 1, last_ord + 1)
    index = bisect_left(offsets, n, key=lambda ordinal: _count(start_ord, ordinal, merged, table))
    return dt.date.fromordinal(offsets[index])


def due_date(
    start: dt.date,
    limit: int,
    *,
    suspensions: Iterable[Suspension] = (),
    extension: int = 0,
) -> dt.date:
    """The due date of a time limit of ``limit`` working days from ``start``, moved by every
    suspended day and by an ``extension`` of working days (延期)."""
    if extension < 0:
        raise ValueError(f"延期工作日数不能为负数：{extension}")
    return add_working_days(start, limit + extension, suspensions)

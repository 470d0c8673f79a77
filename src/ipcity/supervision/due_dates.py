"""When reports fall due: a programme's reporting duties turned into dated occurrences.

Pure functions (no database) so the rules are easy to read and test:

- yearly ``{month, day}``: one occurrence a year of the programme. A duty due in the first half
  of the year (每年1月底前报送上年度情况) reports on the year before, so it runs one year later.
- ``{every_months: N}``: periods of N months from January of the first year; due on the last day
  of each period (每半年 → 6-30 and 12-31).
- once ``{date: "YYYY-MM"}``: due on the last day of that month (2025年1月前 → 2025-01-31; the
  lenient reading, since the office can always add an earlier round by hand).

Every nominal date then moves to the next working day (``calendar.next_working_day``).
"""

from __future__ import annotations

import calendar as pycalendar
import datetime as dt
import re
from dataclasses import dataclass

from ipcity.supervision.calendar import next_working_day
from ipcity.text import REPORT_SUBMISSION_WORDS

# Duties whose text says departments hand something in, or that name no one / many units.
_REPORTING_WORDS = re.compile("|".join(REPORT_SUBMISSION_WORDS))
_COLLECTIVE_WHO = re.compile(r"各|成员单位|责任单位|有关单位|部门")


@dataclass(frozen=True)
class Occurrence:
    key: str
    title: str
    period_year: int
    opens_on: dt.date
    nominal_due: dt.date
    due_date: dt.date


def duty_calls_for_department_reports(what: str, who: str | None) -> bool:
    """研究知识产权工作 by 市委、市政府 is not a call for reports; 报送推进情况 by 各责任单位 is."""
    if not who or _COLLECTIVE_WHO.search(who):
        return True
    return bool(_REPORTING_WORDS.search(what or ""))


def _last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, pycalendar.monthrange(year, month)[1])


def _clamped(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, min(day, pycalendar.monthrange(year, month)[1]))


def _occurrence(duty_id: int, what: str, label: str, period_year: int, opens_on: dt.date, nominal: dt.date) -> Occurrence:
    return Occurrence(
        key=f"duty:{duty_id}:{nominal.isoformat()}",
        title=f"{label} {what}".strip(),
        period_year=period_year,
        opens_on=opens_on,
        nominal_due=nominal,
        due_date=next_working_day(nominal),
    )


def yearly(duty_id: int, what: str, month: int, day: int, start_year: int, end_year: int) -> list[Occurrence]:
    reports_on_previous_year = month < 7
    out = []
    for period_year in range(start_year, end_year + 1):
        due_year = period_year + 1 if reports_on_previous_year else period_year
        out.append(_occurrence(duty_id, what, f"{period_year}年度", period_year, dt.date(period_year, 1, 1),
                               _clamped(due_year, month, day)))
    return out


def _period_label(year: int, first_month: int, months: int) -> str:
    if months == 12:
        return f"{year}年度"
    if months == 6:
        return f"{year}年{'上' if first_month == 1 else '下'}半年"
    if months == 3:
        return f"{year}年第{(first_month + 2) // 3}季度"
    return f"{year}年{first_month}—{first_month + months - 1}月"


def every_months(duty_id: int, what: str, months: int, start_year: int, end_year: int) -> list[Occurrence]:
    months = max(1, min(months, 60))
    out = []
    index = 0  # months since January of the first year
    while True:
        first = index
        last = index + months - 1
        year, month = start_year + last // 12, last % 12 + 1
        if year > end_year:
            break
        first_year, first_month = start_year + first // 12, first % 12 + 1
        label = _period_label(first_year, first_month, months) if first_year == year else f"{first_year}—{year}年"
        out.append(_occurrence(duty_id, what, label, year, dt.date(first_year, first_month, 1), _last_day(year, month)))
        index += months
    return out


def once(duty_id: int, what: str, yyyy_mm: str) -> list[Occurrence]:
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", (yyyy_mm or "").strip())
    if not match or not 1 <= int(match[2]) <= 12:
        return []
    year, month = int(match[1]), int(match[2])
    period_year = year if month >= 7 else year - 1
    nominal = _last_day(year, month)
    return [_occurrence(duty_id, what, f"{year}年{month}月前", period_year, dt.date(period_year, 1, 1), nominal)]


def duty_occurrences(*, duty_id: int, what: str, due: dict, start_year: int, end_year: int) -> list[Occurrence]:
    """All occurrences of one duty over the programme's years, in date order."""
    if due.get("every_months"):
        return every_months(duty_id, what, int(due["every_months"]), start_year, end_year)
    if due.get("date"):
        return once(duty_id, what, str(due["date"]))
    if due.get("month") and due.get("day"):
        return yearly(duty_id, what, int(due["month"]), int(due["day"]), start_year, end_year)
    return []

"""Office-loaded holiday notices: checks, storage, the provisional rule and its end.

The 2027 notice used here (fixtures/holidays_2027_authored.csv) is AUTHORED for the tests, not the
State Council's notice; the figures are worked by hand in the comments.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from ipcity.casework import calendar, holiday_notices

D = dt.date
FIXTURE = Path(__file__).parent / "fixtures" / "holidays_2027_authored.csv"


@pytest.fixture
def notice_dir(tmp_path):
    """A fresh notice directory, the previous one restored afterwards."""
    previous = calendar.notice_dir()
    directory = tmp_path / "reference" / "holidays"
    calendar.set_notice_dir(directory)
    yield directory
    calendar.set_notice_dir(previous)


def _listing(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir()) if directory.exists() else []


def test_package_years_end_2026_and_2027_is_provisional(notice_dir):
    assert calendar.supported_range() == (D(2004, 1, 1), D(2026, 12, 31))
    assert calendar.provisional_until() == D(2027, 12, 31)
    # Friday 2026-12-04 + 90 working days: 19 in December 2026 (7–31, no holiday known), then
    # Monday–Friday: January 21 (40), February 20 (60), March 1 – April 9 30 (90).
    due = calendar.due_date(D(2026, 12, 4), 90)
    assert due == D(2027, 4, 9) and calendar.is_provisional(due)
    assert calendar.is_working_day(D(2027, 1, 1))  # a Friday: no notice yet, so worked
    assert not calendar.is_provisional(D(2026, 12, 31))
    with pytest.raises(calendar.CalendarRangeError):
        calendar.is_working_day(D(2028, 1, 3))
    with pytest.raises(calendar.CalendarRangeError):
        calendar.due_date(D(2030, 3, 1), 5)


def test_loading_2027_makes_the_date_exact_and_extends_the_ranges(notice_dir):
    notice = holiday_notices.load_notice_file(FIXTURE, notice_dir)
    assert (notice.year, len(notice.holidays), len(notice.workdays)) == (2027, 14, 1)
    assert _listing(notice_dir) == ["2027.json"]
    stored = json.loads((notice_dir / "2027.json").read_text(encoding="utf-8"))
    assert stored["year"] == 2027 and stored["workdays"] == ["2027-02-20"]
    assert calendar.supported_range() == (D(2004, 1, 1), D(2027, 12, 31))
    assert calendar.provisional_until() == D(2028, 12, 31)
    assert calendar.known_years()[2027] == "loaded" and calendar.known_years()[2026] == "package"
    # The same 90 days: 1/1 off (−1), 2/8–2/12 off (−5), Saturday 2/20 worked (+1), Monday 4/5
    # off (−1): six more working days after 4/9: 4/12–4/16 and 4/19.
    due = calendar.due_date(D(2026, 12, 4), 90)
    assert due == D(2027, 4, 19) and not calendar.is_provisional(due)
    assert not calendar.is_working_day(D(2027, 1, 1)) and calendar.is_working_day(D(2027, 2, 20))
    assert calendar.is_provisional(D(2028, 1, 3))


def test_another_process_load_is_seen_after_the_recheck(notice_dir, monkeypatch):
    assert calendar.is_working_day(D(2027, 1, 1))
    # Written by "another process" (a CLI run while the web workers serve): no reload call here.
    other = notice_dir.parent / "other"
    other.mkdir(parents=True)
    holiday_notices.store_notice(holiday_notices.parse_notice(FIXTURE.read_text(encoding="utf-8")), other)
    calendar.set_notice_dir(notice_dir)  # back to the directory the worker watches (not there yet)
    assert calendar.is_working_day(D(2027, 1, 1))
    notice_dir.mkdir(parents=True)
    os.replace(other / "2027.json", notice_dir / "2027.json")
    monkeypatch.setattr(calendar, "RECHECK_SECONDS", 0.0)
    assert not calendar.is_working_day(D(2027, 1, 1))
    assert calendar.supported_range()[1] == D(2027, 12, 31)


def _refused(notice_dir: Path, text: str, *, name: str = "notice.csv", replace: bool = False) -> str:
    path = notice_dir.parent / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    before = _listing(notice_dir)
    with pytest.raises(holiday_notices.NoticeError) as caught:
        holiday_notices.load_notice_file(path, notice_dir, replace=replace)
    assert _listing(notice_dir) == before  # nothing written
    assert calendar.supported_range()[1] == D(2026, 12, 31)
    return str(caught.value)


@pytest.mark.parametrize("text,words", [
    ("date,kind\n2027-01-01,holiday\n2028-01-01,holiday\n", "第 3 行：2028-01-01 不在 2027 年内"),
    ("date,kind\n2027-02-20,holiday\n2027-02-20,workday\n", "第 3 行：2027-02-20 既是放假日又是调休上班日（另见第 2 行）"),
    ("date,kind\n2027-01-01,holiday\n2027-01-01,holiday\n", "第 3 行：2027-01-01 重复"),
    ("date,kind\n2027-01-01,vacation\n", "第 2 行：类别“vacation”应为 holiday 或 workday"),
    ("date,kind\n2027-13-01,holiday\n", "第 2 行：“2027-13-01”不是有效日期"),
    ("date,kind\n2027-01-04,workday\n", "第 2 行：2027-01-04 是工作日"),
    ("day,type\n2027-01-01,holiday\n", "第 1 行：表头应为 date,kind"),
    ("date,kind\n2027-01-01,holiday,extra\n", "第 2 行：应有 2 列"),
    ("", "文件为空"),
    ("date,kind\n", "文件中没有日期"),
    ("date,kind\n2026-10-01,holiday\n", "2026 年的节假日安排已由 chinese_calendar 提供；确需覆盖请加 --replace"),
    ("date,kind\n2028-01-03,holiday\n", "请先载入 2027 年的节假日安排"),
    ("date,kind\n2003-01-01,holiday\n", "2003 年早于节假日历的第一年"),
])
def test_bad_csv_names_the_line_and_changes_nothing(notice_dir, text, words):
    assert words in _refused(notice_dir, text)


@pytest.mark.parametrize("payload,words", [
    ('{"year": 2027, "holidays": ["2027-01-01"], "workdays": ["2026-12-26"]}', "workdays[0]：2026-12-26 不在 2027 年内"),
    ('{"year": 2027, "holidays": ["2027-02-20"], "workdays": ["2027-02-20"]}', "既是放假日又是调休上班日"),
    ('{"year": "2027", "holidays": [], "workdays": []}', "year：“2027”不是年份"),
    ('{"year": 2027, "holidays": []}', "JSON 应为"),
    ('{"year": 2027,\n "holidays": [,]}', "第 2 行：JSON 格式错误"),
])
def test_bad_json_is_refused(notice_dir, payload, words):
    assert words in _refused(notice_dir, payload, name="notice.json")


def test_json_notice_and_replace(notice_dir):
    path = notice_dir.parent / "2027.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"year": 2027, "holidays": ["2027-01-01"], "workdays": [],
                                "source": "authored"}), encoding="utf-8")
    holiday_notices.load_notice_file(path, notice_dir)
    assert calendar.loaded_notices()[2027].source == "authored"
    with pytest.raises(holiday_notices.NoticeError, match="已经载入"):
        holiday_notices.load_notice_file(FIXTURE, notice_dir)
    holiday_notices.load_notice_file(FIXTURE, notice_dir, replace=True)
    assert calendar.is_working_day(D(2027, 2, 20))


def test_replacing_a_package_year_wins_over_the_package(notice_dir):
    # An authored correction of 2026: Friday 2026-12-04 becomes a holiday.
    path = notice_dir.parent / "2026.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("date,kind\n2026-12-04,holiday\n", encoding="utf-8")
    assert calendar.is_working_day(D(2026, 12, 4))
    holiday_notices.load_notice_file(path, notice_dir, replace=True)
    assert not calendar.is_working_day(D(2026, 12, 4))
    # The file replaces the whole year: 2026's National Day is no longer a holiday in it.
    assert calendar.is_working_day(D(2026, 10, 8)) and calendar.known_years()[2026] == "loaded"

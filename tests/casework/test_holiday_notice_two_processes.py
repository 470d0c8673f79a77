"""Two processes load the same year's notice within the calendar's recheck interval (hostile29):
the second must see the first's file and refuse without ``replace``, not overwrite it because its
own table (re-read at most every ``calendar.RECHECK_SECONDS``) does not know the year yet. The other
process is played by writing the first notice through a second, independent load and then making
this process's table look freshly checked. The 2027 notice is the AUTHORED fixture."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from ipcity.casework import calendar, holiday_notices

FIXTURE = Path(__file__).parent / "fixtures" / "holidays_2027_authored.csv"


@pytest.fixture
def notice_dir(tmp_path):
    previous = calendar.notice_dir()
    directory = tmp_path / "holidays"
    calendar.set_notice_dir(directory)
    yield directory
    calendar.set_notice_dir(previous)


def test_a_year_another_process_loaded_a_moment_ago_is_refused_without_replace(notice_dir, monkeypatch):
    notice = holiday_notices.parse_notice(FIXTURE.read_text(encoding="utf-8"))
    assert 2027 not in calendar.known_years()
    # The other process's load: its file is in the directory; this process's table, just checked,
    # still says 2027 is unknown (as it would for up to RECHECK_SECONDS).
    stale = calendar._current()
    other = notice_dir / "2027.json"
    notice_dir.mkdir(parents=True, exist_ok=True)
    other.write_text(json.dumps({**holiday_notices.notice_payload(notice), "source": "其他进程"}, ensure_ascii=False),
                     encoding="utf-8")
    monkeypatch.setattr(calendar, "_checked_at", time.monotonic())
    assert calendar._current() is stale and 2027 not in calendar.known_years()

    with pytest.raises(holiday_notices.NoticeError, match="已经载入"):
        holiday_notices.store_notice(notice, notice_dir)
    assert json.loads(other.read_text(encoding="utf-8"))["source"] == "其他进程"  # not overwritten

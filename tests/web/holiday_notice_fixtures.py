"""The holiday-notice tests' shared pieces: the AUTHORED 2027 notice (not the real one: 1 January,
6–13 February and 3–5 April off, Saturday 20 February worked) and an empty notice directory for the
app and the command line, the previous one restored after the test."""

from __future__ import annotations

from pathlib import Path

import pytest

from ipcity.casework import calendar, holiday_notices

NOTICE_2027 = Path(__file__).parents[1] / "casework" / "fixtures" / "holidays_2027_authored.csv"


@pytest.fixture
def notices(tmp_path, monkeypatch):
    """An empty notice directory for the app and the command line; the previous one restored."""
    previous = calendar.notice_dir()
    directory = tmp_path / "reference" / "holidays"
    calendar.set_notice_dir(directory)
    monkeypatch.setattr(holiday_notices, "default_notice_dir", lambda: directory)
    yield directory
    calendar.set_notice_dir(previous)

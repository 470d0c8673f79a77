"""A navigation report is dated by Beijing's day (``timezone.localdate``, the project's clock), not the
server's: on a UTC server, from 16:00 on 31 December 2026 Beijing is already in 2027 (field test
"rollover", 2026-12-07: the report read the server's ``date.today()``; the reports app's documents
already used Beijing's day). The clock is pinned with ``timezone.localdate``."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from ipcity.navigation.report import compose_report

from .test_report import hand_report_inputs


def test_the_report_is_dated_by_beijing_s_day(tmp_path, monkeypatch):
    project, result = hand_report_inputs(tmp_path)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: dt.date(2027, 1, 1))
    doc = compose_report(project, result, version_number=1, dataset_version="battery.1")
    assert doc.date == "2027年1月1日"

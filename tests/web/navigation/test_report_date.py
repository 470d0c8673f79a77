"""A navigation report is dated by Beijing's day (``timezone.localdate``, the project's clock), not the
server's: on a UTC server, from 16:00 on 31 December 2026 Beijing is already in 2027 (field test
"rollover", 2026-12-07: the report read the server's ``date.today()``; the reports app's documents
already used Beijing's day). The clock is pinned with ``timezone.localdate``."""

from __future__ import annotations

import datetime as dt
import json

from django.utils import timezone

from ipcity.analytics import engine as eng
from ipcity.analytics.navigation.implications import implications
from ipcity.analytics.navigation.landscape import landscape
from ipcity.analytics.navigation.network import network
from ipcity.analytics.navigation.position import position
from ipcity.core.models import Region
from ipcity.navigation.models import NavigationProject
from ipcity.navigation.report import compose_report
from ipcity.programs.models import Program
from tests.navigation import hand_world


def test_the_report_is_dated_by_beijing_s_day(tmp_path, monkeypatch):
    path = hand_world.write(tmp_path / "records.parquet")
    definition = hand_world.definition()
    engine = eng.connect()
    records = engine.read_records(path)
    pos = position(engine, records, definition, city="330100", end_year=2022)
    result = json.loads(json.dumps({
        "definition": {"name": definition.name, "version": definition.version},
        "position": pos.to_dict(),
        "implications": implications(engine, records, definition, pos, min_patents=1).to_dict(),
        "network": network(engine, records, definition, city="330100").to_dict(),
        "landscape": landscape(engine, records, definition, region="330100"),
    }, default=str))
    engine.close()
    project = NavigationProject(title="开展电池产业专利导航", dataset="battery", region=Region(code="330100", name="杭州市"),
                                program=Program(title="p", issuer="杭州市知识产权局"))
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: dt.date(2027, 1, 1))
    doc = compose_report(project, result, version_number=1, dataset_version="battery.1")
    assert doc.date == "2027年1月1日"

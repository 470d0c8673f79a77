"""Every time a user sees is in Asia/Shanghai: the same instant reads the same on every page."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from ipcity.audit.models import AuditEvent
from ipcity.core.localtime import local_text
from ipcity.monitoring.templatetags.monitoring_engine_figures import lineage_rows
from ipcity.programs.models import PlanImport

# 07:32 UTC is 15:32 in Beijing (UTC+8, no summer time); the day changes at 16:00 UTC.
INSTANT = dt.datetime(2026, 11, 21, 7, 32, tzinfo=dt.UTC)
LATE = dt.datetime(2026, 11, 21, 17, 5, tzinfo=dt.UTC)  # 2026-11-22 01:05 in Beijing


@pytest.mark.django_db
def test_home_page_and_import_list_show_the_same_local_time(client, world):
    imp = PlanImport.objects.create(original_name="新方案.docx", sha256="0" * 64, parsed={}, edited={"title": "新方案"},
                                    created_by=world.office)
    PlanImport.objects.filter(pk=imp.pk).update(created_at=INSTANT)
    client.force_login(world.office)
    home = client.get("/").content.decode()
    imports = client.get("/import/").content.decode()
    for html in (home, imports):
        assert "2026-11-21 15:32" in html
        assert "07:32" not in html


def test_local_text_reads_instants_and_leaves_other_text_alone():
    assert local_text(INSTANT) == "2026-11-21 15:32"
    assert local_text(LATE) == "2026-11-22 01:05"  # the local date, not the UTC one
    assert local_text("2026-11-21T07:32:05+00:00", "%Y-%m-%d %H:%M:%S") == "2026-11-21 15:32:05"
    assert local_text(dt.datetime(2026, 11, 21, 7, 32)) == "2026-11-21 15:32"  # naive: stored UTC
    assert local_text("2026-11-21") == "2026-11-21" and local_text("人口表 2024") == "人口表 2024"
    assert local_text(None) == "" and local_text("") == ""


def test_computed_lineage_times_are_local():
    rows = dict(lineage_rows({"key_label": "每万人口发明专利拥有量", "key": "k",
                              "dataset": {"name": "d", "imported_at": "2026-11-21T07:32:00+00:00"},
                              "computed_at": "2026-11-21T17:05:00+00:00"}))
    assert rows["计算时间"] == "2026-11-22 01:05"
    assert "导入于 2026-11-21 15:32" in rows["专利数据集"]
    # A lineage given through the API is shown as given, its instants in local time.
    assert dict(lineage_rows({"recorded_at": "2026-11-21T07:32:00+00:00"}))["recorded_at"] == "2026-11-21 15:32"


def test_audit_event_reads_in_local_time():
    assert str(AuditEvent(at=INSTANT, actor_name="office", action="x.y", object_repr="z")).startswith("2026-11-21 15:32")


def test_no_code_formats_a_stored_instant_itself():
    """``created_at.strftime(...)`` or ``f"{event.at:%H:%M}"`` print UTC: they go through local_text."""
    pattern = re.compile(r"(_at|\.at)\)?(\.strftime\(|:%[YHmd])")
    src = Path(__file__).resolve().parents[3] / "src" / "ipcity"
    offenders = [f"{path.relative_to(src)}:{n}" for path in src.rglob("*.py") if "analytics" not in path.parts
                 for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                 if pattern.search(line) and "localtime(" not in line]
    assert offenders == []

"""The audit snapshot turns any model's fields into JSON, file fields included."""

from __future__ import annotations

import json

from ipcity.audit.services import changed_fields, snapshot
from ipcity.monitoring.models import IndicatorActual


def test_snapshot_of_an_empty_file_field_is_none():
    actual = IndicatorActual(year=2024, value=1.5)
    data = snapshot(actual)
    assert data["attachment"] is None
    json.dumps(data)  # JSON-safe all through


def test_snapshot_of_a_stored_file_is_its_name():
    actual = IndicatorActual(year=2024, value=1.5, attachment="evidence/a.pdf")
    assert snapshot(actual)["attachment"] == "evidence/a.pdf"


def test_changed_fields_lists_only_differences():
    assert changed_fields({"a": 1, "b": 2}, {"a": 1, "b": 3, "c": 4}) == {"b": (2, 3), "c": (None, 4)}

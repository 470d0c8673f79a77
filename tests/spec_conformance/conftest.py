"""Every conformance test gets an empty data directory: no loaded population, pledge threshold
or SEI file unless the test gives one, so defaults are the spec's defaults."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _empty_office(tmp_path, monkeypatch):
    monkeypatch.setenv("IPCITY_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("IPCITY_SEI_RULES", raising=False)

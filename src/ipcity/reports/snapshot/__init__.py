"""Snapshot builders: live data, read through the other apps' selectors, frozen into plain dicts.

``build_snapshot(kind, program=..., year=..., reporting_round=..., programs=...)`` returns
``(snapshot, source)``: ``snapshot`` holds every number the report prints (JSON-safe), ``source``
says which data it came from (value record ids and dates, rounds, datasets). A year or round
with nothing to report raises ``ReportDataMissing`` naming what is missing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ipcity.reports.snapshot.common import ReportDataMissing

__all__ = ["ReportDataMissing", "build_snapshot"]


def build_snapshot(kind: str, **kwargs: Any) -> tuple[dict, dict]:
    from ipcity.reports.snapshot import annual, bulletin, final, summary, whitepaper

    builders: dict[str, Callable[..., tuple[dict, dict]]] = {"annual": annual.build, "bulletin": bulletin.build, "whitepaper": whitepaper.build,
                "summary": summary.build, "final": final.build}
    if kind not in builders:
        raise ValueError(f"unknown report kind: {kind}")
    return builders[kind](**kwargs)

"""A report version's row: where its data came from, without a stray separator, data marked as data."""

from __future__ import annotations

from types import SimpleNamespace

from django.template.loader import render_to_string
from django.utils import translation


def _row(*, round_title: str | None, records: int, datasets: list[str]) -> str:
    version = SimpleNamespace(
        pk=7, program_id=1, status="done", file=None, year=2026, progress=100, error="", created_at=None,
        round=SimpleNamespace(title=round_title) if round_title else None,
        source={"value_records": list(range(records)), "datasets": datasets},
        get_kind_display="年度监测评估报告", get_fmt_display="PDF", get_status_display="已完成",
        created_by=SimpleNamespace(get_username="admin"))
    with translation.override("zh-hans"):
        html = render_to_string("reports/_version_row.html", {"v": version})
    cells = html.split("<td")
    return cells[6]  # the 数据来源 cell


def test_without_a_round_the_source_starts_with_the_value_count():
    """The annual report of 该年度最后一轮 showed “· 21 条指标数值”: a separator before nothing."""
    cell = _row(round_title=None, records=21, datasets=[])
    assert cell.startswith(">21 条指标数值")


def test_round_and_datasets_are_marked_as_data_and_joined_once():
    cell = _row(round_title="示例：2026年度工作推进情况", records=2, datasets=["demo-patents"])
    assert cell.startswith('><span lang="zh">示例：2026年度工作推进情况</span> · 2 条指标数值 · '
                           '<span lang="zh">demo-patents</span>')
